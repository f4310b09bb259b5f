import { createAuditReports, loadVerwerkingsregister, reportLabels } from '../../audit';
import { loadOrganisations } from '../../policy';
import type { Db } from '../../lib/db';
import { OpaqueIds } from '../../lib/opaque';
import { resolvers as toestemmingResolvers } from '../toestemming/resolvers';
import { resolvers } from './resolvers';

/**
 * Dates and periods from the privacy officer (and the consent register) are refused before any
 * database is asked: each resolver runs here against a database that fails the test when queried.
 */

const untouchable: Db = new Proxy({} as Db, {
  get(_target, property) {
    if (property === 'then') return undefined;
    return () => {
      throw new Error(`the database was used (${String(property)})`);
    };
  },
});

const labels = reportLabels({ organisations: loadOrganisations() });

function context() {
  const recorder = { disclosed: jest.fn(), processedWithoutSubject: jest.fn() };
  return {
    policy: { guardUnscoped: jest.fn(), recorder },
    loaders: createAuditReports(untouchable, { register: loadVerwerkingsregister(), verify: () => Promise.reject(new Error('not here')) }, new OpaqueIds('resolver-test-id-key-of-32-characters!'), labels),
  };
}

type Resolve = (root: unknown, args: unknown, ctx: unknown, info: unknown) => Promise<unknown>;
const query = (name: keyof NonNullable<typeof resolvers.Query>) => (resolvers.Query as Record<string, Resolve>)[name];

const BAD_DATES = ['0000-01-01', '2026-02-30', '9999-99-99', '2026-1-1', '2026-01-01T25:00:00Z', '2200-01-01', '1899-12-31'];

describe('the audit resolvers check dates and periods before the database', () => {
  it.each(BAD_DATES)('snuffelRapport refuses %s', async (date) => {
    await expect(query('snuffelRapport')({}, { van: date, tot: '2026-01-02' }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(query('snuffelRapport')({}, { van: '2026-01-01', tot: date }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a period that ends before it starts, or is absurdly long', async () => {
    for (const [van, tot] of [
      ['2026-02-01', '2026-01-01'],
      ['2026-01-01', '2026-01-01'],
      ['1900-01-01', '2199-12-31'],
    ]) {
      await expect(query('snuffelRapport')({}, { van, tot }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
    await expect(query('auditRecords')({}, { filter: { van: '2026-02-01', tot: '2026-01-01' } }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(query('vernietigingen')({}, { van: '2026-02-01', tot: '2026-01-01' }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it.each(BAD_DATES)('auditRecords, inzageRapport and vernietigingen refuse %s', async (date) => {
    await expect(query('auditRecords')({}, { filter: { van: date } }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(query('auditRecords')({}, { filter: { tot: date } }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(query('inzageRapport')({}, { burgerservicenummer: '999990019', van: date }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(query('vernietigingen')({}, { tot: date }, context(), {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('reaches the database with good dates (so the stub above is what stopped the others)', async () => {
    await expect(query('snuffelRapport')({}, { van: '2026-01-01', tot: '2026-01-02T00:00:00+01:00' }, context(), {})).rejects.toThrow('the database was used');
  });

  it('never repeats the date it refuses', async () => {
    const refused = query('snuffelRapport')({}, { van: '2026-02-30', tot: '2026-03-01' }, context(), {});
    await expect(refused).rejects.toThrow(/van must be an ISO date/);
    await expect(refused).rejects.not.toThrow(/2026-02-30/);
  });
});

describe('registreerToestemming checks its dates before anything is read', () => {
  const input = { betrokkene: '999990032', gegevenDoor: '999990032', ontvanger: 'mee', domeinen: ['WMO'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-1', ondertekendOp: '2026-11-01' } };
  const register = (toestemmingResolvers.Mutation as Record<string, Resolve>).registreerToestemming;
  const ctx = () => {
    const fail = () => {
      throw new Error('read before the dates were checked');
    };
    return { policy: { guard: jest.fn(fail) }, loaders: { persons: { persons: jest.fn(fail) }, consents: { register: jest.fn(fail) } } };
  };

  it.each([
    { geldigTot: '2026-02-30' },
    { geldigTot: '0000-01-01' },
    { bewijs: { ...input.bewijs, ondertekendOp: '9999-99-99' } },
    { bewijs: { ...input.bewijs, ondertekendOp: '2026-02-29' } },
  ])('refuses %j', async (change) => {
    const c = ctx();
    await expect(register({}, { input: { ...input, ...change } }, c, {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(c.policy.guard).not.toHaveBeenCalled();
    expect(c.loaders.persons.persons).not.toHaveBeenCalled();
  });
});
