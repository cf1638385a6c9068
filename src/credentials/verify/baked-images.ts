import { OpenlerError } from '../../common/errors.js';
import { extractPngCredentialText } from '../baking/png.js';
import { extractSvgCredentialText } from '../baking/svg.js';
import type { BakedImageReaders } from './input.js';

/** The baking module's readers; an image without a baked credential is unusable input. */
export const bakedImageReaders: BakedImageReaders = {
  png(bytes) {
    const text = extractPngCredentialText(bytes);
    if (text === undefined) throw new OpenlerError('bad_request', 'The PNG holds no baked credential (no openbadgecredential iTXt chunk)', { field: 'credential' });
    return text;
  },
  svg(text) {
    const credential = extractSvgCredentialText(text);
    if (credential === undefined) throw new OpenlerError('bad_request', 'The SVG holds no baked credential (no openbadges:credential element)', { field: 'credential' });
    return credential;
  },
};
