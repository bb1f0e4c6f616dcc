import { createBuilder, type SubgraphContext } from '@duty/kit';
import type { PublicSecurityDatabase } from './db.js';

export type Context = SubgraphContext<PublicSecurityDatabase>;
export const builder = createBuilder<Context>();
