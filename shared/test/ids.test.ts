import { describe, expect, it } from 'vitest';
import {
  makeLawyerLicenseNo,
  makeResidentIdNumber,
  maskResidentIdNumber,
  residentIdCheckChar,
  validateDateTime,
  validateLawyerLicenseNo,
  validateLocalDate,
  validatePhoneNumber,
  validateResidentIdNumber,
} from '../src/ids.js';

/** Appends the right check character, so a test can fail on exactly one rule. */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe('residentIdCheckChar', () => {
  it('matches the GB 11643 examples', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('covers every remainder', () => {
    const chars = new Set<string>();
    for (let seq = 0; seq < 200; seq++)
      chars.add(residentIdCheckChar(`11010519800101${String(seq).padStart(3, '0')}`));
    expect([...chars].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100A')).toThrow(RangeError);
  });
});

describe('validateResidentIdNumber', () => {
  const today = '2025-06-30';

  it('accepts a valid number and reads it', () => {
    expect(validateResidentIdNumber('11010519491231002X', { today })).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'FEMALE',
      regionCode: '110105',
    });
    expect(validateResidentIdNumber('44030419900307123X', { today })).toMatchObject({
      ok: true,
      gender: 'MALE',
    });
  });

  it('normalises a lowercase x and surrounding spaces', () => {
    expect(validateResidentIdNumber(' 11010519491231002x ', { today })).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('rejects the wrong length or characters as FORMAT', () => {
    for (const bad of [
      '',
      '11010519491231002',
      '11010519491231002X1',
      '1101051949123100XX',
      '11010519491231002Y',
      '110105-19491231-002X',
    ]) {
      expect(validateResidentIdNumber(bad, { today })).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('rejects an unknown region', () => {
    expect(validateResidentIdNumber(withCheck('99010519800101001'), { today })).toEqual({
      ok: false,
      reason: 'REGION',
    });
    expect(validateResidentIdNumber(withCheck('00000019800101001'), { today })).toEqual({
      ok: false,
      reason: 'REGION',
    });
  });

  it('accepts retired county codes and unknown counties of a known province (old numbers)', () => {
    expect(validateResidentIdNumber(withCheck('11010319800101001'), { today }).ok).toBe(true); // 崇文区
    expect(validateResidentIdNumber(withCheck('11019919800101001'), { today }).ok).toBe(true);
  });

  it('accepts Hong Kong, Macao and Taiwan residence permit numbers', () => {
    expect(validateResidentIdNumber('810000198001010014', { today }).ok).toBe(true);
    expect(validateResidentIdNumber('830000198001010026', { today }).ok).toBe(true);
  });

  it('rejects impossible, future and pre-1900 birth dates', () => {
    expect(validateResidentIdNumber('110105199902300015', { today })).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
    }); // 19990230
    expect(validateResidentIdNumber(withCheck('11010519991301001'), { today })).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
    });
    expect(validateResidentIdNumber(withCheck('11010520250701001'), { today })).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
    });
    expect(validateResidentIdNumber('110105209901010012')).toEqual({ ok: false, reason: 'BIRTH_DATE' }); // real clock
    // The GB 11643-1999 example: right checksum, but born 1880.
    expect(validateResidentIdNumber('440524188001010014', { today })).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
    });
    expect(validateResidentIdNumber(withCheck('11010520250630001'), { today }).ok).toBe(true); // born today
    expect(validateResidentIdNumber(withCheck('11010520000229001'), { today }).ok).toBe(true); // leap day
  });

  it('rejects a wrong check character', () => {
    expect(validateResidentIdNumber('110105194912310021', { today })).toEqual({
      ok: false,
      reason: 'CHECKSUM',
    });
    expect(validateResidentIdNumber('11010519491231003X', { today })).toEqual({
      ok: false,
      reason: 'CHECKSUM',
    });
  });
});

describe('makeResidentIdNumber', () => {
  it('builds numbers that validate, with the sequence deciding the gender', () => {
    const male = makeResidentIdNumber('440304', '1990-03-07', 123);
    expect(male).toBe('44030419900307123X');
    expect(validateResidentIdNumber(male)).toMatchObject({
      ok: true,
      gender: 'MALE',
      birthDate: '1990-03-07',
    });
    expect(validateResidentIdNumber(makeResidentIdNumber('110105', '1949-12-31', 2))).toMatchObject({
      ok: true,
      value: '11010519491231002X',
      gender: 'FEMALE',
    });
    expect(makeResidentIdNumber('110105', '1980-01-01', 0).slice(14, 17)).toBe('000');
  });

  it('refuses bad arguments', () => {
    expect(() => makeResidentIdNumber('11010', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => makeResidentIdNumber('110105', '1990-02-30', 1)).toThrow(RangeError);
    expect(() => makeResidentIdNumber('110105', '1990-01-01', 1000)).toThrow(RangeError);
    expect(() => makeResidentIdNumber('110105', '1990-01-01', 1.5)).toThrow(RangeError);
  });
});

it('maskResidentIdNumber keeps only the ends', () => {
  expect(maskResidentIdNumber('11010519491231002X')).toBe('110***********002X');
  expect(maskResidentIdNumber('12345')).toBe('*****');
});

describe('lawyer license numbers', () => {
  it('accepts exactly 17 digits', () => {
    expect(validateLawyerLicenseNo('11101201510000042')).toEqual({ ok: true, value: '11101201510000042' });
    expect(validateLawyerLicenseNo(' 11101201510000042 ')).toEqual({ ok: true, value: '11101201510000042' });
  });

  it('rejects other shapes', () => {
    for (const bad of [
      '',
      '1110120151000004',
      '111012015100000421',
      '1110120151000004X',
      '11101-2015-10000042',
    ]) {
      expect(validateLawyerLicenseNo(bad)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('makeLawyerLicenseNo lays the fields out in 17 digits', () => {
    const no = makeLawyerLicenseNo('110105', 2015, 42);
    expect(no).toBe('11101201510000042');
    expect(no).toHaveLength(17);
    expect(validateLawyerLicenseNo(no).ok).toBe(true);
    expect(makeLawyerLicenseNo('440304', 1998, 999_999)).toBe('14403199810999999');
    expect(() => makeLawyerLicenseNo('4403', 1998, 1)).toThrow(RangeError);
    expect(() => makeLawyerLicenseNo('440304', 98, 1)).toThrow(RangeError);
    expect(() => makeLawyerLicenseNo('440304', 1998, 1_000_000)).toThrow(RangeError);
  });
});

describe('validatePhoneNumber', () => {
  it('normalises mobile numbers to 11 digits', () => {
    for (const input of [
      '13800138000',
      '+8613800138000',
      '8613800138000',
      '+86 138 0013 8000',
      '138-0013-8000',
      ' 19912345678 ',
    ]) {
      const result = validatePhoneNumber(input);
      expect(result.ok, input).toBe(true);
    }
    expect(validatePhoneNumber('+86 138 0013 8000')).toEqual({ ok: true, value: '13800138000' });
  });

  it('normalises landlines to area code, hyphen, number', () => {
    expect(validatePhoneNumber('010-12345678')).toEqual({ ok: true, value: '010-12345678' });
    expect(validatePhoneNumber('01012345678')).toEqual({ ok: true, value: '010-12345678' });
    expect(validatePhoneNumber('(010) 1234 5678')).toEqual({ ok: true, value: '010-12345678' });
    expect(validatePhoneNumber('075588889999')).toEqual({ ok: true, value: '0755-88889999' });
    expect(validatePhoneNumber('0755-8888999')).toEqual({ ok: true, value: '0755-8888999' });
    expect(validatePhoneNumber('020-87654321-801')).toEqual({ ok: true, value: '020-87654321-801' });
  });

  it('rejects anything else', () => {
    for (const bad of [
      '',
      '12345678901',
      '1380013800',
      '138001380001',
      '23800138000',
      '+85291234567',
      '010-123456',
      '010-123456789',
      '0755-88889999-1234567',
      'abc',
      '110',
    ]) {
      expect(validatePhoneNumber(bad), bad).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });
});

describe('validateLocalDate', () => {
  it('accepts real calendar dates', () => {
    expect(validateLocalDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(validateLocalDate('2000-02-29').ok).toBe(true);
    expect(validateLocalDate('1999-12-31').ok).toBe(true);
  });

  it('tells a bad format from an impossible date', () => {
    for (const bad of ['2024-2-29', '20240229', '2024/02/29', '2024-02-29T00:00:00Z', '']) {
      expect(validateLocalDate(bad)).toEqual({ ok: false, reason: 'FORMAT' });
    }
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '1999-02-30',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-01-00',
    ]) {
      expect(validateLocalDate(bad)).toEqual({ ok: false, reason: 'INVALID_DATE' });
    }
  });
});

describe('validateDateTime', () => {
  it('accepts RFC 3339 with an offset or Z', () => {
    expect(validateDateTime('2024-05-01T09:30:00+08:00')).toEqual({
      ok: true,
      value: new Date('2024-05-01T01:30:00Z'),
    });
    expect(validateDateTime('2024-05-01T01:30:00Z')).toEqual({
      ok: true,
      value: new Date('2024-05-01T01:30:00Z'),
    });
    expect(validateDateTime('2024-05-01t01:30:00.5z')).toEqual({
      ok: true,
      value: new Date('2024-05-01T01:30:00.500Z'),
    });
    expect(validateDateTime('2024-05-01T01:30:00.123456789-05:30')).toEqual({
      ok: true,
      value: new Date('2024-05-01T07:00:00.123Z'),
    });
    expect(validateDateTime('2024-12-31T23:59:59-00:00')).toEqual({
      ok: true,
      value: new Date('2024-12-31T23:59:59Z'),
    });
  });

  it('rejects a missing offset and other formats', () => {
    for (const bad of [
      '2024-05-01T09:30:00',
      '2024-05-01 09:30:00+08:00',
      '2024-05-01',
      '2024-05-01T09:30+08:00',
      '2024-05-01T09:30:00+0800',
      'now',
      '',
    ]) {
      expect(validateDateTime(bad), bad).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('rejects impossible dates and times', () => {
    for (const bad of [
      '2023-02-29T00:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T12:60:00Z',
      '2024-05-01T12:00:60Z',
      '2024-05-01T12:00:00+24:00',
    ]) {
      expect(validateDateTime(bad), bad).toEqual({ ok: false, reason: 'INVALID_DATE' });
    }
  });
});
