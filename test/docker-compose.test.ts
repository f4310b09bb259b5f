import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseSubgraphUrls } from '../lib/config';
import { SUBGRAPHS } from '../subgraphs';

// No Docker engine runs in CI; this checks that the compose file still matches the code.
const text = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as {
  volumes?: Record<string, unknown>;
  services: Record<
    string,
    {
      command?: string[];
      build?: string;
      image?: string;
      restart?: string;
      healthcheck?: { test: string[] };
      volumes?: string[];
      environment?: Record<string, string>;
      depends_on?: Record<string, unknown>;
      ports?: Array<string | { host_ip?: string; published?: string | number }>;
      network_mode?: string;
    }
  >;
};

/** Names of variables holding secrets. */
const SECRET_NAME = /KEY|SECRET|PASSWORD|TOKEN/;
/** `${NAME:?message}` (or `${NAME?message}`) alone: compose refuses to start while NAME is unset, and there is no default. */
const REQUIRED = /^\$\{[A-Z_][A-Z0-9_]*:?\?[^}]*\}$/;

/** What compose makes of a value when no variable is set: `${X:-default}` is `default`, `${X}` nothing. */
function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}/g, (_m, fallback: string | undefined) => fallback ?? '');
}

const LOOPBACK = ['127.0.0.1', '::1', '[::1]', 'localhost'];

describe('docker-compose.yml', () => {
  const services = compose.services;

  it('has the state services and every part the code has', () => {
    const expected = ['postgres', 'redis', 'standins', 'sync', 'gateway', ...SUBGRAPHS.map((s) => `subgraph-${s.name}`)];
    expect(Object.keys(services).sort()).toEqual(expected.sort());
  });

  it('starts each part through scripts/part.ts with a part that exists, in the image the Dockerfile builds', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'postgres' || name === 'redis') continue;
      // node itself, tsx as a loader: SIGTERM from `docker stop` reaches the part's own handler.
      expect(svc.command?.slice(0, 4)).toEqual(['node', '--import', 'tsx', 'scripts/part.ts']);
      expect({ service: name, build: svc.build, image: svc.image }).toEqual({ service: name, build: '.', image: 'ontschot:local' });
      const [part, arg] = svc.command!.slice(4);
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

  it('ships no secret: each is a variable compose requires, without a default', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const [key, value] of Object.entries(svc.environment ?? {})) {
        if (SECRET_NAME.test(key)) expect({ service: name, key, value: String(value) }).toEqual({ service: name, key, value: expect.stringMatching(REQUIRED) });
        // A password inside a connection string counts too.
        const password = String(value).match(/^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@\s]+)@/i)?.[1];
        if (password !== undefined) expect({ service: name, key, password }).toEqual({ service: name, key, password: expect.stringMatching(REQUIRED) });
      }
    }
    // Nor anywhere else in the file: no secret variable with a fallback value.
    expect(text.match(/\$\{[A-Z0-9_]*(KEY|SECRET|PASSWORD|TOKEN)[A-Z0-9_]*:?[-+][^}]*\}/g) ?? []).toEqual([]);
  });

  it('publishes ports on a loopback address only, unless told otherwise', () => {
    let published = 0;
    for (const [name, svc] of Object.entries(services)) {
      // The host's network would publish every port the container opens.
      expect({ service: name, network_mode: svc.network_mode }).not.toEqual({ service: name, network_mode: 'host' });
      for (const port of svc.ports ?? []) {
        published++;
        // Short syntax: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]; without HOST_IP docker binds every interface.
        const hostIp = typeof port === 'string' ? withDefaults(port).match(/^(.+):[0-9-]+:[0-9-]+(\/\w+)?$/)?.[1] : port.host_ip && withDefaults(port.host_ip);
        // Service and port in the comparison, so a failure says which one.
        expect({ service: name, port, loopback: LOOPBACK.includes(hostIp ?? '') }).toEqual({ service: name, port, loopback: true });
      }
    }
    expect(published).toBeGreaterThan(0);
  });

  it('restarts what dies, keeps its state in volumes, and knows when each part is healthy', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect({ service: name, restart: svc.restart }).toEqual({ service: name, restart: 'unless-stopped' });
      // A subgraph without a check of its own uses the image's HEALTHCHECK, which asks /healthz on its PORT.
      if (name.startsWith('subgraph-')) expect(svc.healthcheck ?? svc.environment?.PORT).toBeDefined();
      else expect({ service: name, healthcheck: !!svc.healthcheck }).toEqual({ service: name, healthcheck: true });
    }
    expect(services.gateway.healthcheck!.test.join(' ')).toContain('/readyz');
    expect(services.postgres.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    for (const volume of [...(services.postgres.volumes ?? []), ...(services.gateway.volumes ?? [])]) expect(compose.volumes).toHaveProperty(volume.split(':')[0]);
  });

  it('starts the gateway after its subgraphs are healthy and everything after postgres and redis', () => {
    for (const s of SUBGRAPHS) expect(services.gateway.depends_on).toHaveProperty(`subgraph-${s.name}`, { condition: 'service_healthy' });
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'postgres' || name === 'redis') continue;
      expect(svc.depends_on).toHaveProperty('postgres');
      expect(svc.depends_on).toHaveProperty('redis');
    }
  });
});
