import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  bearerToken,
  createFormatError,
  createLogger,
  createTokenSigner,
  DutyError,
  errorDetailWanted,
  errorLoggingPlugin,
  executeGraphQL,
  isProduction,
  type Logger,
  operationResolutionPlugin,
  type Principal,
  type RunningService,
  readBody,
  reasonOf,
  type SigningKey,
  sendGraphQLError,
  sendJson,
  startHttpService,
} from '@duty/kit';
import { demoUsers, findDemoUser } from '@duty/kit/demo';
import { request } from 'undici';
import {
  createUserTokenVerifier,
  DEV_ISSUER,
  devIssuerConfig,
  type IssuerConfig,
  mintDevToken,
} from './auth.js';
import { SUPERGRAPH_PATH } from './config.js';
import { AgencyDataSource, type GatewayContext } from './datasource.js';
import { createExplorerHandler } from './explorer/index.js';
import { createSubgraphFetcher } from './fetcher.js';
import { LIMITS, operationLimitsRule } from './limits.js';

// Agency networks are closed: no telemetry leaves the gateway.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface GatewayOptions {
  port: number;
  host?: string;
  production?: boolean;
  /** Defaults to the committed supergraph.graphql. */
  supergraphSdl?: string;
  /** Subgraph name → GraphQL URL. */
  subgraphUrls: Record<string, string>;
  /** Signs the tokens forwarded to subgraphs. */
  signingKey: SigningKey;
  /** Trusted issuers of user tokens. */
  issuers: IssuerConfig[];
  /** The development issuer: trusted, and it backs the explorer's demo-user picker. Never in production. */
  devIssuer?: SigningKey;
  subgraphTimeoutMs?: number;
  log?: Logger;
}

export interface RunningGateway extends RunningService {
  graphqlUrl: string;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const production = options.production ?? isProduction();
  const detail = !production && errorDetailWanted();
  const log = options.log ?? createLogger('gateway');
  if (production && options.devIssuer) throw new Error('the development issuer must not run in production');
  const issuers = [...options.issuers, ...(options.devIssuer ? [devIssuerConfig(options.devIssuer)] : [])];
  const verifyUser = createUserTokenVerifier(issuers);
  const tokenFor = createTokenSigner(options.signingKey);
  const { fetcher, close: closeFetcher } = createSubgraphFetcher(options.subgraphTimeoutMs ?? 10_000);

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    logger: log,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      return new AgencyDataSource(name, target, fetcher, tokenFor);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // We stop on SIGTERM ourselves, draining HTTP first; Apollo's own handler would re-raise the
    // signal and kill the process mid-drain.
    stopOnTerminationSignals: false,
    introspection: !production,
    // No "Did you mean …" in production: suggestions spell out the schema to whoever probes it.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: detail,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: [operationLimitsRule()],
    formatError: createFormatError({ detail }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      errorLoggingPlugin(log),
      operationResolutionPlugin(),
    ],
  });
  await apollo.start();

  const explorer =
    !production || process.env.DUTY_EXPLORER === '1'
      ? createExplorerHandler({
          graphqlPath: '/graphql',
          tokenPath: options.devIssuer ? '/dev/token' : undefined,
          users: options.devIssuer ? demoUsers().map((u) => ({ id: u.userId, label: u.label })) : [],
        })
      : undefined;

  const service = await startHttpService({
    name: 'gateway',
    host: options.host,
    port: options.port,
    log,
    async handle(req, res, requestId) {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/graphql') {
        const token = bearerToken(req);
        let principal: Principal | null = null;
        if (token !== undefined) {
          try {
            if (!token)
              throw new DutyError('UNAUTHENTICATED', 'Authorization 头格式应为 “Bearer <令牌>”', {
                reason: 'MALFORMED',
              });
            principal = await verifyUser(token);
          } catch (error) {
            const message = error instanceof DutyError ? error.message : '身份凭证无效';
            sendGraphQLError(res, 401, 'UNAUTHENTICATED', message, reasonOf(error));
            return true;
          }
        }
        await executeGraphQL(apollo, req, res, async () => ({ principal, requestId }));
        return true;
      }
      // The dev issuer's public key, so `mint-token` can tell whether its key is the one trusted here.
      if (path === '/dev/issuer' && options.devIssuer && req.method === 'GET') {
        sendJson(res, 200, { issuer: DEV_ISSUER, keys: [options.devIssuer.publicJwk] });
        return true;
      }
      if (path === '/dev/token' && options.devIssuer && req.method === 'POST') {
        let userId: unknown;
        try {
          userId = (JSON.parse(await readBody(req, 4096)) as { userId?: unknown }).userId;
        } catch {
          userId = undefined;
        }
        const user = typeof userId === 'string' ? findDemoUser(userId) : undefined;
        if (!user) {
          sendJson(res, 400, { error: '未知的演示用户' });
          return true;
        }
        sendJson(res, 200, { token: await mintDevToken(options.devIssuer, user) });
        return true;
      }
      if (path === '/' && explorer && req.method === 'GET') {
        res.writeHead(302, { location: '/explorer' }).end();
        return true;
      }
      return explorer ? explorer(req, res) : false;
    },
    async ready() {
      // The gateway serves (partial data) while a subgraph is down, so readiness only reports them.
      const subgraphs = Object.fromEntries(
        await Promise.all(
          Object.entries(options.subgraphUrls).map(async ([name, url]) => {
            try {
              const r = await request(new URL('/readyz', url), { signal: AbortSignal.timeout(1000) });
              await r.body.dump();
              return [name, r.statusCode === 200 ? 'ready' : 'unavailable'];
            } catch {
              return [name, 'unavailable'];
            }
          }),
        ),
      );
      return { subgraphs };
    },
    async onStopped() {
      await apollo.stop();
      await closeFetcher();
    },
  });
  return { ...service, graphqlUrl: `${service.url}/graphql` };
}
