import type { SubgraphDefinition } from '@duty/kit';
import type { PublicSecurityDatabase } from './db.js';
import { seedDemo } from './demo.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/**
 * The public-security subgraph (公安机关): police and state security organs and the detention
 * centers the police run; later investigation-stage cases, rights notices, help requests, meetings.
 */
export const publicSecuritySubgraph: SubgraphDefinition<PublicSecurityDatabase> = {
  name: 'public-security',
  migrations,
  schema: buildSchema,
  seedDemo,
};
