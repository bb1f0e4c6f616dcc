import { deliverExchange, type SubgraphDefinition } from '@duty/kit';
import type { JusticeDatabase } from './db.js';
import { seedDemo } from './demo.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/**
 * The justice subgraph (司法行政机关、法律援助机构): justice bureaus, legal aid agencies, duty
 * lawyers, rosters, workstations and shifts, the notice inbox and dispatch, help records and legal
 * aid applications; its outbox tells organs when a person gets defense counsel.
 */
export const justiceSubgraph: SubgraphDefinition<JusticeDatabase> = {
  name: 'justice',
  migrations,
  schema: buildSchema,
  seedDemo,
  deliverOutbox: (message, { peers }) => deliverExchange(peers, message),
};
export { directoryRows } from './demo.js';
