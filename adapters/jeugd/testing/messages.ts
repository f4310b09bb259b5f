/**
 * Hand-written iJw 3.2 messages for the adapter's tests — written out by hand from the XSDs, not
 * produced by the stand-in, so parser and stand-in cannot share a misunderstanding.
 * Test support only. BSNs are elfproef-valid test numbers.
 */

export const BSN_A = '999990032';
export const BSN_B = '999990044';

interface Jw301Options {
  id?: string;
  dagtekening?: string;
  bsn?: string;
  nummer?: string;
  categorie?: string;
  code?: string;
  ingangsdatum?: string;
  einddatum?: string;
  commentaar?: string;
  verwijzer?: string;
  omvang?: boolean;
}

/** A JW301 as a gemeente (0599) sends it to a provider (AGB 98000045). */
export function jw301(o: Jw301Options = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jw301:Bericht xmlns:jw301="http://www.istandaarden.nl/ijw/3_2/jw301/schema" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
  <jw301:Header>
    <jw301:BerichtCode>436</jw301:BerichtCode>
    <jw301:BerichtVersie>3</jw301:BerichtVersie>
    <jw301:BerichtSubversie>2</jw301:BerichtSubversie>
    <jw301:Afzender>0599</jw301:Afzender>
    <jw301:Ontvanger>98000045</jw301:Ontvanger>
    <jw301:BerichtIdentificatie>
      <ijw:Identificatie>${o.id ?? 'TW-0001'}</ijw:Identificatie>
      <ijw:Dagtekening>${o.dagtekening ?? '2024-03-01'}</ijw:Dagtekening>
    </jw301:BerichtIdentificatie>
    <jw301:XsdVersie>
      <ijw:BasisschemaXsdVersie>1.2.0</ijw:BasisschemaXsdVersie>
      <ijw:BerichtXsdVersie>1.2.0</ijw:BerichtXsdVersie>
    </jw301:XsdVersie>
  </jw301:Header>
  <jw301:Client>
    <jw301:Bsn>${o.bsn ?? BSN_A}</jw301:Bsn>
    <jw301:Geboortedatum><ijw:Datum>2007-05-02</ijw:Datum></jw301:Geboortedatum>
    <jw301:Geslacht>2</jw301:Geslacht>
    <jw301:Naam>
      <ijw:Geslachtsnaam><ijw:Voorvoegsel>de</ijw:Voorvoegsel><ijw:Achternaam>Vries-Özdemir</ijw:Achternaam></ijw:Geslachtsnaam>
      <ijw:Voornamen>Noor</ijw:Voornamen>
      <ijw:NaamGebruik>1</ijw:NaamGebruik>
    </jw301:Naam>
    <jw301:Contactgegevens>
      <jw301:Contact>
        <jw301:Soort>01</jw301:Soort>
        <jw301:Adres>
          <ijw:Straatnaam>Havenstraat</ijw:Straatnaam>
          <ijw:Huisnummer><ijw:Huisnummer>7</ijw:Huisnummer></ijw:Huisnummer>
          <ijw:Postcode>3111AB</ijw:Postcode>
          <ijw:Plaatsnaam>Schiedam</ijw:Plaatsnaam>
        </jw301:Adres>
      </jw301:Contact>
    </jw301:Contactgegevens>
    <jw301:ToegewezenProducten>
      <jw301:ToegewezenProduct>
        <jw301:ToewijzingNummer>${o.nummer ?? '4500123'}</jw301:ToewijzingNummer>
        <jw301:ReferentieAanbieder>REF-77</jw301:ReferentieAanbieder>
        <jw301:Product>
          <ijw:Categorie>${o.categorie ?? '45'}</ijw:Categorie>
          ${o.code === '' ? '' : `<ijw:Code>${o.code ?? '45A48'}</ijw:Code>`}
        </jw301:Product>
        <jw301:Toewijzingsdatum>2024-02-20</jw301:Toewijzingsdatum>
        <jw301:Toewijzingstijd>10:15:00</jw301:Toewijzingstijd>
        <jw301:Ingangsdatum>${o.ingangsdatum ?? '2024-03-01'}</jw301:Ingangsdatum>
        ${o.einddatum === '' ? '' : `<jw301:Einddatum>${o.einddatum ?? '2025-02-28'}</jw301:Einddatum>`}
        ${o.omvang === false ? '' : '<jw301:Omvang><ijw:Volume>3</ijw:Volume><ijw:Eenheid>04</ijw:Eenheid><ijw:Frequentie>2</ijw:Frequentie></jw301:Omvang>'}
        <jw301:Verwijzer><ijw:Type>${o.verwijzer ?? '02'}</ijw:Type><ijw:Naam>Huisartsenpraktijk</ijw:Naam></jw301:Verwijzer>
        <jw301:Commentaar>${o.commentaar ?? 'Ambulante begeleiding &amp; training'}</jw301:Commentaar>
      </jw301:ToegewezenProduct>
    </jw301:ToegewezenProducten>
  </jw301:Client>
</jw301:Bericht>`;
}

interface StartStopOptions {
  id?: string;
  bsn?: string;
  nummer?: string | null;
  status?: string;
  begindatum?: string;
  einddatum?: string;
}

/** A JW305 as a provider (AGB 98000045) sends it to the gemeente. */
export function jw305(o: StartStopOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jw305:Bericht xmlns:jw305="http://www.istandaarden.nl/ijw/3_2/jw305/schema" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
  <jw305:Header>
    <jw305:BerichtCode>438</jw305:BerichtCode>
    <jw305:BerichtVersie>3</jw305:BerichtVersie>
    <jw305:BerichtSubversie>2</jw305:BerichtSubversie>
    <jw305:Afzender>98000045</jw305:Afzender>
    <jw305:Ontvanger>0599</jw305:Ontvanger>
    <jw305:BerichtIdentificatie><ijw:Identificatie>${o.id ?? 'ST-0001'}</ijw:Identificatie><ijw:Dagtekening>2024-03-11</ijw:Dagtekening></jw305:BerichtIdentificatie>
    <jw305:XsdVersie><ijw:BasisschemaXsdVersie>1.2.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.2.0</ijw:BerichtXsdVersie></jw305:XsdVersie>
  </jw305:Header>
  <jw305:Client>
    <jw305:Bsn>${o.bsn ?? BSN_A}</jw305:Bsn>
    <jw305:Geboortedatum><ijw:Datum>2007-05-02</ijw:Datum></jw305:Geboortedatum>
    <jw305:Geslacht>2</jw305:Geslacht>
    <jw305:Naam><ijw:Geslachtsnaam><ijw:Achternaam>Vries-Özdemir</ijw:Achternaam></ijw:Geslachtsnaam><ijw:Voorletters>N</ijw:Voorletters></jw305:Naam>
    <jw305:StartProducten>
      <jw305:StartProduct>
        ${o.nummer === null ? '' : `<jw305:ToewijzingNummer>${o.nummer ?? '4500123'}</jw305:ToewijzingNummer>`}
        <jw305:Product><ijw:Categorie>45</ijw:Categorie><ijw:Code>45A48</ijw:Code></jw305:Product>
        <jw305:ToewijzingIngangsdatum>2024-03-01</jw305:ToewijzingIngangsdatum>
        <jw305:Begindatum>${o.begindatum ?? '2024-03-11'}</jw305:Begindatum>
        <jw305:StatusAanlevering>${o.status ?? '1'}</jw305:StatusAanlevering>
      </jw305:StartProduct>
    </jw305:StartProducten>
  </jw305:Client>
</jw305:Bericht>`;
}

/** A JW307 in a default namespace (no prefix), which the iJw XSDs allow as well. */
export function jw307(o: StartStopOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw307/schema" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
  <Header>
    <BerichtCode>440</BerichtCode>
    <BerichtVersie>3</BerichtVersie>
    <BerichtSubversie>2</BerichtSubversie>
    <Afzender>98000045</Afzender>
    <Ontvanger>0599</Ontvanger>
    <BerichtIdentificatie><ijw:Identificatie>${o.id ?? 'SP-0001'}</ijw:Identificatie><ijw:Dagtekening>2024-09-30</ijw:Dagtekening></BerichtIdentificatie>
    <XsdVersie><ijw:BasisschemaXsdVersie>1.2.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.2.0</ijw:BerichtXsdVersie></XsdVersie>
  </Header>
  <Client>
    <Bsn>${o.bsn ?? BSN_A}</Bsn>
    <Geboortedatum><ijw:Datum>2007-05-02</ijw:Datum></Geboortedatum>
    <Geslacht>2</Geslacht>
    <Naam><ijw:Geslachtsnaam><ijw:Achternaam>Vries-Özdemir</ijw:Achternaam></ijw:Geslachtsnaam></Naam>
    <StopProducten>
      <StopProduct>
        ${o.nummer === null ? '' : `<ToewijzingNummer>${o.nummer ?? '4500123'}</ToewijzingNummer>`}
        <Product><ijw:Categorie>45</ijw:Categorie><ijw:Code>45A48</ijw:Code></Product>
        <ToewijzingIngangsdatum>2024-03-01</ToewijzingIngangsdatum>
        <Begindatum>${o.begindatum ?? '2024-03-11'}</Begindatum>
        <RedenBeeindiging>19</RedenBeeindiging>
        <Einddatum>${o.einddatum ?? '2024-09-30'}</Einddatum>
        <StatusAanlevering>${o.status ?? '1'}</StatusAanlevering>
      </StopProduct>
    </StopProducten>
  </Client>
</Bericht>`;
}
