// Log capture and polling for tests that assert what a component logged or eventually did.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../internal/shared/logger.js';

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** A JSON logger whose lines the test can read, parsed (`lines`) and as written (`text`). */
export function capturedLogger(opts: { service?: string; level?: string } = {}): { logger: Logger; lines: LogLine[]; text: () => string } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      for (const text of chunk.toString().split('\n')) {
        if (!text.trim()) continue;
        raw.push(text);
        lines.push(JSON.parse(text) as LogLine);
      }
      done();
    },
  });
  const logger = createLogger({ service: opts.service ?? 'test', format: 'json', level: opts.level ?? 'debug', stream });
  return { logger, lines, text: () => raw.join('\n') };
}

/** Polls until `probe` holds; throws with `what` after `timeoutMs`. */
export async function eventually(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
