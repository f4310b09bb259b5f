/**
 * The stand-in on its own: raw, hand-written vraagberichten in, StUF answers checked field by
 * field. No adapter code here, so these tests pin the wire format independently of the adapter.
 */
import { XMLParser } from 'fast-xml-parser';
import { buildMunicipality, manyWmoVoorzieningen, uitkering, wmoVoorziening } from '../test-support/municipality-fixture';
import { startGwsSimulator, type GwsSimulator } from './index';

const STUF = 'http://www.egem.nl/StUF/StUF0301';
const SOC = 'http://www.ontschot.nl/StUF/sector/soc/0100';
const NOW = new Date('2025-01-15T10:20:30.456Z'); // 11:20:30.456 in Amsterdam (CET)

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const reader = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['object', 'heeftBesluit'].includes(name),
});

interface LvOptions {
  entiteittype?: string;
  berichtcode?: string;
  element?: string;
  ontvangerApplicatie?: string;
  ref?: string;
  max?: number;
  start?: string;
  vervolg?: boolean;
  sortering?: string;
  gelijk?: string;
}

/** A hand-written Lv01, with prefixes other than the stand-in's own to prove it does not care. */
function lv01(o: LvOptions = {}): string {
  const type = o.entiteittype ?? 'WVZ';
  const element = o.element ?? `${type.toLowerCase()}Lv01`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <g:${element} xmlns:g="${SOC}" xmlns:ns0="${STUF}">
      <g:stuurgegevens>
        <ns0:berichtcode>${o.berichtcode ?? 'Lv01'}</ns0:berichtcode>
        <ns0:zender><ns0:organisatie>0999</ns0:organisatie><ns0:applicatie>ONTSCHOT</ns0:applicatie></ns0:zender>
        <ns0:ontvanger><ns0:organisatie>0999</ns0:organisatie><ns0:applicatie>${o.ontvangerApplicatie ?? 'GWS4all'}</ns0:applicatie></ns0:ontvanger>
        <ns0:referentienummer>${o.ref ?? 'REF-1'}</ns0:referentienummer>
        <ns0:tijdstipBericht>20250115112000000</ns0:tijdstipBericht>
        <ns0:entiteittype>${type}</ns0:entiteittype>
      </g:stuurgegevens>
      <g:parameters>
        <ns0:sortering>${o.sortering ?? '1'}</ns0:sortering>
        <ns0:indicatorVervolgvraag>${o.vervolg ?? o.start !== undefined}</ns0:indicatorVervolgvraag>
        ${o.max !== undefined ? `<ns0:maximumAantal>${o.max}</ns0:maximumAantal>` : ''}
      </g:parameters>
      ${o.gelijk ?? ''}
      ${o.start !== undefined ? `<g:start ns0:entiteittype="${type}"><g:toewijzingNummer>${o.start}</g:toewijzingNummer></g:start>` : ''}
    </g:${element}>
  </s:Body>
</s:Envelope>`;
}

const byBsn = (bsn: string) =>
  `<g:gelijk ns0:entiteittype="WVZ"><g:isToegekendAan ns0:entiteittype="WVZNPS"><g:gerelateerde ns0:entiteittype="NPS"><g:inp.bsn>${bsn}</g:inp.bsn></g:gerelateerde></g:isToegekendAan></g:gelijk>`;

async function post(sim: GwsSimulator, xml: string, init: RequestInit = {}) {
  const res = await fetch(sim.url, { method: 'POST', body: xml, headers: { 'content-type': 'text/xml' }, ...init });
  const text = await res.text();
  const doc: Json = res.headers.get('content-type')?.startsWith('text/xml') ? reader.parse(text) : undefined;
  return { status: res.status, text, doc };
}

const la01 = (doc: Json, type = 'wvz') => doc.Envelope.Body[`${type}La01`];
const fo02 = (doc: Json) => doc.Envelope.Body.Fault.detail.Fo02Bericht;

describe('GWS stand-in', () => {
  const wmo = manyWmoVoorzieningen(45);
  let sim: GwsSimulator;

  beforeAll(async () => {
    wmo[0] = { ...wmo[0], productCategorie: '02', productCode: '02A01', einddatum: undefined, leveringsvorm: 'PGB', omvang: undefined };
    sim = await startGwsSimulator({
      municipality: buildMunicipality({
        wmo,
        uitkeringen: [uitkering(), uitkering({ dossierNummer: 'PW-000002', ingangsdatum: undefined, einddatum: undefined, besluiten: [] })],
      }),
      now: () => NOW,
    });
  });
  afterAll(() => sim.close());

  it('pages a full scan of 45 records with pageSize 20 into three La01 answers', async () => {
    const seen: string[] = [];
    const vervolg: string[] = [];
    const refs = new Set<string>();
    let start: string | undefined;
    for (let i = 0; i < 5; i++) {
      const { status, doc } = await post(sim, lv01({ ref: `REF-${i}`, max: 20, start }));
      expect(status).toBe(200);
      const answer = la01(doc);
      const sg = answer.stuurgegevens;
      expect(sg).toEqual({
        berichtcode: 'La01',
        zender: { organisatie: '0999', applicatie: 'GWS4all', administratie: 'SOCIAAL' },
        ontvanger: { organisatie: '0999', applicatie: 'ONTSCHOT' },
        referentienummer: expect.any(String),
        tijdstipBericht: '20250115112030456',
        crossRefnummer: `REF-${i}`,
        entiteittype: 'WVZ',
      });
      refs.add(sg.referentienummer);
      const objects: Json[] = answer.antwoord.object;
      seen.push(...objects.map((o) => o.toewijzingNummer));
      vervolg.push(answer.parameters.indicatorVervolgvraag);
      if (answer.parameters.indicatorVervolgvraag === 'false') break;
      start = objects[objects.length - 1].toewijzingNummer;
    }
    expect(vervolg).toEqual(['true', 'true', 'false']);
    expect(seen).toEqual(wmo.map((v) => v.toewijzingNummer).sort());
    expect(refs.size).toBe(3);
  });

  it('writes StUF objects: noValue instead of empty elements, yyyyMMdd dates, codes as sent, client as related NPS', async () => {
    const { doc, text } = await post(sim, lv01({ max: 2 }));
    const [first, second] = la01(doc).antwoord.object;
    expect(first['@entiteittype']).toBe('WVZ');
    expect(first.productCategorie).toBe('02');
    expect(first.ingangsdatum).toBe('20240301');
    expect(first.einddatum).toEqual({ '@nil': 'true', '@noValue': 'geenWaarde' });
    expect(first.omvang).toEqual({ '@nil': 'true', '@noValue': 'geenWaarde' });
    expect(first.leveringsvorm).toBe('PGB');
    expect(first.isToegekendAan).toEqual({
      '@entiteittype': 'WVZNPS',
      gerelateerde: { '@entiteittype': 'NPS', 'inp.bsn': wmo[0].bsn },
    });
    expect(second.einddatum).toBe('20251231');
    expect(second.omvang).toEqual({ volume: '4', eenheid: '04', frequentie: '2' });
    expect(text).not.toMatch(/<SOC:einddatum\s*\/>|<SOC:einddatum><\/SOC:einddatum>/);
    expect(text).toContain(`xmlns:StUF="${STUF}"`);
  });

  it('selects with gelijk by client BSN or by toewijzingNummer', async () => {
    const bsn = wmo[3].bsn;
    const { doc } = await post(sim, lv01({ gelijk: byBsn(bsn) }));
    const objects: Json[] = la01(doc).antwoord.object;
    expect(objects.map((o) => o.toewijzingNummer)).toEqual(
      wmo.filter((v) => v.bsn === bsn).map((v) => v.toewijzingNummer).sort(),
    );
    expect(objects.every((o) => o.isToegekendAan.gerelateerde['inp.bsn'] === bsn)).toBe(true);

    const one = await post(sim, lv01({ gelijk: '<g:gelijk ns0:entiteittype="WVZ"><g:toewijzingNummer>WMO-000007</g:toewijzingNummer></g:gelijk>' }));
    expect(la01(one.doc).antwoord.object.map((o: Json) => o.toewijzingNummer)).toEqual(['WMO-000007']);

    const none = await post(sim, lv01({ gelijk: '<g:gelijk ns0:entiteittype="WVZ"><g:toewijzingNummer>WMO-999999</g:toewijzingNummer></g:gelijk>' }));
    expect(la01(none.doc).antwoord).toBeUndefined();
    expect(la01(none.doc).parameters.indicatorVervolgvraag).toBe('false');
  });

  it('answers uitkeringen with their besluiten as related BSL objects', async () => {
    const { doc } = await post(sim, lv01({ entiteittype: 'UIT' }));
    const [withBesluiten, bare] = la01(doc, 'uit').antwoord.object;
    expect(withBesluiten.soort).toBe('BIJZONDERE_BIJSTAND');
    expect(withBesluiten.heeftBesluit.map((b: Json) => [b['@entiteittype'], b.gerelateerde.soort, b.gerelateerde.datum])).toEqual([
      ['UITBSL', 'AFWIJZING', '20240612'],
      ['UITBSL', 'TOEKENNING', '20240820'],
    ]);
    expect(withBesluiten.heeftBesluit[1].gerelateerde.toelichting).toEqual({ '@nil': 'true', '@noValue': 'geenWaarde' });
    expect(bare.heeftBesluit).toBeUndefined();
    expect(bare.ingangsdatum['@noValue']).toBe('geenWaarde');
  });

  it.each([
    ['malformed XML', '<s:Envelope><oops>', 'StUF055', 'client', null],
    ['no StUF namespace', '<Envelope><Body><wvzLv01/></Body></Envelope>', 'StUF055', 'client', null],
    ['an unknown berichtcode', lv01({ berichtcode: 'Xx99' }), 'StUF022', 'client', 'REF-1'],
    ['a berichtcode it does not answer', lv01({ berichtcode: 'Lk01' }), 'StUF025', 'server', 'REF-1'],
    ['an unknown entiteittype', lv01({ entiteittype: 'ZAK' }), 'StUF028', 'client', 'REF-1'],
    ['a message name that does not fit the entiteittype', lv01({ element: 'uitLv01' }), 'StUF055', 'client', 'REF-1'],
    ['another ontvanger', lv01({ ontvangerApplicatie: 'Suite4' }), 'StUF010', 'client', 'REF-1'],
    ['a vervolgvraag without start', lv01({ vervolg: true }), 'StUF103', 'client', 'REF-1'],
    ['a sortering it does not support', lv01({ sortering: '7' }), 'StUF133', 'client', 'REF-1'],
    ['a maximumAantal that is no number', lv01({ max: -3 }), 'StUF055', 'client', 'REF-1'],
    [
      'a key and a BSN together',
      lv01({ gelijk: '<g:gelijk ns0:entiteittype="WVZ"><g:toewijzingNummer>WMO-000001</g:toewijzingNummer><g:isToegekendAan ns0:entiteittype="WVZNPS"><g:gerelateerde ns0:entiteittype="NPS"><g:inp.bsn>999990019</g:inp.bsn></g:gerelateerde></g:isToegekendAan></g:gelijk>' }),
      'StUF091',
      'client',
      'REF-1',
    ],
  ])('answers %s with a Fo02 in a SOAP Fault', async (_case, xml, code, plek, crossRef) => {
    const { status, doc } = await post(sim, xml);
    expect(status).toBe(500);
    expect(doc.Envelope.Body.Fault.faultcode).toBe(plek === 'client' ? 'soap:Client' : 'soap:Server');
    const fo = fo02(doc);
    expect(fo.stuurgegevens.berichtcode).toBe('Fo02');
    expect(fo.stuurgegevens.zender.applicatie).toBe('GWS4all');
    expect(fo.stuurgegevens.tijdstipBericht).toBe('20250115112030456');
    expect(fo.stuurgegevens.crossRefnummer).toBe(crossRef ?? undefined);
    expect(fo.body).toMatchObject({ code, plek, omschrijving: expect.any(String) });
  });

  it('does not echo request content in a Fo02', async () => {
    const { text } = await post(sim, lv01({ gelijk: byBsn('12345678'), ref: 'REF-PII' }));
    expect(text).toContain('StUF055');
    expect(text).not.toContain('12345678');
  });

  it('answers 503 while unavailable, and counts every request', async () => {
    const before = sim.requests;
    sim.setAvailable(false);
    try {
      expect((await post(sim, lv01())).status).toBe(503);
    } finally {
      sim.setAvailable(true);
    }
    expect((await post(sim, lv01())).status).toBe(200);
    expect(sim.requests).toBe(before + 2);
  });

  it('answers 405 to anything but POST and 404 beside the endpoint', async () => {
    expect((await fetch(sim.url)).status).toBe(405);
    expect((await fetch(new URL('/elders', sim.url), { method: 'POST', body: lv01() })).status).toBe(404);
  });

  it('caps a page at its own maximum whatever maximumAantal asks', async () => {
    const small = await startGwsSimulator({ municipality: buildMunicipality({ wmo }), maxPageSize: 10 });
    try {
      const { doc } = await post(small, lv01({ max: 500 }));
      expect(la01(doc).antwoord.object).toHaveLength(10);
      expect(la01(doc).parameters.indicatorVervolgvraag).toBe('true');
    } finally {
      await small.close();
    }
  });

  it('keeps its own copy of the municipality', async () => {
    const world = buildMunicipality({ wmo: [wmoVoorziening()] });
    const own = await startGwsSimulator({ municipality: world });
    try {
      world.wmo[0].productCode = 'CHANGED';
      const { doc } = await post(own, lv01());
      expect(la01(doc).antwoord.object[0].productCode).toBe('02A01');
    } finally {
      await own.close();
    }
  });
});
