import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

/**
 * The hub's one logger: JSON lines (pino), one object per line, on stdout. Every part logs
 * through a child carrying its `component` (gateway, subgraph, sync, audit, hub …); the process
 * makes the root once at start with the validated LOG_LEVEL and hands children down as options.
 *
 * What may go into a line: names, codes, counts, durations, job and trace ids. Never a BSN, a
 * token, a query text, variables or anything read from a back office: log lines leave the AVG's
 * reach (log shippers, dashboards, support tickets), the audit log does not.
 */
export type Logger = PinoLogger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Defence in depth: whatever object a line is handed, these never reach the output as they are.
 * The request serializers below already leave headers out; this catches a header object, a
 * config or an error carrying one that is logged by mistake.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'request.headers.authorization',
  'request.headers.cookie',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.cookie',
  'password',
  '*.password',
  'token',
  '*.token',
];

/** The root logger of a process at `level`, writing to `destination` (stdout: synchronously, so a line before process.exit is not lost). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ontschot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The level as a word: what operators grep for and what log shippers map.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Also what Fastify logs (it merges its serializers under these): a request as its method
      // and path without the query string, never its headers or body; a reply as its status.
      serializers: { err: errorFields, req: requestFields, res: (reply: { statusCode?: unknown }) => ({ statusCode: reply?.statusCode }) },
      hooks: {
        // pino makes an Error given first its line's message: `log.error(err)` would print what
        // the error says. Such a line gets the error's class and code, and a message of ours.
        logMethod(args, method) {
          if (args[0] instanceof Error) return method.apply(this, [{ err: args[0] }, typeof args[1] === 'string' ? args[1] : 'error']);
          return method.apply(this, args);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that writes nothing: the default of every part, so library use and tests stay quiet unless given one. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** A request as a log line shows it: method and path, without the query string (it can carry a BSN). */
export function requestFields(req: { method?: unknown; url?: unknown }): Record<string, unknown> {
  return { method: req?.method, path: typeof req?.url === 'string' ? req.url.split('?')[0] : undefined };
}

/**
 * An error as a log line shows it (the `err` key): its class and code, never its message or
 * stack, at any level. A driver's or adapter's message can quote a value it choked on (a BSN in
 * a Postgres constraint error), and a stack starts with the message. Only a failed start, when
 * no personal data is in flight yet, shows its stack, and only at debug (scripts/start.ts).
 */
export function errorFields(err: unknown): Record<string, unknown> {
  const e = err as { name?: unknown; code?: unknown } | null;
  const name = e && typeof e.name === 'string' && /^\w{1,60}$/.test(e.name) ? e.name : 'Error';
  const code = e && (typeof e.code === 'string' || typeof e.code === 'number') && /^[\w.-]{1,40}$/.test(String(e.code)) ? String(e.code) : undefined;
  return { type: name, ...(code ? { code } : {}) };
}

/**
 * An operation name as a log line may carry it. The client chooses it, so it is held to a GraphQL
 * name of at most 100 characters, and a run of six or more digits (a BSN, a dossier number, a
 * date) is replaced by `#`: `PersoonOpvragen999990019` becomes `PersoonOpvragen#`.
 */
export function loggableOperationName(name: string | null | undefined): string | null {
  if (typeof name !== 'string' || !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return null;
  return name.replace(/\d{6,}/g, '#');
}
