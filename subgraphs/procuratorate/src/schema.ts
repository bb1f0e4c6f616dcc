import { toSubgraphSchema } from '@duty/kit';
import { builder } from './builder.js';
import './procuratorates/schema.js';
import './cases/schema.js';
import './requests/schema.js';
import './plea/schema.js';
import './complaints/schema.js';
import './report/schema.js';

builder.queryType({});
builder.mutationType({});

export const buildSchema = () => toSubgraphSchema(builder);
