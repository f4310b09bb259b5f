import type { PersoonRecord } from '../domain/records';
import { openDb, type Db } from '../lib/db';
import { migrate } from '../lib/migrate';
import { PersonDirectory } from './person-directory';
import { upsertPersons } from './persons';

const IN_COPY = '999990019';
const HOUSEMATE = '999990007';
const PARENT_ELSEWHERE = '999990068';
const OUTSIDE = '999990111';
const UNKNOWN = '999990135';

const persoon = (bsn: string, adres: string): PersoonRecord =>
  ({ burgerservicenummer: bsn, naam: { volledigeNaam: `Persoon ${bsn.slice(-3)}` }, adres: { adresseerbaarObjectId: adres }, geheimhouding: false, ouders: [], gezag: [] }) as unknown as PersoonRecord;

describe('PersonDirectory', () => {
  let db: Db;
  const asked: string[][] = [];
  // The BRP as a boundary: the fake knows everyone but UNKNOWN.
  const brp = {
    async raadpleeg(bsns: readonly string[]) {
      asked.push([...bsns]);
      const world = [persoon(IN_COPY, 'A'), persoon(HOUSEMATE, 'A'), persoon(PARENT_ELSEWHERE, 'B'), persoon(OUTSIDE, 'B')];
      return world.filter((p) => bsns.includes(p.burgerservicenummer));
    },
    async zoekBsnsOpAdresseerbaarObject(id: string) {
      return id === 'A' ? [IN_COPY, HOUSEMATE] : [PARENT_ELSEWHERE, OUTSIDE];
    },
  };
  let queries = 0;

  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    // The copy: household A whole, and a parent whose household B it does not hold.
    await upsertPersons(db, [persoon(IN_COPY, 'A'), persoon(HOUSEMATE, 'A'), persoon(PARENT_ELSEWHERE, 'B')], { run: 'run-1', at: '2026-12-01T03:00:00.000Z', completeAddresses: new Set(['A']), householdId: (a) => `h-${a}` });
    db.onQuery = () => void queries++;
  });
  afterAll(() => db.close());
  beforeEach(() => {
    asked.length = 0;
    queries = 0;
  });

  it('answers from the copy, asks the BRP only for the rest, and reads the copy once either way', async () => {
    const directory = new PersonDirectory(db, brp, () => new Date('2026-12-01T10:00:00Z'));
    const found = await directory.persons([IN_COPY, OUTSIDE, UNKNOWN]);
    expect([...found.keys()].sort()).toEqual([IN_COPY, OUTSIDE]);
    expect(found.get(IN_COPY)).toMatchObject({ syncedAt: '2026-12-01T03:00:00.000Z', householdInCopy: true });
    expect(found.get(OUTSIDE)).toMatchObject({ syncedAt: '2026-12-01T10:00:00.000Z', householdInCopy: false });
    expect(asked).toEqual([[OUTSIDE, UNKNOWN]]);
    expect(queries).toBe(1);
    // Nothing asked of the BRP is kept.
    expect(await db.query('SELECT bsn FROM brp_persoon WHERE bsn = $1', [OUTSIDE])).toEqual([]);
  });

  it('takes a household from the copy only where the copy holds it whole', async () => {
    const directory = new PersonDirectory(db, brp);
    const whole = (await directory.persons([IN_COPY])).get(IN_COPY)!;
    expect((await directory.residents('A', whole.householdInCopy)).map((p) => p.record.burgerservicenummer)).toEqual([HOUSEMATE, IN_COPY]);
    expect(asked).toEqual([]);
    const partial = (await directory.persons([PARENT_ELSEWHERE])).get(PARENT_ELSEWHERE)!;
    expect(partial.householdInCopy).toBe(false);
    expect((await directory.residents('B', partial.householdInCopy)).map((p) => p.record.burgerservicenummer)).toEqual([PARENT_ELSEWHERE, OUTSIDE]);
  });

  it('reads a person with the household the copy holds whole in one query, and leaves the rest to the BRP', async () => {
    const directory = new PersonDirectory(db, brp, () => new Date('2026-12-01T10:00:00Z'));
    const found = await directory.withHouseholds([IN_COPY, PARENT_ELSEWHERE, OUTSIDE, UNKNOWN]);
    expect(queries).toBe(1);
    expect(asked).toEqual([[OUTSIDE, UNKNOWN]]);
    expect([...found.keys()].sort()).toEqual([IN_COPY, PARENT_ELSEWHERE, OUTSIDE].sort());
    // Whole in the copy: the members, as `residents` gives them.
    const whole = found.get(IN_COPY)!;
    expect(whole.residents).toEqual(await directory.residents('A', true));
    expect(whole.residents!.map((p) => p.record.burgerservicenummer)).toEqual([HOUSEMATE, IN_COPY]);
    // Not whole, or not in the copy at all: no members from the copy, which holds too few.
    expect(found.get(PARENT_ELSEWHERE)).toMatchObject({ householdInCopy: false, residents: null });
    expect(found.get(OUTSIDE)).toMatchObject({ householdInCopy: false, residents: null });
    // The persons themselves as `persons` has them.
    const { residents: _r, ...person } = whole;
    expect(person).toEqual((await directory.persons([IN_COPY])).get(IN_COPY));
  });

  it('asks the BRP who lives at an address the copy does not hold whole, reading the copy once', async () => {
    const directory = new PersonDirectory(db, brp);
    const members = await directory.residents('B', false);
    expect(members.map((p) => p.record.burgerservicenummer)).toEqual([PARENT_ELSEWHERE, OUTSIDE]);
    expect(queries).toBe(1);
  });

  it('knows only the copy without a BRP', async () => {
    const directory = new PersonDirectory(db);
    expect([...(await directory.persons([IN_COPY, OUTSIDE])).keys()]).toEqual([IN_COPY]);
  });
});
