import { addDays, chinaInstant } from '../dates.js';
import { DutyError } from '../errors.js';
import { regionScopePrefix } from '../regions.js';

/** A report's region and period (China calendar days, both ends included), as its key says. */
export interface ReportKey {
  regionCode: string;
  from: string;
  to: string;
}

/** The key resolved to instants, with the equally long period just before it. */
export interface ReportWindow extends ReportKey {
  regionPrefix: string;
  fromAt: Date;
  toAt: Date;
  previousFrom: string;
  previousTo: string;
  previousFromAt: Date;
}

const DAY = 86_400_000;

/** Checks a report key (at most two years) and resolves it; BAD_USER_INPUT when it makes no sense. */
export function reportWindow(key: ReportKey): ReportWindow {
  if (key.from > key.to) throw new DutyError('BAD_USER_INPUT', '统计期间的开始日期不能晚于结束日期');
  const days = Math.round((Date.parse(key.to) - Date.parse(key.from)) / DAY) + 1;
  if (days > 731) throw new DutyError('BAD_USER_INPUT', '统计期间最长两年');
  const previousFrom = addDays(key.from, -days);
  return {
    ...key,
    regionPrefix: regionScopePrefix(key.regionCode),
    fromAt: chinaInstant(key.from),
    toAt: chinaInstant(addDays(key.to, 1)),
    previousFrom,
    previousTo: addDays(key.from, -1),
    previousFromAt: chinaInstant(previousFrom),
  };
}
