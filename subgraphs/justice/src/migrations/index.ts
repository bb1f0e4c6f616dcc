import type { Migrations } from '@duty/kit';
import * as reference from './2026-11-26-01-reference-data.js';

export const migrations: Migrations = {
  '2026-11-26-01-reference-data': reference,
};
