import type { SubgraphDefinition } from '@duty/kit';
import type { ProcuratorateDatabase } from './db.js';
import { seedDemo } from './demo.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/**
 * The procuratorate subgraph (人民检察院): procuratorates, and later prosecution-stage cases,
 * sentencing recommendations, plea agreements, rights notices and help requests.
 */
export const procuratorateSubgraph: SubgraphDefinition<ProcuratorateDatabase> = {
  name: 'procuratorate',
  migrations,
  schema: buildSchema,
  seedDemo,
};
