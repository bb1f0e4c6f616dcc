import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createUserTokenVerifier, type IssuerConfig } from '@duty/gateway';
import {
  createTokenSigner,
  type Principal,
  REPO_ROOT,
  type SigningKey,
  SUBGRAPHS,
  type SubgraphName,
  subgraphPort,
} from '@duty/kit';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { GraphQLError } from 'graphql';

export interface HiveOptions {
  /** The Rust query planner (`@graphql-hive/router-runtime`, the CLI's `--hive-router-runtime`). */
  rustPlanner?: boolean;
  /**
   * Merge identical in-flight subgraph requests (Hive's default). Only a public page where many
   * callers send the very same request gains from it; per-user queries are measured without.
   */
  mergeInflight?: boolean;
}

/** What a gateway under test needs from the federation: its keys and where the subgraphs are. */
export interface GatewaySetup {
  /** Signs the service tokens the subgraphs demand (the federation's gateway key). */
  signingKey: SigningKey;
  /** Trusted issuers of user tokens (the test issuer). */
  issuers: IssuerConfig[];
  /** Subgraph name → GraphQL URL. */
  subgraphUrls: Record<string, string>;
}

/**
 * Hive Gateway (the peer a user could pick instead) serving the same committed supergraph over
 * the test federation. Like our gateway it verifies the caller's user token (with the same
 * verifier, which caches verified tokens) and signs the service token each subgraph demands with
 * the caller as principal (anonymous callers too).
 */
export async function startHiveGateway(setup: GatewaySetup, options: HiveOptions = {}) {
  const sign = createTokenSigner(setup.signingKey);
  const verify = createUserTokenVerifier(setup.issuers);
  // The committed supergraph names each subgraph's default port; the test federation's differ.
  const byPort = new Map(SUBGRAPHS.map((s) => [String(subgraphPort(s.name)), s.name as SubgraphName]));
  const identity: GatewayPlugin<{ principal: Principal | null }> = {
    async onContextBuilding({ context, extendContext }) {
      const header = context.request?.headers.get('authorization');
      if (!header) return extendContext({ principal: null });
      const token = /^Bearer (.+)$/.exec(header)?.[1];
      try {
        if (!token) throw new Error('malformed');
        extendContext({ principal: await verify(token) });
      } catch {
        throw new GraphQLError('身份凭证无效', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
    },
    async onFetch({ url, setURL, options, setOptions, context }) {
      const name = byPort.get(new URL(url).port);
      if (!name) return;
      setURL(setup.subgraphUrls[name]!);
      const principal = (context as { principal?: Principal | null } | undefined)?.principal ?? null;
      const token = await sign(principal, name);
      setOptions({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
    },
  };
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'),
    logging: false,
    ...(options.rustPlanner ? { unifiedGraphHandler } : {}),
    ...(options.mergeInflight === false
      ? { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }
      : {}),
    plugins: () => [identity],
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}

export type HiveGateway = Awaited<ReturnType<typeof startHiveGateway>>;
