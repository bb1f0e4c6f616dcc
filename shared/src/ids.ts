import { isKnownRegionCode } from './regions.js';

/** Pure validators for the identifiers in DOMAIN.md "Reference data"; no I/O beyond region data. */

export type Invalid<R extends string> = { ok: false; reason: R };
export type Valid<T> = { ok: true; value: T };

// ---------------------------------------------------------------- dates

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC avoids DST gaps.
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  return day <= last.getUTCDate();
}

/** `YYYY-MM-DD` naming a real calendar date (2023-02-29 is rejected). */
export function validateLocalDate(value: string): Valid<string> | Invalid<'FORMAT' | 'INVALID_DATE'> {
  const m = LOCAL_DATE.exec(value);
  if (!m) return { ok: false, reason: 'FORMAT' };
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return { ok: false, reason: 'INVALID_DATE' };
  return { ok: true, value };
}

// RFC 3339 section 5.6; the offset is mandatory so a time is never silently read as server-local.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** RFC 3339 timestamp with `Z` or `±hh:mm`. Leap seconds (:60) are rejected: Date can't hold them. */
export function validateDateTime(value: string): Valid<Date> | Invalid<'FORMAT' | 'INVALID_DATE'> {
  const m = DATE_TIME.exec(value);
  if (!m) return { ok: false, reason: 'FORMAT' };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHours = m[8] ? 0 : Number(m[10]);
  const offsetMinutes = m[8] ? 0 : Number(m[11]);
  if (
    !isCalendarDate(year, month, day) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    return { ok: false, reason: 'INVALID_DATE' };
  }
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)); // sub-millisecond digits dropped
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millis));
  date.setUTCFullYear(year, month - 1, day); // Date.UTC maps years 0..99 to 19xx
  const sign = m[9] === '-' ? -1 : 1;
  date.setTime(date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
  return { ok: true, value: date };
}

// ---------------------------------------------------------------- resident ID number (GB 11643)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK_CHARS[sum % 11] as string;
}

// Residence permits for Hong Kong, Macao and Taiwan residents (2018) use these address codes;
// 830000 is not a GB/T 2260 code, so it needs listing here.
const PERMIT_REGION_CODES = new Set(['810000', '820000', '830000']);

/** Date in China (UTC+8, no DST), so "not in the future" matches what a local user sees. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export type ResidentIdResult =
  | { ok: true; value: string; birthDate: string; gender: 'MALE' | 'FEMALE'; regionCode: string }
  | Invalid<'FORMAT' | 'REGION' | 'BIRTH_DATE' | 'CHECKSUM'>;

/**
 * 18-character resident ID number: 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male), check character. A lowercase `x` is accepted and normalised.
 */
export function validateResidentIdNumber(value: string, options: { today?: string } = {}): ResidentIdResult {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'FORMAT' };

  // The address code is where the holder was first registered and never changes, so old numbers
  // carry county codes since retired; a known province is the most we can insist on.
  const regionCode = id.slice(0, 6);
  const provinceCode = `${id.slice(0, 2)}0000`;
  if (
    !isKnownRegionCode(regionCode) &&
    !isKnownRegionCode(provinceCode) &&
    !PERMIT_REGION_CODES.has(regionCode)
  ) {
    return { ok: false, reason: 'REGION' };
  }

  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (
    !validateLocalDate(birthDate).ok ||
    birthDate < '1900-01-01' ||
    birthDate > (options.today ?? todayInChina())
  ) {
    return { ok: false, reason: 'BIRTH_DATE' };
  }

  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'CHECKSUM' };

  return { ok: true, value: id, birthDate, gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE', regionCode };
}

/** Builds a valid number for demo and test data. */
export function makeResidentIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`region code must be 6 digits: ${regionCode}`);
  if (!validateLocalDate(birthDate).ok) throw new RangeError(`birth date must be YYYY-MM-DD: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0..999: ${sequence}`);
  }
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** Shows only the first 3 and last 4 characters, for messages and logs. */
export function maskResidentIdNumber(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

// ---------------------------------------------------------------- lawyer practice license number

/** 17 digits (执业证号); no published checksum, so only the shape is checked. */
export function validateLawyerLicenseNo(value: string): Valid<string> | Invalid<'FORMAT'> {
  const v = value.trim();
  return /^\d{17}$/.test(v) ? { ok: true, value: v } : { ok: false, reason: 'FORMAT' };
}

/**
 * Demo license number: category `1`, first 4 digits of the region code, year first licensed,
 * practice type `1` (full-time, private firm), gender placeholder `0`, 6-digit serial.
 */
export function makeLawyerLicenseNo(regionCode: string, firstYear: number, serial: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`region code must be 6 digits: ${regionCode}`);
  if (!Number.isInteger(firstYear) || firstYear < 1000 || firstYear > 9999) {
    throw new RangeError(`year must have 4 digits: ${firstYear}`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) {
    throw new RangeError(`serial must be an integer 0..999999: ${serial}`);
  }
  return `1${regionCode.slice(0, 4)}${firstYear}10${String(serial).padStart(6, '0')}`;
}

// ---------------------------------------------------------------- phone numbers

const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
// Only 010 and 02x are three-digit area codes; all others have four digits. Knowing that makes
// "01012345678" unambiguous without a hyphen.
const LANDLINE = /^\(?(0(?:10|2\d|[3-9]\d{2}))\)?-?(\d{7,8})(?:-(\d{1,6}))?$/;

/**
 * Mainland mobile (optionally +86/86, spaces or hyphens) → 11 digits; landline with area code
 * (optional extension) → `0xx-xxxxxxxx[-ext]`.
 */
export function validatePhoneNumber(value: string): Valid<string> | Invalid<'FORMAT'> {
  const compact = value.trim().replace(/\s+/g, '');
  const mobile = MOBILE.exec(compact.replaceAll('-', ''));
  if (mobile) return { ok: true, value: mobile[1] as string };
  const landline = LANDLINE.exec(compact);
  if (landline) {
    const [, area, local, ext] = landline;
    return { ok: true, value: ext ? `${area}-${local}-${ext}` : `${area}-${local}` };
  }
  return { ok: false, reason: 'FORMAT' };
}

/** A phone number with its middle digits hidden: 138****1234, or 010-6500**** for a landline. */
export const maskPhoneNumber = (phone: string) =>
  /^1\d{10}$/.test(phone)
    ? `${phone.slice(0, 3)}****${phone.slice(7)}`
    : phone.replace(/\d{4}(?=(-\d+)?$)/, '****');
