import { toSubgraphSchema } from '@duty/kit';
import { builder } from './builder.js';
import './police-organs/schema.js';
import './detention-centers/schema.js';

builder.queryType({});

export const buildSchema = () => toSubgraphSchema(builder);
