/** Agencies work on China Standard Time (UTC+8, no daylight saving). */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** Today's calendar date in China, `YYYY-MM-DD`. */
export const chinaToday = (now = Date.now()) => new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a China calendar date and time (`HH:MM`) stand for. */
export const chinaInstant = (date: string, time = '00:00') => new Date(`${date}T${time}:00+08:00`);

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
