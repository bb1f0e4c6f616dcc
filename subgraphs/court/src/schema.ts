import { toSubgraphSchema } from '@duty/kit';
import { builder } from './builder.js';
import './courts/schema.js';

builder.queryType({});

export const buildSchema = () => toSubgraphSchema(builder);
