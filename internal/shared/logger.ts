import winston from 'winston';
import { redactValue, redactText } from './redact.js';

export type Logger = winston.Logger;

export interface LoggerOptions {
  level?: string;
  /** `json` for production (one JSON object a line), `pretty` for a terminal. */
  format?: 'json' | 'pretty';
  service: string;
  /** Where lines go; tests pass a stream to read what was logged. */
  stream?: NodeJS.WritableStream;
}

// Runs on every entry before formatting, so no transport ever sees a secret.
const redact = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === 'level') continue;
    info[key] = key === 'message' && typeof info[key] === 'string' ? redactText(info[key]) : redactValue(info[key]);
  }
  return info;
});

export function createLogger(opts: LoggerOptions): Logger {
  const format =
    opts.format === 'pretty'
      ? winston.format.combine(
          redact(),
          winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
          winston.format.colorize(),
          winston.format.printf(({ timestamp, level, message, service, ...rest }) => {
            const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
            return `${String(timestamp)} ${level} [${String(service)}] ${String(message)}${extra}`;
          }),
        )
      : winston.format.combine(redact(), winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json());
  const transport = opts.stream ? new winston.transports.Stream({ stream: opts.stream }) : new winston.transports.Console({ stderrLevels: ['error'] });
  return winston.createLogger({
    level: opts.level ?? 'info',
    defaultMeta: { service: opts.service },
    format,
    transports: [transport],
  });
}

/** A logger that drops everything: for tests that do not read logs. */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
