import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = p.samples.length;
const sub = new Map<number, number>();
const size = (id: number): number => { if (sub.has(id)) return sub.get(id)!; const n = byId.get(id); const s = (n.hitCount ?? 0) + (n.children ?? []).reduce((a: number, c: number) => a + size(c), 0); sub.set(id, s); return s; };
const key = (n: any) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/main\//, '')}:${n.callFrame.lineNumber + 1}`;
const incl = new Map<string, number>();
const walk = (id: number, active: Set<string>) => { const n = byId.get(id); const k = key(n); const fresh = !active.has(k); if (fresh) { incl.set(k, (incl.get(k) ?? 0) + size(id)); active.add(k); } for (const c of n.children ?? []) walk(c, active); if (fresh) active.delete(k); };
walk(p.nodes[0].id, new Set());
const filter = process.argv[3] ? new RegExp(process.argv[3]) : null;
for (const [k, v] of [...incl.entries()].filter(([k]) => !filter || filter.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 60))) console.log((100 * v / total).toFixed(1).padStart(5), k);
// callers of a function
if (process.argv[5]) {
  const callers = new Map<string, number>();
  for (const n of p.nodes) if (new RegExp(process.argv[5]).test(key(n))) { let pid = parent.get(n.id); const chain: string[] = []; for (let i = 0; i < 8 && pid; i++) { chain.push(key(byId.get(pid))); pid = parent.get(pid); } const c = chain.join(' <- '); callers.set(c, (callers.get(c) ?? 0) + size(n.id)); }
  for (const [k, v] of [...callers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log('CALLER', (100 * v / total).toFixed(1), k);
}
