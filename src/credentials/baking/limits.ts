import { OpenlerError } from '../../common/errors.js';

/**
 * The largest badge image openler bakes or reads, before and after baking:
 * 5 MiB. Badge images are small pictures (the fixtures are under 100 KiB); the
 * bound keeps a hostile upload from costing memory and parse time, and it
 * also caps the credential text a baked image can carry.
 */
export const MAX_BADGE_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * The deepest element nesting accepted in an SVG badge. The XML parser keeps
 * its open elements in a list that costs as much as the depth at each start
 * tag, so unbounded nesting would make parse time quadratic; real badge
 * artwork is a handful of groups deep (browsers stop at 512 too).
 */
export const MAX_SVG_DEPTH = 512;

function formatBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB (${exact})` : exact;
}

/** Rejects an image (or a baked result) past MAX_BADGE_IMAGE_BYTES as payload_too_large. */
export function assertImageSize(size: number, what: string): void {
  if (size > MAX_BADGE_IMAGE_BYTES) {
    throw new OpenlerError('payload_too_large', `${what} is ${formatBytes(size)}; badge images are limited to ${formatBytes(MAX_BADGE_IMAGE_BYTES)}`, {
      field: 'image',
      limit: MAX_BADGE_IMAGE_BYTES,
    });
  }
}
