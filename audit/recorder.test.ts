import type { AuditEntry } from './record';
import { RequestRecorder } from './recorder';
import { loadVerwerkingsregister } from './register';
import { requestContext } from './testing/backends';

const register = loadVerwerkingsregister();

function recorder(overrides: Parameters<typeof requestContext>[0] = {}) {
  const written: AuditEntry[][] = [];
  const r = new RequestRecorder(async (e) => void written.push(e), register, requestContext(overrides), 'wmo');
  return { r, written };
}

describe('per-request recorder', () => {
  it('writes one record per data subject with deduplicated, sorted field coordinates', async () => {
    const { r, written } = recorder();
    for (let i = 0; i < 3; i++) {
      r.disclosed('999990019', 'WmoVoorziening.productCode');
      r.disclosed('999990019', 'WmoDossier.voorzieningen');
    }
    r.disclosed('999990007', 'Persoon.wmo');
    r.withheld('999990007', 'Persoon.jeugd', 'FORBIDDEN');
    r.withheld('999990007', 'Persoon.jeugd', 'FORBIDDEN');
    await r.flush();
    expect(written).toHaveLength(1);
    const bySubject = Object.fromEntries(written[0].map((e) => [e.betrokkene!.id, e]));
    expect(bySubject['999990019']).toMatchObject({
      soort: 'VERWERKING',
      bron: 'wmo',
      betrokkene: { id: '999990019', type: 'BSN' },
      verstrekt: ['WmoDossier.voorzieningen', 'WmoVoorziening.productCode'],
      geweigerd: [],
      status: 'VERSTREKT',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      verwerkingsactiviteit: 'VA-SD-01',
      doel: 'WMO_ONDERSTEUNING',
      operatie: 'Dossier',
      documentHash: 'a'.repeat(64),
      // The municipality's own staff carry no org claim: recorded as the organisation they act for.
      actor: { sub: 'consulent-1', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
      httpStatus: null,
    });
    expect(bySubject['999990007']).toMatchObject({ verstrekt: ['Persoon.wmo'], geweigerd: [{ veld: 'Persoon.jeugd', code: 'FORBIDDEN' }], status: 'GEDEELTELIJK' });
  });

  it('marks a subject of whom nothing was disclosed as GEWEIGERD, with the partner organisation', async () => {
    const { r, written } = recorder({ actor: { sub: 'mee-1', organisatie: 'mee', rollen: ['partner'] }, doel: 'INTEGRALE_AANPAK' });
    r.withheld('999990044', 'Persoon.jeugd', 'CONSENT_REQUIRED');
    r.withheld('999990044', 'Query.persoon', 'CONSENT_REQUIRED');
    await r.flush();
    expect(written[0]).toEqual([
      expect.objectContaining({
        status: 'GEWEIGERD',
        verstrekt: [],
        geweigerd: [
          { veld: 'Persoon.jeugd', code: 'CONSENT_REQUIRED' },
          { veld: 'Query.persoon', code: 'CONSENT_REQUIRED' },
        ],
        actor: { sub: 'mee-1', organisatie: 'mee', rollen: ['partner'] },
        verwerkingsactiviteit: 'VA-SD-05',
      }),
    ]);
  });

  it('writes nothing for a request that processed no personal data, and ignores calls after flush', async () => {
    const { r, written } = recorder();
    await r.flush();
    r.disclosed('999990019', 'Persoon.naam');
    expect(written).toEqual([[]]);
    expect(r.entries()).toEqual([]);
  });

  it('puts processing about no single subject into one record without subject', async () => {
    const { r, written } = recorder({ actor: { sub: 'fg', organisatie: 'gemeente', rollen: ['privacy-officer'] }, doel: 'AUDIT' });
    r.processedWithoutSubject('Query.verifieerAuditLog');
    r.processedWithoutSubject('Query.vernietigingen');
    await r.flush();
    expect(written[0]).toEqual([expect.objectContaining({ betrokkene: null, verstrekt: ['Query.verifieerAuditLog', 'Query.vernietigingen'], verwerkingsactiviteit: 'VA-SD-06' })]);
  });

  it('passes a failed write on to the caller (the subgraph then answers SOURCE_UNAVAILABLE)', async () => {
    const r = new RequestRecorder(() => Promise.reject(new Error('down')), register, requestContext(), 'wmo');
    r.disclosed('999990019', 'Persoon.wmo');
    await expect(r.flush()).rejects.toThrow('down');
  });
});
