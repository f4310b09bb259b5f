import { SourceError } from './errors';
import { parseFeed, parseJeugdBericht } from './parse';
import { BSN_A, jw301, jw305, jw307 } from './testing/messages';

function protocolError(fn: () => unknown): SourceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe('SOURCE_PROTOCOL_ERROR');
    expect((error as SourceError).source).toBe('JEUGD');
    return error as SourceError;
  }
  throw new Error('expected a SourceError');
}

describe('parseJeugdBericht', () => {
  it('reads a JW301 into a toewijzing, skipping name and address', () => {
    const bericht = parseJeugdBericht(jw301(), '7');
    expect(bericht).toEqual({
      soort: 'JW301',
      id: 'JW301:0599:TW-0001',
      berichtCode: '436',
      identificatie: 'TW-0001',
      dagtekening: '2024-03-01',
      afzender: '0599',
      ontvanger: '98000045',
      burgerservicenummer: BSN_A,
      positie: '7',
      toewijzingen: [
        {
          burgerservicenummer: BSN_A,
          toewijzingNummer: '4500123',
          productCategorie: '45',
          productCode: '45A48',
          omschrijving: 'Ambulante begeleiding & training',
          verwijzer: '02',
          ingangsdatum: '2024-03-01',
          einddatum: '2025-02-28',
          startZorg: null,
          stopZorg: null,
          omvang: { volume: 3, eenheid: '04', frequentie: '2' },
        },
      ],
    });
    expect(JSON.stringify(bericht)).not.toMatch(/Vries|Havenstraat|2007-05-02/);
  });

  it('maps absent optional elements to null (aspecific product, open end, no omvang)', () => {
    const bericht = parseJeugdBericht(jw301({ code: '', einddatum: '', omvang: false, commentaar: '' }));
    if (bericht.soort !== 'JW301') throw new Error('expected JW301');
    expect(bericht.toewijzingen[0]).toMatchObject({ productCode: '', einddatum: null, omvang: null, omschrijving: null });
  });

  it('reads a JW305 start and a JW307 stop (default namespace, no prefixes)', () => {
    expect(parseJeugdBericht(jw305())).toMatchObject({
      soort: 'JW305',
      id: 'JW305:98000045:ST-0001',
      afzender: '98000045',
      ontvanger: '0599',
      startProducten: [
        { toewijzingNummer: '4500123', productCategorie: '45', productCode: '45A48', toewijzingIngangsdatum: '2024-03-01', begindatum: '2024-03-11', statusAanlevering: '1' },
      ],
    });
    expect(parseJeugdBericht(jw307())).toMatchObject({
      soort: 'JW307',
      id: 'JW307:98000045:SP-0001',
      stopProducten: [{ toewijzingNummer: '4500123', begindatum: '2024-03-11', einddatum: '2024-09-30', redenBeeindiging: '19' }],
    });
  });

  it('rejects a BSN failing the elfproef without echoing it', () => {
    const error = protocolError(() => parseJeugdBericht(jw301({ bsn: '999990033' })));
    expect(error.message).toBe('message: Client/Bsn: expected a burgerservicenummer (9 digits passing the elfproef)');
    expect(error.message).not.toContain('999990033');
  });

  it('rejects an impossible date, naming the element', () => {
    const error = protocolError(() => parseJeugdBericht(jw305({ begindatum: '2024-02-30' })));
    expect(error.message).toContain('Client/StartProducten/StartProduct[1]/Begindatum: expected a date YYYY-MM-DD');
  });

  it('rejects other message kinds and versions', () => {
    expect(protocolError(() => parseJeugdBericht(jw301().replace('>436<', '>446<'))).message).toContain('Header/BerichtCode');
    expect(protocolError(() => parseJeugdBericht(jw301().replace('BerichtVersie>3<', 'BerichtVersie>2<'))).message).toContain(
      'Header/BerichtVersie',
    );
  });

  it('rejects malformed XML without quoting it', () => {
    const error = protocolError(() => parseJeugdBericht('<jw301:Bericht><Naam>Vries</Bericht>'));
    expect(error.message).toBe('message: expected well-formed XML');
  });

  it('rejects a stop that ends before it began', () => {
    expect(protocolError(() => parseJeugdBericht(jw307({ einddatum: '2024-03-01' }))).message).toContain(
      'Einddatum: expected a date on or after Begindatum',
    );
  });
});

describe('parseFeed', () => {
  const strip = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\s*/, '');

  it('reads a page and rejects a bad message on its own, without personal data', () => {
    const feed = `<?xml version="1.0" encoding="UTF-8"?>
<Berichtenfeed volgende="cDM" meer="true" aantal="3">
  <Bericht positie="1" soort="JW301">${strip(jw301())}</Bericht>
  <Bericht positie="2" soort="JW301">${strip(jw301({ id: 'TW-0002', bsn: '123456789' }))}</Bericht>
  <Bericht positie="3" soort="JW305">${strip(jw305())}</Bericht>
</Berichtenfeed>`;
    const page = parseFeed(feed);
    expect(page.volgende).toBe('cDM');
    expect(page.meer).toBe(true);
    expect(page.berichten.map((b) => [b.soort, b.positie])).toEqual([
      ['JW301', '1'],
      ['JW305', '3'],
    ]);
    expect(page.rejected).toEqual([{ positie: '2', reden: 'Client/Bsn: expected a burgerservicenummer (9 digits passing the elfproef)' }]);
  });

  it('reads an empty page', () => {
    expect(parseFeed('<Berichtenfeed volgende="cDA" meer="false" aantal="0"></Berichtenfeed>')).toEqual({
      berichten: [],
      rejected: [],
      volgende: 'cDA',
      meer: false,
    });
  });

  it('refuses a document that is not a feed page', () => {
    expect(protocolError(() => parseFeed('<html><body>Onderhoud</body></html>')).message).toContain('<Berichtenfeed>');
    expect(protocolError(() => parseFeed('<Berichtenfeed meer="false"/>')).message).toContain('volgende');
    expect(protocolError(() => parseFeed('<Berichtenfeed volgende="x" meer="ja"/>')).message).toContain('meer');
    expect(protocolError(() => parseFeed('<Berichtenfeed volgende="x" meer="true"><Bericht/></Berichtenfeed>')).message).toContain(
      'positie',
    );
  });
});
