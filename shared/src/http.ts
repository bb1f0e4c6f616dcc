import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';

export const MAX_BODY_BYTES = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's request id when it is well-formed, otherwise a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Headers every API response carries: no sniffing, no framing, no referrer, nothing to run. */
export const API_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...API_SECURITY_HEADERS,
    // Answered before the body was read (too large, refused): the unread rest would otherwise be
    // taken for the next request on this connection, which then hangs.
    ...(res.req && !res.req.complete ? { connection: 'close' } : {}),
    ...headers,
  });
  res.end(text);
}

/** A GraphQL-shaped error body, for errors raised before GraphQL execution starts. */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
) {
  sendJson(res, status, { errors: [{ message, extensions: { ...extensions, code } }] });
}

/** A NUL character anywhere in the request's strings: PostgreSQL text cannot hold it. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/**
 * Runs one HTTP request through Apollo Server. We integrate with node:http directly (Apollo's
 * documented `executeHTTPGraphQLRequest` path) so health checks, auth and request ids sit in
 * front of GraphQL without a web framework.
 */
export async function executeGraphQL<Ctx extends BaseContext>(
  server: ApolloServer<Ctx>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<Ctx>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendGraphQLError(res, 413, 'BAD_REQUEST', '请求体过大');
      throw error;
    }
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      return sendGraphQLError(res, 400, 'BAD_REQUEST', '请求体不是有效的 JSON');
    }
    // A GraphQL string literal may spell it `\u0000` inside the query text.
    const query = (body as { query?: unknown } | undefined)?.query;
    if (holdsNul(body) || (typeof query === 'string' && /(^|[^\\])(\\\\)*\\u0000/.test(query)))
      return sendGraphQLError(res, 400, 'BAD_USER_INPUT', '输入的文字中含有不允许的空字符（\\0）', {
        reason: 'NUL_CHARACTER',
      });
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: q >= 0 ? url.slice(q) : '',
      body,
    },
    context,
  });
  for (const [key, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(key, value);
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
