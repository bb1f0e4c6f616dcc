import { parentsFirst } from '@duty/kit';
import { demoDirectory } from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { CourtDatabase } from './db.js';

/** The demo regions' courts; parents come first so the foreign key holds. */
export async function seedDemo(db: Kysely<CourtDatabase>) {
  const rows = parentsFirst(demoDirectory().courts).map((c) => ({
    id: c.id,
    name: c.name,
    level: c.level,
    region_code: c.regionCode,
    parent_id: c.parentId,
    address: c.address,
    phone: c.phone,
  }));
  await db.insertInto('court').values(rows).execute();
}
