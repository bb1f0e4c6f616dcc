import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from './db.js';

/** The subgraphs the gateway composes, with their default ports (clear of 5432, 6379, 4222 ...). */
export const SUBGRAPHS = [
  { name: 'justice', title: '司法行政机关（法律援助机构）', defaultPort: 4101 },
  { name: 'court', title: '人民法院', defaultPort: 4102 },
  { name: 'procuratorate', title: '人民检察院', defaultPort: 4103 },
  { name: 'public-security', title: '公安机关（含国家安全机关、看守所）', defaultPort: 4104 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];
export const GATEWAY_DEFAULT_PORT = 4000;

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

export const isProduction = () => process.env.NODE_ENV === 'production';
/** A developer asked for stack traces in error responses (DUTY_ERROR_DETAIL=1); never in production. */
export const errorDetailWanted = () => !isProduction() && process.env.DUTY_ERROR_DETAIL === '1';
export const dataDir = () => process.env.DUTY_DATA_DIR ?? join(REPO_ROOT, '.data');
export const keysDir = () => join(dataDir(), 'keys');

export function subgraphPort(name: SubgraphName): number {
  const given = process.env[`${envName(name)}_PORT`];
  return given ? Number(given) : (SUBGRAPHS.find((s) => s.name === name)?.defaultPort ?? 0);
}

export function subgraphUrl(name: SubgraphName): string {
  return process.env[`${envName(name)}_URL`] ?? `http://127.0.0.1:${subgraphPort(name)}/graphql`;
}

/** PostgreSQL database name of a subgraph, e.g. `duty_public_security`. */
export const databaseName = (name: SubgraphName, prefix = 'duty') => `${prefix}_${name.replace(/-/g, '_')}`;

/** `DUTY_PG_URL` set: real PostgreSQL, one database per subgraph. Unset: PGlite in `.data/db`. */
export function databaseConfig(name: SubgraphName): DatabaseConfig {
  const pgUrl = process.env.DUTY_PG_URL;
  return pgUrl
    ? { name: databaseName(name, process.env.DUTY_DB_PREFIX || 'duty'), pgUrl }
    : { name: databaseName(name), dataDir: join(dataDir(), 'db', name) };
}
