import { parentsFirst } from '@duty/kit';
import { demoDirectory } from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { ProcuratorateDatabase } from './db.js';

/** The demo regions' procuratorates; parents come first so the foreign key holds. */
export async function seedDemo(db: Kysely<ProcuratorateDatabase>) {
  const rows = parentsFirst(demoDirectory().procuratorates).map((p) => ({
    id: p.id,
    name: p.name,
    level: p.level,
    region_code: p.regionCode,
    parent_id: p.parentId,
    address: p.address,
    phone: p.phone,
  }));
  await db.insertInto('procuratorate').values(rows).execute();
}
