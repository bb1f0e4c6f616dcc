import { createBuilder, type SubgraphContext } from '@duty/kit';
import type { ProcuratorateDatabase } from './db.js';

export type Context = SubgraphContext<ProcuratorateDatabase>;
export const builder = createBuilder<Context>();
