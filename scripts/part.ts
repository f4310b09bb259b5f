/**
 * One part of the hub per process, for containers (docker-compose.yml):
 *   tsx scripts/part.ts standins | subgraph <name> | sync | gateway
 * Parts share state only through Postgres and Redis, and trust each other only through
 * INTERNAL_CONTEXT_KEY, which is therefore required here.
 */
import { createBrpSource, createPolicyParts, createSources, kennisgevingCredential, startGatewayPart, startStandIns, startSubgraphs, stufParties, subgraphUrls } from '../hub/parts';
import { startKennisgevingEndpoint } from '../sync/kennisgeving-endpoint';
import { loadConfig } from '../lib/config';
import { createLogger } from '../lib/log';
import { openDatabase } from '../hub/startup';
import { generateMunicipality } from '../municipality';
import { SUBGRAPHS } from '../subgraphs';
import { makeDataDirPrivate } from '../hub';
import { SyncService } from '../sync/service';
import { SyncSupervisor } from '../sync/supervisor';
import { RetentionEngine } from '../retention';
import { addMetricsSource } from '../lib/metrics';
import { startTracing } from '../lib/tracing';
import { syncHealth } from '../read-model';

async function main(): Promise<void> {
  const [part, name] = process.argv.slice(2);
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL).child({ part: part ?? null });
  const log = logger.child({ component: 'hub' });
  // As in one-process mode: what this part writes under DATA_DIR (keys, exports) is its own.
  process.umask(0o077);
  makeDataDirPrivate(config.DATA_DIR);
  const stops: Array<() => Promise<unknown>> = [];
  // In reverse order of starting, one after the other: a server drains its in-flight requests
  // before the audit log and the database they need are closed.
  const onStop = async () => {
    for (const stop of [...stops].reverse()) await stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);

  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const tracing = await startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME });
    stops.unshift(() => tracing.shutdown());
  }

  if (part === 'standins') {
    // This container is the back offices: it runs every stand-in, whatever the others are told.
    const own = { ...config, BRP_API_URL: undefined, GWS_STUF_URL: undefined, JEUGD_FEED_URL: undefined, LAS_EXPORT_DIR: undefined };
    const standIns = await startStandIns(own, generateMunicipality({ inhabitants: config.INHABITANTS }));
    standIns.gws?.setKennisgevingUrl(config.GWS_KENNISGEVING_URL);
    stops.push(() => standIns.close());
    log.info('stand-ins up: BRP, GWS, Jeugd, LAS');
    return;
  }
  if (!config.DATABASE_URL) throw new Error('parts run apart need DATABASE_URL: PGlite lives inside one process');
  if (!config.INTERNAL_CONTEXT_KEY && part !== 'sync') throw new Error('parts run apart need INTERNAL_CONTEXT_KEY shared by gateway and subgraphs');
  // Sync stores household ids that the subgraphs compute again: one key for all of them.
  if (!config.ID_KEY && part !== 'gateway') throw new Error('parts run apart need ID_KEY shared by sync and subgraphs');
  const db = await openDatabase(config);
  stops.push(() => db.close());
  // The sync part signs nothing; the others have INTERNAL_CONTEXT_KEY (checked above).
  const policy = createPolicyParts(config, db, { internalContextKey: config.INTERNAL_CONTEXT_KEY ?? 'x'.repeat(32) });
  // Closing the log writes what is queued and signs the final heads.
  stops.push(() => policy.audit.close());

  switch (part) {
    case 'subgraph': {
      if (!SUBGRAPHS.some((s) => s.name === name)) throw new Error(`unknown subgraph ${name}; expected one of ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
      const [running] = await startSubgraphs(config, db, policy, { names: [name], port: config.PORT, brp: createBrpSource(config), logger });
      stops.push(() => running.close());
      log.info(`subgraph ${name} at ${running.url}`);
      return;
    }
    case 'sync': {
      // A key made up here would be known to no GWS in another process: configure one.
      if (!config.STUF_KENNISGEVING_KEY && !config.STUF_TLS_CERT) throw new Error('the sync part run apart needs STUF_KENNISGEVING_KEY (shared with GWS) or STUF_TLS_CERT, STUF_TLS_KEY and STUF_TLS_CA');
      const sync = new SyncService({ logger: logger.child({ component: 'sync' }), connection: { url: config.REDIS_URL, maxRetriesPerRequest: null }, prefix: config.QUEUE_PREFIX, deps: { db, sources: createSources(config), retention: new RetentionEngine(), ids: policy.ids }, attempts: config.SYNC_RETRY_ATTEMPTS, backoffMs: config.SYNC_RETRY_BASE_MS, maxBackoffMs: config.SYNC_RETRY_MAX_MS });
      stops.push(() => sync.close());
      await sync.start();
      const parties = stufParties(config);
      const endpoint = await startKennisgevingEndpoint({ ontvanger: parties.hub, zender: parties.gws, credential: kennisgevingCredential(config).credential, verwerk: (k) => sync.enqueueKennisgeving(k), port: config.STUF_KENNISGEVING_PORT, host: config.HOST, logger: logger.child({ component: 'kennisgeving' }) });
      stops.push(() => endpoint.close());
      // A failed first full sync does not end this part: the supervisor runs it again every cycle
      // (and keeps the schedules in Redis, and re-queues failed change jobs) until it converges.
      const supervisor = new SyncSupervisor(sync, { intervalMs: config.SYNC_SUPERVISE_MS, logger: logger.child({ component: 'sync' }) });
      stops.unshift(() => supervisor.stop());
      const synced = await sync.runFullSync().then(() => true, () => false);
      if (!synced) supervisor.oweFullSync();
      supervisor.start();
      await sync.schedule({ jeugdPollMs: config.JEUGD_POLL_MS, lasImportMs: config.LAS_IMPORT_MS }).catch(() => log.warn('could not schedule the incremental jobs yet; the supervisor tries again'));
      if (synced) log.info('first full sync done; workers keep running');
      else log.warn('first full sync failed; workers keep running and the supervisor tries it again');
      return;
    }
    case 'gateway': {
      // The queues' counts come from the sync part's process; sync_state is in Postgres for all.
      stops.push(addMetricsSource({ auditBacklog: () => policy.audit.store.backlog, syncState: () => syncHealth(db) }));
      const gateway = await startGatewayPart(config, db, policy, { urls: subgraphUrls(config), firstSyncDone: () => true, logger });
      stops.push(() => gateway.close());
      log.info(`ontschot ready at ${gateway.url}`);
      return;
    }
    default:
      throw new Error('usage: tsx scripts/part.ts standins | subgraph <name> | sync | gateway');
  }
}

main().catch((err: unknown) => {
  // The part's own refusals and StartupErrors name what to fix; their messages carry no values.
  createLogger('info').fatal({ component: 'hub', part: process.argv[2] ?? null, err }, `ontschot part could not start: ${(err as Error).message}`);
  process.exit(1);
});
