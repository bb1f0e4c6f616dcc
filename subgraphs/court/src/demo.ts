import { demoDirectory } from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { CourtDatabase } from './db.js';

/** The demo regions' courts; parents come first so the foreign key holds. */
export async function seedDemo(db: Kysely<CourtDatabase>) {
  const rows = demoDirectory().courts.map((c) => ({
    id: c.id,
    name: c.name,
    level: c.level,
    region_code: c.regionCode,
    parent_id: c.parentId,
    address: c.address,
    phone: c.phone,
  }));
  const order = { HIGH: 0, INTERMEDIATE: 1, BASIC: 2 } as const;
  rows.sort((a, b) => order[a.level] - order[b.level]);
  await db.insertInto('court').values(rows).execute();
}
