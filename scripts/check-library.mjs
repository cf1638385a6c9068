#!/usr/bin/env node
// Checks the default library's source files (data/default-library) for the
// rules in data/default-library/README.md, printing one line per problem.
// Usage: node scripts/check-library.mjs [file.yaml ...]   (default: all files)
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'default-library');
const manifest = parse(readFileSync(join(root, 'library.yaml'), 'utf8'));
const categories = new Set(manifest.categories);
const types = new Set(['specialized', 'common', 'certification']);
const allowedKeys = new Set(['id', 'name', 'type', 'category', 'subcategory', 'software', 'language', 'aliases', 'tags', 'description']);
const skillDir = join(root, 'skills');
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(skillDir).filter((f) => f.endsWith('.yaml')).map((f) => join(skillDir, f));
const allFiles = readdirSync(skillDir).filter((f) => f.endsWith('.yaml')).map((f) => join(skillDir, f));

const problems = [];
const names = new Map();
const aliasOwners = new Map();
const ids = new Map();
let count = 0;
const byType = { specialized: 0, common: 0, certification: 0 };
for (const file of allFiles) {
  let list;
  try {
    list = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: YAML does not parse: ${error.message.split('\n')[0]}`);
    continue;
  }
  if (!Array.isArray(list)) { problems.push(`${file}: the file must be a YAML list of skills`); continue; }
  list.forEach((skill, index) => {
    const where = `${file.split('/').pop()} #${index + 1} (${skill?.name ?? '?'})`;
    count += 1;
    if (typeof skill !== 'object' || skill === null) { problems.push(`${where}: not a mapping`); return; }
    for (const key of Object.keys(skill)) if (!allowedKeys.has(key)) problems.push(`${where}: unknown key "${key}"`);
    if (typeof skill.name !== 'string' || !skill.name.trim()) problems.push(`${where}: name missing`);
    if (!types.has(skill.type)) problems.push(`${where}: type must be specialized, common or certification`);
    else byType[skill.type] += 1;
    if (!categories.has(skill.category)) problems.push(`${where}: category "${skill.category}" is not in library.yaml`);
    if (typeof skill.subcategory !== 'string' || !skill.subcategory.trim()) problems.push(`${where}: subcategory missing`);
    if (typeof skill.description !== 'string' || skill.description.length < 20) problems.push(`${where}: description missing or too short`);
    else if (skill.description.length > 300) problems.push(`${where}: description over 300 characters`);
    for (const flag of ['software', 'language']) if (skill[flag] !== undefined && typeof skill[flag] !== 'boolean') problems.push(`${where}: ${flag} must be true or false`);
    for (const listKey of ['aliases', 'tags']) {
      if (skill[listKey] !== undefined && (!Array.isArray(skill[listKey]) || skill[listKey].some((a) => typeof a !== 'string' && typeof a !== 'number'))) problems.push(`${where}: ${listKey} must be a list of strings`);
    }
    if (skill.id !== undefined) {
      if (ids.has(skill.id)) problems.push(`${where}: id ${skill.id} also used by ${ids.get(skill.id)}`);
      ids.set(skill.id, where);
    }
    const key = String(skill.name ?? '').trim().toLowerCase();
    if (names.has(key)) problems.push(`${where}: duplicate name, also ${names.get(key)}`);
    names.set(key, where);
    for (const alias of skill.aliases ?? []) {
      const aliasKey = String(alias).trim().toLowerCase();
      if (!aliasOwners.has(aliasKey)) aliasOwners.set(aliasKey, []);
      aliasOwners.get(aliasKey).push(where);
    }
  });
}
for (const [alias, owners] of aliasOwners) {
  if (names.has(alias) && !owners.includes(names.get(alias))) problems.push(`alias "${alias}" of ${owners.join(', ')} is the name of ${names.get(alias)}`);
}
const wanted = new Set(files.map((f) => f.split('/').pop()));
const shown = problems.filter((p) => [...wanted].some((w) => p.includes(w)) || !p.includes('.yaml'));
for (const p of shown) console.log(p);
console.log(`${count} skills in ${allFiles.length} files (specialized ${byType.specialized}, common ${byType.common}, certification ${byType.certification}); ${shown.length} problems`);
process.exit(shown.length ? 1 : 0);
