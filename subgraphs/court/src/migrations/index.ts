import type { Migrations } from '@duty/kit';
import * as courts from './2026-11-26-01-courts.js';

export const migrations: Migrations = {
  '2026-11-26-01-courts': courts,
};
