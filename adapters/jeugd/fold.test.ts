import type { JeugdhulpRecord } from '../../domain/records';
import { foldBerichten } from './fold';
import { parseJeugdBericht } from './parse';
import { BSN_A, BSN_B, jw301, jw305, jw307 } from './testing/messages';

// Every message here is hand-written XML (testing/messages.ts), parsed by the adapter's parser.
const toewijzing = (o?: Parameters<typeof jw301>[0]) => parseJeugdBericht(jw301(o));
const start = (o?: Parameters<typeof jw305>[0]) => parseJeugdBericht(jw305(o));
const stop = (o?: Parameters<typeof jw307>[0]) => parseJeugdBericht(jw307(o));

const BASE: JeugdhulpRecord = {
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
};

describe('foldBerichten', () => {
  it('JW301 creates the toewijzing', () => {
    const result = foldBerichten(new Map(), [toewijzing()]);
    expect(result.changed).toEqual([BASE]);
    expect(result.applied).toEqual(['JW301:0599:TW-0001']);
    expect(result.records.get('4500123')).toEqual(BASE);
  });

  it('JW305 sets startZorg; a JW307 after the start sets stopZorg and closes the toewijzing', () => {
    const result = foldBerichten([], [toewijzing(), start(), stop()]);
    expect(result.changed).toEqual([{ ...BASE, startZorg: '2024-03-11', stopZorg: '2024-09-30', einddatum: '2024-09-30' }]);
  });

  it('a stop closes an open-ended toewijzing too', () => {
    const result = foldBerichten([], [toewijzing({ einddatum: '' }), start(), stop()]);
    expect(result.changed[0]).toMatchObject({ einddatum: '2024-09-30', stopZorg: '2024-09-30' });
  });

  it('a stop after the einddatum keeps the earlier einddatum', () => {
    const result = foldBerichten([], [toewijzing(), stop({ einddatum: '2025-06-30' })]);
    expect(result.changed[0]).toMatchObject({ einddatum: '2025-02-28', stopZorg: '2025-06-30' });
  });

  describe('idempotency', () => {
    it('skips a message repeated in the same batch', () => {
      const result = foldBerichten([], [toewijzing(), start(), start(), toewijzing()]);
      expect(result.duplicates).toEqual(['JW305:98000045:ST-0001', 'JW301:0599:TW-0001']);
      expect(result.applied).toHaveLength(2);
      expect(result.changed).toEqual([{ ...BASE, startZorg: '2024-03-11' }]);
    });

    it('skips a message applied by an earlier fold', () => {
      const first = foldBerichten([], [toewijzing(), start()]);
      const second = foldBerichten(first.records, [start(), toewijzing()], { alreadyApplied: first.applied });
      expect(second.changed).toEqual([]);
      expect(second.duplicates).toEqual(['JW305:98000045:ST-0001', 'JW301:0599:TW-0001']);
    });

    it('re-applying the same facts changes nothing even without the applied ids', () => {
      const first = foldBerichten([], [toewijzing(), start(), stop()]);
      const second = foldBerichten(first.records, [toewijzing(), start(), stop()]);
      expect(second.changed).toEqual([]);
    });

    it('a redelivered JW301 does not reopen a toewijzing the provider stopped', () => {
      const first = foldBerichten([], [toewijzing(), stop()]);
      const second = foldBerichten(first.records, [toewijzing()]);
      expect(second.changed).toEqual([]);
      expect(second.records.get('4500123')).toMatchObject({ einddatum: '2024-09-30' });
    });

    it('skips a superseded JW301 redelivered after its wijziging when ids are kept', () => {
      const first = foldBerichten([], [toewijzing(), toewijzing({ id: 'TW-0002', einddatum: '2024-12-31' })]);
      expect(first.records.get('4500123')).toMatchObject({ einddatum: '2024-12-31' });
      const second = foldBerichten(first.records, [toewijzing()], { alreadyApplied: new Set(first.applied) });
      expect(second.changed).toEqual([]);
    });
  });

  describe('order', () => {
    it('keeps a start that arrives before its JW301 pending, then applies it in the same batch', () => {
      const result = foldBerichten([], [start(), stop(), toewijzing()]);
      expect(result.pending).toEqual([]);
      expect(result.changed).toEqual([{ ...BASE, startZorg: '2024-03-11', stopZorg: '2024-09-30', einddatum: '2024-09-30' }]);
    });

    it('carries pending reports to a later fold', () => {
      const first = foldBerichten([], [stop()]);
      expect(first.changed).toEqual([]);
      expect(first.pending).toHaveLength(1);
      expect(first.pending[0]).toMatchObject({ soort: 'JW307', berichtId: 'JW307:98000045:SP-0001' });

      const second = foldBerichten(first.records, [toewijzing()], { pending: first.pending, alreadyApplied: first.applied });
      expect(second.pending).toEqual([]);
      expect(second.changed).toEqual([{ ...BASE, stopZorg: '2024-09-30', einddatum: '2024-09-30' }]);
    });

    it('applies pending reports whose toewijzing the caller already holds', () => {
      const first = foldBerichten([], [start()]);
      const result = foldBerichten([BASE], [], { pending: first.pending });
      expect(result.changed).toEqual([{ ...BASE, startZorg: '2024-03-11' }]);
    });

    it('a stop before the start gives the same record as start then stop', () => {
      const a = foldBerichten([], [toewijzing(), stop(), start()]);
      const b = foldBerichten([], [toewijzing(), start(), stop()]);
      expect(a.changed).toEqual(b.changed);
    });

    it('a gewijzigde toewijzing keeps the start the provider reported', () => {
      const result = foldBerichten([], [toewijzing(), start(), toewijzing({ id: 'TW-0002', einddatum: '2025-12-31', verwijzer: '04' })]);
      expect(result.changed).toEqual([{ ...BASE, einddatum: '2025-12-31', verwijzer: '04', startZorg: '2024-03-11' }]);
    });
  });

  describe('reports it cannot apply', () => {
    it('keeps a stop for an unknown toewijzing pending instead of failing', () => {
      const result = foldBerichten([BASE], [stop({ nummer: '9999999' })]);
      expect(result.changed).toEqual([]);
      expect(result.pending.map((p) => p.product.toewijzingNummer)).toEqual(['9999999']);
    });

    it('rejects a report whose BSN differs from the toewijzing', () => {
      const result = foldBerichten([BASE], [start({ bsn: BSN_B })]);
      expect(result.changed).toEqual([]);
      expect(result.rejected).toEqual([{ berichtId: 'JW305:98000045:ST-0001', toewijzingNummer: '4500123', reden: 'BSN_WIJKT_AF' }]);
      expect(JSON.stringify(result.rejected)).not.toContain(BSN_B);
    });

    it('rejects StatusAanlevering 3 (verwijderen) as not supported', () => {
      const result = foldBerichten([BASE], [stop({ status: '3' })]);
      expect(result.changed).toEqual([]);
      expect(result.rejected[0].reden).toBe('STATUS_AANLEVERING_NIET_ONDERSTEUND');
    });
  });

  it('matches a report without ToewijzingNummer by client and product', () => {
    const result = foldBerichten([BASE], [start({ nummer: null })]);
    expect(result.changed).toEqual([{ ...BASE, startZorg: '2024-03-11' }]);
    const ambiguous = foldBerichten([BASE, { ...BASE, toewijzingNummer: '4500124' }], [start({ nummer: null })]);
    expect(ambiguous.rejected[0].reden).toBe('MEERDERE_TOEWIJZINGEN_PASSEN');
  });

  it('never modifies its input', () => {
    const current = new Map([[BASE.toewijzingNummer, BASE]]);
    const frozen = JSON.stringify([...current]);
    const berichten = [start(), stop()];
    const frozenBerichten = JSON.stringify(berichten);
    foldBerichten(current, berichten);
    expect(JSON.stringify([...current])).toBe(frozen);
    expect(JSON.stringify(berichten)).toBe(frozenBerichten);
  });
});
