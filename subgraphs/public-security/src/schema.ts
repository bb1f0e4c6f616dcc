import { toSubgraphSchema } from '@duty/kit';
import { builder } from './builder.js';
import './police-organs/schema.js';
import './detention-centers/schema.js';
import './cases/schema.js';
import './requests/schema.js';
import './meetings/schema.js';
import './report/schema.js';

builder.queryType({});
builder.mutationType({});

export const buildSchema = () => toSubgraphSchema(builder);
