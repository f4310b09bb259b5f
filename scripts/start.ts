/**
 * `npm start`: the whole hub in one process, seeded stand-ins included. Prints the ready line
 * when the first sync is done (at once on a restart with the state of an earlier run); SIGTERM
 * or Ctrl-C stops every part in order (Hub.close): the requests in flight are answered, the
 * running sync jobs finish, the audit log's heads are signed. A second signal stops at once.
 */
import { startHub } from '../hub';
import { ConfigError, loadConfig } from '../lib/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(`[ontschot] ${line}`);
  const hub = await startHub({ config, log });
  console.log(`ontschot ready at ${hub.url}`);
  let stopping = 0;
  const stop = async (signal: string) => {
    if (stopping) {
      // Ctrl-C reaches npm and this process alike, and npm passes it on: one keypress can arrive
      // twice. A signal a while later is the operator insisting: what is in flight is cut, and
      // the audit heads stay as last signed.
      if (Date.now() - stopping < 2000) return;
      log(`${signal} received again, stopping at once`);
      process.exit(1);
    }
    stopping = Date.now();
    log(`${signal} received, stopping: answering the requests in flight (at most ${config.SHUTDOWN_DRAIN_MS} ms), then the sync jobs, the audit log and the pools…`);
    // Each step of close() is bounded (HTTP drain, sync jobs); this is the backstop for one
    // that hangs all the same (a pool that does not answer), so the process never lingers.
    const backstop = setTimeout(() => {
      log('stopping took too long; exiting');
      process.exit(1);
    }, 2 * config.SHUTDOWN_DRAIN_MS + 15_000);
    backstop.unref();
    await hub.close();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  // Known start-up problems get their message only; they are the operator's to fix, not a bug.
  const code = (err as { code?: string })?.code;
  const known = err instanceof ConfigError || code === 'REDIS_UNAVAILABLE' || code === 'EADDRINUSE' || code === 'DATA_DIR_NOT_PRIVATE';
  console.error(`ontschot could not start: ${known ? (err as Error).message : 'unexpected error'}`);
  if (!known) console.error(err);
  process.exit(1);
});
