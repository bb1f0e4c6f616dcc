import { demoDirectory } from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { ProcuratorateDatabase } from './db.js';

/** The demo regions' procuratorates; parents come first so the foreign key holds. */
export async function seedDemo(db: Kysely<ProcuratorateDatabase>) {
  const order = { PROVINCE: 0, CITY: 1, COUNTY: 2 } as const;
  const rows = demoDirectory()
    .procuratorates.map((p) => ({
      id: p.id,
      name: p.name,
      level: p.level,
      region_code: p.regionCode,
      parent_id: p.parentId,
      address: p.address,
      phone: p.phone,
    }))
    .sort((a, b) => order[a.level] - order[b.level]);
  await db.insertInto('procuratorate').values(rows).execute();
}
