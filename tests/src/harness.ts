import { createServer } from 'node:net';
import { mintDevToken, type RunningGateway, startGateway, subgraphDefinitions } from '@duty/gateway';
import {
  type DatabaseConfig,
  generateSigningKey,
  type Principal,
  type SigningKey,
  type SubgraphName,
} from '@duty/kit';
import { findDemoUser } from '@duty/kit/demo';
import { startFederation, type TestFederation } from '@duty/kit/testing';
import { request } from 'undici';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    data?: T;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  };
}

export interface Federation extends TestFederation<RunningGateway> {
  /** The test's user-token issuer, trusted by the gateway as its development issuer. */
  issuerKey: SigningKey;
  /** A user token from the test issuer for a demo user id, or for any principal. */
  tokenFor(user: string | Principal): Promise<string>;
  /** POSTs a GraphQL request to the gateway (or to `url`). */
  query<T = any>(
    query: string,
    options?: {
      variables?: Record<string, unknown>;
      token?: string;
      url?: string;
      headers?: Record<string, string>;
    },
  ): Promise<GraphQLResponse<T>>;
}

export async function postGraphQL<T = any>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(text) };
}

/** The whole federation in process: four subgraphs on their own test databases, and the gateway. */
export async function startTestFederation(
  options: { subgraphTimeoutMs?: number; databases?: (name: SubgraphName) => DatabaseConfig } = {},
): Promise<Federation> {
  const { key: issuerKey } = await generateSigningKey('test-issuer');
  const federation = await startFederation({
    subgraphs: subgraphDefinitions,
    databases: options.databases,
    gateway: ({ subgraphUrls, signingKey, log }) =>
      startGateway({
        port: 0,
        production: false,
        subgraphUrls,
        signingKey,
        issuers: [],
        devIssuer: issuerKey,
        subgraphTimeoutMs: options.subgraphTimeoutMs ?? 5000,
        log,
      }),
  });
  return {
    ...federation,
    issuerKey,
    async tokenFor(user) {
      const principal = typeof user === 'string' ? findDemoUser(user) : user;
      if (!principal) throw new Error(`no demo user ${String(user)}`);
      return mintDevToken(issuerKey, principal, '10m');
    },
    query(query, { variables, token, url, headers } = {}) {
      return postGraphQL(
        url ?? federation.gateway.graphqlUrl,
        { query, variables },
        {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      );
    },
  };
}

/** Polls `probe` until `ok` holds (or the time is up) and returns its last value. */
export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A URL where nothing answers (a port just freed): a peer there is "down". */
export async function unreachableUrl(): Promise<string> {
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const { port } = dead.address() as { port: number };
  await new Promise<void>((r) => dead.close(() => r()));
  return `http://127.0.0.1:${port}/graphql`;
}
