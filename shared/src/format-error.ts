import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { KitContext } from './context.js';
import { DutyError, type ErrorCode } from './errors.js';
import type { Logger } from './logger.js';

/** Client mistakes graphql-js and Apollo report in English: a Chinese lead-in goes first. */
const CLIENT_CODES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '查询语法错误',
  GRAPHQL_VALIDATION_FAILED: '查询不符合接口定义',
  BAD_USER_INPUT: '输入有误',
  BAD_REQUEST: '请求格式错误',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
  PERSISTED_QUERY_NOT_FOUND: '持久化查询不存在',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询',
};

/** Our own codes: their messages were written for users (by us, here or in a subgraph). */
const USER_CODES = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'SUBGRAPH_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
] satisfies ErrorCode[]);

const MASKED: GraphQLFormattedError = {
  message: '服务器内部错误，请稍后重试',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

function findDutyError(error: unknown): DutyError | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e; depth += 1) {
    if (e instanceof DutyError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** An error a user caused or may see as it is; anything else is internal. */
export function isUserFacing(formatted: GraphQLFormattedError, error: unknown): boolean {
  const code = formatted.extensions?.code;
  return (
    !!findDutyError(error) || (typeof code === 'string' && (USER_CODES.has(code) || code in CLIENT_CODES))
  );
}

/**
 * Formats errors for clients: our own errors keep their code and Chinese message (without the
 * English prefix graphql-js adds for variables), also when they come from a subgraph through the
 * gateway; client mistakes get a Chinese lead-in; anything else is masked in production (the
 * error-logging plugin has logged it with its request id).
 */
export function createFormatError(options: { production: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace, serviceName, ...extensions } = formatted.extensions ?? {};
    const debug = options.production
      ? {}
      : { ...(stacktrace ? { stacktrace } : {}), ...(serviceName ? { serviceName } : {}) };
    const duty = findDutyError(error);
    if (duty) return { ...formatted, message: duty.message, extensions: { ...duty.extensions, ...debug } };
    const code = extensions.code;
    if (typeof code === 'string' && USER_CODES.has(code))
      return { ...formatted, extensions: { ...extensions, ...debug } };
    if (typeof code === 'string' && CLIENT_CODES[code]) {
      const lead = CLIENT_CODES[code];
      // A subgraph's client error reaches the gateway with its lead-in already there.
      const message = formatted.message.startsWith(lead)
        ? formatted.message
        : `${lead}：${formatted.message}`;
      return { ...formatted, message, extensions: { ...extensions, ...debug } };
    }
    if (!options.production) return formatted;
    return { ...MASKED, ...(formatted.path ? { path: formatted.path } : {}) };
  };
}

/** Logs every internal error with the request it belongs to (client mistakes are not logged). */
export function errorLoggingPlugin(fallback: Logger): ApolloServerPlugin<Partial<KitContext>> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const log = contextValue.log ?? fallback.child({ requestId: contextValue.requestId });
          for (const error of errors) {
            const formatted = { message: error.message, extensions: error.extensions };
            if (isUserFacing(formatted, error)) continue;
            const original = unwrapResolverError(error);
            log.error(
              { err: original instanceof Error ? original : new Error(String(original)), path: error.path },
              'internal error',
            );
          }
        },
      };
    },
  };
}
