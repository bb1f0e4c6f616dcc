import type { Migrations } from '@duty/kit';
import * as procuratorates from './2026-11-26-01-procuratorates.js';

export const migrations: Migrations = {
  '2026-11-26-01-procuratorates': procuratorates,
};
