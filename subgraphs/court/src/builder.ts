import { createBuilder, type SubgraphContext } from '@duty/kit';
import type { CourtDatabase } from './db.js';

export type Context = SubgraphContext<CourtDatabase>;
export const builder = createBuilder<Context>();
