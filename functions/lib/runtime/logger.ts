// Structured JSON logs on stdout. Every line about a request carries the XR it is about.
import { pino, type Logger } from 'pino';

export type { Logger };

export function newLogger(name: string, debug: boolean): Logger {
  return pino({
    level: debug ? 'debug' : 'info',
    base: { function: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
