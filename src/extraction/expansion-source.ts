import { readDefaultLibrary } from '../skills/default-library.js';
import type { Skill } from '../skills/model.js';

let bundled: readonly Skill[] | undefined;

/**
 * The skills other libraries' documents are expanded from: the project's own
 * default library, bundled with it, read once per thread. Undefined when it
 * cannot be read, so extraction still works without it.
 */
export function bundledExpansionSource(): readonly Skill[] | undefined {
  if (bundled === undefined) {
    try {
      bundled = readDefaultLibrary().content.skills;
    } catch {
      return undefined;
    }
  }
  return bundled;
}
