import { deliverExchange, type SubgraphDefinition } from '@duty/kit';
import type { CourtDatabase } from './db.js';
import { seedDemo } from './demo.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** The court subgraph (人民法院): courts, and later trial-stage cases, rights notices, help requests. */
export const courtSubgraph: SubgraphDefinition<CourtDatabase> = {
  name: 'court',
  migrations,
  schema: buildSchema,
  seedDemo,
  deliverOutbox: (message, { peers }) => deliverExchange(peers, message),
};
export { directoryRows } from './demo.js';
