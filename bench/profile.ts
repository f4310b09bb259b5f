import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a V8 .cpuprofile (as written by the inspector's Profiler.stop) and summarises where the
 * time went: self time by package or project folder, the hottest functions, and the inclusive
 * time of the steps the hub adds (auth, signing, policy) next to what any gateway does.
 * Usage on its own: `npx tsx bench/profile.ts bench/profiles/A-S1.cpuprofile`.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

const ROOT = join(__dirname, '..');

/** Steps whose inclusive time is worth knowing; matched on function name and script URL. */
const STEPS: Array<{ label: string; fn: RegExp; url: RegExp }> = [
  { label: 'gateway: verify the caller’s JWT (ES256, jose)', fn: /^jwtVerify$/, url: /gateway\/auth|jose/ },
  { label: 'gateway: sign the internal context (HS256)', fn: /^sign$/, url: /policy\/internal-context/ },
  { label: 'subgraphs: verify the internal context (HS256)', fn: /^verify$/, url: /policy\/internal-context/ },
  { label: 'gateway: query planning (buildQueryPlan)', fn: /^buildQueryPlan$/, url: /@apollo\/query-planner/ },
  { label: 'gateway: executeQueryPlan', fn: /^executeQueryPlan$/, url: /@apollo\/gateway/ },
  { label: 'gateway: fetch to subgraphs (RemoteGraphQLDataSource.sendRequest)', fn: /^sendRequest$/, url: /@apollo\/gateway/ },
  { label: 'graphql-js parse', fn: /^parse$/, url: /graphql\/language\/parser/ },
  { label: 'graphql-js validate', fn: /^validate$/, url: /graphql\/validation\/validate/ },
  { label: 'policy: enforcePolicy guards (policy/directive.ts, incl. the resolvers they call)', fn: /.*/, url: /policy\/directive/ },
  { label: 'policy: PolicyDecider.decide', fn: /^decide$/, url: /policy\/decider/ },
  { label: 'audit: recorder, canonical JSON, hash chain, group commit (audit/*)', fn: /.*/, url: /\/audit\// },
  { label: 'Apollo Server: SHA-256 of every operation (computeQueryHash)', fn: /^computeQueryHash$/, url: /@apollo\/server/ },
  { label: 'stack traces (Error.stack, source-mapped under tsx)', fn: /^prepareStackTraceWithSourceMaps$/, url: /source_map/ },
  { label: 'pg: query (driver)', fn: /^query$/, url: /node_modules\/pg\/lib\/client/ },
  { label: 'JSON.parse / stringify (all)', fn: /^(parse|stringify)$/, url: /^$/ },
  { label: 'garbage collector', fn: /^\(garbage collector\)$/, url: /^$/ },
];

function where(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node: (core)';
  const path = url.replace(/^file:\/\//, '');
  const m = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (m) return m[m.length - 1].replace('node_modules/', '');
  if (path.startsWith(ROOT)) return `ontschot: ${path.slice(ROOT.length + 1).split('/').slice(0, 2).join('/')}`;
  return path;
}

function short(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const i = path.lastIndexOf('node_modules/');
  if (i >= 0) return path.slice(i + 'node_modules/'.length);
  return path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path;
}

export function summarizeProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.samples.length || 1;
  const ms = (hits: number) => ((hits / total) * (profile.endTime - profile.startTime)) / 1000;
  const pct = (hits: number) => `${((hits / total) * 100).toFixed(1)} %`;
  const idle = profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((s, n) => s + (n.hitCount ?? 0), 0);

  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)') continue;
    const pkg = where(n.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
    const key = `${n.callFrame.functionName || '(anonymous)'} — ${short(n.callFrame.url) || '(native)'}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  }

  // Inclusive time of each step: its subtree, counted once even where the step recurses.
  const subtree = new Map<number, number>();
  const sizeOf = (id: number): number => {
    const cached = subtree.get(id);
    if (cached !== undefined) return cached;
    const n = byId.get(id)!;
    const s = (n.hitCount ?? 0) + (n.children ?? []).reduce((acc, c) => acc + sizeOf(c), 0);
    subtree.set(id, s);
    return s;
  };
  const inclusive = new Map<string, number>();
  const walk = (id: number, active: Set<string>) => {
    const n = byId.get(id)!;
    const entered: string[] = [];
    for (const step of STEPS) {
      if (active.has(step.label)) continue;
      if (step.fn.test(n.callFrame.functionName) && step.url.test(n.callFrame.url)) {
        inclusive.set(step.label, (inclusive.get(step.label) ?? 0) + sizeOf(id));
        active.add(step.label);
        entered.push(step.label);
      }
    }
    for (const c of n.children ?? []) walk(c, active);
    for (const e of entered) active.delete(e);
  };
  walk(profile.nodes[0].id, new Set());

  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  const lines = [
    `${f(ms(total))} ms sampled, ${pct(idle)} idle (event loop waiting on sockets).`,
    '',
    '| self time by package / folder | ms | share |',
    '|---|---|---|',
    ...sorted(byPackage)
      .slice(0, 15)
      .map(([k, v]) => `| ${k} | ${f(ms(v))} | ${pct(v)} |`),
    '',
    '| step (inclusive) | ms | share |',
    '|---|---|---|',
    ...STEPS.map((s) => [s.label, inclusive.get(s.label) ?? 0] as const).map(([k, v]) => `| ${k} | ${f(ms(v))} | ${pct(v)} |`),
    '',
    `| hottest functions (self) | ms | share |`,
    '|---|---|---|',
    ...sorted(byFunction)
      .slice(0, top)
      .map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${f(ms(v))} | ${pct(v)} |`),
  ];
  return lines.join('\n');
}

function f(n: number): string {
  return n.toFixed(0);
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/profile.ts <file.cpuprofile>');
    process.exit(2);
  }
  console.log(summarizeProfile(file));
}
