import { OpaqueIds } from './opaque';

describe('OpaqueIds', () => {
  const ids = new OpaqueIds('k'.repeat(16) + 'another-part-of-the-secret');
  const other = new OpaqueIds('a different secret of sufficient length!!');

  it('gives a household an id no one can compute from its address without the key', () => {
    expect(ids.household('0363010000000001')).toBe(ids.household('0363010000000001'));
    expect(ids.household('0363010000000001')).not.toBe(ids.household('0363010000000002'));
    expect(other.household('0363010000000001')).not.toBe(ids.household('0363010000000001'));
    expect(ids.household('0363010000000001')).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('seals cursors so they can be neither read nor forged', () => {
    const cursor = ids.seal(['2026-12-01T10:00:00.000Z', '42']);
    expect(cursor).not.toContain('2026');
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('2026');
    expect(ids.open(cursor)).toEqual(['2026-12-01T10:00:00.000Z', '42']);
    expect(other.open(cursor)).toBeUndefined();
    const flipped = Buffer.from(cursor, 'base64url');
    flipped[flipped.length - 1] ^= 1;
    expect(ids.open(flipped.toString('base64url'))).toBeUndefined();
    expect(ids.open('not a cursor')).toBeUndefined();
    expect(ids.open(Buffer.from(JSON.stringify(['2026-12-01', '1'])).toString('base64url'))).toBeUndefined();
  });

  it('refuses a short key', () => {
    expect(() => new OpaqueIds('short')).toThrow(RangeError);
  });
});
