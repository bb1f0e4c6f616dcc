import { Agent, request } from 'undici';
import { SUBGRAPHS, type SubgraphName } from './config.js';
import type { KitContext } from './context.js';
import { DutyError, failureReason } from './errors.js';
import type { TokenSigner } from './identity.js';

/**
 * Calls a peer subgraph directly, on behalf of the current caller: the peer sees the same
 * principal (signed by this subgraph, audience = the peer) and applies the same permissions. Used
 * where one agency's write must check another agency's data (a workstation's host exists).
 */
export interface PeerClient {
  query<T = Record<string, unknown>>(
    peer: SubgraphName,
    caller: Pick<KitContext, 'principal' | 'requestId'>,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T>;
  close(): Promise<void>;
}

export function createPeerClient(options: {
  signer: TokenSigner;
  /** Peer name → GraphQL URL; read on every call, so tests can fill it after the peers start. */
  urls: Partial<Record<SubgraphName, string>>;
  timeoutMs?: number;
}): PeerClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const agent = new Agent({ keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const unavailable = (peer: SubgraphName, reason: string) =>
    new DutyError(
      'SUBGRAPH_UNAVAILABLE',
      `${SUBGRAPHS.find((s) => s.name === peer)?.title ?? peer}系统暂时无法访问，请稍后重试`,
      {
        subgraph: peer,
        reason,
      },
    );
  return {
    async query(peer, caller, query, variables) {
      const url = options.urls[peer];
      if (!url) throw unavailable(peer, 'NOT_CONFIGURED');
      let body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        const res = await request(url, {
          method: 'POST',
          dispatcher: agent,
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${await options.signer(caller.principal, peer)}`,
            'x-request-id': caller.requestId,
          },
          body: JSON.stringify({ query, variables }),
        });
        body = (await res.body.json()) as typeof body;
        if (res.statusCode >= 500 || (res.statusCode >= 300 && !body?.errors))
          throw new Error(`HTTP ${res.statusCode}`);
      } catch (error) {
        throw unavailable(peer, failureReason(error));
      }
      if (body.errors?.length) {
        const [first] = body.errors;
        const reason = (first?.extensions as { reason?: unknown } | undefined)?.reason;
        throw new DutyError(first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first?.message ?? '', {
          subgraph: peer,
          ...(typeof reason === 'string' ? { reason } : {}),
        });
      }
      return body.data;
    },
    close: () => agent.close(),
  };
}
