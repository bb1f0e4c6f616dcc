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
export const forbidden = (what?: string) =>
  new DutyError('FORBIDDEN', what ? `无权访问：${what}` : '无权访问该数据');
export const notFound = (what: string) => new DutyError('NOT_FOUND', `未找到${what}`);
export const internalError = () => new DutyError('INTERNAL_SERVER_ERROR', '服务器内部错误，请稍后重试');
