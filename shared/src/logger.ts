import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs, one line per event; every request line carries its request id. */
export function createLogger(
  service: string,
  options: { destination?: DestinationStream; level?: string } = {},
): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
