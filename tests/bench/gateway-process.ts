// A gateway under test in a process of its own (started by gateways.ts): our gateway in production
// mode, or Hive Gateway, over the bench process's subgraphs. Driven over IPC: one start message
// (answered with the GraphQL URL), then CPU-time requests; it exits when the parent disconnects.
import { setMaxListeners } from 'node:events';
import { startGateway } from '@duty/gateway';
import { createLogger, SIGNING_ALG, type SigningKey } from '@duty/kit';
import { type CryptoKey, importJWK } from 'jose';
import type { FromGatewayProcess, GatewayProcessConfig, ToGatewayProcess } from './gateways.js';
import { startHiveGateway } from './hive.js';

// Hive Gateway's HTTP client hangs every in-flight subgraph fetch on one abort signal.
setMaxListeners(100);
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const send = (m: FromGatewayProcess) => process.send!(m);
let running: { stop(): Promise<void> } | undefined;

async function start(config: GatewayProcessConfig) {
  const { kid, privateJwk, publicJwk } = config.signingKey;
  const signingKey: SigningKey = {
    kid,
    privateKey: (await importJWK(privateJwk, SIGNING_ALG)) as CryptoKey,
    publicJwk,
  };
  const setup = { signingKey, issuers: config.issuers, subgraphUrls: config.subgraphUrls };
  if (config.gateway === 'hive') {
    const hive = await startHiveGateway(setup, config.hive);
    running = hive;
    send({ type: 'ready', graphqlUrl: hive.graphqlUrl, production: false });
    return;
  }
  // Production mode, as `gateway/src/main.ts` runs it: the test issuer is trusted as any
  // configured issuer is (no development issuer: production refuses one).
  const gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    production: true,
    ...setup,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    log: createLogger('gateway'),
  });
  running = gateway;
  send({ type: 'ready', graphqlUrl: gateway.graphqlUrl, production: true });
}

process.on('message', (m: ToGatewayProcess) => {
  if (m.type === 'cpu') send({ type: 'cpu', id: m.id, cpu: process.cpuUsage() });
  else
    start(m.config).catch((error) => {
      const failed: FromGatewayProcess = { type: 'failed', error: String((error as Error).stack ?? error) };
      process.send!(failed, undefined, undefined, () => process.exit(1));
    });
});
// The parent stopped us, or died: stop serving and exit (within a few seconds whatever happens).
process.on('disconnect', () => {
  setTimeout(() => process.exit(0), 3000).unref();
  void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
});
