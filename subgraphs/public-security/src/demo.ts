import { parentsFirst } from '@duty/kit';
import { demoDirectory } from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { PublicSecurityDatabase } from './db.js';

/** The demo regions' police and state security organs and detention centers. */
export async function seedDemo(db: Kysely<PublicSecurityDatabase>) {
  const d = demoDirectory();
  const organs = parentsFirst(d.policeOrgans).map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    level: o.level,
    region_code: o.regionCode,
    parent_id: o.parentId,
    address: o.address,
    phone: o.phone,
  }));
  await db.insertInto('police_organ').values(organs).execute();
  await db
    .insertInto('detention_center')
    .values(
      d.detentionCenters.map((c) => ({
        id: c.id,
        name: c.name,
        police_organ_id: c.policeOrganId,
        region_code: c.regionCode,
        address: c.address,
        phone: c.phone,
        capacity: c.capacity,
      })),
    )
    .execute();
}
