import type { Migrations } from '../migrator.js';
import * as kitTables from './2026-11-26-00-kit-tables.js';

/** The kit's own migrations, run in every subgraph's database before (by date) its own. */
export const kitMigrations: Migrations = {
  '2026-11-26-00-kit-tables': kitTables,
};
