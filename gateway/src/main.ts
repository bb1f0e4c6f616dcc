// The gateway as its own process (production): subgraphs run elsewhere, at their configured URLs.
import { createLogger, isProduction } from '@duty/kit';
import { configuredIssuers, devIssuerKey, gatewayPort, gatewaySigningKey, subgraphUrls } from './config.js';
import { startGateway } from './server.js';

const log = createLogger('gateway');
const production = isProduction();
const gateway = await startGateway({
  port: gatewayPort(),
  host: process.env.DUTY_HOST,
  production,
  subgraphUrls: subgraphUrls(),
  signingKey: await gatewaySigningKey(),
  issuers: configuredIssuers(),
  // The development issuer mints tokens for anyone who asks: only on explicit request, never in production.
  devIssuer: !production && process.env.DUTY_DEV_ISSUER === '1' ? await devIssuerKey() : undefined,
  subgraphTimeoutMs: Number(process.env.DUTY_SUBGRAPH_TIMEOUT_MS ?? 10_000),
  log,
});
const stop = () => gateway.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
