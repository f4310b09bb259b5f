import { canonicalJson } from './canonical';
import { canonicalRecord, chainHash, GENESIS_HASH, type AuditRecord } from './record';

const record: Omit<AuditRecord, 'hash'> = {
  stroom: 'wmo:abc123',
  volgnummer: 1,
  id: '6f1c1d7e-0c4b-4a57-9a3e-3f1b2f6f0a11',
  tijdstip: '2026-11-23T10:15:30.123Z',
  soort: 'VERWERKING',
  bron: 'wmo',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  verwerkingsactiviteit: 'VA-SD-01',
  betrokkene: { id: '999990019', type: 'BSN' },
  actor: { sub: 'consulent-1', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
  doel: 'WMO_ONDERSTEUNING',
  operatie: 'Dossier',
  documentHash: null,
  verstrekt: ['WmoVoorziening.productCode', 'WmoDossier.voorzieningen'],
  geweigerd: [{ veld: 'Persoon.jeugd', code: 'FORBIDDEN' }],
  status: 'GEDEELTELIJK',
  httpStatus: null,
};

describe('canonical JSON', () => {
  it('sorts keys by code unit, writes no whitespace, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, { z: null, y: true }], A: 'x', é: 'é' })).toBe('{"A":"x","a":[3,1,{"y":true,"z":null}],"b":1,"é":"é"}');
  });

  it('escapes strings as RFC 8785 does', () => {
    expect(canonicalJson({ s: 'line\n"quote"\\ \u0001 \u2028' })).toBe('{"s":"line\\n\\"quote\\"\\\\ \\u0001 \u2028"}');
  });

  it('is the same whatever order the object was built in', () => {
    const reversed = Object.fromEntries(Object.entries(record).reverse()) as typeof record;
    expect(canonicalRecord(reversed)).toBe(canonicalRecord(record));
  });

  it('refuses values whose form could differ between writer and verifier', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined/);
    expect(() => canonicalJson({ a: 1.5 })).toThrow(/safe integers/);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/safe integers/);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson({ a: [1, { b: 0.5 }] })).toThrow('found at $.a[1].b');
  });

  it('covers exactly the record fields, not stray properties', () => {
    const withExtra = { ...record, extra: 'not hashed' } as typeof record;
    expect(canonicalRecord(withExtra)).toBe(canonicalRecord(record));
  });

  it('gives a fixed hash for a fixed record (the format is a contract with every stored chain)', () => {
    // If this changes, every stored chain stops verifying: change the format only with a migration.
    expect(canonicalRecord(record)).toBe(
      '{"actor":{"organisatie":"gemeente","rollen":["wmo-consulent"],"sub":"consulent-1"},"betrokkene":{"id":"999990019","type":"BSN"},"bron":"wmo","documentHash":null,' +
        '"doel":"WMO_ONDERSTEUNING","geweigerd":[{"code":"FORBIDDEN","veld":"Persoon.jeugd"}],"httpStatus":null,"id":"6f1c1d7e-0c4b-4a57-9a3e-3f1b2f6f0a11","operatie":"Dossier",' +
        '"soort":"VERWERKING","spanId":"00f067aa0ba902b7","status":"GEDEELTELIJK","stroom":"wmo:abc123","tijdstip":"2026-11-23T10:15:30.123Z","traceId":"4bf92f3577b34da6a3ce929d0e0e4736",' +
        '"verstrekt":["WmoVoorziening.productCode","WmoDossier.voorzieningen"],"verwerkingsactiviteit":"VA-SD-01","volgnummer":1}',
    );
    // SHA-256 over those UTF-8 bytes followed by 32 zero bytes (the genesis hash), computed apart.
    const first = chainHash(record, GENESIS_HASH);
    expect(first).toBe('b192eaed7beee0aede906d4a79f37a79fadfe73bba58e4ff372c037300659a3c');
    // The previous hash is part of the input: the same record after another one hashes differently.
    expect(chainHash(record, first)).not.toBe(first);
    expect(chainHash({ ...record, verstrekt: ['WmoVoorziening.productCode'] }, GENESIS_HASH)).not.toBe(first);
  });
});
