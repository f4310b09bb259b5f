/**
 * The adapters createSources builds: every back office reached over HTTP has the circuit breaker
 * window SOURCE_BREAKER_OPEN_MS sets, not each client's own default.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../lib/config';
import { createBrpSource, createSources } from './parts';

describe('createSources', () => {
  let server: Server;
  let url: string;
  let lasDir: string;
  /** Requests per back office (by path), all answered 503: down. */
  const requests = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const which = (req.url ?? '').split('/')[1];
      requests.set(which, (requests.get(which) ?? 0) + 1);
      req.resume();
      res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    lasDir = mkdtempSync(join(tmpdir(), 'ontschot-las-'));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(lasDir, { recursive: true, force: true });
  });

  it('gives the BRP (for sync and for the subgraphs), GWS and the Jeugd feed the configured open-circuit window', async () => {
    const env = { BRP_API_URL: `${url}/brp`, GWS_STUF_URL: `${url}/gws`, JEUGD_FEED_URL: `${url}/jeugd`, LAS_EXPORT_DIR: lasDir, SOURCE_BREAKER_OPEN_MS: '300' };
    const sources = createSources(loadConfig(env));
    // The subgraphs' BRP client, at a path of its own so that its requests are counted apart.
    const onDemand = createBrpSource(loadConfig({ ...env, BRP_API_URL: `${url}/brp-on-demand` }))!;
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['brp', () => sources.brp.raadpleeg(['999990019'])],
      ['brp-on-demand', () => onDemand.raadpleeg(['999990019'])],
      ['gws', () => sources.gws.wmoVoorziening('WMO-000001')],
      ['jeugd', () => sources.jeugd.lees(null, 10)],
    ];
    const seen = await Promise.all(
      calls.map(async ([name, call]) => {
        const count = () => requests.get(name) ?? 0;
        // Each client opens after five failed attempts in a row: the first call's four (three
        // retries), and the second call's first.
        const start = count();
        await expect(call()).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
        await expect(call()).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
        const opened = count() - start;
        await expect(call()).rejects.toThrow(/circuit open/);
        const whileOpen = count() - start;
        // Past the configured window (the clients' default is 30 s) one probe goes through.
        await new Promise((r) => setTimeout(r, 400));
        await expect(call()).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
        return [name, opened, whileOpen, count() - start];
      }),
    );
    expect(seen).toEqual(calls.map(([name]) => [name, 5, 5, 6]));
  }, 30_000);
});
