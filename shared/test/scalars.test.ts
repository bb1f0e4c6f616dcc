import {
  type ExecutionResult,
  type GraphQLFieldConfig,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  graphql,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { type KitScalarTypes, kitScalars } from '../src/scalars.js';

type Name = keyof KitScalarTypes;
const names = Object.keys(kitScalars) as Name[];

// One field per scalar that echoes its argument back, so input and output both go through it.
const scalarTypes = Object.fromEntries(
  names.map((name) => [name, new GraphQLScalarType<unknown, string>({ name, ...kitScalars[name] })]),
) as Record<Name, GraphQLScalarType>;

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: Object.fromEntries(
      names.map((name): [string, GraphQLFieldConfig<unknown, unknown, { value: unknown }>] => [
        name,
        {
          type: scalarTypes[name],
          args: { value: { type: new GraphQLNonNull(scalarTypes[name]) } },
          resolve: (_, args) => args.value,
        },
      ]),
    ),
  }),
});

const withVariable = (name: Name, value: unknown) =>
  graphql({ schema, source: `query ($v: ${name}!) { ${name}(value: $v) }`, variableValues: { v: value } });

const withLiteral = (name: Name, literal: string) =>
  graphql({ schema, source: `{ ${name}(value: ${literal}) }` });

/** The single error of a failed request, with its own (scalar) message. */
function onlyError(result: ExecutionResult) {
  expect(result.data ?? undefined).toBeUndefined();
  expect(result.errors).toHaveLength(1);
  const error = result.errors?.[0];
  if (!error) throw new Error('no error');
  return { error, ownMessage: error.originalError?.message ?? error.message };
}

/** Runs `value` as a variable and as a string literal; both must fail the same way. */
async function expectRejected(name: Name, value: unknown, reason: string, message: string) {
  const runs = [withVariable(name, value)];
  if (typeof value === 'string') runs.push(withLiteral(name, JSON.stringify(value)));
  for (const result of await Promise.all(runs)) {
    const { error, ownMessage } = onlyError(result);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, scalar: name });
    expect(error.message).toContain(message);
    expect(ownMessage).toContain(message);
  }
}

async function expectAccepted(name: Name, value: string, output: string) {
  for (const result of [await withVariable(name, value), await withLiteral(name, JSON.stringify(value))]) {
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ [name]: output });
  }
}

it('every scalar has a bilingual description', () => {
  for (const name of names) {
    expect(kitScalars[name].description).toMatch(/[A-Za-z].*\([\u4e00-\u9fff]+\)/);
  }
  expect(kitScalars.ResidentIdNumber.description).toContain('Resident ID number (居民身份证号码), GB 11643');
});

describe('non-string input is refused by every scalar', () => {
  const labels: Record<Name, [string, string]> = {
    DateTime: ['DATETIME_TYPE', '时间须为字符串'],
    LocalDate: ['LOCAL_DATE_TYPE', '日期须为字符串'],
    RegionCode: ['REGION_TYPE', '行政区划代码须为字符串'],
    ResidentIdNumber: ['RESIDENT_ID_TYPE', '居民身份证号码须为字符串'],
    LawyerLicenseNo: ['LAWYER_LICENSE_TYPE', '律师执业证号须为字符串'],
    PhoneNumber: ['PHONE_TYPE', '电话号码须为字符串'],
  };

  it.each(names)('%s as a variable', async (name) => {
    const [reason, message] = labels[name];
    await expectRejected(name, 110105, reason, `${message}，收到数字`);
    await expectRejected(name, true, reason, `${message}，收到布尔值`);
    await expectRejected(name, { value: '110105' }, reason, `${message}，收到对象`);
  });

  it.each(names)('%s as a literal', async (name) => {
    const [reason, message] = labels[name];
    for (const [literal, kind] of [
      ['110105', '整数'],
      ['1.5', '小数'],
      ['true', '布尔值'],
      ['["110105"]', '列表'],
      ['{ a: 1 }', '对象'],
      ['ABC', '枚举值'],
    ]) {
      const { error } = onlyError(await withLiteral(name, literal as string));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      expect(error.message).toBe(`${message}字面量，收到${kind}`);
    }
  });
});

describe('DateTime', () => {
  it('parses offsets and returns UTC', async () => {
    await expectAccepted('DateTime', '2024-05-01T09:30:00+08:00', '2024-05-01T01:30:00.000Z');
    await expectAccepted('DateTime', '2024-05-01T01:30:00Z', '2024-05-01T01:30:00.000Z');
  });

  it('hands resolvers a Date', () => {
    expect(kitScalars.DateTime.parseValue('2024-05-01T09:30:00+08:00')).toEqual(
      new Date('2024-05-01T01:30:00Z'),
    );
  });

  it('rejects times without an offset and impossible times', async () => {
    await expectRejected(
      'DateTime',
      '2024-05-01T09:30:00',
      'DATETIME_FORMAT',
      '时间须为带时区的 ISO 8601 格式',
    );
    await expectRejected('DateTime', '2024-05-01', 'DATETIME_FORMAT', '时间须为带时区的 ISO 8601 格式');
    await expectRejected(
      'DateTime',
      '2023-02-29T10:00:00+08:00',
      'DATETIME_INVALID',
      '时间"2023-02-29T10:00:00+08:00"不存在',
    );
    await expectRejected('DateTime', '2024-05-01T25:00:00Z', 'DATETIME_INVALID', '不存在');
  });

  it('serializes Dates and valid strings, and refuses anything else', () => {
    const { serialize } = kitScalars.DateTime;
    expect(serialize(new Date('2024-05-01T01:30:00Z'))).toBe('2024-05-01T01:30:00.000Z');
    expect(serialize('2024-05-01T09:30:00+08:00')).toBe('2024-05-01T01:30:00.000Z');
    expect(() => serialize(new Date('nope'))).toThrow(TypeError);
    expect(() => serialize('2024-05-01 09:30')).toThrow(TypeError);
    expect(() => serialize(1714527000000)).toThrow(TypeError);
  });
});

describe('LocalDate', () => {
  it('accepts real dates', async () => {
    await expectAccepted('LocalDate', '2024-02-29', '2024-02-29');
  });

  it('rejects other formats and impossible dates', async () => {
    await expectRejected('LocalDate', '2024/02/29', 'LOCAL_DATE_FORMAT', '日期格式须为 YYYY-MM-DD');
    await expectRejected('LocalDate', '20240229', 'LOCAL_DATE_FORMAT', '日期格式须为 YYYY-MM-DD');
    await expectRejected('LocalDate', '2024-02-29T00:00:00Z', 'LOCAL_DATE_FORMAT', '日期格式须为 YYYY-MM-DD');
    await expectRejected('LocalDate', '1999-02-30', 'LOCAL_DATE_INVALID', '日期"1999-02-30"不存在');
  });

  it('serializes only YYYY-MM-DD strings (a Date is ambiguous about the day)', () => {
    expect(kitScalars.LocalDate.serialize('2024-02-29')).toBe('2024-02-29');
    expect(() => kitScalars.LocalDate.serialize(new Date('2024-02-29T00:00:00Z'))).toThrow(TypeError);
  });
});

describe('RegionCode', () => {
  it('accepts current and retired codes', async () => {
    await expectAccepted('RegionCode', '110105', '110105');
    await expectAccepted('RegionCode', '440000', '440000');
    await expectAccepted('RegionCode', '110103', '110103'); // 崇文区, retired 2010
  });

  it('rejects malformed and unknown codes', async () => {
    await expectRejected('RegionCode', '11010', 'REGION_FORMAT', '行政区划代码须为 6 位数字');
    await expectRejected('RegionCode', '1101050', 'REGION_FORMAT', '行政区划代码须为 6 位数字');
    await expectRejected('RegionCode', '北京市', 'REGION_FORMAT', '行政区划代码须为 6 位数字');
    await expectRejected(
      'RegionCode',
      '999999',
      'REGION_UNKNOWN',
      '行政区划代码"999999"不存在（须为 GB/T 2260 六位代码）',
    );
  });

  it('serializes any six-digit string', () => {
    expect(kitScalars.RegionCode.serialize('110199')).toBe('110199');
    expect(() => kitScalars.RegionCode.serialize(110105)).toThrow(TypeError);
  });
});

describe('ResidentIdNumber', () => {
  it('accepts a valid number, normalising x', async () => {
    await expectAccepted('ResidentIdNumber', '11010519491231002X', '11010519491231002X');
    await expectAccepted('ResidentIdNumber', '11010519491231002x', '11010519491231002X');
  });

  it('rejects each broken rule with its own reason', async () => {
    await expectRejected(
      'ResidentIdNumber',
      '11010519491231002',
      'RESIDENT_ID_FORMAT',
      '居民身份证号码须为 18 位',
    );
    await expectRejected('ResidentIdNumber', '11010519491231002', 'RESIDENT_ID_FORMAT', '收到 17 位');
    await expectRejected('ResidentIdNumber', '1101051949123100YX', 'RESIDENT_ID_FORMAT', '含有其他字符');
    await expectRejected(
      'ResidentIdNumber',
      '99010519800101001X',
      'RESIDENT_ID_REGION',
      '居民身份证号码前 6 位不是有效的行政区划代码',
    );
    await expectRejected('ResidentIdNumber', '110105199902300015', 'RESIDENT_ID_BIRTH_DATE', '出生日期无效');
    await expectRejected('ResidentIdNumber', '110105209901010012', 'RESIDENT_ID_BIRTH_DATE', '出生日期无效'); // 2099
    await expectRejected(
      'ResidentIdNumber',
      '110105194912310021',
      'RESIDENT_ID_CHECKSUM',
      '居民身份证号码校验位错误',
    );
  });

  it('never repeats the number in its own message', async () => {
    const { error, ownMessage } = onlyError(await withLiteral('ResidentIdNumber', '"110105194912310021"'));
    expect(error.message).not.toContain('110105194912310021');
    expect(error.message).not.toContain('19491231');
    // graphql-js prefixes variable errors with the raw value; the server's error formatting must
    // show originalError's message instead. Our part stays clean:
    const viaVariable = onlyError(await withVariable('ResidentIdNumber', '110105194912310021'));
    expect(viaVariable.ownMessage).not.toContain('110105194912310021');
    expect(ownMessage).toBe(error.message);
  });
});

describe('LawyerLicenseNo', () => {
  it('accepts 17 digits', async () => {
    await expectAccepted('LawyerLicenseNo', '11101201510000042', '11101201510000042');
  });

  it('rejects other lengths and characters', async () => {
    await expectRejected(
      'LawyerLicenseNo',
      '1110120151000004',
      'LAWYER_LICENSE_FORMAT',
      '律师执业证号须为 17 位数字，收到 16 个字符',
    );
    await expectRejected(
      'LawyerLicenseNo',
      '111012015100000421',
      'LAWYER_LICENSE_FORMAT',
      '律师执业证号须为 17 位数字',
    );
    await expectRejected(
      'LawyerLicenseNo',
      '1110120151000004A',
      'LAWYER_LICENSE_FORMAT',
      '律师执业证号须为 17 位数字',
    );
  });
});

describe('PhoneNumber', () => {
  it('normalises mobiles and landlines', async () => {
    await expectAccepted('PhoneNumber', '+86 138-0013-8000', '13800138000');
    await expectAccepted('PhoneNumber', '01012345678', '010-12345678');
    await expectAccepted('PhoneNumber', '0755-88889999-801', '0755-88889999-801');
  });

  it('rejects bad numbers', async () => {
    for (const bad of ['12345678901', '1380013800', '010-123456', 'call me', '']) {
      await expectRejected('PhoneNumber', bad, 'PHONE_FORMAT', '电话号码格式不正确');
    }
  });

  it('serializes stored numbers in normal form', () => {
    expect(kitScalars.PhoneNumber.serialize('138 0013 8000')).toBe('13800138000');
    expect(() => kitScalars.PhoneNumber.serialize('n/a')).toThrow(TypeError);
  });
});

it('a bad output value surfaces as an error on the field, not as BAD_USER_INPUT', async () => {
  const bad = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { id: { type: scalarTypes.ResidentIdNumber, resolve: () => 'not an id' } },
    }),
  });
  const result = await graphql({ schema: bad, source: '{ id }' });
  expect(result.data).toEqual({ id: null });
  expect(result.errors?.[0]?.extensions.code).toBeUndefined();
  expect(result.errors?.[0]?.message).not.toContain('not an id');
});
