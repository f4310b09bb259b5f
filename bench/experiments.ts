/**
 * `npx tsx bench/experiments.ts [--analyze] [--inhabitants N] [--duration S] [--runs N] [--patches a,b|all ...] [--no-patches]`
 *
 * `--no-patches` measures A against B only.
 *
 * What would a fix in the core buy? Starts A as shipped and copies of A with candidate fixes
 * patched in (bench/patches.ts), plus B, and measures them side by side in S1 and S2, in
 * rotating order. Server CPU ms per request is the figure to read on a shared machine; req/s
 * is printed beside it. Writes bench/EXPERIMENTS.md. Touches no file outside bench/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken } from '../gateway/auth';
import { SUBGRAPHS } from '../subgraphs';
import { benchDatabase, BENCH_REDIS_URL, dropRedisPrefix, freePortBlock, uniqueName, type BenchDatabase } from './env';
import { hubEnv, loadSamples, measureScenario, type HubInfo, type PlainInfo, type StandInsInfo, type Target } from './measure';
import { PATCHES, type Patch } from './patches';
import { BenchChild } from './rpc';
import { cycle, gatewayBody, s1Households, s2Persons, S1_QUERY, S2_QUERY, seedConsents } from './scenarios';
import type { VariantSummary } from './summary';

const log = (line: string) => process.stderr.write(`[experiments ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function parse(argv: string[]) {
  const o = { inhabitants: 5000, durationS: 4, warmupS: 2, runs: 3, connections: 10, analyze: false, none: false, sets: [] as Patch[][] };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--analyze') {
      o.analyze = true;
      continue;
    }
    if (k === '--inhabitants') o.inhabitants = Number(v);
    else if (k === '--duration') o.durationS = Number(v);
    else if (k === '--runs') o.runs = Number(v);
    else if (k === '--connections') o.connections = Number(v);
    else if (k === '--patches') o.sets.push(v === 'all' ? [...PATCHES] : (v.split(',') as Patch[]));
    else if (k === '--no-patches') {
      o.none = true;
      continue;
    }
    else throw new Error(`unexpected argument ${k}`);
    i++;
  }
  // Without --patches: each candidate alone, and all together when there are several.
  if (o.sets.length === 0 && !o.none) o.sets = PATCHES.length > 1 ? [...PATCHES.map((p) => [p]), [...PATCHES]] : [[...PATCHES]];
  for (const set of o.sets) for (const p of set) if (!PATCHES.includes(p)) throw new Error(`unknown patch ${p}; expected ${PATCHES.join(', ')} or all`);
  return o;
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'ontschot-experiments-'));
  const childLog = join(work, 'children.log');
  const children: BenchChild<unknown>[] = [];
  const prefixes: string[] = [];
  let database: BenchDatabase | undefined;
  try {
    database = await benchDatabase();
    const standIns = await BenchChild.start<StandInsInfo>('standins', { inhabitants: o.inhabitants, dataDir: join(work, 'standins') }, { logFile: childLog });
    children.push(standIns);
    const hubDir = join(work, 'hub');
    const tokens = { regisseur: await issueDevToken(hubDir, { role: 'regisseur' }), wmo: await issueDevToken(hubDir, { role: 'wmo-consulent' }) };
    const variants: Array<{ name: string; child: BenchChild<HubInfo | PlainInfo>; url: string }> = [];
    // One after another: each hub runs its own first full sync, and two at once would sweep each other's rows.
    for (const patches of [[], ...o.sets]) {
      const name = patches.length === 0 ? 'A' : patches.length === PATCHES.length ? 'A+all' : `A+${patches.join('+')}`;
      const prefix = uniqueName('bench');
      prefixes.push(prefix);
      const { env } = hubEnv({ databaseUrl: database.url, redisUrl: BENCH_REDIS_URL, dataDir: hubDir, basePort: await freePortBlock(SUBGRAPHS.length + 2), subgraphs: SUBGRAPHS.length, inhabitants: o.inhabitants, standIns: standIns.info });
      log(`starting ${name}`);
      const child = await BenchChild.start<HubInfo>('hub', { queuePrefix: prefix, env, patches }, { logFile: childLog });
      children.push(child);
      variants.push({ name, child, url: child.info.url });
    }
    const plain = await BenchChild.start<PlainInfo>('plain', { databaseUrl: database.url }, { logFile: childLog });
    children.push(plain);
    variants.push({ name: 'B', child: plain, url: plain.info.url! });

    const households = await s1Households(database.db, 2000);
    const persons = await s2Persons(database.db, 2000);
    await seedConsents(database.db, households.flatMap((h) => h.leden));
    // Like `npm run bench -- --analyze`: planner statistics as autovacuum would soon give them.
    if (o.analyze) await database.db.exec('ANALYZE brp_persoon; ANALYZE dossier_record; ANALYZE toestemming');
    const nextHousehold = cycle(households);
    const nextPerson = cycle(persons);
    const scenarios = [
      { name: 'S1', headers: { authorization: `Bearer ${tokens.regisseur}`, 'x-purpose': 'INTEGRALE_AANPAK' }, body: () => gatewayBody(S1_QUERY, nextHousehold().leden[0]) },
      { name: 'S2', headers: { authorization: `Bearer ${tokens.wmo}`, 'x-purpose': 'WMO_ONDERSTEUNING' }, body: () => gatewayBody(S2_QUERY, nextPerson()) },
    ];
    const results: Record<string, Record<string, VariantSummary>> = {};
    for (const sc of scenarios) {
      log(`${sc.name}: ${variants.length} variants × ${o.runs} runs of ${o.durationS} s`);
      const targets: Target[] = variants.map((v) => ({ variant: v.name, child: v.child as BenchChild<unknown>, url: v.url, headers: sc.headers, body: sc.body }));
      results[sc.name] = await measureScenario(targets, { connections: o.connections, warmupS: o.warmupS, durationS: o.durationS, runs: o.runs });
    }

    const base = (sc: string) => results[sc].A;
    const lines = [
      '# Experiments: candidate fixes patched into A',
      '',
      `Written by \`npx tsx bench/experiments.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${o.inhabitants.toLocaleString('en')} inhabitants, ${o.connections} connections, ${o.runs} × ${o.durationS} s per variant in rotating order, medians. 1-minute load average during the runs ${Math.min(...loadSamples).toFixed(1)}–${Math.max(...loadSamples).toFixed(1)} on 2 cores${o.analyze ? '; read models ANALYZEd after the sync' : ''}. Patches are bench/patches.ts; the core is untouched.`,
      '',
      '| scenario | variant | server CPU ms / req | vs A | req/s (spread) | vs A | p50 ms | p95 ms | queries / req |',
      '|---|---|---|---|---|---|---|---|---|',
      ...scenarios.flatMap((sc) =>
        variants.map((v) => {
          const x = results[sc.name][v.name];
          const a = base(sc.name);
          return `| ${sc.name} | ${v.name} | ${x.perRequest.cpuMs.toFixed(2)} | ${((x.perRequest.cpuMs / a.perRequest.cpuMs - 1) * 100).toFixed(0)} % | ${x.rps.toFixed(0)} (±${(x.spread.rps / 2).toFixed(0)} %) | ${((x.rps / a.rps - 1) * 100).toFixed(0)} % | ${x.p50.toFixed(1)} | ${x.p95.toFixed(1)} | ${x.perRequest.reads.toFixed(2)} |`;
        }),
      ),
    ];
    writeFileSync(join(__dirname, 'EXPERIMENTS.md'), `${lines.join('\n')}\n`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const c of children.reverse()) await c.stop().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    for (const p of prefixes) await dropRedisPrefix(p).catch(() => undefined);
    rmSync(join(work, 'standins'), { recursive: true, force: true });
    rmSync(join(work, 'hub'), { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  log(`failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
