import { extname } from 'node:path';
import { OpenlerError } from '../common/errors.js';
import { hasPngSignature } from '../credentials/baking/png.js';

export interface BakedFormat {
  extension: '.png' | '.svg';
  contentType: 'image/png' | 'image/svg+xml';
}

const png: BakedFormat = { extension: '.png', contentType: 'image/png' };
const svg: BakedFormat = { extension: '.svg', contentType: 'image/svg+xml' };

/**
 * The badge format `credential bake --out FILE` asks for by its extension,
 * checked before anything is baked against what openler can make: a PNG only
 * from a PNG --image (the badge openler draws itself is SVG), an SVG from an
 * SVG --image or from nothing. Any other extension is refused, so a file's
 * name never lies about its bytes.
 */
export function bakedFormatFor(out: string, image: { path: string; bytes: Uint8Array } | undefined): BakedFormat {
  const extension = extname(out).toLowerCase();
  const asked = extension === '.png' ? png : extension === '.svg' ? svg : undefined;
  if (asked === undefined) {
    throw new OpenlerError('validation_failed', `--out ${out}: a baked badge is written as a .png or an .svg file`, { field: 'out' });
  }
  if (image === undefined) {
    if (asked === png) throw new OpenlerError('validation_failed', `--out ${out}: openler draws its own badge as SVG only; pass --image with a PNG badge to bake into, or write an .svg file`, { field: 'out' });
    return svg;
  }
  const given = hasPngSignature(image.bytes) ? png : svg;
  if (given !== asked) {
    throw new OpenlerError('validation_failed', `--out ${out}: the --image ${image.path} is ${given === png ? 'a PNG' : 'an SVG'}, so the baked badge is too; write a ${given.extension} file`, { field: 'out' });
  }
  return asked;
}
