import type { Migrations } from '@duty/kit';
import * as courts from './2026-11-26-01-courts.js';
import * as requests from './2026-11-26-02-cases-and-requests.js';
import * as places from './2026-11-26-03-request-places.js';
import * as measures from './2026-11-26-04-measure-applications.js';
import * as reportIndexes from './2026-11-26-05-report-indexes.js';
import * as fileReviews from './2026-11-26-06-file-reviews.js';

export const migrations: Migrations = {
  '2026-11-26-01-courts': courts,
  '2026-11-26-02-cases-and-requests': requests,
  '2026-11-26-03-request-places': places,
  '2026-11-26-04-measure-applications': measures,
  '2026-11-26-05-report-indexes': reportIndexes,
  '2026-11-26-06-file-reviews': fileReviews,
};
