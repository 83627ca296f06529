import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source.options.js';
import { verifyLots } from './audit-chain.js';

/**
 * `npm run audit:verify [-- <lot id>…]`: checks the hash chain of the given lots (all lots when
 * none is given) against DATABASE_URL, prints one line per broken chain, exits 1 if any is.
 */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('audit:verify: set DATABASE_URL to the PostgreSQL to check\n');
    return 2;
  }
  const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    const verdicts = await verifyLots(dataSource, process.argv.slice(2));
    for (const { lotId, verdict } of verdicts.filter(({ verdict }) => !verdict.valid)) {
      const { seq, reason } = verdict.firstBroken ?? { seq: 0, reason: 'no entries' };
      process.stdout.write(`${lotId}: BROKEN at entry ${seq} (${reason}) of ${verdict.entries}\n`);
    }
    const valid = verdicts.filter(({ verdict }) => verdict.valid).length;
    process.stdout.write(`${valid} of ${verdicts.length} lots have a valid audit chain\n`);
    return valid === verdicts.length ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
