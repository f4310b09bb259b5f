import type { InschrijvingRecord, LeerlingRecord, UitkeringRecord, VerzuimmeldingRecord, VrijstellingRecord, WmoVoorzieningRecord } from '../../domain/records';
import { jeugdhulp, TEST_BSN as BSN, uitkering as testUitkering, wmoVoorziening } from '../../domain/testing/records';
import { eventsOf } from './events';

const TODAY = '2026-03-15';

// The defaults are the shared test records' but for the end of the Wmo voorziening and a benefit without decisions.
const wmo = (over: Partial<WmoVoorzieningRecord> = {}) => wmoVoorziening({ einddatum: '2026-01-31', omvang: null, ...over });
const jeugd = jeugdhulp;
const uitkering = (over: Partial<UitkeringRecord> = {}) => testUitkering({ besluiten: [], ...over });

describe('eventsOf', () => {
  it('tells a Wmo voorziening as its start and its end, with the record’s omschrijving, domain and source', () => {
    expect(eventsOf('WMO_VOORZIENING', wmo(), TODAY)).toEqual([
      { datum: '2025-01-01', domein: 'WMO', bron: 'GWS', soort: 'VOORZIENING_GESTART', omschrijving: 'Huishoudelijke ondersteuning', burgerservicenummer: BSN },
      { datum: '2026-01-31', domein: 'WMO', bron: 'GWS', soort: 'VOORZIENING_BEEINDIGD', omschrijving: 'Huishoudelijke ondersteuning', burgerservicenummer: BSN },
    ]);
  });

  it('tells jeugdhulp as toewijzing, start of care and stop of care, all from the Jeugd source', () => {
    const events = eventsOf('JEUGDHULP', jeugd({ startZorg: '2025-09-15', stopZorg: '2026-02-28', einddatum: '2026-02-28' }), TODAY);
    expect(events.map((e) => [e.soort, e.datum])).toEqual([
      ['JEUGDHULP_TOEGEWEZEN', '2025-09-01'],
      ['ZORG_GESTART', '2025-09-15'],
      ['ZORG_GESTOPT', '2026-02-28'],
    ]);
    expect(new Set(events.map((e) => `${e.domein}/${e.bron}/${e.omschrijving}`))).toEqual(new Set(['JEUGD/JEUGD/Ambulante jeugdhulp']));
  });

  it('dates the stop of jeugdhulp by the provider’s stop report, and by the toewijzing’s end only when there is none', () => {
    // The provider's stop date wins, even when the toewijzing ended earlier.
    expect(eventsOf('JEUGDHULP', jeugd({ stopZorg: '2026-02-20', einddatum: '2026-01-31' }), TODAY).filter((e) => e.soort === 'ZORG_GESTOPT')).toEqual([
      expect.objectContaining({ datum: '2026-02-20' }),
    ]);
    expect(eventsOf('JEUGDHULP', jeugd({ stopZorg: null, einddatum: '2026-01-31' }), TODAY).filter((e) => e.soort === 'ZORG_GESTOPT')).toEqual([
      expect.objectContaining({ datum: '2026-01-31' }),
    ]);
  });

  it('tells an uitkering’s decisions as BESLUIT_<soort>, then its start and end', () => {
    const r = uitkering({
      einddatum: '2026-02-28',
      besluiten: [
        { soort: 'AANVRAAG_ONTVANGEN', datum: '2025-03-10', toelichting: null },
        { soort: 'TOEKENNING', datum: '2025-03-20', toelichting: 'na onderzoek' },
      ],
    });
    expect(eventsOf('UITKERING', r, TODAY)).toEqual([
      { datum: '2025-03-10', domein: 'WERK_INKOMEN', bron: 'GWS', soort: 'BESLUIT_AANVRAAG_ONTVANGEN', omschrijving: 'Algemene bijstand', burgerservicenummer: BSN },
      { datum: '2025-03-20', domein: 'WERK_INKOMEN', bron: 'GWS', soort: 'BESLUIT_TOEKENNING', omschrijving: 'Algemene bijstand', burgerservicenummer: BSN },
      { datum: '2025-04-01', domein: 'WERK_INKOMEN', bron: 'GWS', soort: 'UITKERING_GESTART', omschrijving: 'Algemene bijstand', burgerservicenummer: BSN },
      { datum: '2026-02-28', domein: 'WERK_INKOMEN', bron: 'GWS', soort: 'UITKERING_BEEINDIGD', omschrijving: 'Algemene bijstand', burgerservicenummer: BSN },
    ]);
  });

  it('tells the leerplicht records from the LAS: inschrijving by school name, verzuim by its soort, vrijstelling by article', () => {
    const inschrijving: InschrijvingRecord = {
      burgerservicenummer: BSN,
      brin: '12AB',
      schoolNaam: 'De Regenboog',
      onderwijssoort: 'PO',
      ingangsdatum: '2019-08-26',
      einddatum: '2026-03-15',
    };
    const melding: VerzuimmeldingRecord = {
      burgerservicenummer: BSN,
      meldingId: 'VM-1',
      datum: '2025-11-04',
      soort: 'ONGEOORLOOFD',
      brin: '12AB',
      schoolNaam: 'De Regenboog',
      afhandeling: null,
    };
    const vrijstelling: VrijstellingRecord = { burgerservicenummer: BSN, vrijstellingId: 'VR-1', artikel: '5a', ingangsdatum: '2025-01-06', einddatum: null };
    const leerplicht = { domein: 'LEERPLICHT', bron: 'LAS', burgerservicenummer: BSN };
    expect(eventsOf('INSCHRIJVING', inschrijving, TODAY)).toEqual([
      { ...leerplicht, datum: '2019-08-26', soort: 'INGESCHREVEN', omschrijving: 'De Regenboog' },
      // Dated today: today counts as having happened.
      { ...leerplicht, datum: '2026-03-15', soort: 'UITGESCHREVEN', omschrijving: 'De Regenboog' },
    ]);
    expect(eventsOf('VERZUIMMELDING', melding, TODAY)).toEqual([{ ...leerplicht, datum: '2025-11-04', soort: 'VERZUIMMELDING', omschrijving: 'ONGEOORLOOFD' }]);
    expect(eventsOf('VRIJSTELLING', vrijstelling, TODAY)).toEqual([{ ...leerplicht, datum: '2025-01-06', soort: 'VRIJSTELLING', omschrijving: 'artikel 5a' }]);
  });

  it('tells nothing of a leerling record: it has no dates', () => {
    const leerling: LeerlingRecord = { burgerservicenummer: BSN, kwalificatieplichtig: true };
    expect(eventsOf('LEERLING', leerling, TODAY)).toEqual([]);
  });

  it('leaves out every date after today — planned ends, future decisions, a future start — and keeps today', () => {
    expect(eventsOf('WMO_VOORZIENING', wmo({ ingangsdatum: '2026-03-15', einddatum: '2026-03-16' }), TODAY).map((e) => e.soort)).toEqual(['VOORZIENING_GESTART']);
    expect(eventsOf('WMO_VOORZIENING', wmo({ ingangsdatum: '2026-04-01', einddatum: '2027-03-31' }), TODAY)).toEqual([]);
    const r = uitkering({
      ingangsdatum: '2026-03-01',
      einddatum: '2026-12-31',
      besluiten: [
        { soort: 'TOEKENNING', datum: '2026-03-14', toelichting: null },
        { soort: 'HERONDERZOEK', datum: '2026-09-01', toelichting: null },
      ],
    });
    expect(eventsOf('UITKERING', r, TODAY).map((e) => e.soort)).toEqual(['BESLUIT_TOEKENNING', 'UITKERING_GESTART']);
    expect(eventsOf('JEUGDHULP', jeugd({ ingangsdatum: '2026-03-16', startZorg: '2026-03-20' }), TODAY)).toEqual([]);
  });

  it('compares whole ISO dates: the same record yields its end only once today reaches it', () => {
    const r = wmo({ ingangsdatum: '2025-12-31', einddatum: '2026-01-01' });
    expect(eventsOf('WMO_VOORZIENING', r, '2025-12-31').map((e) => e.soort)).toEqual(['VOORZIENING_GESTART']);
    expect(eventsOf('WMO_VOORZIENING', r, '2026-01-01').map((e) => e.soort)).toEqual(['VOORZIENING_GESTART', 'VOORZIENING_BEEINDIGD']);
  });

  it('ignores dates that are not known (null) instead of emitting an undated event', () => {
    expect(eventsOf('WMO_VOORZIENING', wmo({ ingangsdatum: null, einddatum: null }), TODAY)).toEqual([]);
    expect(eventsOf('JEUGDHULP', jeugd({ ingangsdatum: null, startZorg: null, stopZorg: null, einddatum: null }), TODAY)).toEqual([]);
    expect(eventsOf('UITKERING', uitkering({ ingangsdatum: null, einddatum: null }), TODAY)).toEqual([]);
    const inschrijving: InschrijvingRecord = { burgerservicenummer: BSN, brin: '12AB', schoolNaam: null, onderwijssoort: 'PO', ingangsdatum: null, einddatum: '2025-07-11' };
    // A null omschrijving is passed on as null; only the date decides whether there is an event.
    expect(eventsOf('INSCHRIJVING', inschrijving, TODAY)).toEqual([
      { datum: '2025-07-11', domein: 'LEERPLICHT', bron: 'LAS', soort: 'UITGESCHREVEN', omschrijving: null, burgerservicenummer: BSN },
    ]);
    const vrijstelling: VrijstellingRecord = { burgerservicenummer: BSN, vrijstellingId: 'VR-2', artikel: '5b', ingangsdatum: null, einddatum: '2025-07-11' };
    expect(eventsOf('VRIJSTELLING', vrijstelling, TODAY)).toEqual([]);
  });
});
