import { deliverExchange, type SubgraphDefinition } from '@duty/kit';
import type { PublicSecurityDatabase } from './db.js';
import { seedDemo } from './demo.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/**
 * The public-security subgraph (公安机关): police and state security organs, the detention centers
 * the police run, investigation-stage cases, rights notices and help requests (notified to the
 * legal aid agency through the outbox), and lawyers' meetings with detainees.
 */
export const publicSecuritySubgraph: SubgraphDefinition<PublicSecurityDatabase> = {
  name: 'public-security',
  migrations,
  schema: buildSchema,
  seedDemo,
  deliverOutbox: (message, { peers }) => deliverExchange(peers, message),
};
export { directoryRows } from './demo.js';
