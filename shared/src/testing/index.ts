import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { sql } from 'kysely';
import { databaseName, type SubgraphName } from '../config.js';
import { type DatabaseConfig, dropPostgresDatabase } from '../db.js';
import { generateSigningKey, type SigningKey } from '../identity.js';
import { createLogger, type Logger } from '../logger.js';
import type { RunningService } from '../service.js';
import { type RunningSubgraph, type SubgraphDefinition, startSubgraph } from '../subgraph.js';

/**
 * Test helpers: start a subgraph, or the whole federation, in process on free ports. Tests run on
 * in-memory PGlite, or on PostgreSQL when DUTY_PG_URL is set — each run in databases of its own,
 * dropped at the end.
 */
export const testPgUrl = () => process.env.DUTY_PG_URL || undefined;

/** A database config of its own for one test subgraph, and how to throw it away. */
export function testDatabase(name: SubgraphDefinition['name']): {
  config: DatabaseConfig;
  drop: () => Promise<void>;
} {
  const pgUrl = testPgUrl();
  if (!pgUrl) return { config: { name: databaseName(name) }, drop: async () => {} };
  const dbName = databaseName(name, `duty_t${randomBytes(4).toString('hex')}`);
  return { config: { name: dbName, pgUrl, poolSize: 4 }, drop: () => dropPostgresDatabase(pgUrl, dbName) };
}

/** Collects JSON log lines in memory, so tests can assert what was logged. */
export function memoryLog(service: string): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
  return { log: createLogger(service, { destination, level: 'info' }), lines };
}

export interface TestSubgraph extends RunningSubgraph {
  logs: Record<string, unknown>[];
  /** Stops the server and drops its test database. */
  dispose(): Promise<void>;
}

export async function startTestSubgraph(
  def: SubgraphDefinition,
  options: {
    gatewayPublicJwk: JWK;
    demo?: boolean;
    database?: DatabaseConfig;
    signingKey?: SigningKey;
    peerPublicJwks?: Partial<Record<SubgraphName, JWK>>;
    peerUrls?: Partial<Record<SubgraphName, string>>;
  },
): Promise<TestSubgraph> {
  const db = options.database ? { config: options.database, drop: async () => {} } : testDatabase(def.name);
  const { log, lines } = memoryLog(def.name);
  const running = await startSubgraph(def, {
    port: 0,
    database: db.config,
    gatewayPublicJwk: options.gatewayPublicJwk,
    signingKey: options.signingKey,
    peerPublicJwks: options.peerPublicJwks,
    peerUrls: options.peerUrls,
    // Tests wait for deliveries: look for outbox work often.
    outboxIntervalMs: 100,
    demo: options.demo ?? true,
    production: false,
    log,
  });
  return {
    ...running,
    logs: lines,
    async dispose() {
      await running.stop();
      await db.drop();
    },
  };
}

/**
 * Waits until a subgraph's outbox has delivered everything (demo data notifies on first start), so
 * tests begin from a quiet system whose SQL counts mean what they say.
 */
export async function outboxDrained(subgraph: RunningSubgraph, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from kit_outbox where delivered_at is null`.execute(subgraph.database.db);
    if (Number(rows[0]?.n ?? 0) === 0) return;
    if (Date.now() > end) throw new Error(`${subgraph.name}: outbox not drained after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type FederationGatewayFactory<G extends RunningService> = (input: {
  subgraphUrls: Record<string, string>;
  signingKey: SigningKey;
  log: Logger;
}) => Promise<G>;

export interface TestFederation<G extends RunningService> {
  gateway: G;
  gatewayLogs: Record<string, unknown>[];
  subgraphs: Record<string, TestSubgraph>;
  signingKey: SigningKey;
  /** Each subgraph's own key (for peer calls). */
  subgraphKeys: Record<string, SigningKey>;
  /** Where subgraphs find each other; a test may point one elsewhere to make it unreachable. */
  peerUrls: Partial<Record<SubgraphName, string>>;
  stop(): Promise<void>;
}

/** Starts every subgraph (in parallel) and then the gateway the factory builds over them. */
export async function startFederation<G extends RunningService>(options: {
  subgraphs: SubgraphDefinition[];
  gateway: FederationGatewayFactory<G>;
  /** Existing databases to serve (kept at the end, no demo data): the benchmark's generated data. */
  databases?: (name: SubgraphName) => DatabaseConfig;
}): Promise<TestFederation<G>> {
  const { key: signingKey } = await generateSigningKey('gateway-test');
  const keys = Object.fromEntries(
    await Promise.all(
      options.subgraphs.map(async (d) => [d.name, (await generateSigningKey(d.name)).key] as const),
    ),
  );
  const peerPublicJwks = Object.fromEntries(Object.entries(keys).map(([n, k]) => [n, k.publicJwk]));
  // Filled once every subgraph listens: peers are only called while serving requests.
  const peerUrls: Partial<Record<SubgraphName, string>> = {};
  const started = await Promise.all(
    options.subgraphs.map((def) =>
      startTestSubgraph(def, {
        gatewayPublicJwk: signingKey.publicJwk,
        signingKey: keys[def.name],
        peerPublicJwks,
        peerUrls,
        ...(options.databases ? { database: options.databases(def.name), demo: false } : {}),
      }),
    ),
  );
  for (const s of started) peerUrls[s.name] = s.graphqlUrl;
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s]));
  await Promise.all(started.map((s) => outboxDrained(s)));
  const { log, lines } = memoryLog('gateway');
  const gateway = await options.gateway({
    subgraphUrls: Object.fromEntries(started.map((s) => [s.name, s.graphqlUrl])),
    signingKey,
    log,
  });
  return {
    gateway,
    gatewayLogs: lines,
    subgraphs,
    signingKey,
    subgraphKeys: keys,
    peerUrls,
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((s) => s.dispose()));
    },
  };
}
