import { toSubgraphSchema } from '@duty/kit';
import { builder } from './builder.js';
import './courts/schema.js';
import './cases/schema.js';
import './requests/schema.js';
import './report/schema.js';

builder.queryType({});
builder.mutationType({});

export const buildSchema = () => toSubgraphSchema(builder);
