import type { Migrations } from '@duty/kit';
import * as procuratorates from './2026-11-26-01-procuratorates.js';
import * as cases from './2026-11-26-02-cases-and-requests.js';
import * as plea from './2026-11-26-03-plea.js';
import * as measures from './2026-11-26-04-measure-applications.js';
import * as complaints from './2026-11-26-05-misconduct-complaints.js';
import * as fileReviews from './2026-11-26-06-file-reviews.js';
import * as reportIndexes from './2026-11-26-07-report-indexes.js';
import * as pleaWithdrawal from './2026-12-02-08-plea-withdrawal.js';

export const migrations: Migrations = {
  '2026-11-26-01-procuratorates': procuratorates,
  '2026-11-26-02-cases-and-requests': cases,
  '2026-11-26-03-plea': plea,
  '2026-11-26-04-measure-applications': measures,
  '2026-11-26-05-misconduct-complaints': complaints,
  '2026-11-26-06-file-reviews': fileReviews,
  '2026-11-26-07-report-indexes': reportIndexes,
  '2026-12-02-08-plea-withdrawal': pleaWithdrawal,
};
