import { bsnCheckDigit, isValidBsn } from './bsn';

describe('isValidBsn', () => {
  it.each(['999990007', '999990019', '999990032', '999990044', '999990020', '999990056', '999990068', '999990081', '999990093', '999990111', '999990135'])(
    'accepts showcase BSN %s',
    (bsn) => expect(isValidBsn(bsn)).toBe(true),
  );
  it.each(['123456789', '999990008', '99999000', '9999900070', 'abcdefghi', ''])('rejects %p', (v) => expect(isValidBsn(v)).toBe(false));
});

describe('bsnCheckDigit', () => {
  it('completes a prefix to a valid BSN', () => {
    expect(bsnCheckDigit('99999001')).toBe(9);
    expect(isValidBsn(`99999001${bsnCheckDigit('99999001')}`)).toBe(true);
  });
  it('returns null where no digit fits', () => {

    const prefixes = Array.from({ length: 100 }, (_, i) => `999900${String(i).padStart(2, '0')}`);
    expect(prefixes.some((p) => bsnCheckDigit(p) === null)).toBe(true);
  });
});
