import type { SubgraphDefinition } from '@duty/kit';
import type { JusticeDatabase } from './db.js';
import { seedDemo } from './demo.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/**
 * The justice subgraph (司法行政机关、法律援助机构): justice bureaus, legal aid agencies, duty
 * lawyers and workstations; later rosters, shifts, the notice inbox, dispatch and help records.
 */
export const justiceSubgraph: SubgraphDefinition<JusticeDatabase> = {
  name: 'justice',
  migrations,
  schema: buildSchema,
  seedDemo,
};
