import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDefaultLibrary } from '../skills/default-library.js';
import { makeSkill } from '../skills/testing.js';
import { SkillExtractor } from './extractor.js';

const skills = [
  makeSkill({ id: 'java', name: 'Java (Programming Language)', aliases: ['Java'], isSoftware: true, description: 'An object-oriented programming language for the JVM used in enterprise software.' }),
  makeSkill({ id: 'sql', name: 'SQL', aliases: ['Structured Query Language'], isSoftware: true, description: 'A query language for relational databases.' }),
  makeSkill({ id: 'cpp', name: 'C++', isSoftware: true }),
  makeSkill({ id: 'csharp', name: 'C#', isSoftware: true }),
  makeSkill({ id: 'dotnet', name: '.NET', isSoftware: true }),
  makeSkill({ id: 'node', name: 'Node.js', aliases: ['Node'], isSoftware: true }),
  makeSkill({ id: 'excel', name: 'Microsoft Excel', aliases: ['Excel'], isSoftware: true, category: 'Business and Management', subcategory: 'Office Software', description: 'Spreadsheet software for formulas, pivot tables and charts.' }),
  makeSkill({ id: 'budget', name: 'Budget Management', aliases: ['Budgeting'], category: 'Finance and Accounting', subcategory: 'Financial Planning', description: 'Planning, allocating and controlling an organization budget.' }),
  makeSkill({ id: 'written', name: 'Written Communication', type: 'common', category: 'Common Skills', subcategory: 'Communication' }),
  makeSkill({ id: 'verbal', name: 'Verbal Communication', type: 'common', category: 'Common Skills', subcategory: 'Communication' }),
  makeSkill({ id: 'ecom', name: 'E-Commerce', category: 'Sales and Marketing', subcategory: 'Digital Sales' }),
  makeSkill({ id: 'cpr', name: 'Cardiopulmonary Resuscitation (CPR)', aliases: ['CPR'], category: 'Health Care', subcategory: 'Emergency Care', description: 'Chest compressions and rescue breathing for cardiac arrest.' }),
  makeSkill({ id: 'safe', name: 'Scaled Agile Framework (SAFe)', aliases: ['SAFe'], category: 'Business and Management', subcategory: 'Agile Methods' }),
  makeSkill({ id: 'teambuilding', name: 'Team Building', type: 'common', category: 'Common Skills', subcategory: 'Teamwork' }),
  makeSkill({ id: 'devex', name: 'Developer Experience', category: 'Software Development', subcategory: 'Engineering Practice' }),
  makeSkill({ id: 'dataeng', name: 'Data Engineering', aliases: ['building engineer'], category: 'Data Science and Analytics', subcategory: 'Data Engineering' }),
  makeSkill({ id: 'recruiting', name: 'Recruiting', aliases: ['Hiring'], category: 'Human Resources', subcategory: 'Recruiting' }),
  makeSkill({ id: 'bookkeeping', name: 'Bookkeeping', category: 'Finance and Accounting', subcategory: 'Accounting', description: 'Recording financial transactions in the books and keeping ledgers balanced for monthly statements.' }),
];
const extractor = new SkillExtractor(skills);
const ids = (text: string, options = {}) => extractor.extract(text, options).skills.map((entry) => entry.skill.id).sort();

describe('SkillExtractor, literal mentions', () => {
  it('finds names and aliases in any case, with offsets', () => {
    const text = 'Writes structured query language daily; knows c++ too.';
    const result = extractor.extract(text);
    const sql = result.skills.find((entry) => entry.skill.id === 'sql');
    assert.ok(sql);
    assert.equal(text.slice(sql.spans[0]?.start, sql.spans[0]?.end), 'structured query language');
    assert.ok(result.skills.some((entry) => entry.skill.id === 'cpp'));
  });
  it('keeps symbols apart: C++, C#, .NET, Node.js', () => {
    assert.deepEqual(ids('We use C#, .NET, C++ and NodeJS.'), ['cpp', 'csharp', 'dotnet', 'node']);
  });
  it('finds inflected and reordered forms', () => {
    assert.deepEqual(ids('Managed budgets for three departments.'), ['budget']);
    assert.deepEqual(ids('Responsible for managing the budget.'), ['budget']);
  });
  it('expands coordinations', () => {
    assert.deepEqual(ids('Excellent written and verbal communication.'), ['verbal', 'written']);
  });
  it('matches hyphenated names with or without the hyphen', () => {
    assert.deepEqual(ids('Grew ecommerce revenue.'), ['ecom']);
    assert.deepEqual(ids('Grew e-commerce revenue.'), ['ecom']);
  });
  it('decides ambiguous words from context', () => {
    assert.deepEqual(ids('Java developer building enterprise software with SQL.'), ['java', 'sql']);
    assert.deepEqual(ids('Grab a cup of java before the meeting.'), []);
    assert.deepEqual(ids('Build pivot tables and charts in Excel.', { mode: 'literal' }), ['excel']);
    assert.deepEqual(ids('We excel at friendly service.'), []);
  });
  it('reads the form of the words, not just their stems', () => {
    // Mixed-case short names count only as written or in capitals.
    assert.deepEqual(ids('Certified in SAFe and SAFE practices.'), ['safe']);
    assert.deepEqual(ids('Keep the floor safe. Safe lifting.'), []);
    // A label never spans a comma or a bracket.
    assert.deepEqual(ids('Lead the kitchen team, build weekly menus.', { mode: 'literal' }), []);
    assert.deepEqual(ids('Good at team building.'), ['teambuilding']);
    // A job title is not the activity, a participle not the noun, an agent noun not an action.
    assert.deepEqual(ids('We need a data engineer.', { mode: 'literal' }), []);
    assert.deepEqual(ids('Strong data engineering.'), ['dataeng']);
    assert.deepEqual(ids('A backend developer experienced in Java.', { mode: 'literal' }), ['java']);
    assert.deepEqual(ids('Engineers building services.', { mode: 'literal' }), []);
    // Set phrases: "we are hiring" is not Recruiting.
    assert.deepEqual(ids('We are hiring nurses.'), []);
    assert.deepEqual(ids('Led hiring for the new store.'), ['recruiting']);
  });
  it('reports every span of a repeated skill and is surer for it', () => {
    const once = extractor.extract('SQL.').skills[0];
    const twice = extractor.extract('SQL here, SQL there.').skills[0];
    assert.equal(twice?.spans.length, 2);
    assert.ok((twice?.confidence ?? 0) > (once?.confidence ?? 1));
  });
});

describe('SkillExtractor, what a word is not', () => {
  const fields = new SkillExtractor([
    makeSkill({ id: 'roofing', name: 'Roofing', category: 'Construction' }),
    makeSkill({ id: 'exposure', name: 'Exposure Therapy', aliases: ['ERP'], category: 'Health Care' }),
    makeSkill({ id: 'erp-rollout', name: 'ERP Implementation', aliases: ['ERP rollout'], category: 'Software Development' }),
  ]);
  const found = (text: string) => fields.extract(text).skills.map((entry) => entry.skill.id).sort();
  it('takes a one-word activity from its -ing or past form, not from the thing or a present verb', () => {
    assert.deepEqual(found('Five years of roofing on commercial sites.'), ['roofing']);
    const considered = (text: string) => (fields.extract(text, { trace: true }).trace ?? []).filter((entry) => entry.kind !== 'implicit').map((entry) => entry.skillId);
    assert.deepEqual(considered('Roofed forty houses last summer.'), ['roofing'], 'a past form is weighed in context');
    assert.deepEqual(considered('Inspect the roofs after each storm.'), [], 'the thing itself is not the activity');
  });
  it('leaves out a skill the text rules out with "no" or "without"', () => {
    assert.deepEqual(found('No roofing experience is needed.'), []);
    assert.deepEqual(found('Can work without roofing supervision.'), []);
    assert.deepEqual(found('Some roofing experience is needed.'), ['roofing']);
  });
  it('decides a one-word soft skill from context: listed with other skills, not as a plain word', () => {
    const soft = new SkillExtractor([
      makeSkill({ id: 'planning', name: 'Planning', type: 'common', category: 'Common Skills' }),
      makeSkill({ id: 'teamwork', name: 'Teamwork', type: 'common', category: 'Common Skills' }),
      makeSkill({ id: 'leadership', name: 'Leadership', type: 'common', category: 'Common Skills' }),
    ]);
    const softIds = (text: string) => soft.extract(text).skills.map((entry) => entry.skill.id).sort();
    assert.deepEqual(softIds('Demonstrate teamwork and leadership in group projects.'), ['leadership', 'teamwork']);
    assert.deepEqual(softIds('Strong planning, teamwork and leadership.'), ['leadership', 'planning', 'teamwork']);
    assert.deepEqual(softIds('The planning department is on the second floor.'), []);
  });
  it('keeps a lower-case qualifier in brackets as part of its label', () => {
    const qualified = new SkillExtractor([
      makeSkill({ id: 'qs', name: 'Quantity Surveying', aliases: ['cost management (construction)'] }),
      makeSkill({ id: 'retirement', name: '401(k) Administration', aliases: ['401(k)'] }),
      makeSkill({ id: 'cpr', name: 'Cardiopulmonary Resuscitation (CPR)' }),
    ]);
    const found = (text: string) => qualified.extract(text, { mode: 'literal' }).skills.map((entry) => entry.skill.id).sort();
    assert.deepEqual(found('Identity and cost management on Azure.'), []);
    assert.deepEqual(found('Administer the 401(k) plan.'), ['retirement']);
    assert.deepEqual(found('Trained in cardiopulmonary resuscitation.'), ['cpr']);
  });
  it('drops an alias inside a longer match of a skill from another field', () => {
    assert.deepEqual(found('Lead ERP rollouts across the plants.'), ['erp-rollout']);
    assert.deepEqual(found('Trained in ERP for obsessive-compulsive disorder.'), ['exposure']);
  });
});

describe('SkillExtractor, implicit mentions and options', () => {
  it('finds a skill a sentence describes without naming it', () => {
    const result = extractor.extract('You will keep the books balanced, record transactions in the ledgers and prepare monthly statements.');
    const bookkeeping = result.skills.find((entry) => entry.skill.id === 'bookkeeping');
    assert.ok(bookkeeping, JSON.stringify(result.skills.map((entry) => entry.skill.id)));
    assert.equal(bookkeeping.mention, 'implicit');
    assert.ok(bookkeeping.confidence < 0.8);
  });
  it('skips the implicit layer in literal mode and honours the threshold', () => {
    assert.deepEqual(ids('You will keep the books balanced, record transactions in the ledgers and prepare monthly statements.', { mode: 'literal' }), []);
    assert.deepEqual(ids('Java developer building enterprise software with SQL.', { confidenceThreshold: 0.9 }), ['sql']);
  });
  it('favours the more widely needed of two equally described skills, given prevalence', () => {
    const twins = [
      makeSkill({ id: 'rare', name: 'Tidal Ledger Reconciliation', description: 'Reconciling harbour ledgers with tide tables.' }),
      makeSkill({ id: 'common', name: 'Harbour Ledger Reconciliation', description: 'Reconciling tidal ledgers with harbour tables.' }),
    ];
    const text = 'You will reconcile tidal harbour ledgers against the tables every week.';
    const order = (prevalence?: Map<string, number>) =>
      new SkillExtractor(twins, prevalence).extract(text, { confidenceThreshold: 0 }).skills.map((entry) => entry.skill.id);
    assert.deepEqual(order(new Map([['common', 40]])), ['common', 'rare']);
    assert.deepEqual(order(new Map([['rare', 40]])), ['rare', 'common']);
  });
  it('keeps a skill described by one shared word below the default threshold', () => {
    const text = 'The role involves bookkeeping for the whole team.';
    const loose = extractor.extract('Someone who likes ledgers.', { confidenceThreshold: 0 }).skills.find((entry) => entry.skill.id === 'bookkeeping');
    assert.ok(loose, 'one shared word still ranks when the caller asks for everything');
    assert.ok(loose.confidence < 0.5);
    assert.deepEqual(extractor.extract('Someone who likes ledgers.').skills, []);
    assert.ok(extractor.extract(text).skills.some((entry) => entry.skill.id === 'bookkeeping'));
  });
  it('lifts only the best description of a sentence sharing two words or more over the default threshold', () => {
    const library = new SkillExtractor(readDefaultLibrary().content.skills);
    const text = 'Students write clear business emails, memos and reports.';
    const everything = library.extract(text, { confidenceThreshold: 0 }).skills.filter((entry) => entry.mention === 'implicit');
    assert.ok(everything.length >= 3, 'the sentence describes several skills');
    const kept = library.extract(text).skills.filter((entry) => entry.mention === 'implicit');
    assert.equal(kept.length, 1, JSON.stringify(kept.map((entry) => [entry.skill.name, entry.confidence])));
    assert.equal(kept[0]?.skill.id, everything[0]?.skill.id);
    assert.ok((everything[1]?.confidence ?? 1) < 0.5);
    const reasons = (library.extract(text, { trace: true }).trace ?? []).filter((entry) => entry.kind === 'implicit').map((entry) => entry.reason);
    assert.equal(reasons.filter((reason) => reason.endsWith('the best description of its sentence')).length, 1, 'the trace says which one was lifted');
  });
  it('lifts no description the sentence meets only in the names of skills it spells out', () => {
    const library = new SkillExtractor(readDefaultLibrary().content.skills);
    const described = (text: string) => library.extract(text).skills.filter((entry) => entry.mention === 'implicit').map((entry) => entry.skill.name);
    const ranked = library.extract('Java and Spring developer.', { confidenceThreshold: 0 }).skills.map((entry) => entry.skill.name);
    assert.ok(ranked.includes('Spring Security'), 'the neighbour still ranks for callers who ask for everything');
    assert.deepEqual(described('Java and Spring developer.'), []);
    assert.deepEqual(described('Managed budgets and wrote SQL queries.'), []);
    assert.equal(described('You will keep the books balanced and prepare the monthly statements.').length, 1, 'a sentence naming nothing is still described');
  });
  it('reads each heading, bullet or list line as its own unit, and a wrapped line as the sentence it carries on', () => {
    const library = new SkillExtractor(readDefaultLibrary().content.skills);
    const described = (text: string) => library.extract(text).skills.filter((entry) => entry.mention === 'implicit').map((entry) => entry.spans[0]?.text);
    assert.deepEqual(described('EXPERIENCE\nStaff Nurse, Mercy General Hospital\n\nEDUCATION\nBSN, State University, 2019'), [], 'a heading describes nothing with the line below it');
    assert.deepEqual(described('What you will do\n- Write well-tested code and review your teammates pull requests\n- Keep the books balanced and prepare the monthly statements'), [
      'Write well-tested code and review your teammates pull requests',
      'Keep the books balanced and prepare the monthly statements',
    ]);
    assert.deepEqual(described('You will keep the books balanced and prepare the monthly\nstatements.'), ['You will keep the books balanced and prepare the monthly\nstatements']);
  });
  it('answers empty text with nothing and explains itself in a trace', () => {
    assert.deepEqual(extractor.extract('').skills, []);
    const traced = extractor.extract('Grab a cup of java.', { trace: true });
    assert.equal(traced.trace?.[0]?.kept, false);
    assert.match(traced.trace?.[0]?.reason ?? '', /ambiguous/);
  });
});

describe('SkillExtractor, names, times and abbreviations that are no skill', () => {
  const finance = { category: 'Finance and Accounting', subcategory: 'Finance Software', isSoftware: true };
  const library = new SkillExtractor([
    makeSkill({ id: 'r', name: 'R (Programming Language)', aliases: ['R'], isSoftware: true, description: 'A language for statistical computing and graphics.' }),
    makeSkill({ id: 'bloomberg', name: 'Bloomberg Terminal', aliases: ['Bloomberg'], ...finance, description: 'A platform of real-time market data, bond prices and trading analytics.' }),
    makeSkill({ id: 'factset', name: 'FactSet', ...finance, description: 'Financial data and analytics software.' }),
    makeSkill({ id: 'c', name: 'C (Programming Language)', isSoftware: true, description: 'A systems programming language for data structures and operating systems.' }),
    makeSkill({ id: 'hubspot', name: 'HubSpot CRM', aliases: ['HubSpot'], category: 'Sales and Marketing', subcategory: 'CRM Software', isSoftware: true }),
    makeSkill({ id: 'pm', name: 'Preventive Maintenance', aliases: ['PM'], category: 'Skilled Trades', subcategory: 'Maintenance', description: 'Servicing equipment on a schedule to prevent breakdowns.' }),
    makeSkill({ id: 'ie', name: 'Industrial Engineering', aliases: ['IE'], category: 'Engineering', subcategory: 'Industrial Engineering', description: 'Improving systems of people, materials and equipment for productivity.' }),
    makeSkill({ id: 'doe', name: 'Design of Experiments (DOE)', aliases: ['DOE'], category: 'Manufacturing', subcategory: 'Quality' }),
    makeSkill({ id: 'jd', name: 'Job Description Writing', aliases: ['Job Descriptions'], category: 'Human Resources', subcategory: 'Recruiting' }),
  ]);
  const found = (text: string) => library.extract(text, { mode: 'literal' }).skills.map((entry) => entry.skill.id).sort();
  it('reads a capital letter with a dot between capitalised words as a middle initial, and the word after it as a surname', () => {
    assert.deepEqual(found('Mayor Michael R. Bloomberg announced the plan.'), []);
    assert.deepEqual(found('Statistical computing and graphics in R. Python is a plus.'), ['r']);
    assert.deepEqual(found('Statistics in R and SQL.'), ['r']);
  });
  it('rules out a middle initial whatever cue words surround it, also for a one-letter name with a bracketed qualifier', () => {
    assert.deepEqual(found('Michael R. Bloomberg announced the statistical computing and graphics program.'), []);
    assert.deepEqual(found('Contact Jane C. Doe, data structures and systems programming analyst.'), []);
    assert.deepEqual(found('Write systems programming code in C for operating systems.'), ['c']);
  });
  it('lets context decide a one-word alias that is the brand a software name begins with', () => {
    assert.deepEqual(found('Mayor Michael Bloomberg announced the plan.'), []);
    assert.deepEqual(found('Pull bond prices and market data from Bloomberg and FactSet.'), ['bloomberg', 'factset']);
  });
  it('takes a brand of coined spelling as the software it names, without context', () => {
    assert.deepEqual(found('We run every campaign in HubSpot.'), ['hubspot']);
  });
  it('reads AM and PM after a clock time as the time of day', () => {
    assert.deepEqual(found('Service the equipment on a schedule to prevent breakdowns; shifts run 8:00 AM - 4:00 PM.'), []);
    assert.deepEqual(found('Doors close at 5 PM sharp.'), []);
    assert.deepEqual(found('Complete 40 PM work orders a month on a schedule to prevent breakdowns.'), ['pm']);
  });
  it('takes an all-capitals acronym only in capitals: not in Title Case, not as a lower-case abbreviation with dots', () => {
    assert.deepEqual(found('Contact Jane Doe for details.'), []);
    assert.deepEqual(found('Submit the papers, i.e. Certificate to Proceed, on time.'), []);
    assert.deepEqual(found('Plan a doe hunt.'), [], 'an alias in lower case is a word');
    assert.deepEqual(found('Run a DOE on the line.'), ['doe']);
    assert.deepEqual(found('Apply IE methods to the productivity of people and equipment.'), ['ie']);
  });
  it('lets context decide an acronym in a line written all in capitals', () => {
    assert.deepEqual(found('CONTACT JANE DOE FOR DETAILS'), []);
  });
  it('reads a line that is only a section heading as a heading', () => {
    assert.deepEqual(found('JOB DESCRIPTION\nWe are looking for a cashier.'), []);
    assert.deepEqual(found('Job Description:\nServe customers.'), []);
    assert.deepEqual(found('You will write job descriptions for new roles.'), ['jd']);
  });
  it('reads a heading in capitals set apart by a colon or a run of spaces, as flattened postings write it', () => {
    assert.deepEqual(found('Pay is competitive.    JOB DESCRIPTION           The Account Manager will grow accounts.'), []);
    assert.deepEqual(found('JOB DESCRIPTION: The analyst will review data.'), []);
    assert.deepEqual(found('Job Description: the analyst will review data.'), [], 'a phrase that opens its line and ends in a colon heads it');
    assert.deepEqual(found('You will write JOB DESCRIPTIONS for new roles.'), ['jd']);
    assert.deepEqual(found('You will write job descriptions:  clear and fair ones.'), ['jd'], 'a colon after a phrase inside a sentence makes no heading');
  });
});

describe('SkillExtractor, words of a compound, phrasal verbs and generic aliases', () => {
  const fillers = Array.from({ length: 25 }, (_, k) => makeSkill({ id: `filler-${k}`, name: `operate equipment type ${k}`, category: 'Operations' }));
  const esco = new SkillExtractor([
    ...fillers,
    makeSkill({ id: 'photography', name: 'photography', aliases: ['shooting'], category: 'Arts' }),
    makeSkill({ id: 'troubleshoot', name: 'troubleshoot', aliases: ['troubleshooting'], category: 'ICT' }),
    makeSkill({ id: 'vlan', name: 'Virtual LANs (VLAN)', aliases: ['VLAN'], category: 'ICT' }),
    makeSkill({ id: 'cosmetics', name: 'cosmetics', aliases: ['make up'], category: 'Arts', description: 'Substances applied to the face and body of actors and models to change their appearance.' }),
    makeSkill({ id: 'manuals', name: 'compile airport certification manuals', aliases: ['equipment'], category: 'Aviation', description: 'Compile the certification manuals of an airport and keep them current.' }),
    ...Array.from({ length: 25 }, (_, k) => makeSkill({ id: `filler-electrical-${k}`, name: `install electrical wiring type ${k}`, category: 'Construction' })),
    makeSkill({ id: 'electricity', name: 'electricity', aliases: ['electricals'], category: 'Construction' }),
    makeSkill({ id: 'packaging-equipment', name: 'packaging equipment', aliases: ['equipment'], category: 'Manufacturing', description: 'Machines that fill, seal and label packages on a production line.' }),
  ]);
  const found = (text: string) => esco.extract(text, { mode: 'literal' }).skills.map((entry) => entry.skill.id).filter((id) => !id.startsWith('filler')).sort();
  it('does not start a label at the tail of a hyphenated compound that is itself a word of the labels', () => {
    assert.deepEqual(found('Experience with trouble-shooting of electrical systems.'), []);
    assert.deepEqual(found('Shooting and editing product photos.'), ['photography']);
    assert.deepEqual(found('Configure inter-VLAN routing.'), ['vlan']);
  });
  it('lets context decide a two-word label ending in a verb particle when the text writes it apart', () => {
    assert.deepEqual(found('These parts make up a total of five units.'), []);
    assert.deepEqual(found('Apply make-up to actors before the show.'), ['cosmetics']);
    assert.deepEqual(found('Apply make up to the face of actors and models.'), ['cosmetics']);
  });
  it('lets context decide a one-word alias that is a generic word of the library and not in the name', () => {
    assert.deepEqual(found('Maintain all equipment in good order.'), []);
    assert.deepEqual(found('Keep the airport certification records of the equipment current.'), ['manuals']);
  });
  it('finds a one-word alias that folds to the name as itself, not as the name met through its stem', () => {
    assert.deepEqual(found('Strong troubleshooting skills.'), ['troubleshoot']);
    assert.deepEqual(found('Troubleshooting experience required.'), ['troubleshoot']);
    assert.deepEqual(found('Good at troubleshooting.'), ['troubleshoot']);
  });
  it('lets context decide a generic word of the library cut from a longer name', () => {
    assert.deepEqual(found('Maintain all equipment in good order.'), []);
    assert.deepEqual(found('Fill and seal packages: run the equipment on the production line.'), ['packaging-equipment']);
  });
  it('never counts as generic an alias that is a form of a word of the name', () => {
    assert.deepEqual(found('Install electricals in new homes.'), ['electricity']);
  });
});

describe('SkillExtractor, office programs named by everyday words', () => {
  const library = new SkillExtractor(readDefaultLibrary().content.skills);
  const names = (text: string) => library.extract(text, { mode: 'literal' }).skills.map((entry) => entry.skill.name).sort();
  it('finds Word and Outlook listed with other programs, and not the words', () => {
    assert.deepEqual(names('Proficient in Excel, Word, PowerPoint and Outlook.'), ['Microsoft Excel', 'Microsoft Outlook', 'Microsoft PowerPoint', 'Microsoft Word']);
    assert.deepEqual(names('I wrote every word of the report; the outlook is positive.'), []);
  });
  it('lends a lower-case product name no support from other skills of its field', () => {
    assert.deepEqual(names('Keep your word to clients; manage stakeholder relations and budgets.').filter((name) => name.startsWith('Microsoft')), []);
    assert.deepEqual(names('Our outlook for project management and budgeting is strong.').filter((name) => name.startsWith('Microsoft')), []);
  });
  it('takes a lower-case tool name listed with another tool, even an ambiguous one, as technology', () => {
    assert.deepEqual(names('Experience with python and pandas.'), ['Python (Programming Language)', 'pandas']);
    assert.ok(names('Skills: python, sql, java.').includes('Python (Programming Language)'));
    assert.deepEqual(names('A python swallowed the rat.'), []);
  });
  it('takes a lower-case tool name introduced as a skill, by a frame or a list heading, as the tool', () => {
    assert.deepEqual(names('Skills: python'), ['Python (Programming Language)']);
    assert.deepEqual(names('Experience with python required.'), ['Python (Programming Language)']);
    assert.deepEqual(names('Proficient in excel.'), ['Microsoft Excel']);
    assert.deepEqual(names('Experience with excel required.'), ['Microsoft Excel']);
    assert.deepEqual(names('Experience with spring planting and pruning.').filter((name) => /spring/i.test(name)), []);
    assert.deepEqual(names('Experience with chefs and kitchen staff.').filter((name) => /chef/i.test(name)), []);
    assert.deepEqual(names('We value knowledge of access to care for every patient.').filter((name) => name.startsWith('Microsoft')), []);
    assert.deepEqual(names('We saw a python at the zoo: python, boa and viper.'), []);
    assert.ok(!names('Our café on Java Street is hiring baristas who can pull espresso shots.').some((name) => name.startsWith('Java')), 'an ambiguous tool nearby but not listed lends nothing');
  });
  it('reads a field named before the noun it modifies as the kind of thing, not the skill', () => {
    assert.ok(names('Five years of experience in sales and marketing.').includes('Sales'));
    assert.ok(names('Five years of experience in sales and marketing.').includes('Marketing'));
    assert.ok(!names('Summarize regional sales data in a pivot table.').includes('Sales'));
    assert.ok(!names('Filed the monthly sales tax returns.').includes('Sales'));
    assert.ok(!names('Worked nights in a nursing home.').includes('Nursing'));
  });
  it('meets a product\'s name only as written, never through a stem', () => {
    assert.ok(!names('Review your teammates\' pull requests in Go and Kubernetes.').includes('TeamMate'));
    assert.ok(!names('Bureau of HIV prevention: Hadoop and Spark data pipelines.').includes('Apache Hive'), '"HIV" is no Hive');
    assert.ok(!names('She excelled at spreadsheets and pivot tables.').includes('Microsoft Excel'));
    assert.ok(names('Ship Node.js and NodeJS services.').includes('Node.js'));
    assert.ok(names('Document audit workpapers in TeamMate.').includes('TeamMate'));
  });
  it('reads "leadership" after "to" or "from" as the people who lead', () => {
    assert.ok(!names('Present findings to clinical leadership every month.').includes('Leadership'));
    assert.ok(!names('Get buy-in from leadership and stakeholders.').includes('Leadership'));
    assert.ok(names('Strong leadership and teamwork.').includes('Leadership'));
  });
  it('meets an acronym only as written and a plural-only noun only in the plural', () => {
    assert.ok(!names('ADM unit, Department of Health.').some((name) => name.includes('DMPK')), 'ADM is no ADME');
    assert.ok(names('ADME studies.').some((name) => name.includes('DMPK')));
    assert.ok(!names('Vital Records and Vital Statistics office.').includes('Vital Signs Monitoring'), '"vital" is no "vitals"');
    assert.ok(names('Take vitals every four hours.').includes('Vital Signs Monitoring'));
  });
  it('finds the plural of an acronym written in capitals with a lower-case s', () => {
    assert.deepEqual(names('Experience with VFDs and PLCs.'), ['PLC Programming', 'Variable Frequency Drives (VFD)']);
    assert.ok(!names('Hotel PMS experience.').some((name) => /preventive|project management/i.test(name)), 'PMS is an acronym of its own, not two PMs');
  });
  it('takes a word followed by "skills" as named a skill', () => {
    assert.ok(names('Strong troubleshooting skills.').includes('Troubleshooting'));
    assert.ok(names('Troubleshoot a residential branch circuit with a multimeter.').includes('Troubleshooting'), 'an alias the library writes as the verb counts as written');
    assert.ok(names('Excel skills a plus.').includes('Microsoft Excel'));
  });
  it('takes a tool name heading a role, even at the start of a sentence, as the tool', () => {
    assert.deepEqual(names('Java developer with Spring.'), ['Java (Programming Language)', 'Spring Framework']);
    assert.deepEqual(names('Go developers wanted.'), ['Go (Programming Language)']);
    assert.deepEqual(names('R programmer needed.'), ['R (Programming Language)']);
    assert.deepEqual(names('Java is an island of Indonesia.'), []);
    assert.deepEqual(names('We sell spring developer kits for cameras.'), [], 'a lower-case everyday word stays the word');
  });
});
