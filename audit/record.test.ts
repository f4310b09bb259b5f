import { canonicalJson } from './canonical';
import { canonicalRecord, chainHash, GENESIS_HASH, type AuditRecord } from './record';

type Unhashed = Omit<AuditRecord, 'hash'>;

function record(i: number): Unhashed {
  const odd = i % 2 === 1;
  return {
    id: `0000000${i}-aaaa-4bbb-8ccc-dddddddddddd`,
    tijdstip: new Date(Date.UTC(2026, 10, 23, 9, 0, 0, i)).toISOString(),
    soort: odd ? 'VERZOEK' : 'VERWERKING',
    bron: odd ? 'gateway' : 'wmo',
    traceId: i.toString(16).padStart(32, '0'),
    spanId: '00f067aa0ba902b7',
    verwerkingsactiviteit: 'VA-SD-01',
    betrokkene: odd ? null : { id: '999990019', type: 'BSN' },
    // Text a JSON writer could get wrong: quotes, backslashes, control characters, non-ASCII, a lone surrogate.
    actor: { sub: ['consulent "1"', 'a\\b\n\t\u0001', 'zoë 👩‍⚕️', '\ud800x'][i % 4], organisatie: 'gemeente', rollen: odd ? [] : ['regisseur', 'wmo-consulent'] },
    doel: 'INTEGRALE_AANPAK',
    operatie: odd ? null : 'Dossier',
    documentHash: odd ? 'ab'.repeat(32) : null,
    verstrekt: odd ? [] : ['Persoon.naam', 'WmoDossier.voorzieningen', 'Ünïcode.veld'],
    geweigerd: odd ? [{ veld: 'Persoon.jeugd', code: 'CONSENT_REQUIRED' }, { veld: 'Persoon.wmo', code: 'FORBIDDEN' }] : [],
    status: odd ? 'VOLTOOID' : 'VERSTREKT',
    httpStatus: odd ? 200 : null,
    stroom: `wmo:pod-${i}`,
    volgnummer: i + 1,
  };
}

/** The record in the shape `canonicalJson` sorts and writes generically. */
function generic(r: Unhashed): string {
  return canonicalJson({ ...r, betrokkene: r.betrokkene && { ...r.betrokkene }, actor: { ...r.actor }, geweigerd: r.geweigerd.map((g) => ({ ...g })) });
}

describe('canonicalRecord', () => {
  it('writes exactly what the general canonical JSON writes for the same record', () => {
    for (let i = 0; i < 16; i++) expect(canonicalRecord(record(i))).toBe(generic(record(i)));
  });

  it('covers the listed fields only, not stray properties', () => {
    const r = record(0);
    expect(canonicalRecord({ ...r, extra: 'column' } as Unhashed)).toBe(canonicalRecord(r));
    expect(chainHash(r, GENESIS_HASH)).not.toBe(chainHash({ ...r, verstrekt: ['Persoon.naam'] }, GENESIS_HASH));
  });

  it('refuses what it cannot write unambiguously', () => {
    expect(() => canonicalRecord({ ...record(0), operatie: undefined } as unknown as Unhashed)).toThrow(TypeError);
    expect(() => canonicalRecord({ ...record(0), volgnummer: 1.5 })).toThrow(/safe integers/);
    expect(() => canonicalRecord({ ...record(0), verstrekt: [1] } as unknown as Unhashed)).toThrow(TypeError);
  });
});
