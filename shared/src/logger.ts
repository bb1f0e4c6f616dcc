import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs, one line per event; every request line carries its request id. */
export function createLogger(service: string): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
