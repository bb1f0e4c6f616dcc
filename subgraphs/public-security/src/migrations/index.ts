import type { Migrations } from '@duty/kit';
import * as organs from './2026-11-26-01-police-organs.js';

export const migrations: Migrations = {
  '2026-11-26-01-police-organs': organs,
};
