import { join } from 'node:path';
import {
  GATEWAY_DEFAULT_PORT,
  keysDir,
  loadOrCreateSigningKey,
  REPO_ROOT,
  SUBGRAPHS,
  subgraphUrl,
} from '@duty/kit';
import type { IssuerConfig } from './auth.js';

export const SUPERGRAPH_PATH = join(REPO_ROOT, 'supergraph.graphql');

export const gatewayPort = () => Number(process.env.GATEWAY_PORT ?? GATEWAY_DEFAULT_PORT);

export const subgraphUrls = () => Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphUrl(s.name)]));

/** Trusted user-token issuers: `DUTY_ISSUERS` as JSON, e.g. `[{"issuer":"…","jwksUrl":"…"}]`. */
export function configuredIssuers(): IssuerConfig[] {
  const raw = process.env.DUTY_ISSUERS;
  if (!raw) return [];
  const parsed = JSON.parse(raw) as IssuerConfig[];
  if (!Array.isArray(parsed)) throw new Error('DUTY_ISSUERS must be a JSON array');
  return parsed;
}

/** The gateway's signing key and the dev issuer's key: made on first start, kept in `.data/keys`. */
export const gatewaySigningKey = () => loadOrCreateSigningKey(keysDir(), 'gateway');
export const devIssuerKey = () => loadOrCreateSigningKey(keysDir(), 'dev-issuer');
/** Where tools find the running gateway (`mint-token` asks it which dev key it trusts). */
export const gatewayUrl = () => process.env.DUTY_GATEWAY_URL ?? `http://127.0.0.1:${gatewayPort()}`;
export const gatewayPublicKeyFile = () => join(keysDir(), 'gateway.public.jwk');
