/**
 * Word lists the extractor relies on, written for openler. They encode
 * knowledge of English usage that no skills library holds.
 */

/** Words that carry no skill meaning on their own. */
export const functionWords = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'at', 'by', 'from', 'as', 'is', 'are', 'be', 'was', 'were',
  'this', 'that', 'these', 'those', 'it', 'its', 'we', 'you', 'our', 'your', 'their', 'they', 'he', 'she', 'i', 'my', 'will', 'can',
  'may', 'must', 'should', 'all', 'any', 'each', 'other', 'such', 'into', 'via', 'per', 'not', 'no', 'but', 'if', 'so', 'than',
  'who', 'which', 'what', 'when', 'where', 'how', 'has', 'have', 'had', 'do', 'does', 'using', 'use', 'used', 'including', 'etc',
]);

/**
 * Skill names that are also everyday English words or names: a match needs
 * context ("Java and SQL", not "a cup of java"; "Apache Spark", not "spark joy").
 */
export const ambiguousWords = new Set([
  'java', 'go', 'swift', 'spark', 'chef', 'access', 'excel', 'word', 'outlook', 'teams', 'project', 'rust', 'ruby', 'shell',
  'puppet', 'salt', 'express', 'react', 'spring', 'rails', 'hive', 'pig', 'storm', 'flask', 'julia', 'dart', 'crystal', 'elixir',
  'basic', 'pascal', 'logo', 'scheme', 'pandas', 'bamboo', 'compass', 'mode', 'slack', 'zoom', 'sage', 'unity', 'ant',
  'jest', 'mocha', 'karma', 'jasmine', 'cypress', 'mercury', 'apex', 'lambda', 'glue', 'athena', 'beam', 'delta', 'snowflake',
  'aurora', 'canvas', 'blackboard', 'epic', 'oracle', 'next', 'nest', 'ember', 'backbone', 'meteor', 'ghost', 'square', 'clover',
  'toast', 'stripe', 'sentry', 'consul', 'vault', 'packer', 'helm', 'envoy', 'harbor', 'elastic', 'arrow', 'yarn', 'phoenix',
  'drone', 'flux', 'make', 'cargo', 'poetry', 'composer', 'drive', 'office', 'publisher', 'orange', 'torch', 'ray', 'falcon',
  'bloom', 'whisper', 'stable', 'notion', 'box', 'monday', 'sketch', 'framer', 'plastic', 'carbon', 'signal', 'vision', 'pilot',
  'tableau', 'looker', 'impact', 'reach', 'balance', 'focus', 'lead', 'scale', 'edge', 'core', 'base', 'forge', 'bridge',
  'anchor', 'beacon', 'pulse', 'insight', 'quest', 'summit', 'peak', 'atlas', 'matrix', 'vertex', 'vector', 'kernel', 'gem',
  'prime', 'present', 'chrome', 'safari', 'edge', 'windows', 'mac', 'scala', 'groovy', 
  'lisp', 'ada', 'assembly', 'fish', 'atom', 'brackets', 'sublime',
]);

/**
 * Nouns of action that also appear as verbs, so that "budget management" is
 * found as "managed budgets" and "data analysis" as "analyzing data".
 */
const actionNouns = [
  'management', 'analysis', 'development', 'design', 'planning', 'maintenance', 'testing', 'administration', 'preparation',
  'reporting', 'writing', 'programming', 'engineering', 'support', 'control', 'operation', 'installation', 'repair', 'assessment',
  'monitoring', 'training', 'coordination', 'scheduling', 'processing', 'evaluation', 'configuration', 'troubleshooting',
  'negotiation', 'forecasting', 'auditing', 'modeling', 'optimization', 'integration', 'deployment', 'documentation', 'inspection',
  'measurement', 'collection', 'cleaning', 'handling', 'tracking', 'review', 'research', 'editing', 'construction', 'production',
  'recruitment', 'procurement', 'delivery', 'implementation', 'automation', 'visualization', 'migration', 'estimation',
  'calculation', 'reconciliation', 'preparation', 'mentoring', 'coaching', 'supervision', 'budgeting', 'cooking', 'driving',
  'welding', 'mapping', 'modelling', 'entry', 'care', 'service', 'sales', 'marketing', 'improvement', 'resolution', 'prevention',
];
const actionNounSet = new Set(actionNouns);

/** Whether a label word, as the label writes it, is a noun of action ("management", not "manager"). */
export function isActionNoun(labelWord: string): boolean {
  return actionNounSet.has(labelWord.toLowerCase());
}

/** Words that say a nearby ambiguous name is meant as technology ("Java developer", "Spark cluster"). */
export const technologyCues = new Set([
  'programming', 'program', 'programmer', 'programmers', 'language', 'languages', 'framework', 'frameworks', 'library', 'libraries', 'developer', 'developers',
  'development', 'software', 'code', 'coding', 'engineer', 'engineering', 'stack', 'backend', 'frontend', 'api', 'apis', 'database',
  'databases', 'cloud', 'scripting', 'scripts', 'sdk', 'platform', 'tool', 'tools', 'application', 'applications', 'server', 'cluster',
  'pipeline', 'pipelines', 'deploy', 'deployment', 'microservices', 'spreadsheet', 'spreadsheets', 'pivot', 'vlookup', 'macros',
  'microsoft', 'apache', 'google', 'amazon', 'aws', 'azure', 'proficiency', 'proficient', 'certified', 'sql', 'data',
].map((word) => word));

/**
 * Phrases that introduce what follows as a skill ("experience with python",
 * "knowledge of excel"): per last word of the phrase, the words that may
 * come before it.
 */
const skillFrames = new Map<string, ReadonlySet<string>>([
  ['with', new Set(['experience', 'experienced', 'proficient', 'proficiency', 'familiar', 'familiarity', 'expertise', 'comfortable'])],
  ['in', new Set(['experience', 'experienced', 'proficient', 'proficiency', 'skilled', 'expertise', 'expert', 'fluent', 'fluency', 'competent', 'background', 'certified'])],
  ['of', new Set(['knowledge', 'understanding'])],
]);

/** Headings of a list of skills ("Skills: python"), which introduce what follows their colon. */
const skillListHeadings = new Set(['skills', 'tools', 'languages', 'technologies', 'stack', 'frameworks', 'software', 'technical']);

/** Words after which a mention is a noun's complement ("access to care", "a spark of genius"), not the thing the frame asks for. */
const complementWords = new Set(['to', 'of', 'for', 'from', 'at', 'by', 'about']);

/** Words after which a mention is the whole object of its frame ("experience with excel required"), not the start of a longer noun. */
const objectEndWords = new Set(['required', 'preferred', 'desired', 'necessary', 'essential', 'needed', 'a', 'is', 'are', 'skills', 'experience', 'knowledge']);

/** People who build software, named after their tool: "Java developer", "R programmer", "Spark engineers". */
const softwareRoles = new Set(['developer', 'developers', 'programmer', 'programmers', 'engineer', 'engineers']);

/** Whether a word after a software name makes the two a role ("Java developer"), which only the tool can be the first word of. */
export function isSoftwareRole(word: string): boolean {
  return softwareRoles.has(word);
}

/** Whether a word after a mention names it as a skill: "troubleshooting skills", "excel skills". */
export function isSkillWord(word: string): boolean {
  return word === 'skills' || word === 'skill';
}

/** Nouns a field's name modifies when it names their kind: "sales data", "the accounting department", "a nursing home". */
const fieldModifiedNouns = new Set([
  'data', 'figures', 'numbers', 'entries', 'records', 'reports', 'tax', 'taxes', 'quota', 'quotas', 'team', 'teams', 'department',
  'departments', 'staff', 'office', 'offices', 'floor', 'firm', 'firms', 'agency', 'agencies', 'student', 'students', 'home', 'homes',
  'facility', 'facilities', 'center', 'centers', 'centre', 'centres', 'copy', 'materials', 'collateral', 'budget', 'calendar',
]);

/** Whether a field's name right before this word names the word's kind ("sales data"), not a skill. */
export function isFieldModifiedNoun(word: string): boolean {
  return fieldModifiedNouns.has(word);
}

/** Whether a word after a mention says the mention is the whole thing asked for ("excel required"). */
export function isObjectEndWord(word: string): boolean {
  return objectEndWords.has(word);
}

/** Whether a word after a mention makes it a noun's complement ("access to care"), so no frame before it asks for it. */
export function isComplementWord(word: string): boolean {
  return complementWords.has(word);
}

/** Whether a word heads a list of skills ("Skills: python"), when a colon follows it. */
export function isSkillListHeading(word: string): boolean {
  return skillListHeadings.has(word);
}

/** Whether the two words before a mention are a frame that asks for a skill ("experience with", "knowledge of"). */
export function isSkillFrame(secondBefore: string, before: string): boolean {
  return skillFrames.get(before)?.has(secondBefore) === true;
}

/**
 * Words that name a skill except in set phrases: "we are hiring" is no
 * Recruiting, "under the supervision of" no Supervisory Skills. Each entry
 * lists the words that, read backwards from the word, make the phrase.
 */
const idioms = new Map<string, string[][]>([
  ['hiring', [['are'], ['is'], ['now'], ['re'], ['currently']]],
  ['confidence', [['with'], ['in']]],
  ['supervision', [['the', 'under'], ['under'], ['direct'], ['general']]],
  // "present findings to clinical leadership": the people who lead, not the skill.
  ['leadership', [['to'], ['from'], ['the', 'to'], ['the', 'from'], ['clinical', 'to'], ['senior', 'to'], ['executive', 'to'], ['senior', 'from'], ['executive', 'from'], ['company', 'to']]],
]);

/** Whether the word at `index` stands in one of its set phrases. */
export function isIdiom(words: readonly string[], index: number): boolean {
  const phrases = idioms.get(words[index] as string);
  if (phrases === undefined) return false;
  return phrases.some((phrase) => phrase.every((word, back) => words[index - 1 - back] === word));
}

/** Phrases of the legal boilerplate at the foot of job postings, which describe the employer, not a skill asked for. */
const boilerplatePhrases = [
  ['equal', 'opportunity', 'employer'],
  ['without', 'regard', 'to'],
  ['reasonable', 'accommodation'],
  ['reasonable', 'accommodations'],
  ['affirmative', 'action', 'employer'],
  // Civil-service minimum qualifications: "education and/or experience equivalent to ...".
  ['education', 'and', 'or', 'experience'],
];

/** Whether the words [from, to) hold a boilerplate phrase. */
export function isBoilerplate(words: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const word = words[i];
    for (const phrase of boilerplatePhrases) {
      if (phrase[0] === word && i + phrase.length <= to && phrase.every((part, k) => words[i + k] === part)) return true;
    }
  }
  return false;
}

/**
 * Section headings of job postings and resumes. A line that is only one of
 * these ("JOB DESCRIPTION", "Job Summary:") names a part of the document,
 * not a skill asked for, even where a skill shares the words (Job
 * Description Writing).
 */
export const sectionHeadings = [
  'job description', 'job summary', 'job duties', 'job requirements', 'job details', 'job overview', 'job posting',
  'position description', 'position summary', 'role description', 'duties and responsibilities', 'responsibilities',
  'requirements', 'qualifications', 'benefits', 'about us', 'summary', 'objective', 'references', 'work experience',
];

/**
 * Particles that make a phrasal verb of the word before them ("make up a
 * total", "set up the room"). The noun is written joined or hyphenated
 * ("make-up", "setup", "check-in"); written apart the two words are usually
 * the verb.
 */
export const verbParticles = new Set(['up', 'out', 'off', 'down', 'over', 'away', 'back', 'in', 'on']);

/** Words that follow a clock time ("8:00 AM", "4 p.m."): after a time they are the time of day, not an acronym. */
export const timeOfDayWords = new Set(['am', 'pm', 'a.m', 'p.m']);
