import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema, type ValidationContext } from 'graphql';
import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import {
  databaseConfig,
  errorDetailWanted,
  isProduction,
  keysDir,
  SUBGRAPHS,
  type SubgraphName,
  subgraphPort,
  subgraphUrl,
} from './config.js';
import type { KitContext } from './context.js';
import { type Database, type DatabaseConfig, openDatabase } from './db.js';
import { DutyError, reasonOf } from './errors.js';
import { createFormatError, errorLoggingPlugin } from './format-error.js';
import { bearerToken, executeGraphQL, sendGraphQLError } from './http.js';
import {
  createServiceTokenVerifier,
  createTokenSigner,
  GATEWAY_ISSUER,
  loadOrCreateSigningKey,
  peerIssuer,
  readPublicKeyFile,
  type SigningKey,
} from './identity.js';
import { createLogger, type Logger } from './logger.js';
import { kitMigrations } from './migrations/index.js';
import { type Migrations, migrateToLatest } from './migrator.js';
import { operationResolutionPlugin } from './operation-plugin.js';
import { type OutboxMessage, startRelay } from './outbox.js';
import { createPeerClient, type PeerClient } from './peers.js';
import { type RunningService, startHttpService } from './service.js';

/** The context every resolver of a subgraph gets: the caller, its own database, its peers. */
export type SubgraphContext<DB> = KitContext & {
  db: Kysely<DB>;
  /** Who sent the request: `duty-gateway`, or `subgraph:<name>` for a peer subgraph. */
  via: string;
  /** Calls other subgraphs on behalf of the same principal. */
  peers: PeerClient;
  /** Tells the outbox relay there is something to deliver (after a commit). */
  kickOutbox: () => void;
};

/** What a subgraph gives the kit; everything else (server, auth, migrations, demo data) is the kit's. */
export interface SubgraphDefinition<DB = any> {
  name: SubgraphName;
  migrations: Migrations;
  /** Builds the executable subgraph schema (called once per start). */
  schema: () => GraphQLSchema;
  /** Loads the demo data; runs once, on first start of an empty database. */
  seedDemo?: (db: Kysely<DB>) => Promise<void>;
  /** Delivers this subgraph's outbox messages; with it, the kit runs a relay beside the server. */
  deliverOutbox?: (message: OutboxMessage, tools: { peers: PeerClient }) => Promise<void>;
}

export interface StartSubgraphOptions {
  /** 0 picks a free port. Default: the subgraph's configured port. */
  port?: number;
  host?: string;
  database?: DatabaseConfig;
  /** The public key the gateway signs forwarded tokens with. */
  gatewayPublicJwk: JWK;
  /** This subgraph's own key, for calls to peers. */
  signingKey?: SigningKey;
  /** Public keys of the peer subgraphs allowed to call this one. */
  peerPublicJwks?: Partial<Record<SubgraphName, JWK>>;
  /** Peer GraphQL URLs (read at call time). */
  peerUrls?: Partial<Record<SubgraphName, string>>;
  /** How often the outbox relay looks for work when not kicked. */
  outboxIntervalMs?: number;
  production?: boolean;
  demo?: boolean;
  log?: Logger;
}

export interface RunningSubgraph extends RunningService {
  name: SubgraphName;
  database: Database<unknown>;
  graphqlUrl: string;
}

async function seedOnce(db: Kysely<any>, seed: (db: Kysely<any>) => Promise<void>, log: Logger) {
  await db.transaction().execute(async (trx) => {
    // The row is written first and the seed runs in the same transaction: a failed seed leaves nothing.
    const inserted = await trx
      .insertInto('kit_state')
      .values({ key: 'demo_seeded_at', value: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await seed(trx);
    log.info('demo data loaded');
  });
}

/** Refuses `_service` (the subgraph's whole SDL) to every caller. */
const closedServiceSdl = (context: ValidationContext) => ({
  Field(node: { name: { value: string } }) {
    if (node.name.value === '_service')
      context.reportError(
        new GraphQLError('本环境不开放接口结构查询', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      );
  },
});

/** Opens the database, migrates it, loads demo data on first start, and serves the subgraph. */
export async function startSubgraph(
  def: SubgraphDefinition,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const log = options.log ?? createLogger(def.name);
  const production = options.production ?? isProduction();
  const detail = !production && errorDetailWanted();
  const database = await openDatabase<any>({
    ...(options.database ?? databaseConfig(def.name)),
    onIdleError: (error) => log.warn({ err: error }, 'idle database connection failed'),
  });
  try {
    await migrateToLatest(database.db, { ...kitMigrations, ...def.migrations }, log);
    if ((options.demo ?? true) && def.seedDemo) await seedOnce(database.db, def.seedDemo, log);
  } catch (error) {
    await database.close();
    throw error;
  }
  const verify = await createServiceTokenVerifier(def.name, {
    [GATEWAY_ISSUER]: options.gatewayPublicJwk,
    ...Object.fromEntries(
      Object.entries(options.peerPublicJwks ?? {})
        .filter(([name]) => name !== def.name)
        .map(([name, jwk]) => [peerIssuer(name), jwk]),
    ),
  });
  const peers = createPeerClient({
    signer: options.signingKey
      ? createTokenSigner(options.signingKey, peerIssuer(def.name))
      : async () => {
          throw new Error(`${def.name} has no signing key for peer calls`);
        },
    urls: options.peerUrls ?? {},
  });
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: def.schema(),
    // We stop on SIGTERM ourselves, draining HTTP first; Apollo's own handler would re-raise the
    // signal and kill the process mid-drain.
    stopOnTerminationSignals: false,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    // The full SDL is for composition, which builds it in process: no caller reads it in production.
    validationRules: production ? [closedServiceSdl] : [],
    includeStacktraceInErrorResponses: detail,
    formatError: createFormatError({ detail }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      errorLoggingPlugin(log),
      operationResolutionPlugin(),
    ],
  });
  await apollo.start();

  const relay = def.deliverOutbox
    ? startRelay({
        db: database.db,
        log: log.child({ component: 'outbox' }),
        deliver: (message) => def.deliverOutbox!(message, { peers }),
        intervalMs: options.outboxIntervalMs,
      })
    : undefined;
  const service = await startHttpService({
    name: def.name,
    host: options.host,
    port: options.port ?? subgraphPort(def.name),
    log,
    async handle(req, res, requestId) {
      if ((req.url ?? '').split('?')[0] !== '/graphql') return false;
      // No valid gateway token, no GraphQL: a subgraph is never an open side door.
      const token = bearerToken(req);
      if (!token) {
        sendGraphQLError(res, 401, 'UNAUTHENTICATED', '缺少网关身份凭证：请通过网关访问');
        return true;
      }
      let caller: Awaited<ReturnType<typeof verify>>;
      try {
        caller = await verify(token);
      } catch (error) {
        const message = error instanceof DutyError ? error.message : '网关身份凭证无效';
        sendGraphQLError(res, 401, 'UNAUTHENTICATED', message, reasonOf(error));
        return true;
      }
      const { principal, via } = caller;
      const requestLog = log.child({ requestId, user: principal?.userId ?? 'anonymous', via });
      await executeGraphQL(apollo, req, res, async () => ({
        principal,
        requestId,
        log: requestLog,
        db: database.db,
        via,
        peers,
        kickOutbox: () => relay?.kick(),
      }));
      return true;
    },
    async ready() {
      await database.ping();
      return { database: database.kind };
    },
    async onStopped() {
      await relay?.stop();
      await apollo.stop();
      await peers.close();
      await database.close();
    },
  });
  return { ...service, name: def.name, database, graphqlUrl: `${service.url}/graphql` };
}

/** Entry point of a subgraph process: configuration from the environment, stop on SIGTERM/SIGINT. */
export async function runSubgraph(def: SubgraphDefinition): Promise<void> {
  const log = createLogger(def.name);
  const keyFile = process.env.DUTY_GATEWAY_PUBLIC_KEY_FILE ?? join(keysDir(), 'gateway.public.jwk');
  let gatewayPublicJwk: JWK;
  try {
    gatewayPublicJwk = await readPublicKeyFile(keyFile);
  } catch {
    log.fatal(
      { keyFile },
      'gateway public key not found: start the system with `pnpm start`, or set DUTY_GATEWAY_PUBLIC_KEY_FILE',
    );
    process.exit(1);
  }
  // Peers' public keys sit beside the gateway's (the launcher makes them all before starting).
  const peerPublicJwks: Partial<Record<SubgraphName, JWK>> = {};
  for (const peer of SUBGRAPHS) {
    if (peer.name === def.name) continue;
    try {
      peerPublicJwks[peer.name] = await readPublicKeyFile(join(keysDir(), `${peer.name}.public.jwk`));
    } catch {
      log.warn({ peer: peer.name }, 'no public key for peer: its calls will be refused');
    }
  }
  const running = await startSubgraph(def, {
    gatewayPublicJwk,
    signingKey: await loadOrCreateSigningKey(keysDir(), def.name),
    peerPublicJwks,
    peerUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphUrl(s.name)])),
    host: process.env.DUTY_HOST,
    demo: process.env.DUTY_DEMO !== '0',
    log,
  });
  const shutdown = () => {
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // Started by the launcher over IPC: stop when it goes away, however it ended.
  if (process.send) process.once('disconnect', shutdown);
}
