import { RECORD_TYPES, type RecordType } from '../../domain/record-types';
import type { InschrijvingRecord, JeugdhulpRecord, UitkeringRecord, VerzuimmeldingRecord, VrijstellingRecord, WmoVoorzieningRecord } from '../../domain/records';

export interface GebeurtenisRow {
  datum: string;
  domein: 'WMO' | 'JEUGD' | 'WERK_INKOMEN' | 'LEERPLICHT';
  bron: string;
  soort: string;
  omschrijving: string | null;
  burgerservicenummer: string;
}

/**
 * The dated events one read-model record tells of. Only what has happened by `today` is an
 * event: a planned end date is part of the record, not of the timeline.
 */
export function eventsOf(type: RecordType, record: unknown, today: string): GebeurtenisRow[] {
  const { source: bron, domain: domein } = RECORD_TYPES[type];
  const bsn = (record as { burgerservicenummer: string }).burgerservicenummer;
  const out: GebeurtenisRow[] = [];
  const add = (datum: string | null, soort: string, omschrijving: string | null) => {
    if (datum && datum <= today) out.push({ datum, domein, bron, soort, omschrijving, burgerservicenummer: bsn });
  };
  switch (type) {
    case 'WMO_VOORZIENING': {
      const r = record as WmoVoorzieningRecord;
      add(r.ingangsdatum, 'VOORZIENING_GESTART', r.omschrijving);
      add(r.einddatum, 'VOORZIENING_BEEINDIGD', r.omschrijving);
      break;
    }
    case 'JEUGDHULP': {
      const r = record as JeugdhulpRecord;
      add(r.ingangsdatum, 'JEUGDHULP_TOEGEWEZEN', r.omschrijving);
      add(r.startZorg, 'ZORG_GESTART', r.omschrijving);
      add(r.stopZorg ?? r.einddatum, 'ZORG_GESTOPT', r.omschrijving);
      break;
    }
    case 'UITKERING': {
      const r = record as UitkeringRecord;
      for (const b of r.besluiten) add(b.datum, `BESLUIT_${b.soort}`, r.omschrijving);
      add(r.ingangsdatum, 'UITKERING_GESTART', r.omschrijving);
      add(r.einddatum, 'UITKERING_BEEINDIGD', r.omschrijving);
      break;
    }
    case 'INSCHRIJVING': {
      const r = record as InschrijvingRecord;
      add(r.ingangsdatum, 'INGESCHREVEN', r.schoolNaam);
      add(r.einddatum, 'UITGESCHREVEN', r.schoolNaam);
      break;
    }
    case 'VERZUIMMELDING': {
      const r = record as VerzuimmeldingRecord;
      add(r.datum, 'VERZUIMMELDING', r.soort);
      break;
    }
    case 'VRIJSTELLING': {
      const r = record as VrijstellingRecord;
      add(r.ingangsdatum, 'VRIJSTELLING', `artikel ${r.artikel}`);
      break;
    }
    case 'LEERLING':
      break;
  }
  return out;
}
