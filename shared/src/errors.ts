import { GraphQLError } from 'graphql';

/**
 * Every error a user can see carries a stable `extensions.code` and a message in Simplified
 * Chinese. Codes are part of the API: clients branch on them, never on the message.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'AUDIT_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

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
