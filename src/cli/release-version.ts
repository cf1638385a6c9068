import type { Context } from '../context.js';
import { operator, type ReleaseSelector } from '../skills/catalog.js';

/**
 * ESCO names its releases "v1.1.1" and users type "1.1.1" (or the other way
 * round): the release asked for, read with or without the leading "v" when
 * exactly one of the library's releases matches that way. Anything else is
 * answered unchanged, so the catalog reports an unknown release as usual.
 */
export function matchReleaseVersion(asked: string | undefined, available: readonly string[]): string | undefined {
  if (asked === undefined || available.includes(asked)) return asked;
  const bare = (version: string) => version.replace(/^v/i, '');
  const matches = available.filter((version) => bare(version) === bare(asked));
  return matches.length === 1 ? matches[0] : asked;
}

/** A release selector from the command line, its version matched against the library's releases. */
export function releaseSelector(context: Context, selector: ReleaseSelector): ReleaseSelector {
  if (selector.version === undefined) return selector;
  const library = selector.library ?? context.catalog.resolve({}, operator).library.id;
  const available = context.catalog.listVersions(library, operator).map((version) => version.version);
  const version = matchReleaseVersion(selector.version, available);
  return { library, version };
}
