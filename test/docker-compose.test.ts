import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseSubgraphUrls } from '../lib/config';
import { SUBGRAPHS } from '../subgraphs';

// No Docker engine runs in CI; this checks that the compose file still matches the code.
const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown> }>;
};

describe('docker-compose.yml', () => {
  const services = compose.services;

  it('has the state services and every part the code has', () => {
    const expected = ['postgres', 'redis', 'standins', 'sync', 'gateway', ...SUBGRAPHS.map((s) => `subgraph-${s.name}`)];
    expect(Object.keys(services).sort()).toEqual(expected.sort());
  });

  it('starts each part through scripts/part.ts with a part that exists', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'postgres' || name === 'redis') continue;
      expect(svc.command?.slice(0, 3)).toEqual(['npx', 'tsx', 'scripts/part.ts']);
      const [part, arg] = svc.command!.slice(3);
      if (name.startsWith('subgraph-')) expect([part, arg]).toEqual(['subgraph', name.slice('subgraph-'.length)]);
      else expect(part).toBe(name);
    }
  });

  it('tells the gateway where every subgraph is, and gives every part the shared secret', () => {
    const urls = parseSubgraphUrls(services.gateway.environment?.SUBGRAPH_URLS);
    expect(Object.keys(urls ?? {}).sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
    for (const [name, url] of Object.entries(urls!)) expect(url).toContain(`subgraph-${name}:`);
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'postgres' || name === 'redis') continue;
      expect(svc.environment?.INTERNAL_CONTEXT_KEY).toBeDefined();
      expect(svc.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
    }
  });

  it('starts the gateway after its subgraphs and everything after postgres and redis', () => {
    for (const s of SUBGRAPHS) expect(services.gateway.depends_on).toHaveProperty(`subgraph-${s.name}`);
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'postgres' || name === 'redis') continue;
      expect(svc.depends_on).toHaveProperty('postgres');
      expect(svc.depends_on).toHaveProperty('redis');
    }
  });
});
