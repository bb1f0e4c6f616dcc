import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createTokenSigner, REPO_ROOT, SUBGRAPHS, type SubgraphName, subgraphPort } from '@duty/kit';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Federation } from '../src/harness.js';

/**
 * Hive Gateway (the peer a user could pick instead) serving the same committed supergraph over
 * the test federation, with its defaults. Like our gateway it must sign the service token each
 * subgraph demands (anonymous callers only: the public board is what it serves here).
 */
export async function startHiveGateway(f: Federation) {
  const sign = createTokenSigner(f.signingKey);
  // The committed supergraph names each subgraph's default port; the test federation's differ.
  const byPort = new Map(SUBGRAPHS.map((s) => [String(subgraphPort(s.name)), s.name as SubgraphName]));
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'),
    logging: false,
    plugins: () => [
      {
        async onFetch({ url, setURL, options, setOptions }) {
          const name = byPort.get(new URL(url).port);
          if (!name) return;
          setURL(f.subgraphs[name]!.graphqlUrl);
          setOptions({
            ...options,
            headers: { ...options.headers, authorization: `Bearer ${await sign(null, name)}` },
          });
        },
      },
    ],
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
