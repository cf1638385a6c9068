import type { Skill, VersionChanges } from './model.js';
import type { RedirectRow } from './queries.js';

const comparedFields = ['type', 'category', 'subcategory', 'description', 'isSoftware', 'isLanguage', 'aliases', 'tags', 'status'] as const;

/**
 * What changed between two releases, from their snapshots: additions,
 * removals, renames (same ID, new name), consolidations (IDs merged into a
 * successor) and other updates.
 */
export function diffReleases(
  library: string,
  from: { version: string | null; seq: number; skills: readonly Skill[] },
  to: { version: string; seq: number; skills: readonly Skill[] },
  redirects: readonly RedirectRow[],
): VersionChanges {
  const before = new Map(from.skills.map((skill) => [skill.id, skill]));
  const after = new Map(to.skills.map((skill) => [skill.id, skill]));
  const merges = redirects.filter((redirect) => redirect.seq > from.seq && redirect.seq <= to.seq && before.has(redirect.fromId));
  const mergedAway = new Set(merges.map((merge) => merge.fromId));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

  const additions = to.skills.filter((skill) => !before.has(skill.id)).map(ref).sort(byName);
  const removals = from.skills.filter((skill) => !after.has(skill.id) && !mergedAway.has(skill.id)).map(ref).sort(byName);
  const renames: VersionChanges['renames'] = [];
  const updates: VersionChanges['updates'] = [];
  for (const skill of to.skills) {
    const old = before.get(skill.id);
    if (old === undefined) continue;
    if (old.name !== skill.name) renames.push({ id: skill.id, oldName: old.name, newName: skill.name });
    const fields = comparedFields.filter((field) => JSON.stringify(old[field]) !== JSON.stringify(skill[field]));
    if (fields.length > 0) updates.push({ id: skill.id, name: skill.name, fields: [...fields] });
  }
  const consolidated = new Map<string, VersionChanges['consolidations'][number]>();
  for (const merge of merges) {
    const successor = after.get(merge.toId);
    const retired = before.get(merge.fromId);
    if (successor === undefined || retired === undefined) continue;
    const entry = consolidated.get(successor.id) ?? { id: successor.id, name: successor.name, mergedIds: [] };
    entry.mergedIds.push(ref(retired));
    consolidated.set(successor.id, entry);
  }
  return {
    library,
    from: from.version,
    to: to.version,
    additions,
    removals,
    renames: renames.sort((a, b) => a.newName.localeCompare(b.newName)),
    consolidations: [...consolidated.values()].sort(byName),
    updates: updates.sort(byName),
  };
}

function ref(skill: Skill): { id: string; name: string } {
  return { id: skill.id, name: skill.name };
}
