import {
  DutyError,
  ExpiringCache,
  type Principal,
  principalClaims,
  principalFromClaims,
  SIGNING_ALG,
  type SigningKey,
} from '@duty/kit';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';

/** The audience user tokens must name: this gateway. */
export const GATEWAY_AUDIENCE = 'duty-gateway';
export const DEV_ISSUER = 'duty-dev-issuer';

/** A trusted issuer of user tokens: its keys inline (JWKS) or at a URL. */
export interface IssuerConfig {
  issuer: string;
  audience?: string;
  jwks?: { keys: JWK[] };
  jwksUrl?: string;
}

/**
 * Verifies `Authorization: Bearer` user tokens against the configured issuers. A verified token is
 * cached until it expires, so the same principal object comes back for the same token (which
 * lets the forwarded-token cache key on it).
 */
export function createUserTokenVerifier(issuers: IssuerConfig[]) {
  const keySets = new Map<string, { audience: string; keys: JWTVerifyGetKey }>();
  for (const i of issuers) {
    const keys = i.jwks
      ? createLocalJWKSet(i.jwks)
      : i.jwksUrl
        ? createRemoteJWKSet(new URL(i.jwksUrl))
        : undefined;
    if (!keys) throw new Error(`issuer ${i.issuer} has neither jwks nor jwksUrl`);
    keySets.set(i.issuer, { audience: i.audience ?? GATEWAY_AUDIENCE, keys });
  }
  const cache = new ExpiringCache<string, Principal>(10_000);
  return async function verify(token: string): Promise<Principal> {
    const hit = cache.get(token);
    if (hit) return hit;
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new DutyError('UNAUTHENTICATED', '身份凭证格式错误', { reason: 'MALFORMED' });
    }
    const trusted = issuer ? keySets.get(issuer) : undefined;
    if (!trusted)
      throw new DutyError('UNAUTHENTICATED', '身份凭证的签发方不受信任', { reason: 'UNKNOWN_ISSUER' });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, trusted.keys, {
        issuer,
        audience: trusted.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 30,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw code === 'ERR_JWT_EXPIRED'
        ? new DutyError('UNAUTHENTICATED', '身份凭证已过期，请重新登录', { reason: 'EXPIRED' })
        : new DutyError('UNAUTHENTICATED', '身份凭证无效', { reason: code ?? 'INVALID' });
    }
    const principal = principalFromClaims(payload);
    cache.set(token, principal, (payload.exp ?? 0) * 1000);
    return principal;
  };
}

/** Mints a development user token (the dev issuer exists only outside production). */
export function mintDevToken(key: SigningKey, principal: Principal, ttl = '12h'): Promise<string> {
  return new SignJWT(principalClaims(principal))
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(GATEWAY_AUDIENCE)
    .setSubject(principal.userId)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key.privateKey);
}

export const devIssuerConfig = (key: SigningKey): IssuerConfig => ({
  issuer: DEV_ISSUER,
  jwks: { keys: [key.publicJwk] },
});
