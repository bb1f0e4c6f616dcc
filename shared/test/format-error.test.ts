import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { chineseClientMessage } from '../src/client-messages.js';
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

async function run(detail: boolean, query: string) {
  const { log, lines } = memoryLog('test');
  const server = new ApolloServer<{ requestId: string }>({
    schema,
    rootValue,
    includeStacktraceInErrorResponses: detail,
    formatError: createFormatError({ detail }),
    plugins: [errorLoggingPlugin(log)],
  });
  const res = await server.executeOperation({ query }, { contextValue: { requestId: 'req-123456789' } });
  await server.stop();
  return { result: res.body.kind === 'single' ? res.body.singleResult : undefined, lines };
}

describe('error formatting', () => {
  it('masks internal errors unless a developer asks for detail, and logs them with their request id', async () => {
    const { result, lines } = await run(false, '{ boom }');
    expect(result?.errors?.[0]).toEqual({
      message: '服务器内部错误，请稍后重试',
      path: ['boom'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(lines)).toContain('10.0.0.5');
    expect(lines.some((l) => l.requestId === 'req-123456789' && l.msg === 'internal error')).toBe(true);
  });

  it('does not log client mistakes or our own errors as internal', async () => {
    const { lines } = await run(false, '{ denied }');
    expect(lines.filter((l) => l.msg === 'internal error')).toEqual([]);
  });

  it('keeps a subgraph error that reaches the gateway only when its code is ours', async () => {
    const format = createFormatError({ detail: false });
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
    const { result } = await run(false, '{ denied }');
    expect(result?.errors?.[0]?.message).toBe('无权访问该数据');
    expect(result?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('says client mistakes in Chinese and keeps the English for developers', async () => {
    const { result } = await run(false, '{ nope }');
    expect(result?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result?.errors?.[0]?.message).toBe('“Query”没有可查询的字段“nope”');
    expect(result?.errors?.[0]?.extensions?.originalMessage).toBe(
      'Cannot query field "nope" on type "Query".',
    );
    expect(result?.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
  });

  it('gives stack traces and the English only when a developer asked for detail', async () => {
    const { result } = await run(true, '{ boom }');
    expect(result?.errors?.[0]?.message).toBe('服务器内部错误，请稍后重试');
    expect(result?.errors?.[0]?.extensions?.originalMessage).toBe('connection to 10.0.0.5 refused');
    expect(result?.errors?.[0]?.extensions?.stacktrace).toEqual(expect.any(Array));
  });
});

describe('client messages in Chinese', () => {
  const say = (message: string, code = 'BAD_USER_INPUT') => chineseClientMessage(code, message);
  it('explains variable coercion by the reason, our own scalars in their own words', () => {
    expect(say('Variable "$n" got invalid value "abc"; Int cannot represent non-integer value: "abc"')).toBe(
      '变量 $n 的值无效：应为整数',
    );
    expect(
      say(
        'Variable "$n" got invalid value 9999999999; Int cannot represent non 32-bit signed integer value: 9999999999',
      ),
    ).toBe('变量 $n 的值无效：整数超出范围（-2147483648 至 2147483647）');
    expect(say('Variable "$s" got invalid value "X"; Value "X" does not exist in "ShiftStatus" enum.')).toBe(
      '变量 $s 的值无效：“X”不是可选的值',
    );
    expect(say('Variable "$r" got invalid value "12"; 行政区划代码应为6位数字')).toBe(
      '变量 $r 的值无效：行政区划代码应为6位数字',
    );
    expect(
      say('Variable "$i" got invalid value {}; Field "name" of required type "String!" was not provided.'),
    ).toBe('变量 $i 的值无效：缺少必填项“name”');
    expect(say('Variable "$n" of required type "Int!" was not provided.')).toBe('缺少必填变量 $n');
  });
  it('says what was wrong with the query, never only the English', () => {
    expect(say('Syntax Error: Expected Name, found <EOF>.', 'GRAPHQL_PARSE_FAILED')).toBe(
      '查询语法错误，请检查括号、引号和字段名',
    );
    expect(
      say('Cannot query field "nam" on type "Court". Did you mean "name"?', 'GRAPHQL_VALIDATION_FAILED'),
    ).toBe('“Court”没有可查询的字段“nam”，是否想用 “name”？');
    expect(say('Something graphql-js says one day', 'GRAPHQL_VALIDATION_FAILED')).toBe('查询不符合接口定义');
    expect(say('Operation batching disabled.', 'BAD_REQUEST')).toMatch(/^不支持批量请求/);
    expect(say('字段“x”缺少必填参数“y”', 'GRAPHQL_VALIDATION_FAILED')).toBeUndefined();
  });
});
