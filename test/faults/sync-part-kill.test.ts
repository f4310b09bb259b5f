import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import type { UitkeringRecord, WmoVoorzieningRecord } from '../../domain/records';
import type { RunningGateway } from '../../gateway';
import { freePort } from '../../hub/redis';
import { createPolicyParts, startGatewayPart, startStandIns, subgraphUrls, type PolicyParts } from '../../hub/parts';
import { loadConfig } from '../../lib/config';
import { generateMunicipality } from '../../municipality';
import { recordsOfType } from '../../read-model/dossier';
import { QUEUES } from '../../sync/service';
import { compareWithGws, gwsPastTerm } from '../support/compare';
import { FAST_HEALING, isolatedDatabase, TEST_REDIS_URL, uniqueName } from '../support/env';
import { eventually } from '../support/hub';

/**
 * The sync part in a process of its own, killed with SIGKILL: no handler runs, no job is closed,
 * no transaction is finished. The back offices (stand-ins) and the gateway run in this process;
 * they share Postgres and Redis with the sync part, as in docker-compose. After each kill a new
 * sync part starts on the same database and queues, and once it has caught up the read model must
 * hold exactly what GWS holds, record by record: nothing missing, nothing extra, nothing older.
 *
 * GWS is reached over a line the test controls. It can hold one page of a full sync after GWS
 * answered it, which is how a kill is placed exactly in the middle of a full sync, and how the
 * race every catch-up must win is run for certain rather than by chance: a page stating GWS's
 * state as of its answer arrives after a change GWS made since, which the hub has already read
 * and written. The page must not bring the older state back.
 */

jest.setTimeout(150_000);

const ROOT = resolve(__dirname, '..', '..');
/**
 * Node with tsx as a loader, not tsx's CLI: the CLI runs the script in a child process of its own,
 * and a SIGKILL to the CLI would leave that child running on.
 */
const PART = [process.execPath, ['--import', 'tsx', 'scripts/part.ts', 'sync']] as const;
/** The line's speed, about 3 Mbit/s: a page of a full sync takes a tenth of a second or more. */
const LINE_BYTES_PER_MS = 400;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A page of a full sync that GWS has answered and the line holds back until `release()`. */
interface HeldPage {
  entiteittype: 'WVZ' | 'UIT';
  /** The keys of the records on the page (toewijzingNummer or dossierNummer). */
  keys: string[];
  release(): void;
}

/**
 * A pass-through to GWS whose answers take time in proportion to their size, and which holds the
 * next page of a full sync (a vraag without a selection) when asked to.
 */
async function gwsLine(target: string) {
  const origin = new URL(target).origin;
  let trap: { entiteittype?: 'WVZ' | 'UIT'; caught: (page: HeldPage) => void } | null = null;
  const releases = new Set<() => void>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const vraag = Buffer.concat(chunks).toString('utf8');
    try {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'soapaction']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name] as string;
      const answer = await fetch(`${origin}${req.url}`, { method: req.method, headers, body: vraag });
      const body = Buffer.from(await answer.arrayBuffer());
      const entiteittype = /uitLv01/.test(vraag) ? 'UIT' : 'WVZ';
      const page = answer.status === 200 && !/<(\w+:)?gelijk[\s>]/.test(vraag);
      if (page && trap && (!trap.entiteittype || trap.entiteittype === entiteittype)) {
        const { caught } = trap;
        trap = null;
        await new Promise<void>((release) => {
          releases.add(release);
          caught({ entiteittype, keys: [...body.toString('utf8').matchAll(/sleutelVerzendend="([^"]*)"/g)].map((m) => m[1]), release });
        });
      } else {
        await sleep(body.length / LINE_BYTES_PER_MS);
      }
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/xml' });
      res.end(body);
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${new URL(target).pathname}`,
    /**
     * Resolves with the next page (of this type, if given) once GWS answered it; the line holds
     * it. Rejects when no full sync asks for one within 60 s.
     */
    holdNextPage(entiteittype?: 'WVZ' | 'UIT'): Promise<HeldPage> {
      return new Promise((caught, fail) => {
        const timer = setTimeout(() => {
          trap = null;
          fail(new Error('no full sync asked GWS for a page within 60 s'));
        }, 60_000);
        timer.unref();
        trap = {
          entiteittype,
          caught: (page) => {
            clearTimeout(timer);
            caught(page);
          },
        };
      });
    },
    close: () =>
      new Promise<void>((done) => {
        for (const release of releases) release();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

interface SyncPart {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('the sync part killed with SIGKILL', () => {
  const world = generateMunicipality({ inhabitants: 600 });
  const dataDir = mkdtempSync(join(tmpdir(), 'ontschot-kill-'));
  const prefix = uniqueName('kill');
  const bearerKey = uniqueName('s').padEnd(40, 'x');
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let standIns: Awaited<ReturnType<typeof startStandIns>>;
  let line: Awaited<ReturnType<typeof gwsLine>>;
  let policy: PolicyParts;
  let gateway: RunningGateway;
  let changeQueue: Queue;
  const parts: SyncPart[] = [];
  const changers: Array<() => Promise<void>> = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await isolatedDatabase();
    const settings = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      ID_KEY: uniqueName('i').padEnd(40, 'x'),
      STUF_KENNISGEVING_KEY: bearerKey,
      ...FAST_HEALING,
    };
    const config = loadConfig(settings);
    standIns = await startStandIns(config, world, true, { kennisgevingAuth: { bearerKey } });
    line = await gwsLine(standIns.gws!.url);
    env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? '/tmp',
      ...settings,
      BRP_API_URL: standIns.brp!.url,
      GWS_STUF_URL: line.url,
      JEUGD_FEED_URL: standIns.jeugd!.url,
      LAS_EXPORT_DIR: standIns.las!.exportDir,
    };
    // The gateway, for /readyz: it judges the sync part by what it left in Postgres. It never
    // fetches from a subgraph here, so none is started.
    policy = createPolicyParts(config, database.db);
    gateway = await startGatewayPart(config, database.db, policy, { urls: subgraphUrls(config), firstSyncDone: () => true, randomPorts: true, redisUrl: TEST_REDIS_URL });
    changeQueue = new Queue(QUEUES.kennisgevingen, { connection: { url: TEST_REDIS_URL }, prefix });
  });

  afterAll(async () => {
    // A test that timed out never reached its own stop.
    for (const stop of changers) await stop();
    for (const part of parts) {
      if (part.child.exitCode !== null || part.child.signalCode !== null) continue;
      part.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([part.exited.then(() => true), new Promise<boolean>((done) => (timer = setTimeout(() => done(false), 15_000)))]);
      clearTimeout(timer);
      if (!stopped) part.child.kill('SIGKILL');
    }
    await changeQueue?.close();
    await gateway?.close();
    await policy?.audit.close();
    await line?.close();
    await standIns?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const gws = () => standIns.gws!;
  const compare = () => compareWithGws(database.db, gws());
  const SAME = { missing: [], extra: [], older: [] };
  const readyz = async () => {
    const res = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'));
    return { status: res.status, body: (await res.json()) as { checks: Record<string, boolean> } };
  };
  const count = async (sql: string) => (await database.db.query<{ n: number }>(sql))[0].n;
  const stored = async () => ({
    wmo: new Map((await recordsOfType(database.db, 'WMO_VOORZIENING')).map((r) => [(r.record as WmoVoorzieningRecord).toewijzingNummer, r.record as WmoVoorzieningRecord])),
    uit: new Map((await recordsOfType(database.db, 'UITKERING')).map((r) => [(r.record as UitkeringRecord).dossierNummer, r.record as UitkeringRecord])),
  });

  /** Starts a sync part on a kennisgeving port of its own and points GWS's pushes at it. */
  async function startSyncPart(): Promise<SyncPart> {
    const port = await freePort();
    const child = spawn(PART[0], [...PART[1]], { cwd: ROOT, env: { ...env, STUF_KENNISGEVING_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (out += c));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    const part = { child, output: () => out, exited };
    parts.push(part);
    const url = `http://127.0.0.1:${port}/stuf/kennisgevingen`;
    gws().setKennisgevingUrl(url);
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`the sync part exited (${child.exitCode}):\n${out}`);
      return listening(port);
    }, 60_000, 50);
    // GWS backed off while the port was closed: have it deliver at once.
    gws().setKennisgevingUrl(url);
    return part;
  }

  /**
   * Kennisgeving jobs a killed part was running: they stay "active" in Redis until their lock
   * lapses (BullMQ's 30 s) and the next part runs them again. Nothing may depend on that: the next
   * part's catch-up must cover them, so the copy is judged without waiting for them.
   */
  const orphaned = new Set<string>();

  async function kill(part: SyncPart): Promise<void> {
    part.child.kill('SIGKILL');
    expect(await part.exited).toEqual({ code: null, signal: 'SIGKILL' });
    for (const job of await changeQueue.getJobs(['active'])) orphaned.add(job.id!);
  }

  const alive = (part: SyncPart) => {
    if (part.child.exitCode !== null || part.child.signalCode !== null) throw new Error(`the sync part exited (${part.child.exitCode ?? part.child.signalCode}):\n${part.output()}`);
  };

  /** Everything GWS reported has reached the hub and been read, apart from what a killed part was running. */
  const caughtUp = async () => {
    if (gws().kennisgevingen.pending > 0) return false;
    const queued = await changeQueue.getJobCounts('waiting', 'delayed');
    if (queued.waiting + queued.delayed > 0) return false;
    return (await changeQueue.getJobs(['active'])).every((job) => orphaned.has(job.id!));
  };

  /**
   * Waits until the part has done its own full sync and read everything GWS reported, then says
   * how the copy compares: at that moment, not after whatever might put it right later.
   */
  async function caughtUpCopy(part: SyncPart) {
    await eventually(async () => (alive(part), /first full sync done/.test(part.output())), 60_000, 100);
    await eventually(async () => (alive(part), caughtUp()), 60_000, 100);
    return compare();
  }

  /**
   * The race a catch-up must win, run for certain. `page` was answered by GWS and is held on the
   * line. Once the hub has read every change reported so far, GWS changes one record on the page
   * (`change` picks it from the candidates) and removes another, the hub reads and writes both,
   * and only then does the page arrive, stating both records as they were before.
   */
  async function pageArrivesAfterNewerChanges(
    part: SyncPart,
    page: HeldPage,
    change: (candidates: string[]) => Promise<{ key: string; value: string }>,
    avoid: ReadonlySet<string> = new Set(),
  ): Promise<{ changed: string; value: string; removed: string }> {
    try {
      await eventually(async () => (alive(part), caughtUp()), 6000, 50);
      // Records GWS still holds, within their archive term (the hub keeps no other).
      const truth = gws().snapshot();
      const held = new Set(page.entiteittype === 'WVZ' ? truth.wmo.map((v) => v.toewijzingNummer) : truth.uitkeringen.map((u) => u.dossierNummer));
      const pastTerm = new Set(gwsPastTerm(gws()));
      const candidates = page.keys.filter((k) => held.has(k) && !pastTerm.has(`${page.entiteittype} ${k}`));
      const { key: changed, value } = await change(candidates);
      const removed = candidates.find((k) => k !== changed && !avoid.has(k))!;
      if (page.entiteittype === 'WVZ') await gws().removeWmoVoorziening(removed);
      else await gws().removeUitkering(removed);
      await eventually(async () => {
        const now = await stored();
        const copy: Map<string, { omschrijving: string | null }> = page.entiteittype === 'WVZ' ? now.wmo : now.uit;
        return copy.get(changed)?.omschrijving === value && !copy.has(removed);
      }, 2500, 20);
      return { changed, value, removed };
    } finally {
      page.release();
    }
  }

  /** Gives a record on the page a new omschrijving. */
  const describeAnew = (page: HeldPage, key: string, value: string) =>
    page.entiteittype === 'WVZ'
      ? gws().upsertWmoVoorziening({ ...gws().snapshot().wmo.find((v) => v.toewijzingNummer === key)!, omschrijving: value })
      : gws().upsertUitkering({ ...gws().snapshot().uitkeringen.find((u) => u.dossierNummer === key)!, omschrijving: value });

  /**
   * Changes GWS the way its users do, one at a time: new voorzieningen and uitkeringen, changed
   * ones, removed ones (first what was added here). Each is pushed to the hub as a kennisgeving.
   */
  const changer = (() => {
    let n = 0;
    const added: { wmo: string[]; uit: string[] } = { wmo: [], uit: [] };
    return {
      get made() {
        return n;
      },
      async one(avoid: ReadonlySet<string> = new Set()): Promise<void> {
        const i = n++;
        const truth = gws().snapshot();
        const wmo = truth.wmo.filter((v) => !avoid.has(v.toewijzingNummer));
        const uit = truth.uitkeringen.filter((u) => !avoid.has(u.dossierNummer));
        const pick = <T>(list: T[]) => list[(i * 7) % list.length];
        switch (i % 6) {
          case 0:
            return gws().upsertWmoVoorziening({ ...pick(wmo), omschrijving: `Wijziging ${i}` });
          case 1:
            return gws().upsertUitkering({ ...pick(uit), omschrijving: `Wijziging ${i}` });
          case 2: {
            const key = `KILL-W-${i}`;
            added.wmo.push(key);
            return gws().upsertWmoVoorziening({ ...pick(wmo), toewijzingNummer: key, omschrijving: `Nieuw ${i}`, einddatum: undefined });
          }
          case 3: {
            const key = `KILL-U-${i}`;
            added.uit.push(key);
            return gws().upsertUitkering({ ...pick(uit), dossierNummer: key, omschrijving: `Nieuw ${i}`, einddatum: undefined });
          }
          case 4:
            return void (await gws().removeWmoVoorziening(added.wmo.shift() ?? pick(wmo).toewijzingNummer));
          default:
            return void (await gws().removeUitkering(added.uit.shift() ?? pick(uit).dossierNummer));
        }
      },
    };
  })();

  /** Makes a change every few tens of milliseconds until stopped. */
  function changing() {
    let running = true;
    const loop = (async () => {
      while (running) {
        await changer.one();
        await sleep(40);
      }
    })();
    const stop = async () => {
      running = false;
      await loop;
    };
    changers.push(stop);
    return { stop };
  }

  it('(a) during its first full sync, while GWS changes: the next start makes the copy exactly GWS', async () => {
    const changes = changing();
    try {
      // Killed with GWS's Wmo voorzieningen written and its uitkeringen answered but not yet
      // arrived: in the middle of the full sync, with a part of it in the database.
      const uitkeringen = line.holdNextPage('UIT');
      const first = await startSyncPart();
      const held = await uitkeringen;
      await kill(first);
      held.release();
      // What the full sync wrote carries its run mark; what kennisgevingen wrote meanwhile does not.
      expect(await count("SELECT count(*)::int AS n FROM dossier_record WHERE record_type = 'WMO_VOORZIENING' AND sync_run IS NOT NULL")).toBeGreaterThan(50);
      expect(await count("SELECT count(*)::int AS n FROM dossier_record WHERE record_type = 'UITKERING' AND sync_run IS NOT NULL")).toBe(0);
      expect(await count("SELECT count(*)::int AS n FROM sync_state WHERE source IN ('GWS', 'BRP') AND last_full_sync_at IS NOT NULL")).toBe(0);
      const atKill = changer.made;

      // GWS goes on changing while no sync part runs and until the next one's catch-up is under way.
      await sleep(1000);
      const catchUp = line.holdNextPage();
      const second = await startSyncPart();
      const page = await catchUp;
      await changes.stop();
      expect(changer.made - atKill).toBeGreaterThan(20);
      const race = await pageArrivesAfterNewerChanges(second, page, async (candidates) => {
        const key = candidates.find((k) => !k.startsWith('KILL'))!;
        await describeAnew(page, key, 'Gewijzigd terwijl de pagina onderweg was');
        return { key, value: 'Gewijzigd terwijl de pagina onderweg was' };
      });

      expect(await caughtUpCopy(second)).toEqual(SAME);
      const now = await stored();
      const copy = page.entiteittype === 'WVZ' ? now.wmo : now.uit;
      expect({ changed: copy.get(race.changed)?.omschrijving, removed: copy.has(race.removed) }).toEqual({ changed: race.value, removed: false });
      expect(await count('SELECT count(*)::int AS n FROM sync_state WHERE last_full_sync_at IS NOT NULL')).toBe(4);
      await eventually(async () => (await readyz()).status === 200, 20_000, 200);
    } finally {
      await changes.stop();
    }
  });

  it('(b) during a burst of GWS changes: the restarted part makes the copy exactly GWS, each record at its last change', async () => {
    const running = parts.at(-1)!;
    alive(running);
    await eventually(async () => (await readyz()).status === 200, 20_000, 200);

    // Records that change again and again: the last change of one comes before the kill, of the
    // next while no sync part runs, of the last ones while the next part catches up (the one on
    // the page the line then holds). The copy must end on each one's last value.
    const truth = gws().snapshot();
    const original = <T extends { einddatum?: string }>(list: T[], key: (x: T) => string) => list.filter((x) => !x.einddatum && !key(x).startsWith('KILL'));
    const wmo = original(truth.wmo, (v) => v.toewijzingNummer);
    const uit = original(truth.uitkeringen, (u) => u.dossierNummer);
    const hot = { early: wmo[0], down: wmo[1], lateWmo: wmo[2], lateUit: uit[0] };
    const avoid = new Set([hot.early.toewijzingNummer, hot.down.toewijzingNummer, hot.lateWmo.toewijzingNummer, hot.lateUit.dossierNummer]);
    const last: Record<keyof typeof hot, string> = { early: '', down: '', lateWmo: '', lateUit: '' };
    const setHot = async (which: keyof typeof hot, value: string) => {
      last[which] = value;
      if (which === 'lateUit') await gws().upsertUitkering({ ...hot.lateUit, omschrijving: value });
      else await gws().upsertWmoVoorziening({ ...hot[which], omschrijving: value });
    };

    // The burst: 100 changes in quick succession, the hot records among them.
    const deliveredBefore = gws().kennisgevingen.delivered;
    for (let i = 0; i < 50; i++) {
      await changer.one(avoid);
      if (i % 10 === 3) await setHot('early', `Burst ${i}`);
      if (i % 10 === 5) await setHot('lateUit', `Burst ${i}`);
      if (i % 10 === 6) await setHot('down', `Burst ${i}`);
      if (i % 10 === 8) await setHot('lateWmo', `Burst ${i}`);
      if (i % 10 === 9) await sleep(5);
    }
    // Killed while GWS is still delivering the burst and the part is still reading it.
    await eventually(async () => gws().kennisgevingen.delivered - deliveredBefore >= 20, 20_000, 2);
    expect(gws().kennisgevingen.pending).toBeGreaterThan(0);
    await kill(running);

    for (let i = 50; i < 80; i++) {
      await changer.one(avoid);
      if (i % 10 === 5) await setHot('lateUit', `Burst ${i}`);
      if (i % 10 === 6) await setHot('down', `Burst ${i}`);
      if (i % 10 === 8) await setHot('lateWmo', `Burst ${i}`);
    }
    // Nothing polls the Jeugd feed now: /readyz says so.
    await eventually(async () => (await readyz()).status === 503, 20_000, 200);
    expect((await readyz()).body.checks.jeugdCurrent).toBe(false);

    const catchUp = line.holdNextPage();
    const next = startSyncPart();
    for (let i = 80; i < 100; i++) {
      await changer.one(avoid);
      if (i % 10 === 5) await setHot('lateUit', `Burst ${i}`);
      if (i % 10 === 8) await setHot('lateWmo', `Burst ${i}`);
      await sleep(20);
    }
    const restarted = await next;
    const page = await catchUp;
    await pageArrivesAfterNewerChanges(
      restarted,
      page,
      async (candidates) => {
        // The hot record of the page's kind changes once more, for the last time, and the page
        // holds it as it was before.
        const which = page.entiteittype === 'WVZ' ? 'lateWmo' : 'lateUit';
        const key = which === 'lateWmo' ? hot.lateWmo.toewijzingNummer : hot.lateUit.dossierNummer;
        expect(candidates).toContain(key);
        await setHot(which, 'Burst laatste');
        return { key, value: 'Burst laatste' };
      },
      avoid,
    );

    expect(await caughtUpCopy(restarted)).toEqual(SAME);
    const now = await stored();
    expect({
      early: now.wmo.get(hot.early.toewijzingNummer)?.omschrijving,
      down: now.wmo.get(hot.down.toewijzingNummer)?.omschrijving,
      lateWmo: now.wmo.get(hot.lateWmo.toewijzingNummer)?.omschrijving,
      lateUit: now.uit.get(hot.lateUit.dossierNummer)?.omschrijving,
    }).toEqual(last);
    expect([last.early, last.down]).toEqual(['Burst 43', 'Burst 76']);
    await eventually(async () => (await readyz()).status === 200, 20_000, 200);
  });
});
