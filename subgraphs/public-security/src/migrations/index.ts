import type { Migrations } from '@duty/kit';
import * as organs from './2026-11-26-01-police-organs.js';
import * as cases from './2026-11-26-02-cases-and-requests.js';
import * as measures from './2026-11-26-03-measure-applications.js';
import * as reportIndexes from './2026-11-26-04-report-indexes.js';

export const migrations: Migrations = {
  '2026-11-26-01-police-organs': organs,
  '2026-11-26-02-cases-and-requests': cases,
  '2026-11-26-03-measure-applications': measures,
  '2026-11-26-04-report-indexes': reportIndexes,
};
