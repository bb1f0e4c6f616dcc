import { toSubgraphSchema } from '@duty/kit';
import { builder } from './builder.js';
import './procuratorates/schema.js';

builder.queryType({});

export const buildSchema = () => toSubgraphSchema(builder);
