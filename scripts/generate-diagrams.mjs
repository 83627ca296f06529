/**
 * Writes workflows/diagrams/<profile>.mmd (Mermaid) from the lot machine of each profile.
 * It reads the compiled machine, so build first:
 *
 *   npm run build && node scripts/generate-diagrams.mjs
 *
 * The diagrams are checked in; test/unit/workflows/export.spec.ts fails when one is stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toMermaid } from '../dist/workflows/export.js';
import { PROFILE_IDS } from '../dist/workflows/profiles/index.js';

const diagrams = join(dirname(fileURLToPath(import.meta.url)), '..', 'workflows', 'diagrams');
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
