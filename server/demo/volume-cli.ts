/**
 * `npm run seed:volume -- --cases 100000 [--seed N]`: fills DATABASE_URL with one province's
 * register over five years (demo accounts included when the database is empty).
 */
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { isEmpty, seedDemo } from './seed.ts';
import { seedVolume } from './volume.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, seed: { type: 'string' } } });
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 1 || cases > 2_000_000) {
  console.error('--cases must be a whole number between 1 and 2 000 000');
  process.exit(64);
}
const url = process.env.DATABASE_URL ?? 'file:data/concord.db';
const db = await openDb(url, process.env.DATABASE_AUTH_TOKEN);
await migrate(db);
if (await isEmpty(db)) await seedDemo(db, process.env.DEMO_PASSWORD ?? 'concord-demo');
const result = await seedVolume(db, { cases, seed: values.seed ? Number(values.seed) : undefined });
console.log(JSON.stringify({ database: url, ...result }));
db.close();
