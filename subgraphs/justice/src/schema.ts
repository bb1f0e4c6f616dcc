import { toSubgraphSchema } from '@duty/kit';
import { builder } from './builder.js';
import './agencies/schema.js';
import './agencies/pool-duty.js';
import './lawyers/schema.js';
import './roster/schema.js';
import './schedules/schema.js';
import './schedules/availability.js';
import './workstations/mutations.js';
import './workstations/schema.js';
import './organs/schema.js';
import './notices/schema.js';
import './dispatch/schema.js';
import './help-records/schema.js';
import './legal-aid/schema.js';
import './plea/schema.js';
import './plea/present-lawyer.js';
import './report/schema.js';
import './joint-meetings/schema.js';
import './ratings/schema.js';

builder.queryType({});
builder.mutationType({});

export const buildSchema = () => toSubgraphSchema(builder);
