import { type GraphQLScalarTypeConfig, Kind, type ValueNode } from 'graphql';
import { BadInputError } from './errors.js';
import {
  validateDateTime,
  validateLawyerLicenseNo,
  validateLocalDate,
  validatePhoneNumber,
  validateResidentIdNumber,
} from './ids.js';
import { isKnownRegionCode } from './regions.js';

/**
 * The kit's custom scalars as plain configs; the builder registers them with
 * `builder.scalarType(name, kitScalars[name])`, tests with `new GraphQLScalarType({ name, ...config })`.
 *
 * Input (parseValue / parseLiteral) is checked fully and fails with BadInputError (BAD_USER_INPUT),
 * a Chinese message and a machine `reason`. Output (serialize) checks only the shape: stored data
 * was validated on the way in, and a code retired later must not break reads. A bad output value
 * is a server bug, so it throws a plain TypeError and is masked like any internal error.
 */

export type KitScalarTypes = {
  DateTime: { Input: Date; Output: Date | string };
  LocalDate: { Input: string; Output: string };
  RegionCode: { Input: string; Output: string };
  ResidentIdNumber: { Input: string; Output: string };
  LawyerLicenseNo: { Input: string; Output: string };
  PhoneNumber: { Input: string; Output: string };
};

/** The parts of GraphQLScalarTypeConfig we set, without `Maybe`s so Pothos accepts them too. */
export type KitScalarConfig<TInput> = Required<
  Pick<GraphQLScalarTypeConfig<TInput, string>, 'serialize' | 'parseValue' | 'parseLiteral'>
> & { description: string };

function bad(scalar: string, reason: string, message: string): BadInputError {
  return new BadInputError(message, { reason, scalar });
}

const LITERAL_KINDS: Partial<Record<string, string>> = {
  [Kind.INT]: '整数',
  [Kind.FLOAT]: '小数',
  [Kind.BOOLEAN]: '布尔值',
  [Kind.ENUM]: '枚举值',
  [Kind.LIST]: '列表',
  [Kind.OBJECT]: '对象',
};

const VALUE_TYPES: Partial<Record<string, string>> = {
  number: '数字',
  bigint: '数字',
  boolean: '布尔值',
  object: '对象',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '列表';
  return VALUE_TYPES[typeof value] ?? typeof value;
}

/** A scalar whose wire form is a string: non-strings are rejected before `parse` sees the value. */
function stringScalar<TInput>(options: {
  name: string;
  label: string;
  prefix: string;
  description: string;
  parse: (value: string) => TInput;
  serialize: (value: unknown) => string;
}): KitScalarConfig<TInput> {
  const { name, label, prefix } = options;
  return {
    description: options.description,
    serialize: options.serialize,
    parseValue(value: unknown) {
      if (typeof value !== 'string') {
        throw bad(name, `${prefix}_TYPE`, `${label}须为字符串，收到${describeValue(value)}`);
      }
      return options.parse(value);
    },
    parseLiteral(node: ValueNode) {
      if (node.kind !== Kind.STRING) {
        const kind = LITERAL_KINDS[node.kind] ?? node.kind;
        throw bad(name, `${prefix}_TYPE`, `${label}须为字符串字面量，收到${kind}`);
      }
      return options.parse(node.value);
    },
  };
}

function outputError(name: string, value: unknown): TypeError {
  // Describe, don't print: the value may be personal data.
  return new TypeError(`${name} cannot serialize a ${typeof value} value of this shape`);
}

function shapeSerializer(name: string, shape: RegExp, normalise: (s: string) => string = (s) => s) {
  return (value: unknown): string => {
    if (typeof value === 'string') {
      const s = normalise(value);
      if (shape.test(s)) return s;
    }
    throw outputError(name, value);
  };
}

const DATE_TIME_EXAMPLE = '如 2024-05-01T09:30:00+08:00';

const DateTime = stringScalar<Date>({
  name: 'DateTime',
  label: '时间',
  prefix: 'DATETIME',
  description:
    'Date and time (日期时间): RFC 3339 / ISO 8601 with a time-zone offset or "Z", e.g. ' +
    '"2024-05-01T09:30:00+08:00". Always returned in UTC, e.g. "2024-05-01T01:30:00.000Z".',
  parse(value) {
    const result = validateDateTime(value);
    if (result.ok) return result.value;
    if (result.reason === 'FORMAT') {
      throw bad('DateTime', 'DATETIME_FORMAT', `时间须为带时区的 ISO 8601 格式，${DATE_TIME_EXAMPLE}`);
    }
    throw bad('DateTime', 'DATETIME_INVALID', `时间"${value}"不存在（日期或时分秒超出范围）`);
  },
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (typeof value === 'string') {
      const result = validateDateTime(value);
      if (result.ok) return result.value.toISOString();
    }
    throw outputError('DateTime', value);
  },
});

const LocalDate = stringScalar<string>({
  name: 'LocalDate',
  label: '日期',
  prefix: 'LOCAL_DATE',
  description: 'Calendar date (日期) without time or time zone: "YYYY-MM-DD", e.g. "2024-05-01".',
  parse(value) {
    const result = validateLocalDate(value);
    if (result.ok) return result.value;
    if (result.reason === 'FORMAT')
      throw bad('LocalDate', 'LOCAL_DATE_FORMAT', '日期格式须为 YYYY-MM-DD，如 2024-05-01');
    throw bad('LocalDate', 'LOCAL_DATE_INVALID', `日期"${value}"不存在`);
  },
  // Date objects are refused: which day they mean depends on the driver's time zone handling.
  serialize: (value) => {
    if (typeof value === 'string' && validateLocalDate(value).ok) return value;
    throw outputError('LocalDate', value);
  },
});

const RegionCode = stringScalar<string>({
  name: 'RegionCode',
  label: '行政区划代码',
  prefix: 'REGION',
  description:
    'Administrative division code (行政区划代码), GB/T 2260: six digits, 2 province + 2 city + ' +
    '2 county, e.g. "110105" (北京市朝阳区). Retired codes are still accepted.',
  parse(value) {
    if (!/^\d{6}$/.test(value)) {
      throw bad('RegionCode', 'REGION_FORMAT', '行政区划代码须为 6 位数字（GB/T 2260），如 110105');
    }
    if (!isKnownRegionCode(value)) {
      throw bad('RegionCode', 'REGION_UNKNOWN', `行政区划代码"${value}"不存在（须为 GB/T 2260 六位代码）`);
    }
    return value;
  },
  serialize: shapeSerializer('RegionCode', /^\d{6}$/),
});

const ResidentIdNumber = stringScalar<string>({
  name: 'ResidentIdNumber',
  label: '居民身份证号码',
  prefix: 'RESIDENT_ID',
  description:
    'Resident ID number (居民身份证号码), GB 11643: 18 characters, a 6-digit region code, ' +
    '8-digit birth date, 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character ' +
    '(digit or "X"). A lowercase "x" is accepted and returned uppercase. Personal data.',
  // Messages never repeat the number (privacy); they say what is wrong instead.
  parse(value) {
    const result = validateResidentIdNumber(value);
    if (result.ok) return result.value;
    const n = 'ResidentIdNumber';
    switch (result.reason) {
      case 'FORMAT': {
        const length = value.trim().length;
        const found = length === 18 ? '含有其他字符' : `收到 ${length} 位`;
        throw bad(
          n,
          'RESIDENT_ID_FORMAT',
          `居民身份证号码须为 18 位：17 位数字加 1 位校验位（数字或 X），${found}`,
        );
      }
      case 'REGION':
        throw bad(n, 'RESIDENT_ID_REGION', '居民身份证号码前 6 位不是有效的行政区划代码');
      case 'BIRTH_DATE':
        throw bad(
          n,
          'RESIDENT_ID_BIRTH_DATE',
          '居民身份证号码中的出生日期无效（须为 1900 年以后、不晚于今天的真实日期）',
        );
      case 'CHECKSUM':
        throw bad(n, 'RESIDENT_ID_CHECKSUM', '居民身份证号码校验位错误，请核对号码');
    }
  },
  serialize: shapeSerializer('ResidentIdNumber', /^\d{17}[\dX]$/, (s) => s.toUpperCase()),
});

const LawyerLicenseNo = stringScalar<string>({
  name: 'LawyerLicenseNo',
  label: '律师执业证号',
  prefix: 'LAWYER_LICENSE',
  description: 'Lawyer practice license number (律师执业证号): 17 digits.',
  parse(value) {
    const result = validateLawyerLicenseNo(value);
    if (result.ok) return result.value;
    throw bad(
      'LawyerLicenseNo',
      'LAWYER_LICENSE_FORMAT',
      `律师执业证号须为 17 位数字，收到 ${value.trim().length} 个字符`,
    );
  },
  serialize: shapeSerializer('LawyerLicenseNo', /^\d{17}$/),
});

const PhoneNumber = stringScalar<string>({
  name: 'PhoneNumber',
  label: '电话号码',
  prefix: 'PHONE',
  description:
    'Phone number (电话号码): a mainland mobile number, returned as 11 digits, or a landline with ' +
    'area code, returned as "0xx-xxxxxxxx" plus an optional "-extension". Input may carry +86, ' +
    'spaces or hyphens.',
  parse(value) {
    const result = validatePhoneNumber(value);
    if (result.ok) return result.value;
    throw bad(
      'PhoneNumber',
      'PHONE_FORMAT',
      '电话号码格式不正确：须为 11 位手机号码，或带区号的固定电话（如 010-12345678）',
    );
  },
  serialize(value) {
    const result = typeof value === 'string' ? validatePhoneNumber(value) : undefined;
    if (result?.ok) return result.value;
    throw outputError('PhoneNumber', value);
  },
});

export const kitScalars: { [K in keyof KitScalarTypes]: KitScalarConfig<KitScalarTypes[K]['Input']> } = {
  DateTime,
  LocalDate,
  RegionCode,
  ResidentIdNumber,
  LawyerLicenseNo,
  PhoneNumber,
};
