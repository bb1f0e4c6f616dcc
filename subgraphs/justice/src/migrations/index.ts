import type { Migrations } from '@duty/kit';
import * as reference from './2026-11-26-01-reference-data.js';
import * as roster from './2026-11-26-02-roster.js';
import * as schedules from './2026-11-26-03-schedules.js';
import * as notices from './2026-11-26-04-notices.js';
import * as dispatch from './2026-11-26-05-dispatch.js';
import * as concerned from './2026-11-26-06-notice-organs.js';
import * as helpRecords from './2026-11-26-07-help-records.js';
import * as legalAid from './2026-11-26-08-legal-aid-applications.js';
import * as pleaWitness from './2026-11-26-09-plea-witness.js';
import * as personKey from './2026-11-26-10-person-key.js';
import * as jointMeetings from './2026-11-26-11-joint-meetings.js';
import * as ratings from './2026-11-26-12-service-ratings.js';
import * as inboxRegions from './2026-11-27-13-inbox-region-indexes.js';
import * as poolOnDuty from './2026-12-02-17-pool-on-duty.js';
import * as auditChain from './2026-12-02-18-audit-chain.js';
import * as answeredAt from './2026-12-02-19-answered-at.js';

export const migrations: Migrations = {
  '2026-11-26-01-reference-data': reference,
  '2026-11-26-02-roster': roster,
  '2026-11-26-03-schedules': schedules,
  '2026-11-26-04-notices': notices,
  '2026-11-26-05-dispatch': dispatch,
  '2026-11-26-06-notice-organs': concerned,
  '2026-11-26-07-help-records': helpRecords,
  '2026-11-26-08-legal-aid-applications': legalAid,
  '2026-11-26-09-plea-witness': pleaWitness,
  '2026-11-26-10-person-key': personKey,
  '2026-11-26-11-joint-meetings': jointMeetings,
  '2026-11-26-12-service-ratings': ratings,
  '2026-11-27-13-inbox-region-indexes': inboxRegions,
  '2026-12-02-17-pool-on-duty': poolOnDuty,
  '2026-12-02-18-audit-chain': auditChain,
  '2026-12-02-19-answered-at': answeredAt,
};
