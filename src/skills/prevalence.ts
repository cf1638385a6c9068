import type { SkillRelation } from './model.js';

/**
 * How widely each skill is asked for, as ranking uses it: a library's own
 * figures (`extra.prevalence`, e.g. the ESCO occupations that list a skill)
 * carried up its hierarchy. A broader skill is asked for wherever one of its
 * narrower skills is, and ESCO links many transversal skills ("work in
 * teams") to no occupation at all, only their sector variants ("work in a
 * construction team"). So each skill takes the largest figure found at or
 * below it through `broader` relations. Done when a release is loaded, not
 * stored, so releases imported earlier gain it too.
 */
export function rollUpPrevalence(direct: ReadonlyMap<string, number>, relations: readonly SkillRelation[]): Map<string, number> {
  const narrowerOf = new Map<string, string[]>();
  for (const relation of relations) {
    if (relation.kind !== 'broader') continue;
    const list = narrowerOf.get(relation.targetId);
    if (list === undefined) narrowerOf.set(relation.targetId, [relation.sourceId]);
    else list.push(relation.sourceId);
  }
  if (direct.size === 0 || narrowerOf.size === 0) return new Map(direct);
  const rolled = new Map<string, number>();
  const visiting = new Set<string>();
  const at = (id: string): number | undefined => {
    if (rolled.has(id)) return rolled.get(id);
    // A cycle in the hierarchy adds nothing to what is already counted.
    if (visiting.has(id)) return direct.get(id);
    visiting.add(id);
    let best = direct.get(id);
    for (const narrower of narrowerOf.get(id) ?? []) {
      const below = at(narrower);
      if (below !== undefined && (best === undefined || below > best)) best = below;
    }
    visiting.delete(id);
    if (best !== undefined) rolled.set(id, best);
    return best;
  };
  for (const id of direct.keys()) at(id);
  for (const id of narrowerOf.keys()) at(id);
  return rolled;
}
