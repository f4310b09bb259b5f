/**
 * `npm run bench` — ontschot against a plain federation, side by side, in one run.
 *
 *   A  the hub as shipped (`startHub`: auth, purpose, policy, consent, retention, audit when it
 *      exists, sync workers), with the legacy stand-ins outside it as real back offices would be
 *   B  plain @apollo/gateway over plain subgraphs (same SDL, resolvers, loaders, read models)
 *   C  Hive Gateway (@graphql-hive/gateway, programmatic) over the same plain subgraphs
 *   D  one plain subgraph called directly: the floor
 *
 * One server process per variant; autocannon runs here, in the orchestrator, never inside a
 * process under test. Writes bench/RESULTS.md, bench/results.json (the fixed summary: S1 and S2
 * per variant, S3 queries per request, the sync) and bench/results-detail.json (everything). See
 * bench/README.md for the method.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken } from '../gateway/auth';
import { SUBGRAPHS } from '../subgraphs';
import { benchDatabase, BENCH_REDIS_URL, dropRedisPrefix, freePortBlock, uniqueName, type BenchDatabase } from './env';
import { percentile, runLoad, type LoadResult } from './load';
import { parseOptions, type BenchOptions } from './options';
import { summarizeProfile } from './profile';
import { overloadSection, ratios, resilienceSection, scenarioTable, writeReport, type BenchReport, type Incremental, type RssGrowth, type S3Row } from './report';
import { measureOverload, RAMP } from './overload';
import { measureRestart, measureSyncKill, timedHubStart, type Probe } from './resilience';
import { measureSoak, soakSection } from './soak';
import { BenchChild } from './rpc';
import {
  auditTables,
  cycle,
  DOMAIN_SUBGRAPHS,
  entitiesBody,
  gatewayBody,
  householdOf,
  householdOfSize,
  planStatistics,
  readModelCounts,
  rowCount,
  s1Households,
  s2Persons,
  INZAGE_QUERY,
  S1_QUERY,
  S2_QUERY,
  seedConsents,
  type DomainSubgraph,
  type Household,
} from './scenarios';
import { hubEnv, loadSamples, measureScenario, settled, type GcReading, type HubInfo, type Measure, type PlainInfo, type StandInsInfo, type Target, type Variant } from './measure';
import type { VariantSummary } from './summary';

const BENCH_DIR = __dirname;
const RAMP_TEXT = RAMP.join(', ');
const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'ontschot-bench-'));
  const childLog = join(work, 'children.log');
  const queuePrefix = uniqueName('bench');
  const children: BenchChild<unknown>[] = [];
  // Processes and keys started outside BenchChild (the sync part of the kill scenario): undone first.
  const steps: Array<() => Promise<void>> = [];
  let database: BenchDatabase | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const step of steps.reverse()) await step().catch(() => undefined);
    for (const c of children.reverse()) await c.stop().catch(() => undefined);
    await database?.drop().catch((err) => log(`could not drop schema ${database?.schema}: ${(err as Error).message}`));
    await dropRedisPrefix(queuePrefix).catch(() => undefined);
    rmSync(join(work, 'standins'), { recursive: true, force: true });
    rmSync(join(work, 'hub'), { recursive: true, force: true });
  };
  const onSignal = () => {
    log('interrupted: stopping servers and dropping the bench schema');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    log(`${options.quick ? 'quick' : 'full'} run: ${options.inhabitants} inhabitants, ${options.connections} connections, ${options.runs} × ${options.durationS} s after ${options.warmupS} s warm-up; child logs in ${childLog}`);
    database = await benchDatabase();
    const db = database.db;

    // --- the back offices, then A with its real first full sync -------------------------------
    const standIns = await BenchChild.start<StandInsInfo>('standins', { inhabitants: options.inhabitants, dataDir: join(work, 'standins') }, { logFile: childLog });
    children.push(standIns);
    const hubDir = join(work, 'hub');
    // Tokens first: the dev issuer's key is created on first use, and A must verify with the same one.
    const tokens = {
      regisseur: await issueDevToken(hubDir, { role: 'regisseur' }),
      wmo: await issueDevToken(hubDir, { role: 'wmo-consulent' }),
      // Starts and the sync kill watch through the API as a caller of their own: whatever a load
      // run used up of a per-caller limit is not theirs.
      watcher: await issueDevToken(hubDir, { role: 'wmo-consulent', sub: 'bench-change-watcher' }),
    };
    const { env, kennisgevingUrl } = hubEnv({
      databaseUrl: database.url,
      redisUrl: BENCH_REDIS_URL,
      dataDir: hubDir,
      basePort: await freePortBlock(SUBGRAPHS.length + 2),
      subgraphs: SUBGRAPHS.length,
      inhabitants: options.inhabitants,
      standIns: standIns.info,
      shed: { maxInFlight: options.shedInFlight, maxEventLoopDelayMs: options.shedLoopDelayMs },
    });
    log('A: starting the hub; its first full sync is the sync figure');
    // The same start serves A's restart on the same database, queue prefix and ports at the end.
    const startA = () => BenchChild.start<HubInfo>('hub', { queuePrefix, env }, { logFile: childLog });
    const probe: Probe = { port: Number(env.PORT), token: tokens.watcher, bsn: standIns.info.probeBsn };
    const firstStart = await timedHubStart(startA, probe);
    const hub = firstStart.hub;
    children.push(hub);
    // A as it runs now: the resilience scenario restarts it, and so does the overload scenario,
    // with the in-flight bound its ramp recommends.
    let current = hub;
    log(`A: /readyz 200 ${(firstStart.timing.readyMs / 1000).toFixed(1)} s after the spawn, first answer at ${(firstStart.timing.answerMs / 1000).toFixed(1)} s`);
    const counts = await readModelCounts(db);
    if (options.analyze) {
      await db.exec('ANALYZE brp_persoon; ANALYZE dossier_record; ANALYZE toestemming');
      log('ANALYZE after the full sync (--analyze)');
    }
    const syncRecords = counts.persons + counts.dossierRecords;
    log(`A: first full sync ${hub.info.syncSeconds.toFixed(1)} s for ${syncRecords} read-model records`);
    await standIns.call('setKennisgevingUrl', { url: kennisgevingUrl });

    // --- who is asked for ---------------------------------------------------------------------
    const households = await s1Households(db, options.pool);
    const persons = await s2Persons(db, options.pool);
    const s3 = await s3Households(db, standIns.info.built);
    const consents = await seedConsents(db, [...households.flatMap((h) => h.leden), ...Object.values(s3).flatMap((h) => h.leden)]);
    if (options.analyze) await db.exec('ANALYZE toestemming');
    const statistics = await planStatistics(db, database.schema);
    if (statistics.unanalysed.length) log(`Postgres autovacuum is ${statistics.autovacuum}; never analysed: ${statistics.unanalysed.join(', ')} (see RESULTS.md)`);
    log(`S1: ${households.length} households of 4–6; S2: ${persons.length} persons with Wmo; ${consents} consents registered for the regisseur`);
    if (households.length === 0 || persons.length === 0) throw new Error('the read model has no households of 4–6 or no Wmo clients: the sync did not fill it');

    // --- overload: A alone, S1 past saturation (its own callers, so its audit records are its own) --
    const overload = () => {
      const next = cycle(households);
      const shipped = options.shedInFlight === undefined && options.shedLoopDelayMs === undefined;
      const target = (child: BenchChild<HubInfo>): Target => ({ variant: 'A', child, url: child.info.url, headers: { 'x-purpose': 'INTEGRALE_AANPAK' }, body: () => gatewayBody(S1_QUERY, next().leden[0]) });
      // As an operator would: A started again with SHED_MAX_IN_FLIGHT set to what the ramp shows
      // keeps latency; not when the run was given a bound of its own.
      const restart = async (maxInFlight: number) => {
        const { hub: bounded } = await measureRestart(current, () => BenchChild.start<HubInfo>('hub', { queuePrefix, env: { ...env, SHED_MAX_IN_FLIGHT: String(maxInFlight) } }, { logFile: childLog }), probe);
        children.push(bounded);
        current = bounded;
        return target(bounded);
      };
      return measureOverload({
        target: target(current),
        restart: shipped ? restart : undefined,
        db,
        dataDir: hubDir,
        rampS: options.rampS,
        overloadS: options.overloadS,
        overloadConnections: options.overloadConnections,
        floodConnections: options.floodConnections,
        floodS: options.floodS,
        shedding: { ...current.info.shedding, shipped },
        log,
      });
    };
    if (options.soakOnly) {
      const regisseur = cycle(households);
      const client = cycle(persons);
      const subject = cycle(households.flatMap((h) => h.leden));
      const privacyOfficer = await issueDevToken(hubDir, { role: 'privacy-officer', sub: 'bench-soak-fg' });
      log(`soak: ${options.soakMinutes} minutes of mixed callers against A`);
      const soak = await measureSoak({
        callers: [
          { connections: 3, target: { variant: 'regisseur (S1)', child: hub, url: hub.info.url, headers: { authorization: `Bearer ${tokens.regisseur}`, 'x-purpose': 'INTEGRALE_AANPAK' }, body: () => gatewayBody(S1_QUERY, regisseur().leden[0]) } },
          { connections: 2, target: { variant: 'wmo-consulent (S2)', child: hub, url: hub.info.url, headers: { authorization: `Bearer ${tokens.wmo}`, 'x-purpose': 'WMO_ONDERSTEUNING' }, body: () => gatewayBody(S2_QUERY, client()) } },
          { connections: 1, target: { variant: 'privacy-officer (inzage)', child: hub, url: hub.info.url, headers: { authorization: `Bearer ${privacyOfficer}`, 'x-purpose': 'AUDIT' }, body: () => gatewayBody(INZAGE_QUERY, subject()) } },
        ],
        minutes: options.soakMinutes,
        log,
      });
      const lines = [`# Soak`, '', `Written by \`npm run bench -- --soak-only\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${options.inhabitants} inhabitants.`, '', ...soakSection(soak), ''];
      writeFileSync(join(BENCH_DIR, 'SOAK.md'), lines.join('\n'));
      process.stdout.write(`${lines.join('\n')}`);
      log('--soak-only: written to bench/SOAK.md');
      return;
    }
    if (options.overloadOnly) {
      // A has served nothing yet: warm it up as the S1 runs would have.
      const next = cycle(households);
      await runLoad({ url: hub.info.url, headers: { authorization: `Bearer ${tokens.regisseur}`, 'x-purpose': 'INTEGRALE_AANPAK' }, body: () => gatewayBody(S1_QUERY, next().leden[0]), connections: options.connections, durationS: Math.max(2, options.warmupS) });
      process.stdout.write(`${overloadSection(await overload()).join('\n')}\n`);
      log('--overload-only: nothing written');
      return;
    }

    // --- incremental change-to-visible (idle system) -----------------------------------------
    const incremental = await measureIncremental(standIns, hub.info.url, tokens.wmo, options.incrementalSamples);
    log(`incremental: p95 ${incremental.p95.toFixed(0)} ms over ${incremental.samples} changes`);

    // --- the sync part killed mid-series, then A restarted: last, as A is not the same after -------
    const resilience = async (): Promise<Pick<BenchReport, 'syncKill' | 'starts'>> => {
      log(`kill: ${options.killChanges} GWS changes at ${options.killRatePerS}/s; the sync part is SIGKILLed after half of them and started again`);
      const syncKill = await measureSyncKill({
        standIns,
        db,
        databaseUrl: database!.url,
        dataDir: hubDir,
        inhabitants: options.inhabitants,
        gatewayUrl: hub.info.url,
        token: tokens.watcher,
        changes: options.killChanges,
        ratePerS: options.killRatePerS,
        logFile: childLog,
        log,
        onCleanup: (step) => steps.push(step),
      });
      await standIns.call('setKennisgevingUrl', { url: kennisgevingUrl });
      log(`kill: p50 ${syncKill.p50.toFixed(0)} ms, p95 ${syncKill.p95.toFixed(0)} ms, max ${syncKill.max.toFixed(0)} ms; ${syncKill.lost} of ${syncKill.changes} changes lost; ${syncKill.inFlight.length} job(s) in flight at the kill`);
      log('restart: stopping A, then starting it again on the same database and queue prefix');
      const { hub: restarted, restart } = await measureRestart(current, startA, probe);
      children.push(restarted);
      current = restarted;
      log(`restart: /readyz 200 ${(restart.readyMs / 1000).toFixed(1)} s after the spawn (first start ${(firstStart.timing.readyMs / 1000).toFixed(1)} s); catch-up full sync ${restart.catchUpOk ? `${restart.catchUpSeconds.toFixed(1)} s` : 'failed'}`);
      return { syncKill, starts: { first: firstStart.timing, restart } };
    };
    if (options.resilienceOnly) {
      const figures = await resilience();
      process.stdout.write(`${resilienceSection({ incremental, sync: { inhabitants: standIns.info.inhabitants, seconds: hub.info.syncSeconds, persons: counts.persons, dossierRecords: counts.dossierRecords, sourceRecords: standIns.info.sourceRecords }, ...figures }).join('\n')}\n`);
      log('--resilience-only: nothing written');
      return;
    }

    // --- B, C, D ------------------------------------------------------------------------------
    log('B, C, D: starting');
    const [plain, hive, floor, hiveRust, plainJit] = await Promise.all([
      BenchChild.start<PlainInfo>('plain', { databaseUrl: database.url }, { logFile: childLog }),
      BenchChild.start<PlainInfo>('hive', { databaseUrl: database.url }, { logFile: childLog }),
      BenchChild.start<PlainInfo>('floor', { databaseUrl: database.url }, { logFile: childLog }),
      BenchChild.start<PlainInfo>('hive-rust', { databaseUrl: database.url }, { logFile: childLog }),
      BenchChild.start<PlainInfo>('plain-jit', { databaseUrl: database.url }, { logFile: childLog }),
    ]);
    children.push(plain, hive, floor, hiveRust, plainJit);

    const gatewayTargets = (query: string, keys: () => string, token: string, purpose: string): Target[] => {
      const headers = { authorization: `Bearer ${token}`, 'x-purpose': purpose };
      return [
        { variant: 'A', child: hub, url: hub.info.url, headers, body: () => gatewayBody(query, keys()) },
        { variant: 'B', child: plain, url: plain.info.url!, headers, body: () => gatewayBody(query, keys()) },
        { variant: 'C', child: hive, url: hive.info.url!, headers, body: () => gatewayBody(query, keys()) },
        { variant: 'E', child: hiveRust, url: hiveRust.info.url!, headers, body: () => gatewayBody(query, keys()) },
        { variant: 'F', child: plainJit, url: plainJit.info.url!, headers, body: () => gatewayBody(query, keys()) },
      ];
    };
    const nextHousehold = cycle(households);
    const s1Key = () => nextHousehold().leden[0];
    const nextPerson = cycle(persons);
    const s1Targets = gatewayTargets(S1_QUERY, s1Key, tokens.regisseur, 'INTEGRALE_AANPAK');
    const s2Targets = gatewayTargets(S2_QUERY, nextPerson, tokens.wmo, 'WMO_ONDERSTEUNING');

    // --- the same answers? --------------------------------------------------------------------
    const correctness = {
      S1: await compareAnswers(s1Targets, S1_QUERY, households.slice(0, 10).map((h) => h.leden[0])),
      S2: await compareAnswers(s2Targets, S2_QUERY, persons.slice(0, 10)),
    };
    log(`answers: S1 ${correctness.S1.identical}/${correctness.S1.sampled} identical in A, B, C, E and F, S2 ${correctness.S2.identical}/${correctness.S2.sampled}`);

    // --- S1 and S2 under load -----------------------------------------------------------------
    const audit = { tables: await auditTables(db, database.schema), records: 0, seconds: 0, requests: 0 };
    const auditHook = async (target: Target, run: () => Promise<LoadResult>) => {
      if (target.variant !== 'A' || audit.tables.length === 0) return run();
      const before = await sumRows(db, audit.tables);
      const result = await run();
      audit.records += (await sumRows(db, audit.tables)) - before;
      audit.seconds += result.seconds;
      audit.requests += result.requests;
      return result;
    };

    log('S1: household dossier');
    const loaded: Measure = { connections: options.connections, warmupS: options.warmupS, durationS: options.durationS, runs: options.runs };
    if (options.s1Only) {
      const s1 = await measureScenario(s1Targets.filter((t) => ['A', 'B', 'C'].includes(t.variant)), loaded, auditHook);
      process.stdout.write(`${[...scenarioTable(s1), '', ratios(s1)].join('\n')}\n`);
      // A alone, into bench/profiles/A-S1.cpuprofile, for `npx tsx bench/profile.ts`.
      if (options.profile) process.stdout.write(`${summarizeProfile((await profileUnderLoad(s1Targets.find((t) => t.variant === 'A')!, 'S1', options)).file)}\n`);
      log('--s1-only: nothing written');
      return;
    }
    const s1 = await measureScenario(s1Targets, loaded, auditHook);
    const floorTarget = (domain: DomainSubgraph): Target => {
      const next = cycle(households);
      return { variant: 'D', child: floor, url: floor.info.subgraphUrls[domain], headers: {}, body: () => entitiesBody(domain, next().leden) };
    };
    const s1Floor: Partial<Record<DomainSubgraph, VariantSummary>> = {};
    for (const domain of DOMAIN_SUBGRAPHS) s1Floor[domain] = (await measureScenario([floorTarget(domain)], { ...loaded, warmupS: Math.min(1, options.warmupS), runs: options.floorRuns })).D!;
    const slowest = DOMAIN_SUBGRAPHS.reduce((a, b) => (s1Floor[b]!.p50 > s1Floor[a]!.p50 ? b : a));
    s1.D = s1Floor[slowest]!;
    log(`S1: A ${s1.A!.rps.toFixed(0)} rps, B ${s1.B!.rps.toFixed(0)}, C ${s1.C!.rps.toFixed(0)}, E ${s1.E!.rps.toFixed(0)} (CPU ${s1.E!.perRequest.cpuMs.toFixed(2)}), F ${s1.F!.rps.toFixed(0)} (CPU ${s1.F!.perRequest.cpuMs.toFixed(2)}), CPU A ${s1.A!.perRequest.cpuMs.toFixed(2)} B ${s1.B!.perRequest.cpuMs.toFixed(2)} C ${s1.C!.perRequest.cpuMs.toFixed(2)}; D slowest domain ${slowest} p50 ${s1.D!.p50.toFixed(1)} ms`);

    // The same without queueing: one connection, so p50 is the latency of one request alone.
    const single: Measure = { connections: 1, warmupS: 0.5, durationS: options.unloadedS, runs: 1 };
    const s1Unloaded = await measureScenario(s1Targets, single);
    const s1UnloadedFloor: Partial<Record<DomainSubgraph, VariantSummary>> = {};
    for (const domain of DOMAIN_SUBGRAPHS) s1UnloadedFloor[domain] = (await measureScenario([floorTarget(domain)], single)).D!;
    const slowestUnloaded = DOMAIN_SUBGRAPHS.reduce((a, b) => (s1UnloadedFloor[b]!.p50 > s1UnloadedFloor[a]!.p50 ? b : a));
    s1Unloaded.D = s1UnloadedFloor[slowestUnloaded]!;
    log(`S1 unloaded p50: A ${s1Unloaded.A!.p50.toFixed(1)} ms, B ${s1Unloaded.B!.p50.toFixed(1)}, C ${s1Unloaded.C!.p50.toFixed(1)}, D ${slowestUnloaded} ${s1Unloaded.D!.p50.toFixed(1)}`);

    log('S2: one domain, one person, as its consulent');
    const s2Person = cycle(persons);
    const s2 = await measureScenario(
      [...s2Targets, { variant: 'D', child: floor, url: floor.info.subgraphUrls.wmo, headers: {}, body: () => entitiesBody('wmo', [s2Person()]) }],
      loaded,
      auditHook,
    );
    log(`S2: A ${s2.A!.rps.toFixed(0)} rps, B ${s2.B!.rps.toFixed(0)}, C ${s2.C!.rps.toFixed(0)}, E ${s2.E!.rps.toFixed(0)}, F ${s2.F!.rps.toFixed(0)}, CPU A ${s2.A!.perRequest.cpuMs.toFixed(2)} B ${s2.B!.perRequest.cpuMs.toFixed(2)} E ${s2.E!.perRequest.cpuMs.toFixed(2)} F ${s2.F!.perRequest.cpuMs.toFixed(2)}, D ${s2.D!.rps.toFixed(0)}`);

    // --- S3: household size scaling -------------------------------------------------------------
    log('S3: household sizes 1, 4, 12, 50');
    const s3Rows: S3Row[] = [];
    for (const [size, household] of Object.entries(s3)) {
      const row: S3Row = { size: Number(size), members: household.leden.length, variants: {} };
      for (const target of s1Targets) row.variants[target.variant] = await sequential(target, household, options.s3Requests);
      s3Rows.push(row);
    }

    // --- RSS growth over N requests -------------------------------------------------------------
    const rssTargets = options.rssAll ? s1Targets : s1Targets.filter((t) => t.variant === 'A');
    log(`RSS growth over ${options.rssRequests} S1 requests (${rssTargets.map((t) => t.variant).join(', ')})`);
    const rss: RssGrowth[] = [];
    for (const target of rssTargets) rss.push(await rssGrowth(target, options));

    // --- profile --------------------------------------------------------------------------------
    let profile: BenchReport['profile'];
    if (options.profile) {
      profile = [];
      // A is what the lead asked for; B beside it shows which costs are the hub's own.
      for (const [name, targets] of [['S1', s1Targets], ['S2', s2Targets]] as const) {
        for (const target of targets.filter((t) => t.variant !== 'C')) {
          log(`profiling ${target.variant} in ${name} for ${options.profileS} s`);
          const { file, rps } = await profileUnderLoad(target, name, options);
          profile.push({ scenario: `${target.variant} in ${name}`, file, rps, summary: summarizeProfile(file) });
        }
      }
    }

    const resilient = await resilience();

    // --- overload: last, as it starts A again with a bound of its own ----------------------------
    log(`overload: S1 against A at ${RAMP_TEXT} connections for ${options.rampS} s each, then twice the saturating count for ${options.overloadS} s and ${options.floodConnections} for ${options.floodS} s`);
    const overloaded = await overload();

    const report: BenchReport = {
      options,
      startedAt: new Date(startedAt).toISOString(),
      seconds: (Date.now() - startedAt) / 1000,
      sync: { inhabitants: standIns.info.inhabitants, seconds: hub.info.syncSeconds, persons: counts.persons, dossierRecords: counts.dossierRecords, sourceRecords: standIns.info.sourceRecords },
      incremental,
      ...resilient,
      S1: s1,
      S1Floor: s1Floor,
      slowestDomain: slowest,
      S1Unloaded: s1Unloaded,
      S1UnloadedFloor: s1UnloadedFloor,
      slowestDomainUnloaded: slowestUnloaded,
      loadAverage: { min: Math.min(...loadSamples), median: percentile([...loadSamples].sort((a, b) => a - b), 0.5), max: Math.max(...loadSamples) },
      S2: s2,
      S3: s3Rows,
      rss,
      overload: overloaded,
      audit: audit.tables.length === 0 ? null : { tables: audit.tables, records: audit.records, seconds: audit.seconds, requests: audit.requests },
      correctness,
      profile,
      statistics,
      householdsInPool: households.length,
      personsInPool: persons.length,
    };
    // Stop the servers before writing, so the run time in the report includes everything measured.
    await cleanup();
    report.seconds = (Date.now() - startedAt) / 1000;
    const written = writeReport(BENCH_DIR, report);
    log(`done in ${report.seconds.toFixed(0)} s: ${written.join(', ')}`);
  } catch (err) {
    log(`failed: ${(err as Error).stack ?? err}`);
    log(`child logs: ${childLog}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

/** The S3 households: sizes 1 and 4 as the municipality has them, 12 and 50 built in the world. */
async function s3Households(db: BenchDatabase['db'], built: Record<string, string[]>): Promise<Record<number, Household>> {
  const out: Record<number, Household> = {};
  for (const size of [1, 4]) {
    const h = await householdOfSize(db, size);
    if (!h) throw new Error(`the read model has no household of ${size}`);
    out[size] = h;
  }
  for (const [size, bsns] of Object.entries(built)) {
    const h = await householdOf(db, bsns[0]);
    if (!h || h.leden.length !== Number(size)) throw new Error(`the built household of ${size} has ${h?.leden.length ?? 0} members in the read model`);
    out[Number(size)] = h;
  }
  return out;
}

/** S3: one household, asked `n` times one after another; counters per request and latency. */
async function sequential(target: Target, household: Household, n: number): Promise<S3Row['variants'][Variant]> {
  const body = gatewayBody(S1_QUERY, household.leden[0]);
  const post = () => fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body });
  // Two unmeasured requests first: connection set-up and first-use caches are not per-request costs.
  for (let i = 0; i < 2; i++) await (await post()).text();
  await target.child.call('reset');
  const latencies: number[] = [];
  let leden = -1;
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await post();
    const json = (await res.json()) as { data?: { huishouden?: { leden?: unknown[] } }; errors?: unknown[] };
    latencies.push(performance.now() - t0);
    leden = json.data?.huishouden?.leden?.length ?? -1;
    if (json.errors?.length || res.status !== 200) errors++;
  }
  const stats = await settled(target.child);
  latencies.sort((a, b) => a - b);
  return { readsPerRequest: stats.reads / n, fetchesPerRequest: stats.fetches / n, writesPerRequest: stats.writes / n, p50: percentile(latencies, 0.5), leden, errors };
}

/** A CPU profile of `target` under its load for `profileS`, written to bench/profiles/<variant>-<scenario>.cpuprofile. */
async function profileUnderLoad(target: Target, scenario: string, options: BenchOptions): Promise<{ file: string; rps: number }> {
  mkdirSync(join(BENCH_DIR, 'profiles'), { recursive: true });
  await target.child.call('profileStart', { intervalUs: 200 });
  const load = await runLoad({ url: target.url, headers: target.headers, body: target.body, connections: options.connections, durationS: options.profileS });
  const file = await target.child.call<string>('profileStop', { file: join(BENCH_DIR, 'profiles', `${target.variant}-${scenario}.cpuprofile`) });
  return { file, rps: load.rps };
}

/** The warm-up before the RSS growth figure, as a share of its requests. */
const RSS_WARMUP_SHARE = 0.2;

/**
 * RSS after a warm-up of the same load (after a full GC) and after `rssRequests` more S1 requests
 * (after a full GC). The warm-up matters: what ran just before (S3, one request at a time) leaves
 * the process smaller than ten connections need (buffers, pool connections busy at once), and
 * growing back to that is not what this figure is after; whether memory keeps growing is.
 */
async function rssGrowth(target: Target, options: BenchOptions): Promise<RssGrowth> {
  await runLoad({ url: target.url, headers: target.headers, body: target.body, connections: options.connections, amount: Math.ceil(options.rssRequests * RSS_WARMUP_SHARE) });
  const before = await target.child.call<GcReading>('gc');
  const load = await runLoad({ url: target.url, headers: target.headers, body: target.body, connections: options.connections, amount: options.rssRequests, pid: target.child.pid });
  const after = await target.child.call<GcReading>('gc');
  return {
    variant: target.variant,
    requests: load.requests,
    rssBeforeMb: before.rssBytes / 2 ** 20,
    rssAfterMb: after.rssBytes / 2 ** 20,
    peakMb: load.peakRssBytes / 2 ** 20,
    heapBeforeMb: before.heapUsedBytes / 2 ** 20,
    heapAfterMb: after.heapUsedBytes / 2 ** 20,
  };
}

/**
 * GWS changes a voorziening (the stand-in pushes a StUF Lk01 to the hub, which queues it in
 * BullMQ and applies it); the clock runs until the change is visible through A's gateway.
 */
async function measureIncremental(standIns: BenchChild<StandInsInfo>, url: string, token: string, samples: number): Promise<Incremental> {
  const latencies: number[] = [];
  let failed = 0;
  const query = 'query($bsn: String!) { persoon(burgerservicenummer: $bsn) { wmo { voorzieningen { toewijzingNummer omschrijving } } } }';
  for (let i = 0; i < samples; i++) {
    const change = await standIns.call<{ bsn: string; toewijzingNummer: string; marker: string; at: number }>('changeWmo', { index: i });
    const deadline = change.at + 15_000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'WMO_ONDERSTEUNING' },
        body: JSON.stringify({ query, variables: { bsn: change.bsn } }),
      });
      const json = (await res.json()) as { data?: { persoon?: { wmo?: { voorzieningen: Array<{ toewijzingNummer: string; omschrijving: string }> } } } };
      seen = !!json.data?.persoon?.wmo?.voorzieningen.some((v) => v.toewijzingNummer === change.toewijzingNummer && v.omschrijving === change.marker);
      if (seen) latencies.push(Date.now() - change.at);
      else await new Promise((r) => setTimeout(r, 10));
    }
    if (!seen) failed++;
    await new Promise((r) => setTimeout(r, 50));
  }
  latencies.sort((a, b) => a - b);
  return { samples, visible: latencies.length, failed, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies.at(-1) ?? NaN, pollMs: 10 };
}

/** Asks A, B and C the same questions and compares the data they answer. */
async function compareAnswers(targets: Target[], query: string, keys: string[]): Promise<{ sampled: number; identical: number; errorsA: number; note: string | null }> {
  let identical = 0;
  let errorsA = 0;
  let note: string | null = null;
  for (const key of keys) {
    const answers = await Promise.all(
      targets.map(async (t) => {
        const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...t.headers }, body: gatewayBody(query, key) });
        return (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      }),
    );
    if (answers[0].errors?.length) {
      errorsA++;
      note ??= `A answered ${answers[0].errors.map((e) => e.extensions?.code ?? e.message).join(', ')}`;
    }
    const [a, ...rest] = answers.map((x) => JSON.stringify(x.data ?? null));
    if (rest.every((r) => r === a)) identical++;
    else note ??= `answers differ for one key (A ${a.length} bytes, others ${rest.map((r) => r.length).join('/')} bytes)`;
  }
  return { sampled: keys.length, identical, errorsA, note };
}

async function sumRows(db: BenchDatabase['db'], tables: string[]): Promise<number> {
  let n = 0;
  for (const t of tables) n += await rowCount(db, t);
  return n;
}

main().catch((err: unknown) => {
  log(`failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
