import { type Principal, type SigningKey, signGatewayToken } from '@duty/kit';

/**
 * Signs the token forwarded to each subgraph (audience = that subgraph, a minute to live) and
 * reuses it for half its life: signing on every request would cost more than the request.
 */
export function createForwardedTokenSigner(key: SigningKey) {
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
    const token = await signGatewayToken(key, principal, audience);
    byAudience.set(audience, { token, renewAt: now + 30_000 });
    return token;
  };
}
