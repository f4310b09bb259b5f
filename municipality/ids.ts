/**
 * Identifier sequences. Numbers are handed out in generation order, showcase first, so the
 * showcase records have the same identifiers for every seed and size, and a generated record's
 * identifier depends only on the options.
 *
 * Formats: BAG identifications are gemeentecode + objecttype ('01' verblijfsobject, '20'
 * nummeraanduiding) + a ten-digit serial, as in the real BAG; toewijzingnummers are eight digits
 * (Wmo from 10000001, Jeugd from 20000001, so the two never collide even if a consumer mixes them);
 * GWS dossiers 'PW' + eight digits; LAS verzuimmeldingen 'VM' + eight digits and vrijstellingen
 * 'VR' + eight digits.
 */
export class IdSequences {
  private address = 0;
  private wmoSeq = 10_000_000;
  private jeugdSeq = 20_000_000;
  private dossierSeq = 0;
  private meldingSeq = 0;
  private vrijstellingSeq = 0;

  constructor(private readonly gemeenteCode: string) {}

  /** Both BAG identifications for the next dwelling. */
  nextAddress(): { adresseerbaarObjectId: string; nummeraanduidingId: string } {
    const serial = String(++this.address).padStart(10, '0');
    return {
      adresseerbaarObjectId: `${this.gemeenteCode}01${serial}`,
      nummeraanduidingId: `${this.gemeenteCode}20${serial}`,
    };
  }

  wmo(): string {
    return String(++this.wmoSeq);
  }

  jeugd(): string {
    return String(++this.jeugdSeq);
  }

  dossier(): string {
    return `PW${String(++this.dossierSeq).padStart(8, '0')}`;
  }

  melding(): string {
    return `VM${String(++this.meldingSeq).padStart(8, '0')}`;
  }

  vrijstelling(): string {
    return `VR${String(++this.vrijstellingSeq).padStart(8, '0')}`;
  }
}
