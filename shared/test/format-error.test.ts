import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DutyError } from '../src/errors.js';
import { createFormatError, errorLoggingPlugin } from '../src/format-error.js';
import { memoryLog } from '../src/testing/index.js';

const schema = buildSchema('type Query { boom: String, denied: String }');
const rootValue = {
  boom: () => {
    throw new Error('connection to 10.0.0.5 refused');
  },
  denied: () => {
    throw new DutyError('FORBIDDEN', '无权访问该数据');
  },
};

async function run(production: boolean, query: string) {
  const { log, lines } = memoryLog('test');
  const server = new ApolloServer<{ requestId: string }>({
    schema,
    rootValue,
    formatError: createFormatError({ production }),
    plugins: [errorLoggingPlugin(log)],
  });
  const res = await server.executeOperation({ query }, { contextValue: { requestId: 'req-123456789' } });
  await server.stop();
  return { result: res.body.kind === 'single' ? res.body.singleResult : undefined, lines };
}

describe('error formatting', () => {
  it('masks internal errors in production and logs them with their request id', async () => {
    const { result, lines } = await run(true, '{ boom }');
    expect(result?.errors?.[0]).toEqual({
      message: '服务器内部错误，请稍后重试',
      path: ['boom'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(lines)).toContain('10.0.0.5');
    expect(lines.some((l) => l.requestId === 'req-123456789' && l.msg === 'internal error')).toBe(true);
  });

  it('does not log client mistakes or our own errors as internal', async () => {
    const { lines } = await run(true, '{ denied }');
    expect(lines.filter((l) => l.msg === 'internal error')).toEqual([]);
  });

  it('keeps a subgraph error that reaches the gateway only when its code is ours', async () => {
    const format = createFormatError({ production: true });
    const leaked = format(
      {
        message: 'invalid byte sequence for encoding "UTF8"',
        extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'court', stacktrace: ['at x'] },
      },
      new Error('x'),
    );
    expect(leaked).toEqual({
      message: '服务器内部错误，请稍后重试',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const unknown = format(
      { message: 'boom', extensions: { code: 'SOMETHING_ELSE', serviceName: 'court' } },
      new Error('x'),
    );
    expect(unknown.message).toBe('服务器内部错误，请稍后重试');
    const ours = format(
      { message: '无权访问', extensions: { code: 'FORBIDDEN', serviceName: 'court', stacktrace: ['at x'] } },
      new Error('x'),
    );
    expect(ours).toEqual({ message: '无权访问', extensions: { code: 'FORBIDDEN' } });
  });

  it('keeps our own errors: their code and Chinese message', async () => {
    const { result } = await run(true, '{ denied }');
    expect(result?.errors?.[0]?.message).toBe('无权访问该数据');
    expect(result?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gives client mistakes a Chinese lead-in', async () => {
    const { result } = await run(true, '{ nope }');
    expect(result?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result?.errors?.[0]?.message).toMatch(/^查询不符合接口定义：/);
  });
});
