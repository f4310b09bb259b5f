/**
 * The StUF kennisgeving endpoint is no side door into the read model. Through real HTTP against a
 * started hub: a kennisgeving without the credential, or from another zender, is refused with a
 * StUF fault; one that gets through is only a signal, so forged content, a replay or a false V can
 * at most make the hub read GWS again. After each attack the read model still holds exactly what
 * the GWS stand-in holds. And no Redis key of the hub's queues holds a BSN.
 *
 * The messages are written here by hand, with the test's own XML: neither the adapter's nor the
 * stand-in's code builds them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import type { WmoVoorziening } from '../../municipality/types';
import { SHOWCASE_BSNS } from '../../municipality';
import { TEST_REDIS_URL } from '../support/env';
import { startTestHub, type TestHub } from '../support/hub';
import { captureLogger } from '../support/log';

const KEY = randomBytes(24).toString('hex'); // 48 characters
// The hub's default StUF identities (STUF_ORGANISATIE 9999; GWS4all/SOCIAAL; ONTSCHOT).
const GWS = { organisatie: '9999', applicatie: 'GWS4all', administratie: 'SOCIAAL' };
const HUB = { organisatie: '9999', applicatie: 'ONTSCHOT' };

const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  StUF: 'http://www.egem.nl/StUF/StUF0301',
  SOC: 'http://www.ontschot.nl/StUF/sector/soc/0100',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

type System = { organisatie: string; applicatie: string; administratie?: string };

const system = (tag: string, s: System) =>
  `<StUF:${tag}><StUF:organisatie>${s.organisatie}</StUF:organisatie><StUF:applicatie>${s.applicatie}</StUF:applicatie>` +
  (s.administratie ? `<StUF:administratie>${s.administratie}</StUF:administratie>` : '') +
  `</StUF:${tag}>`;

/** A StUF date element (yyyyMMdd), or StUF's explicit "no value". */
const date = (name: string, iso: string | undefined) =>
  iso ? `<SOC:${name}>${iso.replace(/-/g, '')}</SOC:${name}>` : `<SOC:${name} xsi:nil="true" StUF:noValue="geenWaarde"/>`;

const SHOWCASE = new Set<string>(SHOWCASE_BSNS);

function wvz(v: WmoVoorziening, verwerkingssoort: 'T' | 'W' | 'V'): string {
  return (
    `<SOC:object StUF:entiteittype="WVZ" StUF:verwerkingssoort="${verwerkingssoort}">` +
    `<SOC:toewijzingNummer>${v.toewijzingNummer}</SOC:toewijzingNummer>` +
    `<SOC:productCategorie>${v.productCategorie}</SOC:productCategorie>` +
    `<SOC:productCode>${v.productCode}</SOC:productCode>` +
    `<SOC:omschrijving>${v.omschrijving}</SOC:omschrijving>` +
    date('ingangsdatum', v.ingangsdatum) +
    date('einddatum', v.einddatum) +
    `<SOC:leveringsvorm>${v.leveringsvorm}</SOC:leveringsvorm>` +
    `<SOC:isToegekendAan StUF:entiteittype="WVZNPS"><SOC:gerelateerde StUF:entiteittype="NPS"><SOC:inp.bsn>${v.bsn}</SOC:inp.bsn></SOC:gerelateerde></SOC:isToegekendAan>` +
    '</SOC:object>'
  );
}

/** A wvzLk01 as GWS would write it (or an attacker who knows the format). */
function wvzLk01(soort: 'T' | 'W' | 'V', objects: WmoVoorziening[], options: { zender?: System; referentienummer?: string } = {}): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${NS.soap}" xmlns:StUF="${NS.StUF}" xmlns:SOC="${NS.SOC}" xmlns:xsi="${NS.xsi}"><soap:Body>` +
    '<SOC:wvzLk01><SOC:stuurgegevens><StUF:berichtcode>Lk01</StUF:berichtcode>' +
    system('zender', options.zender ?? GWS) +
    system('ontvanger', HUB) +
    `<StUF:referentienummer>${options.referentienummer ?? randomUUID()}</StUF:referentienummer>` +
    '<StUF:tijdstipBericht>20260115112030456</StUF:tijdstipBericht><StUF:entiteittype>WVZ</StUF:entiteittype></SOC:stuurgegevens>' +
    `<SOC:parameters><StUF:mutatiesoort>${soort}</StUF:mutatiesoort><StUF:indicatorOvername>V</StUF:indicatorOvername></SOC:parameters>` +
    objects.map((o) => wvz(o, soort)).join('') +
    '</SOC:wvzLk01></soap:Body></soap:Envelope>'
  );
}

async function post(url: string, xml: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', ...headers }, body: xml });
  return { status: res.status, body: await res.text() };
}

const withKey = { authorization: `Bearer ${KEY}` };
const foutcode = (body: string) => /<StUF:code>(StUF\d{3})<\/StUF:code>/.exec(body)?.[1];

describe('the StUF kennisgeving endpoint', () => {
  let t: TestHub;
  let url: string;
  let outOfTerm: string[];
  /** A voorziening of an ordinary person (no showcase story), running, that the attacks aim at. */
  let target: WmoVoorziening;

  const gws = () => t.hub.standIns.gws!;

  async function readModel() {
    return t.hub.db.query<{ id: string; bsn: string; record: Record<string, unknown> }>("SELECT id, bsn, record FROM dossier_record WHERE record_type = 'WMO_VOORZIENING' ORDER BY id");
  }

  /** Where the read model and GWS disagree: keys GWS has that the copy lacks, keys only the copy has, and content that differs. */
  async function compareWithGws() {
    const held = gws().snapshot().wmo;
    const rows = new Map((await readModel()).map((r) => [r.id, r]));
    const same = (v: WmoVoorziening, row: { bsn: string; record: Record<string, unknown> }) =>
      row.bsn === v.bsn &&
      row.record.burgerservicenummer === v.bsn &&
      row.record.productCategorie === v.productCategorie &&
      row.record.productCode === v.productCode &&
      row.record.omschrijving === v.omschrijving &&
      row.record.ingangsdatum === v.ingangsdatum &&
      row.record.einddatum === (v.einddatum ?? null) &&
      row.record.leveringsvorm === v.leveringsvorm;
    return {
      missing: held.filter((v) => !rows.has(v.toewijzingNummer)).map((v) => v.toewijzingNummer),
      extra: [...rows.keys()].filter((id) => !held.some((v) => v.toewijzingNummer === id)),
      differing: held.filter((v) => rows.has(v.toewijzingNummer) && !same(v, rows.get(v.toewijzingNummer)!)).map((v) => v.toewijzingNummer),
    };
  }

  /** After the hub has processed whatever it queued, its copy is exactly what GWS holds. */
  async function expectReadModelIsGws() {
    await t.hub.sync.drained();
    expect(await compareWithGws()).toEqual({ missing: outOfTerm, extra: [], differing: [] });
  }

  // The hub's refusal log: one warning per refusal.
  const log = captureLogger();
  const warnings = () => log.lines.filter((l) => l.component === 'kennisgeving' && l.level === 'warn').map((l) => l.msg ?? '');

  beforeAll(async () => {
    t = await startTestHub({ env: { STUF_KENNISGEVING_KEY: KEY }, logger: log.logger });
    url = t.hub.kennisgeving.url;
    target = gws().snapshot().wmo.find((v) => !SHOWCASE.has(v.bsn) && !v.einddatum)!;
    // What the hub never copies: records GWS still holds past their archive term.
    outOfTerm = (await compareWithGws()).missing;
    const held = gws().snapshot().wmo;
    for (const id of outOfTerm) expect(held.find((v) => v.toewijzingNummer === id)!.einddatum! < '2012-01-01').toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts with a copy that is what GWS holds', async () => {
    expect(target).toBeDefined();
    await expectReadModelIsGws();
  });

  it('refuses a forged kennisgeving without the credential, or with a wrong one, with a StUF fault, and changes nothing', async () => {
    const forged = { ...target, toewijzingNummer: 'FORGED-0001', bsn: '999990019', omschrijving: 'Vervalst' };
    const before = t.hub.kennisgeving.refusals?.StUF052 ?? 0;
    const attempts: Array<Record<string, string>> = [{}, { authorization: `Bearer ${'x'.repeat(48)}` }, { authorization: KEY }, { authorization: `Basic ${Buffer.from(`gws:${KEY}`).toString('base64')}` }];
    for (const headers of attempts) {
      const res = await post(url, wvzLk01('T', [forged]), headers);
      expect(res.status).toBe(401);
      expect(res.body).toContain('<soap:Fault>');
      expect(res.body).toContain('Fo01Bericht');
      expect(foutcode(res.body)).toBe('StUF052');
      expect(res.body).not.toContain('999990019');
    }
    const removal = await post(url, wvzLk01('V', [target]));
    expect(removal.status).toBe(401);
    expect(t.hub.kennisgeving.refusals.StUF052).toBe(before + 5);
    const refusals = warnings().filter((w) => w.startsWith('stuf kennisgeving refused: StUF052'));
    expect(refusals).toHaveLength(5);
    for (const line of refusals) expect(line).not.toContain('999990019');
    await expectReadModelIsGws();
  });

  it('refuses a kennisgeving with the credential from another zender, and changes nothing', async () => {
    const forged = { ...target, toewijzingNummer: 'FORGED-0002', omschrijving: 'Vervalst' };
    for (const zender of [
      { ...GWS, organisatie: '0363' },
      { ...GWS, applicatie: 'ANDERS' },
      { ...GWS, administratie: 'BELASTING' },
    ]) {
      for (const xml of [wvzLk01('T', [forged], { zender }), wvzLk01('V', [target], { zender })]) {
        const res = await post(url, xml, withKey);
        expect(res.status).toBe(500);
        expect(res.body).toContain('<soap:Fault>');
        expect(foutcode(res.body)).toBe('StUF013');
      }
    }
    expect(t.hub.kennisgeving.refusals.StUF013).toBe(6);
    // One log line per refusal, naming the reason and the claimed zender, never record content.
    const refusals = warnings().filter((w) => w.startsWith('stuf kennisgeving refused: StUF013'));
    expect(refusals).toHaveLength(6);
    expect(refusals[0]).toMatch(/zender 0363\/GWS4all\/SOCIAAL, from /);
    for (const line of refusals) {
      expect(line).not.toContain(target.bsn);
      expect(line).not.toContain('Vervalst');
    }
    await expectReadModelIsGws();
  });

  it('does not copy forged content that comes with the credential: the read model holds what GWS holds', async () => {
    const moved = { ...target, bsn: '999990019', omschrijving: 'Vervalste voorziening', einddatum: '2030-12-31', leveringsvorm: 'PGB' as const };
    const w = await post(url, wvzLk01('W', [target, moved]), withKey);
    // Accepted as a signal (GWS is asked again); the content is not taken.
    expect(w.status).toBe(200);
    expect(w.body).toContain('Bv01Bericht');
    const invented = await post(url, wvzLk01('T', [{ ...target, toewijzingNummer: '99999901', bsn: '999990044' }]), withKey);
    expect(invented.status).toBe(200);
    await expectReadModelIsGws();
    const rows = await readModel();
    expect(rows.find((r) => r.id === target.toewijzingNummer)).toMatchObject({ bsn: target.bsn, record: { omschrijving: target.omschrijving, einddatum: null } });
    expect(rows.find((r) => r.id === '99999901')).toBeUndefined();
  });

  it('does not delete on a V for a record GWS still holds', async () => {
    const res = await post(url, wvzLk01('V', [target]), withKey);
    expect(res.status).toBe(200);
    await expectReadModelIsGws();
    expect((await readModel()).some((r) => r.id === target.toewijzingNummer)).toBe(true);
  });

  it('does not let a replayed real kennisgeving undo later changes, as sent or with a fresh referentienummer', async () => {
    // Record what GWS really sends, credential and all, on its way to the hub.
    const captured: Array<{ xml: string; authorization: string }> = [];
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const xml = Buffer.concat(chunks).toString('utf8');
      const authorization = String(req.headers.authorization ?? '');
      captured.push({ xml, authorization });
      const answer = await post(url, xml, { authorization });
      res.writeHead(answer.status, { 'content-type': 'text/xml; charset=utf-8' }).end(answer.body);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const removed = gws()
      .snapshot()
      .wmo.find((v) => v.toewijzingNummer !== target.toewijzingNummer && !v.einddatum && !SHOWCASE.has(v.bsn))!;
    try {
      gws().setKennisgevingUrl(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`);
      await gws().upsertWmoVoorziening({ ...target, omschrijving: 'Tweede versie' });
      await gws().upsertWmoVoorziening({ ...target, omschrijving: 'Derde versie' });
      await gws().removeWmoVoorziening(removed.toewijzingNummer);
      await gws().upsertWmoVoorziening(removed);
      await gws().whenKennisgevingenDelivered();
    } finally {
      gws().setKennisgevingUrl(url);
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
    expect(captured).toHaveLength(4);
    expect(captured.every((c) => c.authorization === `Bearer ${KEY}`)).toBe(true);
    await expectReadModelIsGws();

    // The first W (to "Tweede versie") and the V of a record GWS has since re-added.
    const replays = [captured[0], captured[2]];
    for (const { xml, authorization } of replays) {
      const fresh = xml.replace(/<StUF:referentienummer>[^<]*<\/StUF:referentienummer>/, `<StUF:referentienummer>${randomUUID()}</StUF:referentienummer>`);
      for (const message of [xml, fresh]) {
        const res = await post(url, message, { authorization });
        expect(res.status).toBe(200);
      }
    }
    await expectReadModelIsGws();
    const rows = await readModel();
    expect(rows.find((r) => r.id === target.toewijzingNummer)!.record.omschrijving).toBe('Derde versie');
    expect(rows.some((r) => r.id === removed.toewijzingNummer)).toBe(true);
  });

  it('shows a real GWS change without a restart, through the credentialed push', async () => {
    await gws().upsertWmoVoorziening({ ...target, einddatum: '2026-12-31' });
    await gws().whenKennisgevingenDelivered();
    await expectReadModelIsGws();
    expect((await readModel()).find((r) => r.id === target.toewijzingNummer)!.record.einddatum).toBe('2026-12-31');
  });

  it('leaves no BSN in any Redis key of its queues after a sync with changes', async () => {
    const world = t.hub.municipality!;
    // More changes, of several persons, then a full sync on top.
    const ordinary = gws()
      .snapshot()
      .wmo.filter((v) => !v.einddatum)
      .slice(0, 5);
    for (const v of ordinary) await gws().upsertWmoVoorziening({ ...v, omschrijving: `${v.omschrijving} (gewijzigd)` });
    await gws().removeWmoVoorziening(ordinary[0].toewijzingNummer);
    await gws().whenKennisgevingenDelivered();
    await t.hub.sync.drained();
    await t.hub.sync.runFullSync();
    await expectReadModelIsGws();

    const bsns = new Set(world.inhabitants.map((p) => p.bsn));
    expect(bsns.size).toBeGreaterThan(100);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${t.queuePrefix}:*`, 'COUNT', 1000);
        keys.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      expect(keys.length).toBeGreaterThan(5);
      const found: string[] = [];
      let jobHashes = 0;
      for (const key of keys) {
        const type = await redis.type(key);
        let values: string[] = [];
        if (type === 'hash') {
          values = Object.entries(await redis.hgetall(key)).flat();
          jobHashes++;
        } else if (type === 'string') values = [(await redis.get(key)) ?? ''];
        else if (type === 'list') values = await redis.lrange(key, 0, -1);
        else if (type === 'set') values = await redis.smembers(key);
        else if (type === 'zset') values = await redis.zrange(key, 0, -1);
        else if (type === 'stream') values = (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
        for (const text of [key, ...values]) {
          for (const m of text.matchAll(/(?<!\d)\d{9}(?!\d)/g)) if (bsns.has(m[0])) found.push(`${key}: ${m[0]}`);
        }
      }
      expect(jobHashes).toBeGreaterThan(0);
      expect(found).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
