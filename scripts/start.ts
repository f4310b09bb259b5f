/**
 * `npm start`: the whole hub in one process, seeded stand-ins included. Prints the ready line
 * when the first sync is done; Ctrl-C stops every part cleanly.
 */
import { startHub } from '../hub';
import { ConfigError, loadConfig } from '../lib/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(`[ontschot] ${line}`);
  const hub = await startHub({ config, log });
  console.log(`ontschot ready at ${hub.url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, stopping…`);
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
