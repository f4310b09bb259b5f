/**
 * Kennisgevingen end to end: the stand-in pushes Lk01 to a small node:http receiver built from
 * the adapter's parseKennisgeving + bevestiging, and keeps them in its outbox while that
 * receiver is down or refuses.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bevestiging, foutbericht, ontvangKennisgeving, parseKennisgeving, type Kennisgeving } from './kennisgeving';
import { startGwsSimulator, type GwsSimulator } from './simulator';
import { buildMunicipality, uitkering, wmoVoorziening } from './test-support/municipality-fixture';

const HUB = { organisatie: '0999', applicatie: 'ONTSCHOT' };
const RETRY = { initialDelayMs: 10, maxDelayMs: 40, timeoutMs: 1000 };

interface Receiver {
  url: string;
  port: number;
  received: Kennisgeving[];
  /** Raw bodies, including the ones answered with an error. */
  bodies: string[];
  close(): Promise<void>;
}

/** The hub side as the brief has it: parse, keep, confirm — or Fo01 when unreadable. */
async function startReceiver(options: { port?: number; failFirst?: number } = {}): Promise<Receiver> {
  const received: Kennisgeving[] = [];
  const bodies: string[] = [];
  let failures = options.failFirst ?? 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    bodies.push(body);
    if (failures > 0) {
      failures--;
      res.writeHead(503).end();
      return;
    }
    try {
      const k = parseKennisgeving(body);
      received.push(k);
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(bevestiging(k, HUB));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(foutbericht(error, HUB));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/gws/kennisgevingen`,
    port,
    received,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('kennisgeving push', () => {
  let sim: GwsSimulator;
  let receiver: Receiver | undefined;

  afterEach(async () => {
    await sim?.close();
    await receiver?.close();
    receiver = undefined;
  });

  async function start(kennisgevingUrl: string | undefined, wmo = [wmoVoorziening()]) {
    sim = await startGwsSimulator({
      municipality: buildMunicipality({ wmo }),
      kennisgevingUrl,
      kennisgevingRetry: RETRY,
    });
  }

  it('pushes T, W (with oud) and V, in order, and counts them delivered on Bv01', async () => {
    receiver = await startReceiver();
    await start(receiver.url, []);
    const v = wmoVoorziening({ toewijzingNummer: 'WMO-000500', bsn: '999990020' });
    await sim.upsertWmoVoorziening(v);
    await sim.upsertWmoVoorziening(v); // unchanged: nothing to tell
    await sim.upsertWmoVoorziening({ ...v, einddatum: '2025-06-30' });
    await sim.removeWmoVoorziening('WMO-000500');
    await sim.upsertUitkering(uitkering());
    await sim.whenKennisgevingenDelivered();

    expect(receiver.received.map((k) => [k.entiteittype, k.soort, k.sleutel])).toEqual([
      ['WVZ', 'T', 'WMO-000500'],
      ['WVZ', 'W', 'WMO-000500'],
      ['WVZ', 'V', 'WMO-000500'],
      ['UIT', 'T', 'PW-000001'],
    ]);
    const [t, w, del, uit] = receiver.received;
    expect(t.record).toMatchObject({ burgerservicenummer: '999990020', einddatum: null, leveringsvorm: 'ZIN' });
    expect(w.vorige).toMatchObject({ einddatum: null });
    expect(w.record).toMatchObject({ einddatum: '2025-06-30' });
    expect(del).toMatchObject({ record: null, vorige: { toewijzingNummer: 'WMO-000500' } });
    expect(uit.record).toMatchObject({ soort: 'BIJZONDERE_BIJSTAND', besluiten: [{ soort: 'AFWIJZING' }, { soort: 'TOEKENNING' }] });
    expect(t.zender).toMatchObject({ organisatie: '0999', applicatie: 'GWS4all' });
    expect(t.ontvanger).toEqual(HUB);
    expect(new Set(receiver.received.map((k) => k.referentienummer)).size).toBe(4);
    expect(sim.kennisgevingen).toEqual({ pending: 0, delivered: 4, rejected: 0, failedAttempts: 0 });
  });

  it('keeps kennisgevingen while the receiver is down and delivers them, in order, when it is back', async () => {
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close(); // a port nobody listens on: connection refused
    await start(`http://127.0.0.1:${port}/gws/kennisgevingen`);

    await sim.upsertWmoVoorziening(wmoVoorziening({ omschrijving: 'Begeleiding groep' }));
    await sim.upsertWmoVoorziening(wmoVoorziening({ toewijzingNummer: 'WMO-000002' }));
    await until(() => sim.kennisgevingen.failedAttempts >= 3);
    expect(sim.kennisgevingen.pending).toBe(2);

    receiver = await startReceiver({ port });
    await sim.whenKennisgevingenDelivered();
    expect(receiver.received.map((k) => [k.soort, k.sleutel])).toEqual([
      ['W', 'WMO-000001'],
      ['T', 'WMO-000002'],
    ]);
    expect(sim.kennisgevingen).toMatchObject({ pending: 0, delivered: 2, rejected: 0 });
  });

  it('retries on 503 from the receiver until it confirms', async () => {
    receiver = await startReceiver({ failFirst: 3 });
    await start(receiver.url);
    await sim.upsertWmoVoorziening(wmoVoorziening({ einddatum: '2025-01-31' }));
    await sim.whenKennisgevingenDelivered();
    expect(receiver.bodies).toHaveLength(4);
    expect(receiver.received).toHaveLength(1);
    expect(sim.kennisgevingen).toMatchObject({ delivered: 1, failedAttempts: 3 });
  });

  it('sets aside a kennisgeving the receiver refuses with Fo01 (plek client) and goes on with the next', async () => {
    // A receiver that takes uitkeringen only: it answers a WVZ kennisgeving with a StUF010 Fo01.
    const picky = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const xml = Buffer.concat(chunks).toString('utf8');
      const isWvz = xml.includes('wvzLk01');
      const answer = await ontvangKennisgeving(xml, {
        ontvanger: isWvz ? { organisatie: '0363', applicatie: 'ANDERS' } : HUB,
        zender: { organisatie: '0999', applicatie: 'GWS4all', administratie: 'SOCIAAL' },
        verwerk: async () => undefined,
      });
      res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
    });
    await new Promise<void>((resolve) => picky.listen(0, '127.0.0.1', resolve));
    try {
      await start(`http://127.0.0.1:${(picky.address() as AddressInfo).port}/`);
      await sim.upsertWmoVoorziening(wmoVoorziening({ einddatum: '2025-01-31' }));
      await sim.upsertUitkering(uitkering());
      await sim.whenKennisgevingenDelivered();
      expect(sim.kennisgevingen).toEqual({ pending: 0, delivered: 1, rejected: 1, failedAttempts: 0 });
    } finally {
      await new Promise<void>((resolve) => {
        picky.close(() => resolve());
        picky.closeAllConnections();
      });
    }
  });

  it('holds kennisgevingen while unavailable or without a URL, and sends them once possible', async () => {
    receiver = await startReceiver();
    await start(undefined);
    await sim.upsertWmoVoorziening(wmoVoorziening({ einddatum: '2025-01-31' }));
    sim.setAvailable(false);
    sim.setKennisgevingUrl(receiver.url);
    await new Promise((r) => setTimeout(r, 30));
    expect(receiver.bodies).toHaveLength(0);
    expect(sim.kennisgevingen.pending).toBe(1);
    sim.setAvailable(true);
    await sim.whenKennisgevingenDelivered();
    expect(receiver.received.map((k) => k.soort)).toEqual(['W']);
  });
});
