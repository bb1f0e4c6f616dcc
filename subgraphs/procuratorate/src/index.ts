import { deliverExchange, type SubgraphDefinition } from '@duty/kit';
import type { ProcuratorateDatabase } from './db.js';
import { seedDemo } from './demo.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/**
 * The procuratorate subgraph (人民检察院): procuratorates, cases under review for prosecution,
 * rights notices and help requests (notified to the legal aid agency through the outbox); later
 * sentencing recommendations and plea agreements.
 */
export const procuratorateSubgraph: SubgraphDefinition<ProcuratorateDatabase> = {
  name: 'procuratorate',
  migrations,
  schema: buildSchema,
  seedDemo,
  deliverOutbox: (message, { peers }) => deliverExchange(peers, message),
};
export { directoryRows } from './demo.js';
