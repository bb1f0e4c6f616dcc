import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CryptoKey,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { ExpiringCache } from './cache.js';
import { DutyError } from './errors.js';
import { isAgencyKind, isRole, type Principal } from './principal.js';
import { isKnownRegionCode } from './regions.js';

/** The issuer of the tokens the gateway forwards to subgraphs. */
export const GATEWAY_ISSUER = 'duty-gateway';
/** How long a forwarded token lives: long enough for one request, short enough to be useless if leaked. */
export const GATEWAY_TOKEN_TTL_SECONDS = 60;
export const SIGNING_ALG = 'ES256';

export type SigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

export async function generateSigningKey(kid: string): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
  return { key: { kid, privateKey, publicJwk }, privateJwk };
}

/** A key kept in the data folder, or undefined when none was made there yet. */
export async function loadSigningKey(dir: string, name: string): Promise<SigningKey | undefined> {
  try {
    const privateJwk = JSON.parse(await readFile(join(dir, `${name}.private.jwk`), 'utf8')) as JWK;
    const publicJwk = JSON.parse(await readFile(join(dir, `${name}.public.jwk`), 'utf8')) as JWK;
    const privateKey = (await importJWK(privateJwk, SIGNING_ALG)) as CryptoKey;
    return { kid: privateJwk.kid ?? name, privateKey, publicJwk };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Keys made on first start and kept in the data folder (private key readable by the owner only). */
export async function loadOrCreateSigningKey(dir: string, name: string): Promise<SigningKey> {
  const found = await loadSigningKey(dir, name);
  if (found) return found;
  await mkdir(dir, { recursive: true });
  const { key, privateJwk } = await generateSigningKey(`${name}-${Date.now().toString(36)}`);
  await writeFile(join(dir, `${name}.private.jwk`), JSON.stringify(privateJwk), { mode: 0o600 });
  await writeFile(join(dir, `${name}.public.jwk`), JSON.stringify(key.publicJwk));
  return key;
}

export async function readPublicKeyFile(path: string): Promise<JWK> {
  return JSON.parse(await readFile(path, 'utf8')) as JWK;
}

/** Claims both user tokens and forwarded tokens use for the principal. */
export function principalClaims(p: Principal): JWTPayload {
  return {
    name: p.name,
    agency_id: p.agencyId,
    agency_kind: p.agencyKind,
    region: p.regionCode,
    roles: p.roles,
    ...(p.lawyerId ? { lawyer_id: p.lawyerId } : {}),
  };
}

/** Reads a principal from verified claims; a token that names no valid principal is refused. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const { sub, agency_id, agency_kind, region, roles, lawyer_id, name } = payload as Record<string, unknown>;
  const valid =
    typeof sub === 'string' &&
    sub.length > 0 &&
    typeof agency_id === 'string' &&
    isAgencyKind(agency_kind) &&
    typeof region === 'string' &&
    isKnownRegionCode(region) &&
    Array.isArray(roles) &&
    roles.every(isRole) &&
    (lawyer_id === undefined || typeof lawyer_id === 'string');
  if (!valid)
    throw new DutyError('UNAUTHENTICATED', '身份凭证内容不完整或无效', { reason: 'INVALID_CLAIMS' });
  return {
    userId: sub,
    ...(typeof name === 'string' ? { name } : {}),
    agencyId: agency_id,
    agencyKind: agency_kind,
    regionCode: region,
    roles,
    ...(lawyer_id ? { lawyerId: lawyer_id } : {}),
  };
}

/** The issuer a subgraph signs with when it calls a peer subgraph on behalf of its caller. */
export const peerIssuer = (subgraph: string) => `subgraph:${subgraph}`;

/**
 * Signs a service token for one subgraph (audience), carrying the principal it acts for (`null`
 * is the anonymous public). The gateway signs as `duty-gateway`; a subgraph calling a peer signs
 * as `subgraph:<name>`, so the peer applies the same user's permissions.
 */
export async function signServiceToken(
  key: SigningKey,
  principal: Principal | null,
  audience: string,
  issuer: string = GATEWAY_ISSUER,
) {
  const jwt = principal
    ? new SignJWT(principalClaims(principal)).setSubject(principal.userId)
    : new SignJWT({ anonymous: true }).setSubject('anonymous');
  return jwt
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${GATEWAY_TOKEN_TTL_SECONDS}s`)
    .sign(key.privateKey);
}

/**
 * Signs service tokens and reuses each for half its life: signing on every request would cost
 * more than the request. Keyed by principal object (verifiers return the same object for the same
 * user token) and audience.
 */
export function createTokenSigner(key: SigningKey, issuer: string = GATEWAY_ISSUER) {
  const anonymous = {};
  const cache = new WeakMap<object, Map<string, { token: string; renewAt: number }>>();
  return async function tokenFor(principal: Principal | null, audience: string): Promise<string> {
    const owner = principal ?? anonymous;
    let byAudience = cache.get(owner);
    if (!byAudience) {
      byAudience = new Map();
      cache.set(owner, byAudience);
    }
    const now = Date.now();
    const hit = byAudience.get(audience);
    if (hit && hit.renewAt > now) return hit.token;
    const token = await signServiceToken(key, principal, audience, issuer);
    byAudience.set(audience, { token, renewAt: now + (GATEWAY_TOKEN_TTL_SECONDS * 1000) / 2 });
    return token;
  };
}
export type TokenSigner = ReturnType<typeof createTokenSigner>;

export interface VerifiedCaller {
  principal: Principal | null;
  /** Who sent the request: `duty-gateway`, or `subgraph:<name>` for a peer subgraph. */
  via: string;
}

/**
 * Verifies the service tokens one subgraph accepts: the gateway's, and those of the peers it
 * trusts. Verified tokens are cached until they expire, so most requests skip the signature check.
 */
export async function createServiceTokenVerifier(audience: string, trusted: Record<string, JWK>) {
  const keys = new Map(
    await Promise.all(
      Object.entries(trusted).map(async ([iss, jwk]) => [iss, await importJWK(jwk, SIGNING_ALG)] as const),
    ),
  );
  const cache = new ExpiringCache<string, VerifiedCaller>(5000);
  return async function verify(token: string): Promise<VerifiedCaller> {
    const hit = cache.get(token);
    if (hit) return hit;
    let payload: JWTPayload;
    try {
      const issuer = decodeJwt(token).iss;
      const key = issuer ? keys.get(issuer) : undefined;
      if (!issuer || !key) throw Object.assign(new Error('untrusted issuer'), { code: 'UNTRUSTED_ISSUER' });
      ({ payload } = await jwtVerify(token, key, {
        issuer,
        audience,
        algorithms: [SIGNING_ALG],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: `${GATEWAY_TOKEN_TTL_SECONDS + 5}s`,
        clockTolerance: 5,
      }));
    } catch (error) {
      throw new DutyError('UNAUTHENTICATED', '网关身份凭证无效或已过期', {
        reason: (error as { code?: string }).code ?? 'INVALID',
      });
    }
    const caller = {
      principal: payload.anonymous === true ? null : principalFromClaims(payload),
      via: payload.iss as string,
    };
    cache.set(token, caller, (payload.exp ?? 0) * 1000);
    return caller;
  };
}
export type ServiceTokenVerifier = Awaited<ReturnType<typeof createServiceTokenVerifier>>;
