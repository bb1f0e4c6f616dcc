import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_MISTAKE_CODES, chineseClientMessage } from './client-messages.js';
import type { KitContext } from './context.js';
import { DutyError, USER_ERROR_CODES } from './errors.js';
import type { Logger } from './logger.js';

/** Our own codes: their messages were written for users (by us, here or in a subgraph). */
const USER_CODES: ReadonlySet<string> = new Set(USER_ERROR_CODES);

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
    !!findDutyError(error) ||
    (typeof code === 'string' && (USER_CODES.has(code) || CLIENT_MISTAKE_CODES.has(code)))
  );
}

/**
 * Formats errors for clients: our own errors keep their code and Chinese message (without the
 * English prefix graphql-js adds for variables), also when they come from a subgraph through the
 * gateway; client mistakes are said in Chinese, the English kept in `extensions.originalMessage`;
 * anything else is masked (the error-logging plugin has logged it with its request id). Stack
 * traces and the failing subgraph's name reach a client only when a developer asked for them
 * (`detail`, from DUTY_ERROR_DETAIL=1 outside production).
 */
export function createFormatError(options: { detail: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace, serviceName, ...extensions } = formatted.extensions ?? {};
    const debug = options.detail
      ? { ...(stacktrace ? { stacktrace } : {}), ...(serviceName ? { serviceName } : {}) }
      : {};
    const duty = findDutyError(error);
    if (duty) return { ...formatted, message: duty.message, extensions: { ...duty.extensions, ...debug } };
    const code = extensions.code;
    if (typeof code === 'string' && CLIENT_MISTAKE_CODES.has(code)) {
      const message = chineseClientMessage(code, formatted.message);
      // A subgraph's client error reaches the gateway already said in Chinese.
      if (!message) return { ...formatted, extensions: { ...extensions, ...debug } };
      const originalMessage = extensions.originalMessage ?? formatted.message;
      return { ...formatted, message, extensions: { ...extensions, originalMessage, ...debug } };
    }
    if (typeof code === 'string' && USER_CODES.has(code))
      return { ...formatted, extensions: { ...extensions, ...debug } };
    return {
      ...MASKED,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(options.detail
        ? { extensions: { ...MASKED.extensions, originalMessage: formatted.message, ...debug } }
        : {}),
    };
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
