import { createBuilder, type SubgraphContext } from '@duty/kit';
import type { JusticeDatabase } from './db.js';

export type Context = SubgraphContext<JusticeDatabase>;
export const builder = createBuilder<Context>();
