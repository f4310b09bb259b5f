/**
 * `npm start`: the whole hub in one process, seeded stand-ins included. Logs JSON lines on stdout
 * (lib/log.ts) at LOG_LEVEL; says `ontschot ready at …` when the first sync is done (at once on a
 * restart with the state of an earlier run); SIGTERM or Ctrl-C stops every part in order
 * (Hub.close): the requests in flight are answered, the running sync jobs finish, the audit log's
 * heads are signed. A second signal stops at once.
 */
import { startHub } from '../hub';
import { StartupError } from '../hub/startup';
import { ConfigError, loadConfig, type Config } from '../lib/config';
import { createLogger, type Logger } from '../lib/log';

async function main(root: { logger: Logger; config?: Config }): Promise<void> {
  const config = loadConfig();
  root.config = config;
  root.logger = createLogger(config.LOG_LEVEL);
  const log = root.logger.child({ component: 'hub' });
  const hub = await startHub({ config, logger: root.logger });
  log.info({ url: hub.url }, `ontschot ready at ${hub.url}`);
  let stopping = 0;
  const stop = async (signal: string) => {
    if (stopping) {
      // Ctrl-C reaches npm and this process alike, and npm passes it on: one keypress can arrive
      // twice. A signal a while later is the operator insisting: what is in flight is cut, and
      // the audit heads stay as last signed.
      if (Date.now() - stopping < 2000) return;
      log.warn({ signal }, `${signal} received again, stopping at once`);
      process.exit(1);
    }
    stopping = Date.now();
    log.info({ signal }, `${signal} received, stopping: answering the requests in flight (at most ${config.SHUTDOWN_DRAIN_MS} ms), then the sync jobs, the audit log and the pools…`);
    // Each step of close() is bounded (HTTP drain, sync jobs); this is the backstop for one
    // that hangs all the same (a pool that does not answer), so the process never lingers.
    const backstop = setTimeout(() => {
      log.error('stopping took too long; exiting');
      process.exit(1);
    }, 2 * config.SHUTDOWN_DRAIN_MS + 15_000);
    backstop.unref();
    await hub.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// Until the configuration is read, LOG_LEVEL is not known: a configuration error is logged at the default level.
const root: { logger: Logger; config?: Config } = { logger: createLogger('info') };
main(root).catch((err: unknown) => {
  // Known start-up problems get their message only, naming the setting to fix; they are the
  // operator's to fix, not a bug. Their messages carry no secrets (ConfigError never a value,
  // StartupError URLs without passwords). Anything else is a bug: its class and code, and its
  // stack only at LOG_LEVEL=debug, since a message can quote what it failed on.
  const known = err instanceof ConfigError || err instanceof StartupError || (err as { code?: unknown })?.code === 'DATA_DIR_NOT_PRIVATE';
  const log = root.logger.child({ component: 'hub' });
  const debug = root.config?.LOG_LEVEL === 'debug' || root.config?.LOG_LEVEL === 'trace';
  log.fatal(
    { ...(err instanceof StartupError ? { setting: err.setting } : {}), err, ...(debug && err instanceof Error ? { stack: err.stack } : {}) },
    `ontschot could not start: ${known ? (err as Error).message : 'unexpected error'}`,
  );
  process.exit(1);
});
