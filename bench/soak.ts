/**
 * Soak: A under a steady mix of callers for a long while, its memory read every minute. A leak
 * shows as RSS that keeps climbing after the first minutes, when caches, JIT code and pools have
 * reached their size; the target is RSS flat within ±5 % over the last 20 minutes of 30.
 *
 * The mix, at a load A serves without queueing much (a soak is about what stays behind, not about
 * saturation): a regisseur opening household dossiers (S1, a different household each request),
 * a Wmo consultant reading Wmo dossiers (S2, a different client each request) and the privacy
 * officer drawing up inzage reports (a different person each request, the log growing as it runs).
 */
import { runLoad, type LoadResult } from './load';
import type { GcReading, Stats, Target } from './measure';

export interface SoakMinute {
  minute: number;
  /** As the process stands at the end of the minute: what an operator's graph shows, the garbage not yet collected included. */
  rssMb: number;
  heapUsedMb: number;
  /** After a full collection right after, and a second for V8 to hand back the pages it freed: what the process keeps. A leak shows here. */
  retainedRssMb: number;
  /** The same read at once after the collection, with pages V8 is still handing back counted. */
  retainedAtOnceRssMb: number;
  retainedHeapMb: number;
  /** 2xx answers per second in this minute, all callers together. */
  acceptedRps: number;
  /** Answers other than 2xx, errors and time-outs in this minute. */
  failed: number;
  /** The non-2xx answers by status (503 shed, 429 limited, …). */
  refused: Record<number, number>;
}

export interface Soak {
  minutes: number;
  /** Connections per caller. */
  connections: Record<string, number>;
  samples: SoakMinute[];
  /** The last `windowMinutes` samples: the largest distance of their RSS after GC from its median, in percent of it (flat: within 5). */
  windowMinutes: number;
  windowDeviationPercent: number;
  /** RSS after GC of the last sample against the first, in percent. */
  growthPercent: number;
}

export interface SoakOptions {
  /** A's callers, each with the connections it keeps busy. */
  callers: Array<{ target: Target; connections: number }>;
  minutes: number;
  log: (line: string) => void;
}

/** The window at the end of the soak in which RSS must stay flat (the issue's 20 of 30 minutes). */
const FLAT_WINDOW_MINUTES = 20;

export async function measureSoak(o: SoakOptions): Promise<Soak> {
  const child = o.callers[0].target.child;
  const samples: SoakMinute[] = [];
  for (let minute = 1; minute <= o.minutes; minute++) {
    const runs: LoadResult[] = await Promise.all(
      o.callers.map(({ target, connections }) => runLoad({ url: target.url, headers: target.headers, body: target.body, connections, durationS: 60, timeoutS: 10 })),
    );
    // Read as the process stands, then after a full collection: the garbage of the last minute
    // moves the first by a hundred MB either way; the second is what stays.
    const stats = await child.call<Stats>('stats');
    const retained = await child.call<GcReading>('gc');
    const seconds = Math.max(...runs.map((r) => r.seconds));
    const sample: SoakMinute = {
      minute,
      rssMb: stats.rssBytes / 2 ** 20,
      heapUsedMb: stats.heapUsedBytes / 2 ** 20,
      retainedRssMb: retained.rssBytes / 2 ** 20,
      retainedAtOnceRssMb: retained.rssAtOnceBytes / 2 ** 20,
      retainedHeapMb: retained.heapUsedBytes / 2 ** 20,
      acceptedRps: runs.reduce((n, r) => n + r.accepted.count, 0) / seconds,
      failed: runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
      refused: {},
    };
    for (const r of runs) for (const [status, count] of Object.entries(r.statuses)) if (Number(status) >= 300) sample.refused[Number(status)] = (sample.refused[Number(status)] ?? 0) + count;
    samples.push(sample);
    o.log(`soak minute ${minute}/${o.minutes}: RSS ${sample.rssMb.toFixed(0)} MB (after GC ${sample.retainedRssMb.toFixed(0)}, at once ${sample.retainedAtOnceRssMb.toFixed(0)}; V8 heap committed ${(retained.heapTotalBytes / 2 ** 20).toFixed(0)}, external ${(retained.externalBytes / 2 ** 20).toFixed(0)}), heap used ${sample.heapUsedMb.toFixed(0)} MB (after GC ${sample.retainedHeapMb.toFixed(0)}), ${sample.acceptedRps.toFixed(0)} accepted req/s, ${sample.failed} failed${sample.failed ? ` (${statusText(sample.refused)})` : ''}`);
  }
  const windowMinutes = Math.min(FLAT_WINDOW_MINUTES, samples.length);
  const window = samples.slice(-windowMinutes).map((s) => s.retainedRssMb);
  const median = [...window].sort((a, b) => a - b)[Math.floor(window.length / 2)];
  return {
    minutes: o.minutes,
    connections: Object.fromEntries(o.callers.map(({ target, connections }) => [target.variant, connections])),
    samples,
    windowMinutes,
    windowDeviationPercent: (Math.max(...window.map((rss) => Math.abs(rss - median))) / median) * 100,
    growthPercent: ((samples[samples.length - 1].retainedRssMb - samples[0].retainedRssMb) / samples[0].retainedRssMb) * 100,
  };
}

const statusText = (refused: Record<number, number>) => Object.entries(refused).map(([status, count]) => `${count} × ${status}`).join(', ') || 'errors or time-outs';

/** The soak as a section of RESULTS.md. */
export function soakSection(s: Soak): string[] {
  const f0 = (n: number) => n.toFixed(0);
  return [
    `## Soak — ${s.minutes} minutes of mixed callers`,
    '',
    `Connections: ${Object.entries(s.connections).map(([who, n]) => `${who} ${n}`).join(', ')}. At the end of each minute RSS and heap as the process stands, then after a full collection: RSS read at once, and one second later, when V8 has handed back the pages the collection freed (what the process keeps; the target is on that).`,
    '',
    '| minute | RSS MB | heap used MB | RSS at once after GC MB | RSS after GC MB | heap after GC MB | accepted req/s | failed |',
    '|---|---|---|---|---|---|---|---|',
    ...s.samples.map((m) => `| ${m.minute} | ${f0(m.rssMb)} | ${f0(m.heapUsedMb)} | ${f0(m.retainedAtOnceRssMb)} | ${f0(m.retainedRssMb)} | ${f0(m.retainedHeapMb)} | ${f0(m.acceptedRps)} | ${m.failed}${m.failed ? ` (${statusText(m.refused)})` : ''} |`),
    '',
    `RSS after GC over the last ${s.windowMinutes} minutes: at most **${s.windowDeviationPercent.toFixed(1)} %** from their median (target: flat within ±5 %); from the first minute to the last: ${s.growthPercent.toFixed(1)} %.`,
  ];
}
