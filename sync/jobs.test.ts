import type {
  AdresRecord,
  InschrijvingRecord,
  JeugdhulpRecord,
  LeerlingRecord,
  PersoonRecord,
  UitkeringRecord,
  VerzuimmeldingRecord,
  VrijstellingRecord,
  WmoVoorzieningRecord,
} from '../domain/records';
import { openDb, type Db } from '../lib/db';
import { migrate } from '../lib/migrate';
import { RetentionEngine } from '../retention/engine';
import { jeugdhulp, uitkering as testUitkering, wmoVoorziening } from '../domain/testing/records';
import { OpaqueIds } from '../lib/opaque';
import { applyGwsKennisgeving, fullBrp, fullGws, fullJeugd, importLas, pollJeugd, retention, type SyncDeps } from './jobs';
import type { JeugdSource, LasSource, SyncSources } from './sources';

/**
 * The sync jobs against a real (embedded) Postgres, with the back offices as in-memory fakes of
 * the ports in sync/sources.ts and an injected clock. The tables are read with plain SQL, so
 * these tests do not depend on where the read-model code lives.
 */

type FeedPage = Awaited<ReturnType<JeugdSource['lees']>>;
type Bericht = FeedPage['berichten'][number];
type Jw301 = Extract<Bericht, { soort: 'JW301' }>;
type Jw305 = Extract<Bericht, { soort: 'JW305' }>;
type Jw307 = Extract<Bericht, { soort: 'JW307' }>;
type LasExport = Awaited<ReturnType<LasSource['readExport']>>;
type Signaal = Parameters<typeof applyGwsKennisgeving>[1];
let refSeq = 0;
/** A kennisgeving as the queue holds it: ids only. */
const signaal = (over: Partial<Signaal> & Pick<Signaal, 'soort' | 'sleutel'>): Signaal => ({ entiteittype: 'WVZ', referentienummer: `ref-${++refSeq}`, tijdstipBericht: '20260201100000000', ...over });

// Test BSNs (999 range, elfproef valid).
const A = '999990019';
const B = '999990044';
const C = '999990068';
const D = '999990093';
const E = '999990111';
const F = '999990123';

/** The four back offices as plain objects over arrays, recording what sync asked of them. */
class FakeSources implements SyncSources {
  wmo: WmoVoorzieningRecord[] = [];
  uitkeringen: UitkeringRecord[] = [];
  feed: Bericht[] = [];
  /** Messages per feed page; a source may hand out fewer than asked. */
  feedPageSize = 1000;
  /** Cursors at which the feed fails (the source is down). */
  feedFailsAt = new Set<string>();
  exports = new Map<string, LasExport>();
  persons = new Map<string, PersoonRecord>();
  /** Runs when the Uitkeringen scan starts, i.e. between the two halves of a full GWS sync. */
  onUitkeringenScan?: () => Promise<void>;
  /**
   * GWS's own clock (ms), apart from the jobs' clock: each answer is stated a second after the
   * previous one, as its La01's tijdstipBericht (made an instant by the adapter).
   */
  gwsClock = Date.parse('2026-01-15T12:00:00Z');
  /** The time GWS states for the answer it gives now. */
  private stated(): string {
    this.gwsClock += 1000;
    return new Date(this.gwsClock).toISOString();
  }
  readonly calls = { lees: [] as Array<string | null>, readExport: [] as string[], raadpleeg: [] as string[], gwsLookups: [] as string[] };

  // A scan answers with what GWS holds when it is asked, stated then; its pages may reach the
  // hub later (after onUitkeringenScan).
  readonly gws: SyncSources['gws'] = {
    scanWmoVoorzieningen: (opts) => pages(this.wmo, opts?.pageSize, this.stated()),
    scanUitkeringen: (opts) => {
      const records = this.uitkeringen;
      const stated = this.stated();
      const before = this.onUitkeringenScan;
      return (async function* () {
        await before?.();
        yield* pages(records, opts?.pageSize, stated);
      })();
    },
    wmoVoorziening: async (key) => {
      this.calls.gwsLookups.push(`WVZ ${key}`);
      return { record: this.wmo.find((r) => r.toewijzingNummer === key) ?? null, tijdstipBericht: this.stated() };
    },
    uitkering: async (key) => {
      this.calls.gwsLookups.push(`UIT ${key}`);
      return { record: this.uitkeringen.find((r) => r.dossierNummer === key) ?? null, tijdstipBericht: this.stated() };
    },
  };

  readonly jeugd: SyncSources['jeugd'] = {
    lees: async (cursor, aantal) => {
      this.calls.lees.push(cursor);
      if (cursor !== null && this.feedFailsAt.has(cursor)) throw new Error('feed unavailable');
      const start = cursor === null ? 0 : Number(cursor.slice('pos-'.length));
      const berichten = this.feed.slice(start, start + Math.min(aantal, this.feedPageSize));
      const next = start + berichten.length;
      return { berichten, volgende: `pos-${next}`, meer: next < this.feed.length, rejected: [] };
    },
  };

  readonly las: SyncSources['las'] = {
    listExports: async () => [...this.exports.keys()].sort(),
    readExport: async (id) => {
      this.calls.readExport.push(id);
      return this.exports.get(id)!;
    },
  };

  readonly brp: SyncSources['brp'] = {
    raadpleeg: async (bsns) => {
      this.calls.raadpleeg.push(...bsns);
      return bsns.flatMap((b) => (this.persons.has(b) ? [this.persons.get(b)!] : []));
    },
    zoekBsnsOpAdresseerbaarObject: async (id) => [...this.persons.values()].filter((p) => p.adres?.adresseerbaarObjectId === id).map((p) => p.burgerservicenummer),
  };
}

async function* pages<T>(records: readonly T[], size = 200, tijdstipBericht: string): AsyncGenerator<{ records: T[]; tijdstipBericht: string }> {
  for (let i = 0; i < records.length; i += size) yield { records: records.slice(i, i + size), tijdstipBericht };
}

// ---- records ------------------------------------------------------------------------------

const wmo = (toewijzingNummer: string, over: Partial<WmoVoorzieningRecord> = {}) => wmoVoorziening({ burgerservicenummer: A, toewijzingNummer, ...over });
const uitkering = (dossierNummer: string, over: Partial<UitkeringRecord> = {}) => testUitkering({ burgerservicenummer: A, dossierNummer, ...over });
const toewijzing = (toewijzingNummer: string, over: Partial<JeugdhulpRecord> = {}) => jeugdhulp({ burgerservicenummer: A, toewijzingNummer, ...over });

let berichtSeq = 0;
const header = (burgerservicenummer: string) => {
  const n = ++berichtSeq;
  return { identificatie: `B${n}`, dagtekening: '2026-01-05', burgerservicenummer, positie: null };
};
const jw301 = (t: JeugdhulpRecord): Jw301 => {
  const h = header(t.burgerservicenummer);
  return { ...h, soort: 'JW301', id: `JW301:0363:${h.identificatie}`, berichtCode: '436', afzender: '0363', ontvanger: '12345678', toewijzingen: [t] };
};
const ref = (toewijzingNummer: string) => ({ toewijzingNummer, productCategorie: null, productCode: null, toewijzingIngangsdatum: null, statusAanlevering: '1' as const });
const jw305 = (bsn: string, toewijzingNummer: string, begindatum: string): Jw305 => {
  const h = header(bsn);
  return { ...h, soort: 'JW305', id: `JW305:12345678:${h.identificatie}`, berichtCode: '438', afzender: '12345678', ontvanger: '0363', startProducten: [{ ...ref(toewijzingNummer), begindatum }] };
};
const jw307 = (bsn: string, toewijzingNummer: string, begindatum: string, einddatum: string): Jw307 => {
  const h = header(bsn);
  return {
    ...h,
    soort: 'JW307',
    id: `JW307:12345678:${h.identificatie}`,
    berichtCode: '440',
    afzender: '12345678',
    ontvanger: '0363',
    stopProducten: [{ ...ref(toewijzingNummer), begindatum, einddatum, redenBeeindiging: '01' }],
  };
};

const adres = (adresseerbaarObjectId: string): AdresRecord => ({
  adresseerbaarObjectId,
  straat: 'Dorpsstraat',
  huisnummer: 1,
  huisletter: null,
  huisnummertoevoeging: null,
  postcode: '1234AB',
  woonplaats: 'Ontschot',
});
const persoon = (burgerservicenummer: string, over: Partial<PersoonRecord> = {}): PersoonRecord => ({
  burgerservicenummer,
  naam: { voornamen: 'Test', voorvoegsel: null, geslachtsnaam: burgerservicenummer, volledigeNaam: `Test ${burgerservicenummer}` },
  geboortedatum: '1980-06-01',
  geboortedatumOnvolledig: null,
  geslacht: null,
  leeftijd: 45,
  adres: null,
  geheimhouding: false,
  ouders: [],
  gezag: [],
  overleden: false,
  ...over,
});

const lasExport = (exportId: string, bsn: string, over: Partial<LasExport> = {}): LasExport => {
  const leerling: LeerlingRecord = { burgerservicenummer: bsn, kwalificatieplichtig: false };
  const inschrijving: InschrijvingRecord = { burgerservicenummer: bsn, brin: '12AB', schoolNaam: 'De Regenboog', onderwijssoort: 'VO', ingangsdatum: '2019-08-26', einddatum: null };
  const melding: VerzuimmeldingRecord = { burgerservicenummer: bsn, meldingId: `VM-${bsn}`, datum: '2025-11-04', soort: 'ONGEOORLOOFD', brin: '12AB', schoolNaam: 'De Regenboog', afhandeling: null };
  const vrijstelling: VrijstellingRecord = { burgerservicenummer: bsn, vrijstellingId: `VR-${bsn}`, artikel: '5a', ingangsdatum: '2024-01-08', einddatum: null };
  return { exportId, exportedAt: '2026-01-01T06:00:00Z', leerlingen: [leerling], inschrijvingen: [inschrijving], verzuimmeldingen: [melding], vrijstellingen: [vrijstelling], ...over };
};

// ---- database and clock -------------------------------------------------------------------

let db: Db;
let sources: FakeSources;
const engine = new RetentionEngine();

/** The jobs' dependencies with the clock standing at `iso`. */
const ids = new OpaqueIds('a test key for household ids, 32+ chars');
const at = (iso: string): SyncDeps => ({ db, sources, retention: engine, ids, now: () => new Date(iso) });
const ts = (iso: string) => new Date(iso).toISOString();

interface DossierRow {
  id: string;
  bsn: string;
  source: string;
  record: Record<string, unknown>;
  synced_at: string;
  sync_run: string | null;
}
const dossier = (type: string) => db.query<DossierRow>('SELECT id, bsn, source, record, synced_at, sync_run FROM dossier_record WHERE record_type = $1 ORDER BY id', [type]);
const idsOf = async (type: string) => (await dossier(type)).map((r) => r.id);
const syncStateOf = async (source: string) =>
  (await db.query<{ last_full_sync_at: string | null; last_change_at: string | null; cursor: string | null; progress: unknown }>(
    'SELECT last_full_sync_at, last_change_at, cursor, progress FROM sync_state WHERE source = $1',
    [source],
  ))[0];
const backlog = (bron: string) =>
  db.query('SELECT record_type, categorie, reden, aantal, oudste_archiefactiedatum, waargenomen_op FROM bewaartermijn_achterstand WHERE bron = $1 ORDER BY record_type, reden', [bron]);
/**
 * vernietiging is append-only (no DELETE between tests), so it is read by the run's timestamp:
 * every retention run in this file uses a clock reading of its own.
 */
const destructionsAt = (iso: string) =>
  db.query<Record<string, unknown>>('SELECT record_type, categorie, bron, regel, reden, aantal FROM vernietiging WHERE tijdstip = $1 ORDER BY record_type, reden', [ts(iso)]);

beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
});
afterAll(() => db.close());
beforeEach(async () => {
  sources = new FakeSources();
  await db.exec(
    'DELETE FROM dossier_record; DELETE FROM dossier_tombstone; DELETE FROM brp_persoon; DELETE FROM sync_state; DELETE FROM bewaartermijn_achterstand; DELETE FROM vernietigingsverzoek;',
  );
});

// ---- GWS ----------------------------------------------------------------------------------

describe('fullGws', () => {
  it('upserts what the scan returns and sweeps what an earlier full sync saw but this one did not', async () => {
    // A record of another source must survive the GWS sweep.
    sources.feed = [jw301(toewijzing('JH-1'))];
    await fullJeugd(at('2026-01-31T22:00:00Z'), 'jeugd-1');

    sources.wmo = [wmo('WVZ-1'), wmo('WVZ-2', { burgerservicenummer: B })];
    sources.uitkeringen = [uitkering('UIT-1'), uitkering('UIT-2', { burgerservicenummer: C })];
    expect(await fullGws(at('2026-02-01T03:00:00Z'), 'run-1')).toEqual({ wmo: 2, uitkeringen: 2, removed: 0, notImported: 0 });
    expect((await dossier('WMO_VOORZIENING')).map((r) => [r.id, r.bsn, r.source, r.sync_run, r.synced_at])).toEqual([
      ['WVZ-1', A, 'GWS', 'run-1', ts('2026-02-01T03:00:00Z')],
      ['WVZ-2', B, 'GWS', 'run-1', ts('2026-02-01T03:00:00Z')],
    ]);

    // GWS no longer holds WVZ-2 and UIT-1; WVZ-1 changed.
    sources.wmo = [wmo('WVZ-1', { omschrijving: 'Begeleiding individueel' })];
    sources.uitkeringen = [uitkering('UIT-2', { burgerservicenummer: C })];
    expect(await fullGws(at('2026-02-02T03:00:00Z'), 'run-2')).toEqual({ wmo: 1, uitkeringen: 1, removed: 2, notImported: 0 });

    const [w] = await dossier('WMO_VOORZIENING');
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-1']);
    expect(w).toMatchObject({ sync_run: 'run-2', synced_at: ts('2026-02-02T03:00:00Z'), record: { omschrijving: 'Begeleiding individueel' } });
    expect(await idsOf('UITKERING')).toEqual(['UIT-2']);
    expect(await idsOf('JEUGDHULP')).toEqual(['JH-1']);
    expect(await syncStateOf('GWS')).toMatchObject({ last_full_sync_at: ts('2026-02-02T03:00:00Z') });
  });

  it('neither sweeps nor marks the read model complete when the scan fails half-way; the retried job finishes the run', async () => {
    sources.wmo = [wmo('WVZ-1'), wmo('WVZ-2')];
    sources.uitkeringen = [uitkering('UIT-1')];
    await fullGws(at('2026-02-01T03:00:00Z'), 'run-1');

    sources.wmo = [wmo('WVZ-1')];
    sources.uitkeringen = [];
    sources.onUitkeringenScan = async () => {
      throw new Error('GWS unavailable');
    };
    await expect(fullGws(at('2026-02-02T03:00:00Z'), 'run-2')).rejects.toThrow('GWS unavailable');
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-1', 'WVZ-2']);
    expect(await idsOf('UITKERING')).toEqual(['UIT-1']);
    expect((await syncStateOf('GWS')).last_full_sync_at).toBe(ts('2026-02-01T03:00:00Z'));

    sources.onUitkeringenScan = undefined;
    expect(await fullGws(at('2026-02-02T03:05:00Z'), 'run-2')).toMatchObject({ removed: 2 });
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-1']);
    expect(await idsOf('UITKERING')).toEqual([]);
    expect((await syncStateOf('GWS')).last_full_sync_at).toBe(ts('2026-02-02T03:05:00Z'));
  });

  it('keeps a change applied while the full sync runs, though the scan did not see it', async () => {
    sources.wmo = [wmo('WVZ-1')];
    // While the sync is between its Wmo and its Uitkeringen scan, GWS sends a new voorziening.
    sources.onUitkeringenScan = async () => {
      sources.wmo = [...sources.wmo, wmo('WVZ-9', { burgerservicenummer: B })];
      await applyGwsKennisgeving(at('2026-02-01T03:00:05Z'), signaal({ soort: 'T', sleutel: 'WVZ-9' }));
    };
    expect(await fullGws(at('2026-02-01T03:00:00Z'), 'run-1')).toMatchObject({ wmo: 1, removed: 0 });
    expect((await dossier('WMO_VOORZIENING')).map((r) => [r.id, r.sync_run])).toEqual([
      ['WVZ-1', 'run-1'],
      ['WVZ-9', null],
    ]);
  });

  it('does not import what is past its archive term (the last day included), and reports it per category as backlog', async () => {
    const now = '2026-03-01T08:00:00Z';
    sources.wmo = [
      wmo('WVZ-OLD', { ingangsdatum: '2009-01-01', einddatum: '2011-03-01' }), // 15 years: archiefactiedatum 2026-03-01, today
      wmo('WVZ-EDGE', { ingangsdatum: '2009-01-01', einddatum: '2011-03-02' }), // archiefactiedatum tomorrow
    ];
    sources.uitkeringen = [
      uitkering('UIT-ENDED', { einddatum: '2012-12-31' }), // 10 years: 2022-12-31
      // Refused and never granted: the term runs from the last refusal (2025-06-01).
      uitkering('UIT-REFUSED', {
        ingangsdatum: null,
        besluiten: [
          { soort: 'AFWIJZING', datum: '2014-01-10', toelichting: null },
          { soort: 'AFWIJZING', datum: '2015-06-01', toelichting: null },
        ],
      }),
      uitkering('UIT-RUNNING', { ingangsdatum: '2010-01-01' }),
    ];
    expect(await fullGws(at(now), 'run-1')).toEqual({ wmo: 1, uitkeringen: 1, removed: 0, notImported: 3 });
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-EDGE']);
    expect(await idsOf('UITKERING')).toEqual(['UIT-RUNNING']);
    expect(await backlog('GWS')).toEqual([
      { record_type: 'UITKERING', categorie: '8.1', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 2, oudste_archiefactiedatum: '2022-12-31', waargenomen_op: ts(now) },
      { record_type: 'WMO_VOORZIENING', categorie: '8.1.1', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 1, oudste_archiefactiedatum: '2026-03-01', waargenomen_op: ts(now) },
    ]);

    // The backlog is what the last full sync saw, not a running total.
    sources.wmo = sources.wmo.filter((r) => r.toewijzingNummer !== 'WVZ-OLD');
    sources.uitkeringen = sources.uitkeringen.filter((r) => r.dossierNummer === 'UIT-RUNNING');
    expect(await fullGws(at('2026-03-02T08:00:00Z'), 'run-2')).toMatchObject({ notImported: 1 });
    // WVZ-EDGE reached its archiefactiedatum today: held back now, so the sweep removes the copy.
    expect(await idsOf('WMO_VOORZIENING')).toEqual([]);
    expect(await backlog('GWS')).toEqual([
      { record_type: 'WMO_VOORZIENING', categorie: '8.1.1', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 1, oudste_archiefactiedatum: '2026-03-02', waargenomen_op: ts('2026-03-02T08:00:00Z') },
    ]);
  });
});

describe('fullGws against kennisgevingen (versioned writes)', () => {
  const versions = async (type: string) => (await db.query<{ id: string; version: string }>('SELECT id, version FROM dossier_record WHERE record_type = $1 ORDER BY id', [type])).map((r) => [r.id, r.version]);

  // GWS's clock is GWS's: an hour behind ours, or a day ahead; its versions are only compared
  // with each other, so the outcome is the same.
  it.each([
    ['an hour behind ours', '2026-02-01T02:00:00Z'],
    ['a day ahead of ours', '2026-02-02T03:00:00Z'],
  ])('a page GWS answered before a kennisgeving was applied overwrites neither its newer state nor its deletion (GWS clock %s)', async (_clock, gwsNow) => {
    sources.gwsClock = Date.parse(gwsNow);
    sources.uitkeringen = [uitkering('UIT-1'), uitkering('UIT-2')];
    // The scan has its answer (the old state, GWS's T1) when GWS changes UIT-1 and drops UIT-2 and
    // the two kennisgevingen are applied (their re-reads answered at T2 > T1); only then does the
    // full sync write the page it got.
    sources.onUitkeringenScan = async () => {
      sources.uitkeringen = [uitkering('UIT-1', { einddatum: '2026-12-31' })];
      await applyGwsKennisgeving(at('2026-02-01T03:00:05Z'), signaal({ entiteittype: 'UIT', soort: 'W', sleutel: 'UIT-1' }));
      await applyGwsKennisgeving(at('2026-02-01T03:00:06Z'), signaal({ entiteittype: 'UIT', soort: 'V', sleutel: 'UIT-2' }));
    };
    await fullGws(at('2026-02-01T03:00:00Z'), 'run-1');
    const rows = await dossier('UITKERING');
    expect(rows.map((r) => r.id)).toEqual(['UIT-1']);
    expect(rows[0]).toMatchObject({ record: { einddatum: '2026-12-31' }, synced_at: ts('2026-02-01T03:00:05Z') });
    // Versioned by when GWS answered the re-read (by its clock), not by when the hub wrote it.
    const base = Date.parse(gwsNow);
    expect(await versions('UITKERING')).toEqual([['UIT-1', `tg${new Date(base + 3000).toISOString()}b`]]);
    expect(await db.query('SELECT id, version FROM dossier_tombstone')).toEqual([{ id: 'UIT-2', version: `tg${new Date(base + 4000).toISOString()}b` }]);

    // The next full sync reads the newer state and writes it as usual.
    sources.onUitkeringenScan = undefined;
    sources.uitkeringen = [uitkering('UIT-1', { einddatum: '2027-01-31' }), uitkering('UIT-2')];
    await fullGws(at('2026-02-02T03:00:00Z'), 'run-2');
    expect((await dossier('UITKERING')).map((r) => [r.id, (r.record as { einddatum: string | null }).einddatum])).toEqual([
      ['UIT-1', '2027-01-31'],
      ['UIT-2', uitkering('UIT-2').einddatum],
    ]);
  });

  it('a full-sync page GWS answered after a kennisgeving’s re-read replaces it, though the hub applied the kennisgeving later', async () => {
    sources.wmo = [wmo('WVZ-1', { einddatum: '2026-06-30' })];
    // The kennisgeving job asks GWS first (T1), then waits; GWS changes the record; the full sync
    // reads it (T2 > T1) and writes; only then does the kennisgeving job write what it read.
    const lookup = sources.gws.wmoVoorziening;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    sources.gws.wmoVoorziening = async (key) => {
      const answer = await lookup(key);
      await held;
      return answer;
    };
    const kennisgeving = applyGwsKennisgeving(at('2026-02-01T03:00:05Z'), signaal({ soort: 'W', sleutel: 'WVZ-1' }));
    await new Promise((r) => setImmediate(r));
    sources.wmo = [wmo('WVZ-1', { einddatum: '2026-12-31' })];
    await fullGws(at('2026-02-01T03:00:00Z'), 'run-1');
    release();
    await kennisgeving;
    expect((await dossier('WMO_VOORZIENING')).map((r) => [r.id, r.record.einddatum])).toEqual([['WVZ-1', '2026-12-31']]);
  });

  it('replaces the receipt-time versions rows carried before GWS stated its own, whatever the two clocks say', async () => {
    // Written by the hub before: versioned by its receipt time, 10:00 on our clock; GWS's clock is
    // an hour behind ours. A kennisgeving re-reads W1 (GWS finds it), and W2, deleted before.
    await db.query(
      `INSERT INTO dossier_record (record_type, id, source, bsn, record, synced_at, version)
       VALUES ('WMO_VOORZIENING', 'WVZ-1', 'GWS', $1, $2, '2026-02-01T10:00:00Z', 't2026-02-01T10:00:00.000Z')`,
      [A, JSON.stringify(wmo('WVZ-1'))],
    );
    await db.query("INSERT INTO dossier_tombstone (record_type, id, version, deleted_at) VALUES ('WMO_VOORZIENING', 'WVZ-2', 't2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00Z')");
    sources.gwsClock = Date.parse('2026-02-01T09:05:00Z');
    sources.wmo = [wmo('WVZ-1', { einddatum: '2026-12-31' }), wmo('WVZ-2')];
    await applyGwsKennisgeving(at('2026-02-01T10:05:00Z'), signaal({ soort: 'W', sleutel: 'WVZ-1' }));
    await applyGwsKennisgeving(at('2026-02-01T10:05:01Z'), signaal({ soort: 'T', sleutel: 'WVZ-2' }));
    expect((await dossier('WMO_VOORZIENING')).map((r) => [r.id, r.record.einddatum])).toEqual([
      ['WVZ-1', '2026-12-31'],
      ['WVZ-2', wmo('WVZ-2').einddatum],
    ]);
    expect(await versions('WMO_VOORZIENING')).toEqual([
      ['WVZ-1', 'tg2026-02-01T09:05:01.000Zb'],
      ['WVZ-2', 'tg2026-02-01T09:05:02.000Zb'],
    ]);
  });
});

describe('applyGwsKennisgeving', () => {
  // GWS (the fake) holds the truth; a kennisgeving only says which record to read again.
  it('reads the record from GWS on T and W and copies what GWS holds (also when it moved to another person), deletes what GWS no longer has — each idempotent', async () => {
    sources.wmo = [wmo('WVZ-1'), wmo('WVZ-2')];
    await applyGwsKennisgeving(at('2026-02-01T10:00:00Z'), signaal({ soort: 'T', sleutel: 'WVZ-1' }));
    await applyGwsKennisgeving(at('2026-02-01T10:00:00Z'), signaal({ soort: 'T', sleutel: 'WVZ-1' }));
    await applyGwsKennisgeving(at('2026-02-01T10:00:01Z'), signaal({ soort: 'T', sleutel: 'WVZ-2' }));
    expect((await dossier('WMO_VOORZIENING')).map((r) => [r.id, r.bsn, r.sync_run])).toEqual([
      ['WVZ-1', A, null],
      ['WVZ-2', A, null],
    ]);
    expect(sources.calls.gwsLookups).toEqual(['WVZ WVZ-1', 'WVZ WVZ-1', 'WVZ WVZ-2']);

    sources.wmo = [wmo('WVZ-1', { burgerservicenummer: B, einddatum: '2026-06-30' }), wmo('WVZ-2')];
    await applyGwsKennisgeving(at('2026-02-02T10:00:00Z'), signaal({ soort: 'W', sleutel: 'WVZ-1' }));
    const [moved] = await dossier('WMO_VOORZIENING');
    expect(moved).toMatchObject({ id: 'WVZ-1', bsn: B, record: { burgerservicenummer: B, einddatum: '2026-06-30' }, synced_at: ts('2026-02-02T10:00:00Z') });

    sources.wmo = [wmo('WVZ-2')];
    const v = signaal({ soort: 'V', sleutel: 'WVZ-1' });
    expect(await applyGwsKennisgeving(at('2026-02-03T10:00:00Z'), v)).toEqual({ type: 'WMO_VOORZIENING', soort: 'V', found: false });
    await applyGwsKennisgeving(at('2026-02-03T10:00:01Z'), v);
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-2']);
    expect(await syncStateOf('GWS')).toMatchObject({ last_change_at: ts('2026-02-03T10:00:01Z'), last_full_sync_at: null });
  });

  it('follows GWS, not the message: a V for a record GWS still holds keeps it, a T or W for one it does not hold removes the copy', async () => {
    sources.wmo = [wmo('WVZ-1', { einddatum: '2026-05-31' })];
    await applyGwsKennisgeving(at('2026-02-01T10:00:00Z'), signaal({ soort: 'T', sleutel: 'WVZ-1' }));
    expect(await applyGwsKennisgeving(at('2026-02-01T10:00:01Z'), signaal({ soort: 'V', sleutel: 'WVZ-1' }))).toEqual({ type: 'WMO_VOORZIENING', soort: 'V', found: true });
    expect((await dossier('WMO_VOORZIENING')).map((r) => [r.id, r.record.einddatum])).toEqual([['WVZ-1', '2026-05-31']]);

    sources.wmo = [];
    await applyGwsKennisgeving(at('2026-02-01T10:00:02Z'), signaal({ soort: 'W', sleutel: 'WVZ-1' }));
    await applyGwsKennisgeving(at('2026-02-01T10:00:03Z'), signaal({ soort: 'T', sleutel: 'WVZ-404' }));
    expect(await idsOf('WMO_VOORZIENING')).toEqual([]);
  });

  it('routes UIT to uitkeringen: a V of an uitkering leaves a voorziening with the same key alone', async () => {
    sources.wmo = [wmo('K-1')];
    sources.uitkeringen = [uitkering('K-1')];
    await applyGwsKennisgeving(at('2026-02-01T10:00:00Z'), signaal({ soort: 'T', sleutel: 'K-1' }));
    await applyGwsKennisgeving(at('2026-02-01T10:00:00Z'), signaal({ entiteittype: 'UIT', soort: 'T', sleutel: 'K-1' }));
    expect(await idsOf('UITKERING')).toEqual(['K-1']);
    sources.uitkeringen = [];
    await applyGwsKennisgeving(at('2026-02-01T11:00:00Z'), signaal({ entiteittype: 'UIT', soort: 'V', sleutel: 'K-1' }));
    expect(await idsOf('UITKERING')).toEqual([]);
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['K-1']);
    expect(sources.calls.gwsLookups).toEqual(['WVZ K-1', 'UIT K-1', 'UIT K-1']);
  });

  it('removes the copy when a change puts the record past its term, and never inserts one that already is', async () => {
    sources.wmo = [wmo('WVZ-1')];
    await applyGwsKennisgeving(at('2026-02-01T10:00:00Z'), signaal({ soort: 'T', sleutel: 'WVZ-1' }));
    sources.wmo = [wmo('WVZ-1', { ingangsdatum: '2005-01-01', einddatum: '2010-12-31' }), wmo('WVZ-2', { ingangsdatum: '2005-01-01', einddatum: '2010-12-31' })];
    await applyGwsKennisgeving(at('2026-02-01T10:00:01Z'), signaal({ soort: 'W', sleutel: 'WVZ-1' }));
    await applyGwsKennisgeving(at('2026-02-01T10:00:02Z'), signaal({ soort: 'T', sleutel: 'WVZ-2' }));
    expect(await idsOf('WMO_VOORZIENING')).toEqual([]);
  });

  it('fails, changing nothing, when GWS cannot be asked (the job is retried later)', async () => {
    sources.wmo = [wmo('WVZ-1')];
    await applyGwsKennisgeving(at('2026-02-01T10:00:00Z'), signaal({ soort: 'T', sleutel: 'WVZ-1' }));
    sources.gws.wmoVoorziening = async () => {
      throw new Error('GWS unavailable');
    };
    await expect(applyGwsKennisgeving(at('2026-02-01T10:00:01Z'), signaal({ soort: 'V', sleutel: 'WVZ-1' }))).rejects.toThrow('GWS unavailable');
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-1']);
  });
});

// ---- Jeugd --------------------------------------------------------------------------------

describe('fullJeugd and pollJeugd', () => {
  it('pollJeugd does nothing before a full sync has set a cursor', async () => {
    sources.feed = [jw301(toewijzing('JH-1'))];
    expect(await pollJeugd(at('2026-02-01T10:00:00Z'))).toEqual({ skipped: 'no full sync yet' });
    expect(sources.calls.lees).toEqual([]);
    expect(await idsOf('JEUGDHULP')).toEqual([]);
  });

  it('fullJeugd folds the whole feed page by page, persists the cursor and the reports still waiting for their toewijzing', async () => {
    sources.feedPageSize = 2;
    sources.feed = [
      jw301(toewijzing('JH-1')),
      jw305(A, 'JH-2', '2025-10-01'), // before its JW301: pending
      jw301(toewijzing('JH-3', { burgerservicenummer: B })),
      jw307(B, 'JH-3', '2025-09-01', '2026-01-15'),
      jw301(toewijzing('JH-OLD', { burgerservicenummer: C, ingangsdatum: '2001-01-01', einddatum: '2005-06-30' })), // 20 years: past on 2025-06-30
    ];
    expect(await fullJeugd(at('2026-02-01T03:00:00Z'), 'jeugd-1')).toEqual({ messages: 5, records: 2, pending: 1, removed: 0, notImported: 1 });
    expect(sources.calls.lees).toEqual([null, 'pos-2', 'pos-4']);

    const rows = await dossier('JEUGDHULP');
    expect(rows.map((r) => r.id)).toEqual(['JH-1', 'JH-3']);
    expect(rows[1].record).toMatchObject({ stopZorg: '2026-01-15', einddatum: '2026-01-15' });
    const state = await syncStateOf('JEUGD');
    expect(state).toMatchObject({ cursor: 'pos-5', last_full_sync_at: ts('2026-02-01T03:00:00Z') });
    expect(state.progress).toEqual({ gelezen: 5, pending: [expect.objectContaining({ soort: 'JW305', burgerservicenummer: A, product: expect.objectContaining({ toewijzingNummer: 'JH-2' }) })] });
    expect(await backlog('JEUGD')).toEqual([
      { record_type: 'JEUGDHULP', categorie: '8.1.2', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 1, oudste_archiefactiedatum: '2025-06-30', waargenomen_op: ts('2026-02-01T03:00:00Z') },
    ]);
  });

  it('pollJeugd resumes from the persisted cursor, applies only the new messages, and keeps pending reports across runs', async () => {
    sources.feedPageSize = 2;
    sources.feed = [jw301(toewijzing('JH-1')), jw305(A, 'JH-2', '2025-10-01'), jw301(toewijzing('JH-3', { burgerservicenummer: B }))];
    await fullJeugd(at('2026-02-01T03:00:00Z'), 'jeugd-1');
    expect((await syncStateOf('JEUGD')).cursor).toBe('pos-3');

    sources.feed.push(
      jw305(A, 'JH-1', '2025-09-10'), // start of a toewijzing from the full sync: read back from the table
      jw301(toewijzing('JH-2', { ingangsdatum: '2025-09-20' })), // the JW301 the pending JW305 waited for
      jw301(toewijzing('JH-4', { burgerservicenummer: C })),
    );
    sources.calls.lees.length = 0;
    expect(await pollJeugd(at('2026-02-01T10:00:00Z'))).toEqual({ changed: 3 });
    expect(sources.calls.lees).toEqual(['pos-3', 'pos-5']);

    const byId = new Map((await dossier('JEUGDHULP')).map((r) => [r.id, r]));
    expect([...byId.keys()]).toEqual(['JH-1', 'JH-2', 'JH-3', 'JH-4']);
    expect(byId.get('JH-1')).toMatchObject({ record: { startZorg: '2025-09-10' }, synced_at: ts('2026-02-01T10:00:00Z'), sync_run: 'jeugd-1' });
    expect(byId.get('JH-2')).toMatchObject({ record: { startZorg: '2025-10-01' }, sync_run: null });
    // Untouched by the poll: still as the full sync wrote it.
    expect(byId.get('JH-3')).toMatchObject({ synced_at: ts('2026-02-01T03:00:00Z'), sync_run: 'jeugd-1' });
    expect(await syncStateOf('JEUGD')).toEqual({
      cursor: 'pos-6',
      progress: { gelezen: 6, pending: [] },
      last_change_at: ts('2026-02-01T10:00:00Z'),
      last_full_sync_at: ts('2026-02-01T03:00:00Z'),
    });

    // Nothing new: one read at the cursor, no change recorded.
    sources.calls.lees.length = 0;
    expect(await pollJeugd(at('2026-02-01T10:00:02Z'))).toEqual({ changed: 0 });
    expect(sources.calls.lees).toEqual(['pos-6']);
    expect((await syncStateOf('JEUGD')).last_change_at).toBe(ts('2026-02-01T10:00:00Z'));
  });

  it('pollJeugd commits page by page: after the feed fails mid-run, the next poll starts at the last committed page', async () => {
    sources.feed = [jw301(toewijzing('JH-1'))];
    await fullJeugd(at('2026-02-01T03:00:00Z'), 'jeugd-1');
    sources.feedPageSize = 2;
    sources.feed.push(jw301(toewijzing('JH-2')), jw301(toewijzing('JH-3')), jw301(toewijzing('JH-4')));
    sources.feedFailsAt.add('pos-3');
    await expect(pollJeugd(at('2026-02-01T10:00:00Z'))).rejects.toThrow('feed unavailable');
    expect(await idsOf('JEUGDHULP')).toEqual(['JH-1', 'JH-2', 'JH-3']);
    expect((await syncStateOf('JEUGD')).cursor).toBe('pos-3');

    sources.feedFailsAt.clear();
    sources.calls.lees.length = 0;
    expect(await pollJeugd(at('2026-02-01T10:00:02Z'))).toEqual({ changed: 1 });
    expect(sources.calls.lees).toEqual(['pos-3']);
    expect(await idsOf('JEUGDHULP')).toEqual(['JH-1', 'JH-2', 'JH-3', 'JH-4']);
  });

  it('pollJeugd removes a toewijzing whose stop report puts it past its term', async () => {
    sources.feed = [jw301(toewijzing('JH-1')), jw301(toewijzing('JH-2'))];
    await fullJeugd(at('2026-02-01T03:00:00Z'), 'jeugd-1');
    // Twenty years on, the provider's (late) stop report of 2026-01-31 arrives.
    sources.feed.push(jw307(A, 'JH-1', '2025-09-01', '2026-01-31'));
    expect(await pollJeugd(at('2046-02-01T10:00:00Z'))).toEqual({ changed: 1 });
    expect(await idsOf('JEUGDHULP')).toEqual(['JH-2']);
  });
});

// ---- LAS ----------------------------------------------------------------------------------

describe('importLas', () => {
  it('skips when there is no complete export, having reached the folder all the same', async () => {
    expect(await importLas(at('2026-02-01T06:00:00Z'), 'las-1')).toEqual({ skipped: 'no complete export' });
    expect(await db.query("SELECT last_reached_at, last_full_sync_at FROM sync_state WHERE source = 'LAS'")).toEqual([{ last_reached_at: ts('2026-02-01T06:00:00Z'), last_full_sync_at: null }]);
  });

  it('imports the newest export whole, skips it next time unless forced, and replaces the read model with a newer one', async () => {
    sources.exports.set('20260101T0600', lasExport('20260101T0600', B));
    sources.exports.set('20260201T0600', lasExport('20260201T0600', A));
    expect(await importLas(at('2026-02-01T07:00:00Z'), 'las-1')).toMatchObject({ exportId: '20260201T0600', leerlingen: 1, inschrijvingen: 1, verzuimmeldingen: 1 });
    expect(sources.calls.readExport).toEqual(['20260201T0600']);
    for (const type of ['LEERLING', 'INSCHRIJVING', 'VERZUIMMELDING', 'VRIJSTELLING']) {
      expect((await dossier(type)).map((r) => [r.bsn, r.source, r.sync_run])).toEqual([[A, 'LAS', 'las-1:20260201T0600']]);
    }
    expect(await syncStateOf('LAS')).toMatchObject({ cursor: '20260201T0600', last_full_sync_at: ts('2026-02-01T07:00:00Z') });

    expect(await importLas(at('2026-02-01T08:00:00Z'), 'las-2')).toEqual({ skipped: 'newest export already imported' });
    expect(sources.calls.readExport).toEqual(['20260201T0600']);
    expect((await syncStateOf('LAS')).last_full_sync_at).toBe(ts('2026-02-01T07:00:00Z'));

    expect(await importLas(at('2026-02-01T09:00:00Z'), 'las-3', true)).toMatchObject({ exportId: '20260201T0600' });
    expect(sources.calls.readExport).toEqual(['20260201T0600', '20260201T0600']);
    expect((await dossier('LEERLING'))[0]).toMatchObject({ sync_run: 'las-3:20260201T0600', synced_at: ts('2026-02-01T09:00:00Z') });

    // The next export no longer has A's verzuimmelding, and has a new one.
    const next = lasExport('20260301T0600', A);
    next.verzuimmeldingen = [{ ...next.verzuimmeldingen[0], meldingId: 'VM-NEW', datum: '2026-02-20' }];
    sources.exports.set('20260301T0600', next);
    expect(await importLas(at('2026-03-01T07:00:00Z'), 'las-4')).toMatchObject({ exportId: '20260301T0600' });
    expect(await idsOf('VERZUIMMELDING')).toEqual(['VM-NEW']);
    expect(await idsOf('LEERLING')).toEqual([A]);
  });

  it('imports a pupil whose birth date is unknown, and holds them back once the BRP copy shows the term has passed', async () => {
    sources.persons.set(C, persoon(C, { geboortedatum: '2005-01-01', leeftijd: 21 })); // 19 years after birth: 2024-01-01
    sources.exports.set('20260201T0600', lasExport('20260201T0600', C));
    await importLas(at('2026-02-01T07:00:00Z'), 'las-1');
    // Not in the BRP copy yet: unknown means keep.
    expect(await idsOf('LEERLING')).toEqual([C]);

    await fullBrp(at('2026-02-01T08:00:00Z'), 'brp-1');
    sources.exports.set('20260301T0600', lasExport('20260301T0600', C));
    await importLas(at('2026-03-01T07:00:00Z'), 'las-2');
    for (const type of ['LEERLING', 'INSCHRIJVING', 'VERZUIMMELDING', 'VRIJSTELLING']) expect(await idsOf(type)).toEqual([]);
    expect(await backlog('LAS')).toEqual([
      { record_type: 'INSCHRIJVING', categorie: '12.1.3', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 1, oudste_archiefactiedatum: '2024-01-01', waargenomen_op: ts('2026-03-01T07:00:00Z') },
      { record_type: 'LEERLING', categorie: '12.1.3', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 1, oudste_archiefactiedatum: '2024-01-01', waargenomen_op: ts('2026-03-01T07:00:00Z') },
      { record_type: 'VERZUIMMELDING', categorie: '12.1.3', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 1, oudste_archiefactiedatum: '2024-01-01', waargenomen_op: ts('2026-03-01T07:00:00Z') },
      { record_type: 'VRIJSTELLING', categorie: '11.1.8', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 1, oudste_archiefactiedatum: '2024-01-01', waargenomen_op: ts('2026-03-01T07:00:00Z') },
    ]);
  });
});

// ---- BRP ----------------------------------------------------------------------------------

describe('fullBrp', () => {
  it('copies the subjects, their housemates and the parents of their minors — nobody else — and sweeps who is no longer needed', async () => {
    // Run 1: F is the only subject.
    sources.persons.set(F, persoon(F, { adres: adres('0363010000000009') }));
    sources.wmo = [wmo('WVZ-F', { burgerservicenummer: F })];
    await fullGws(at('2026-02-01T03:00:00Z'), 'gws-1');
    expect(await fullBrp(at('2026-02-01T04:00:00Z'), 'brp-1')).toEqual({ persons: 1, addresses: 1, removed: 0 });

    // Run 2: F's voorziening is gone; the subject is child A, living with D; parents B and C live elsewhere, B with E.
    sources.persons.set(A, persoon(A, {
      geboortedatum: '2015-05-01',
      leeftijd: 10,
      adres: adres('0363010000000001'),
      ouders: [B, C],
      gezag: [{ type: 'GezamenlijkOuderlijkGezag', ouders: [B, C], minderjarige: A }],
    }));
    // D, an adult housemate, has parents of their own: nobody the social domain needs.
    sources.persons.set(D, persoon(D, { adres: adres('0363010000000001'), ouders: ['999990135'] }));
    sources.persons.set('999990135', persoon('999990135', { adres: adres('0363010000000004') }));
    sources.persons.set(B, persoon(B, { adres: adres('0363010000000002') }));
    sources.persons.set(E, persoon(E, { adres: adres('0363010000000002') }));
    sources.persons.set(C, persoon(C, { adres: adres('0363010000000003'), geheimhouding: true }));
    sources.wmo = [];
    sources.feed = [jw301(toewijzing('JH-A'))];
    await fullGws(at('2026-02-02T03:00:00Z'), 'gws-2');
    await fullJeugd(at('2026-02-02T03:00:00Z'), 'jeugd-2');
    sources.calls.raadpleeg.length = 0;

    expect(await fullBrp(at('2026-02-02T04:00:00Z'), 'brp-2')).toEqual({ persons: 4, addresses: 1, removed: 1 });
    const rows = await db.query<{ bsn: string; adresseerbaar_object_id: string | null; huishouden_id: string | null; geheimhouding: boolean; huishouden_volledig: boolean; sync_run: string }>(
      'SELECT bsn, adresseerbaar_object_id, huishouden_id, geheimhouding, huishouden_volledig, sync_run FROM brp_persoon ORDER BY bsn',
    );
    expect(rows.map((r) => r.bsn)).toEqual([A, B, C, D].sort());
    // E (the parent's housemate) and the adult D's parent were not even asked for, and nobody was asked for twice.
    expect(sources.calls.raadpleeg).not.toContain(E);
    expect(sources.calls.raadpleeg).not.toContain('999990135');
    expect(new Set(sources.calls.raadpleeg).size).toBe(sources.calls.raadpleeg.length);
    const byBsn = new Map(rows.map((r) => [r.bsn, r]));
    expect(byBsn.get(A)!.huishouden_id).toBeTruthy();
    expect(byBsn.get(D)!.huishouden_id).toBe(byBsn.get(A)!.huishouden_id);
    expect(byBsn.get(B)!.huishouden_id).not.toBe(byBsn.get(A)!.huishouden_id);
    expect(byBsn.get(C)!.geheimhouding).toBe(true);
    // The subject's household is in the copy whole; the parents' (they live elsewhere) is not.
    expect(rows.filter((r) => r.huishouden_volledig).map((r) => r.bsn).sort()).toEqual([A, D].sort());
    expect(rows.every((r) => r.sync_run === 'brp-2')).toBe(true);
    expect(await syncStateOf('BRP')).toMatchObject({ last_full_sync_at: ts('2026-02-02T04:00:00Z') });
  });
});

// ---- retention ----------------------------------------------------------------------------

describe('retention', () => {
  it('destroys a record once the clock reaches its archiefactiedatum, and writes what it destroyed (no BSN) to vernietiging', async () => {
    sources.wmo = [wmo('WVZ-1', { ingangsdatum: '2009-01-01', einddatum: '2011-03-01' }), wmo('WVZ-2')]; // WVZ-1: 2026-03-01
    await fullGws(at('2026-02-27T03:00:00Z'), 'gws-1');
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-1', 'WVZ-2']);

    // Late on the last day before (UTC): nothing to destroy yet.
    expect(await retention(at('2026-02-28T23:59:00Z'))).toEqual({ BEWAARTERMIJN_VERSTREKEN: 0, VERZOEK_BETROKKENE: 0 });
    expect(await destructionsAt('2026-02-28T23:59:00Z')).toEqual([]);
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-1', 'WVZ-2']);

    expect(await retention(at('2026-03-01T02:30:00Z'))).toEqual({ BEWAARTERMIJN_VERSTREKEN: 1, VERZOEK_BETROKKENE: 0 });
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-2']);
    const written = await destructionsAt('2026-03-01T02:30:00Z');
    expect(written).toEqual([
      { record_type: 'WMO_VOORZIENING', categorie: '8.1.1', bron: 'GWS', regel: expect.stringMatching(/^Selectielijst 2020 8\.1\.1 .*P15Y na afsluiting$/), reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 1 },
    ]);
    expect(JSON.stringify(written)).not.toContain(A);
  });

  it('destroys leerplicht records by the pupil’s birth date from the BRP copy', async () => {
    sources.persons.set(B, persoon(B, { geboortedatum: '2007-03-01', leeftijd: 18 })); // 19 years: 2026-03-01
    sources.exports.set('20260201T0600', lasExport('20260201T0600', B));
    await importLas(at('2026-02-01T07:00:00Z'), 'las-1');
    await fullBrp(at('2026-02-01T08:00:00Z'), 'brp-1');

    expect(await retention(at('2026-02-28T02:30:00Z'))).toEqual({ BEWAARTERMIJN_VERSTREKEN: 0, VERZOEK_BETROKKENE: 0 });
    expect(await retention(at('2026-03-01T02:30:07Z'))).toEqual({ BEWAARTERMIJN_VERSTREKEN: 4, VERZOEK_BETROKKENE: 0 });
    expect((await destructionsAt('2026-03-01T02:30:07Z')).map((r) => [r.record_type, r.categorie, r.bron, r.aantal])).toEqual([
      ['INSCHRIJVING', '12.1.3', 'LAS', 1],
      ['LEERLING', '12.1.3', 'LAS', 1],
      ['VERZUIMMELDING', '12.1.3', 'LAS', 1],
      ['VRIJSTELLING', '11.1.8', 'LAS', 1],
    ]);
    expect(await db.query("SELECT id FROM dossier_record WHERE source = 'LAS'")).toEqual([]);
  });

  it('carries out a destruction request for what existed when it came in, and the next full sync does not copy it back', async () => {
    sources.wmo = [wmo('WVZ-BEFORE', { ingangsdatum: '2025-05-01' }), wmo('WVZ-AFTER', { ingangsdatum: '2026-02-01' }), wmo('WVZ-OTHER', { burgerservicenummer: B, ingangsdatum: '2025-05-01' })];
    sources.uitkeringen = [uitkering('UIT-1')];
    await fullGws(at('2026-02-02T03:00:00Z'), 'gws-1');
    await db.query(
      `INSERT INTO vernietigingsverzoek (id, betrokkene, domein, ontvangen_op, uiterlijk, geregistreerd_door)
       VALUES ('00000000-0000-4000-8000-000000000001', $1, 'WMO', '2026-01-10T09:00:00Z', '2026-04-10', 'consulent-1')`,
      [A],
    );

    expect(await retention(at('2026-02-03T02:30:00Z'))).toEqual({ BEWAARTERMIJN_VERSTREKEN: 0, VERZOEK_BETROKKENE: 1 });
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-AFTER', 'WVZ-OTHER']);
    expect(await idsOf('UITKERING')).toEqual(['UIT-1']); // Participatiewet: no right to destruction on request
    expect(await db.query('SELECT uitgevoerd_op FROM vernietigingsverzoek')).toEqual([{ uitgevoerd_op: ts('2026-02-03T02:30:00Z') }]);
    expect(await destructionsAt('2026-02-03T02:30:00Z')).toEqual([
      { record_type: 'WMO_VOORZIENING', categorie: '8.1.1', bron: 'GWS', regel: expect.stringContaining('Verzoek van de betrokkene'), reden: 'VERZOEK_BETROKKENE', aantal: 1 },
    ]);

    // GWS still holds the file: the next full sync must not copy it back.
    expect(await fullGws(at('2026-02-04T03:00:00Z'), 'gws-2')).toMatchObject({ wmo: 2, notImported: 1 });
    expect(await idsOf('WMO_VOORZIENING')).toEqual(['WVZ-AFTER', 'WVZ-OTHER']);
    expect(await backlog('GWS')).toEqual([
      { record_type: 'WMO_VOORZIENING', categorie: '8.1.1', reden: 'VERZOEK_BETROKKENE', aantal: 1, oudste_archiefactiedatum: null, waargenomen_op: ts('2026-02-04T03:00:00Z') },
    ]);
  });
});
