import { GraphQLError } from 'graphql';

/**
 * Every error a user can see carries a stable `extensions.code` and a message in Simplified
 * Chinese. Codes are part of the API: clients branch on them, never on the message.
 */
export const USER_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'SUBGRAPH_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'AUDIT_UNAVAILABLE',
] as const;
/** Our codes whose messages were written for users, and the masked internal error. */
export type ErrorCode = (typeof USER_ERROR_CODES)[number] | 'INTERNAL_SERVER_ERROR';

export class DutyError extends GraphQLError {
  constructor(code: ErrorCode | (string & {}), message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { ...details, code } });
    this.name = 'DutyError';
  }
}

export class BadInputError extends DutyError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('BAD_USER_INPUT', message, details);
  }
}

export const unauthenticated = () => new DutyError('UNAUTHENTICATED', '请先登录（缺少或无效的身份凭证）');

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Why a call to another service failed, as a stable word for `extensions.reason`: `TIMEOUT` for
 * every kind of time-out (an aborted `AbortSignal.timeout` is a DOMException whose code is the
 * number 23), the system error code (`ECONNREFUSED`) otherwise.
 */
export function failureReason(error: unknown): string {
  const e = error as { name?: string; code?: unknown; message?: string };
  if (e?.name === 'TimeoutError' || (typeof e?.code === 'string' && TIMEOUTS.has(e.code))) return 'TIMEOUT';
  if (typeof e?.code === 'string' && e.code) return e.code;
  return e?.name && e.name !== 'Error' ? e.name : (e?.message ?? 'UNKNOWN');
}

/** An error's stable `reason`, to carry over when the error is answered outside GraphQL. */
export const reasonOf = (error: unknown): { reason?: string } => {
  const reason = error instanceof DutyError ? error.extensions.reason : undefined;
  return typeof reason === 'string' ? { reason } : {};
};
