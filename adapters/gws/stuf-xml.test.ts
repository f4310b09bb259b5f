/**
 * Reading a StUF tijdstip (Dutch wall-clock time without a zone) as an instant, the clock
 * changes included: what GWS's answers are versioned by (read-model/versions.ts).
 */
import { formatTijdstip, isTijdstip, tijdstipToIso } from './stuf-xml';

const MINUTE = 60_000;
const near = (iso: string) => new Date(iso);

describe('tijdstipToIso', () => {
  it('reads winter time as UTC+1 and summer time as UTC+2, milliseconds as given or zero', () => {
    expect(tijdstipToIso('20260201112030456', near('2026-02-01T10:20:31Z'))).toBe('2026-02-01T10:20:30.456Z');
    expect(tijdstipToIso('20260701120000000', near('2026-07-01T10:00:00Z'))).toBe('2026-07-01T10:00:00.000Z');
    expect(tijdstipToIso('20260201112030', near('2026-02-01T10:20:31Z'))).toBe('2026-02-01T10:20:30.000Z');
    expect(tijdstipToIso('202602011120304', near('2026-02-01T10:20:31Z'))).toBe('2026-02-01T10:20:30.400Z');
  });

  it('is the instant GWS stated, however far our clock is from GWS’s (outside the hour the clocks go back)', () => {
    expect(tijdstipToIso('20260201112030456', near('2026-12-06T14:00:00Z'))).toBe('2026-02-01T10:20:30.456Z');
    expect(tijdstipToIso('20260201112030456', near('2020-01-01T00:00:00Z'))).toBe('2026-02-01T10:20:30.456Z');
  });

  it('tells apart the two instants a reading names when the clocks go back, by the one nearer our clock', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC, so 02:30 happens twice.
    expect(tijdstipToIso('20261025023000000', near('2026-10-25T00:31:00Z'))).toBe('2026-10-25T00:30:00.000Z');
    expect(tijdstipToIso('20261025023000000', near('2026-10-25T01:29:00Z'))).toBe('2026-10-25T01:30:00.000Z');
  });

  it('reads a time the clocks skip when they go forward at the offset before the change', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; a Dutch clock never shows 02:30.
    expect(tijdstipToIso('20260329023000000', near('2026-03-29T01:30:00Z'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('orders the readings of a Dutch clock across both changes as they happened, with our clock minutes off', () => {
    for (const [from, to, ...edges] of [
      ['2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z', '2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z'],
      ['2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z', '2026-10-25T00:59:59.999Z', '2026-10-25T01:00:00.000Z'],
    ]) {
      const instants = edges.map((e) => Date.parse(e));
      for (let t = Date.parse(from); t <= Date.parse(to); t += 7 * MINUTE + 13) instants.push(t);
      instants.sort((a, b) => a - b);
      // GWS's clock 10 minutes ahead of ours, then 10 minutes behind.
      for (const skew of [-10 * MINUTE, 10 * MINUTE]) {
        const read = instants.map((t) => tijdstipToIso(formatTijdstip(new Date(t)), new Date(t + skew)));
        expect(read).toEqual(instants.map((t) => new Date(t).toISOString()));
        expect([...read].sort()).toEqual(read);
      }
    }
  });

  it('refuses what is not a tijdstip', () => {
    expect(() => tijdstipToIso('20261315112030456', near('2026-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('isTijdstip', () => {
  it.each(['20260201112030', '202602011120304', '20260201112030456', '20240229235959999'])('takes %s', (text) => {
    expect(isTijdstip(text)).toBe(true);
  });
  it.each(['20261315112030456', '20260230112030456', '20260201242030456', '20260201116030456', '2026020111203', '202602011120304567', '2026-02-01T11:20:30', ''])(
    'refuses %p',
    (text) => {
      expect(isTijdstip(text)).toBe(false);
    },
  );
});
