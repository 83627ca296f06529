/**
 * Writes workflows/diagrams/<profile>.mmd (Mermaid) from the lot machine of each profile, and
 * the KG one into README.md.
 * It reads the compiled machine, so build first:
 *
 *   npm run build && node scripts/generate-diagrams.mjs
 *
 * The diagrams are checked in; test/unit/workflows/export.spec.ts fails when one is stale.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toMermaid } from '../dist/workflows/export.js';
import { PROFILE_IDS } from '../dist/workflows/profiles/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const diagrams = join(root, 'workflows', 'diagrams');
mkdirSync(diagrams, { recursive: true });

// A profile that was removed leaves no stale diagram behind.
for (const file of readdirSync(diagrams)) {
  if (file.endsWith('.mmd') && !PROFILE_IDS.includes(file.slice(0, -'.mmd'.length))) {
    rmSync(join(diagrams, file));
  }
}
for (const profileId of PROFILE_IDS) {
  writeFileSync(join(diagrams, `${profileId}.mmd`), toMermaid(profileId));
  console.log(`wrote workflows/diagrams/${profileId}.mmd`);
}

// The README shows the KG lifecycle between its markers.
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const embedded = readme.replace(
  /(<!-- lifecycle:kg-grant -->\n+```mermaid\n)[\s\S]*?(```\n+<!-- \/lifecycle -->)/,
  `$1${toMermaid('kg-grant').replace(/\n?$/, '\n')}$2`,
);
writeFileSync(readmePath, embedded);
console.log('updated the diagram in README.md');
