import { createLogger, type Logger, type LogLevel } from '../../lib/log';

/** One parsed log line. */
export type LogLine = Record<string, unknown> & { level: string; msg?: string; component?: string };

/** A logger as the hub makes it (lib/log.ts), writing into memory: tests read what a part logged. */
export function captureLogger(level: LogLevel = 'debug'): { logger: Logger; lines: LogLine[]; messages(): string[] } {
  const lines: LogLine[] = [];
  const logger = createLogger(level, { write: (json: string) => void lines.push(JSON.parse(json) as LogLine) });
  return { logger, lines, messages: () => lines.map((l) => l.msg ?? '') };
}

/**
 * A process's output read as the hub writes it: JSON lines. Throws on a line that is not a JSON
 * object, so a test fails when anything writes past the logger.
 */
export function parseLogLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(l);
      } catch {
        throw new Error(`not a JSON log line: ${l.slice(0, 200)}`);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`not a JSON object: ${l.slice(0, 200)}`);
      return parsed as LogLine;
    });
}

/** The messages of a process's log, one a line, each followed by its stack when the line has one: what a person reads. */
export function logText(output: string): string {
  return parseLogLines(output)
    .map((l) => `${l.msg ?? ''}${typeof l.stack === 'string' ? `\n${l.stack}` : ''}`)
    .join('\n');
}
