#!/usr/bin/env node
// Gives every skill of the default library that lacks one a stable ID, written
// back into its YAML file (comments and layout kept). The ID derives from the
// skill's name the first time only; after that it never changes, even when the
// skill is renamed. Usage: node scripts/assign-skill-ids.mjs
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, isMap } from 'yaml';

const skillsDir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'default-library', 'skills');
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

function idFor(name, salt) {
  const digest = createHash('sha256').update(`${name.trim().toLowerCase()}${salt}`).digest();
  let id = 'OS';
  for (let i = 0; i < 14; i += 1) id += alphabet[digest[i] % 32];
  return id;
}

const files = readdirSync(skillsDir).filter((f) => f.endsWith('.yaml')).sort();
const used = new Set();
const docs = files.map((file) => ({ file, doc: parseDocument(readFileSync(join(skillsDir, file), 'utf8')) }));
for (const { doc } of docs) for (const item of doc.contents?.items ?? []) if (isMap(item) && item.get('id')) used.add(item.get('id'));
let assigned = 0;
for (const { file, doc } of docs) {
  let changed = false;
  for (const item of doc.contents?.items ?? []) {
    if (!isMap(item) || item.get('id')) continue;
    let salt = '';
    let id = idFor(String(item.get('name')), salt);
    while (used.has(id)) id = idFor(String(item.get('name')), (salt += '#'));
    used.add(id);
    const pair = doc.createPair('id', id);
    item.items.unshift(pair);
    changed = true;
    assigned += 1;
  }
  if (changed) writeFileSync(join(skillsDir, file), doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
}
console.log(`assigned ${assigned} new IDs; ${used.size} skills have IDs`);
