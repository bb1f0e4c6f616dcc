import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { DutyError } from './errors.js';
import type { Logger } from './logger.js';

/** Codes a client caused; their message is safe to show. Anything else is internal. */
const CLIENT_CODES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '查询语法错误',
  GRAPHQL_VALIDATION_FAILED: '查询不符合接口定义',
  BAD_USER_INPUT: '输入有误',
  BAD_REQUEST: '请求格式错误',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
  PERSISTED_QUERY_NOT_FOUND: '持久化查询不存在',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询',
};

function findDutyError(error: unknown): DutyError | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e; depth += 1) {
    if (e instanceof DutyError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * Formats errors for clients: our own errors keep their code and Chinese message (without the
 * English prefix graphql-js adds for variables); client mistakes get a Chinese lead-in; anything
 * else is logged and, in production, masked.
 */
export function createFormatError(options: {
  production: boolean;
  log: Logger;
  /** Errors already formatted elsewhere (a subgraph's, seen by the gateway) go out unchanged. */
  passThrough?: (formatted: GraphQLFormattedError) => boolean;
}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const duty = findDutyError(error);
    if (duty) {
      return { ...formatted, message: duty.message, extensions: { ...duty.extensions } };
    }
    if (options.passThrough?.(formatted)) return formatted;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES[code]) {
      return { ...formatted, message: `${CLIENT_CODES[code]}：${formatted.message}` };
    }
    const original = unwrapResolverError(error);
    options.log.error(
      { err: original instanceof Error ? original : new Error(String(original)), path: formatted.path },
      'internal error',
    );
    if (!options.production) return formatted;
    return {
      message: '服务器内部错误，请稍后重试',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
