import type { Skill } from '../skills/model.js';
import { functionWords } from './lexicon.js';
import { scan } from './scan.js';

/** Extra weighted terms (canonical forms) for one skill's implicit-matching document. */
export type LentTerms = Map<string, number>;

/**
 * A source skill that has one of a target skill's labels is the same concept:
 * its other labels are synonyms, lent a little above an alias's weight (1),
 * since the target's own text did not have them.
 */
const sameLabelWeight = 1.5;
/** A source field lends the labels of all its skills to the target that best names it: many words, each weak. */
const fieldWeight = 0.15;
/** A label shared by more target skills than this says nothing about which one a source skill is. */
const maxSameLabelTargets = 2;
/** How much of the field name's rarity a target name must cover (shared over both names' words, rarity-weighted). */
const minFieldCoverage = 0.5;
/** What each of a field's skills that has a label of the target adds to the target's cover (at most three count). */
const memberVote = 0.25;

/**
 * Document expansion: the skills of another library (the bundled default
 * library) lend their labels to the skills of `targets` they crosswalk to, so
 * that the implicit layer knows, say, that AWS and Azure are cloud
 * technologies or that ES6 is JavaScript where the target library's own text
 * never says so. Computed once, when the implicit matcher is built: nothing
 * is looked up per sentence. Both crosswalks are automatic:
 *
 * - same label: a source skill with a name or alias that is, in canonical
 *   form, a label of one or two target skills lends them its name and aliases;
 * - field: a source subcategory ("Cloud Platforms") lends the names and
 *   aliases of its skills to the target skill whose name covers the field's
 *   name best ("cloud technologies"), helped by how many of the field's
 *   skills have that target's labels. A skill whose description names a field
 *   of several words ("Amazon's public cloud platform") counts as one of its
 *   skills too.
 *
 * Returns, per target skill index, the terms to add (absent: none).
 */
export function lentTerms(targets: readonly Skill[], sources: readonly Skill[], canonical: (word: string) => string): Map<number, LentTerms> {
  // As the implicit matcher reads text: no function words, nothing shorter than three letters.
  const termsOf = (text: string) => scan(text).words.filter((word) => word.length >= 3 && !functionWords.has(word)).map(canonical);
  const keyOf = (label: string) => scan(label).words.map(canonical).join(' ');
  const labelsOf = (skill: Skill) => [skill.name, ...skill.aliases];
  const lent = new Map<number, LentTerms>();
  const lend = (targetIndex: number, skill: Skill, weight: number) => {
    let terms = lent.get(targetIndex);
    if (terms === undefined) {
      terms = new Map();
      lent.set(targetIndex, terms);
    }
    for (const label of labelsOf(skill)) for (const term of termsOf(label)) terms.set(term, (terms.get(term) ?? 0) + weight);
  };
  // A certification is held, not described; the implicit layer leaves it out, and it says nothing of a field.
  const described = sources.filter((skill) => skill.type !== 'certification');

  // Source labels by key, then each target label looked up: far fewer keys kept than the other way round.
  const sourcesByLabel = new Map<string, Skill[]>();
  for (const skill of described) {
    for (const label of labelsOf(skill)) {
      const key = keyOf(label);
      if (key === '') continue;
      const list = sourcesByLabel.get(key) ?? [];
      if (!list.includes(skill)) list.push(skill);
      sourcesByLabel.set(key, list);
    }
  }
  const sameLabelTargets = new Map<Skill, Set<number>>();
  targets.forEach((target, index) => {
    for (const label of labelsOf(target)) {
      for (const skill of sourcesByLabel.get(keyOf(label)) ?? []) {
        const matched = sameLabelTargets.get(skill) ?? new Set<number>();
        matched.add(index);
        sameLabelTargets.set(skill, matched);
      }
    }
  });
  for (const [skill, matched] of sameLabelTargets) {
    if (matched.size > maxSameLabelTargets) sameLabelTargets.delete(skill);
    else for (const index of matched) lend(index, skill, sameLabelWeight);
  }

  const names = new NameIndex(targets, (text) => scan(text).words.filter((word) => !functionWords.has(word)).map(canonical));
  for (const [field, members] of fieldsOf(described, termsOf)) {
    const best = names.bestForField(field, members, sameLabelTargets);
    if (best !== undefined) for (const skill of members) lend(best, skill, fieldWeight);
  }
  return lent;
}

/** The skills of each subcategory, plus those whose description names a subcategory of two words or more. */
function fieldsOf(skills: readonly Skill[], termsOf: (text: string) => string[]): Map<string, Skill[]> {
  const fields = new Map<string, Skill[]>();
  for (const skill of skills) {
    if (skill.subcategory === '') continue;
    const list = fields.get(skill.subcategory) ?? [];
    list.push(skill);
    fields.set(skill.subcategory, list);
  }
  const phrases = [...fields.keys()].map((field) => [field, termsOf(field)] as const).filter(([, terms]) => terms.length >= 2);
  for (const skill of skills) {
    if (skill.description === '') continue;
    const words = termsOf(skill.description);
    for (const [field, phrase] of phrases) {
      if (field === skill.subcategory) continue;
      for (let i = 0; i + phrase.length <= words.length; i += 1) {
        if (phrase.every((term, k) => words[i + k] === term)) {
          (fields.get(field) as Skill[]).push(skill);
          break;
        }
      }
    }
  }
  return fields;
}

/** The words of every target skill's name, how rare each word is among them, and the names each word is in. */
class NameIndex {
  private readonly terms: Array<Set<string>>;
  private readonly byTerm = new Map<string, number[]>();
  private readonly frequency = new Map<string, number>();

  constructor(private readonly targets: readonly Skill[], private readonly wordsOf: (text: string) => string[]) {
    this.terms = targets.map((skill) => new Set(wordsOf(skill.name)));
    this.terms.forEach((set, skillIndex) => {
      for (const term of set) {
        this.frequency.set(term, (this.frequency.get(term) ?? 0) + 1);
        const list = this.byTerm.get(term) ?? [];
        list.push(skillIndex);
        this.byTerm.set(term, list);
      }
    });
  }

  private rarity(term: string): number {
    return Math.log(1 + this.targets.length / (1 + (this.frequency.get(term) ?? 0)));
  }

  /**
   * The target skill that best names a field: its name covers most of the
   * field's name (weighted by how rare each word is among target names) and
   * the field's skills have its labels. With two words or more in the field's
   * name, a target sharing only one of them needs such a skill ("Security
   * Services" is not "securities"). None when no target is clearly best.
   */
  bestForField(field: string, members: readonly Skill[], sameLabelTargets: ReadonlyMap<Skill, ReadonlySet<number>>): number | undefined {
    // Short words count here ("Responsible AI" is not "responsible gambling").
    const fieldTerms = new Set(this.wordsOf(field));
    if (fieldTerms.size === 0) return undefined;
    const votes = new Map<number, number>();
    for (const member of members) for (const target of sameLabelTargets.get(member) ?? []) votes.set(target, (votes.get(target) ?? 0) + 1);
    const candidates = new Set(votes.keys());
    for (const term of fieldTerms) for (const target of this.byTerm.get(term) ?? []) candidates.add(target);
    let best: number | undefined;
    let bestScore = 0;
    let secondScore = 0;
    for (const target of candidates) {
      const terms = this.terms[target] as Set<string>;
      let shared = 0;
      let sharedCount = 0;
      let union = 0;
      for (const term of fieldTerms) {
        union += this.rarity(term);
        if (terms.has(term)) {
          shared += this.rarity(term);
          sharedCount += 1;
        }
      }
      const vote = votes.get(target) ?? 0;
      if (fieldTerms.size >= 2 && sharedCount < 2 && vote === 0) continue;
      for (const term of terms) if (!fieldTerms.has(term)) union += this.rarity(term);
      const score = shared / union + memberVote * Math.min(3, vote);
      if (score > bestScore) {
        secondScore = bestScore;
        bestScore = score;
        best = target;
      } else if (score > secondScore) {
        secondScore = score;
      }
    }
    return bestScore >= minFieldCoverage && bestScore > secondScore ? best : undefined;
  }
}
