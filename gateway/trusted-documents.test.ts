import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TrustedDocuments, type Variables } from './trusted-documents';

/** A directory of trusted documents holding `files` (name → text), removed after the test. */
function registered(files: Record<string, string>): { docs: TrustedDocuments; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  try {
    return { docs: new TrustedDocuments(dir), done: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * A document whose fragments each spread the next one twice, `levels` deep, the last selecting
 * `leaf`: about 1 KB at 30 levels, and 2^30 paths when expanded.
 */
function fanOut(levels: number, root: string, type: string, leaf: string): string {
  const fragments = [];
  for (let i = 0; i < levels; i++) fragments.push(`fragment F${i} on ${type}{...F${i + 1} ...F${i + 1}}`);
  fragments.push(`fragment F${levels} on ${type}{${leaf}}`);
  return `${root}\n${fragments.join('\n')}`;
}

/** The decision and how long it took, in milliseconds. */
function timed<T>(decide: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = decide();
  return { result, ms: performance.now() - start };
}

describe('TrustedDocuments', () => {
  const docs = new TrustedDocuments();
  const trusted = (q: string, variables?: Variables, org = 'mee') => docs.isTrustedQuery(org, q, variables);
  const reason = (q: string, variables?: Variables, org = 'mee') => {
    const decision = docs.checkQuery(org, q, variables);
    return decision.trusted ? null : decision.reason;
  };

  it('trusts the registered view and any part of it, with aliases and fragments', () => {
    expect(trusted('{ persoon(burgerservicenummer: "999990044") { jeugd { jeugdhulp { productCategorie } } } }')).toBe(true);
    expect(trusted('query { p: persoon(burgerservicenummer: "1") { ...F } } fragment F on Persoon { naam { volledigeNaam } __typename }')).toBe(true);
    expect(trusted('{ huishouden(burgerservicenummer: "1") { leden { wmo { voorzieningen { omvang { volume } } } } tijdlijn { datum } } }')).toBe(true);
    expect(trusted('{ huishouden(burgerservicenummer: "1") { ... on Huishouden { id leden { ... { naam { volledigeNaam } } } } } }')).toBe(true);
    expect(docs.checkQuery('mee', '{ __typename persoon(burgerservicenummer: "1") { __typename } }')).toEqual({ trusted: true });
  });

  it('refuses fields, root fields and operation types outside the view', () => {
    expect(trusted('{ persoon(burgerservicenummer: "1") { werkEnInkomen { uitkeringen { besluiten { soort } } } } }')).toBe(false);
    expect(trusted('{ toestemmingen(burgerservicenummer: "1") { id } }')).toBe(false);
    expect(trusted('{ bewaartermijnRapport { achterstand { aantal } } }')).toBe(false);
    expect(trusted('{ __schema { types { name } } }')).toBe(false);
    expect(trusted('mutation { trekToestemmingIn(id: "x") { id } }')).toBe(false);
    expect(trusted('{ persoon(burgerservicenummer: "1") { ...Missing } }')).toBe(false);
    expect(trusted('{ persoon(')).toBe(false);
  });

  it('says why it refused, without echoing the document', () => {
    expect(reason('{ persoon(burgerservicenummer: "1") { werkEnInkomen { uitkeringen { besluiten { soort } } } } }')).toBe('FIELD');
    expect(reason('{ __schema { types { name } } }')).toBe('FIELD');
    expect(reason('mutation { trekToestemmingIn(id: "x") { id } }')).toBe('OPERATION');
    expect(reason('subscription { persoon(burgerservicenummer: "1") { leeftijd } }')).toBe('OPERATION');
    expect(reason('fragment F on Persoon { leeftijd }')).toBe('OPERATION');
    expect(reason('{ persoon(burgerservicenummer: "1") { ...Missing } }')).toBe('FRAGMENT');
    expect(reason('{ persoon(burgerservicenummer: "1") { ...F } } fragment F on Persoon { leeftijd } fragment F on Persoon { geslacht }')).toBe('FRAGMENT');
    expect(reason('{ huishouden(burgerservicenummer: "1") { tijdlijn(eerste: 1000000) { datum } } }')).toBe('ARGUMENT');
    expect(reason('{ persoon(burgerservicenummer: "1") { leeftijd @deprecated } }')).toBe('DIRECTIVE');
    expect(reason('{ persoon(')).toBe('DOCUMENT');
    expect(reason('{ persoon(burgerservicenummer: "1") { leeftijd } } type Extra { a: Int }')).toBe('DOCUMENT');
    expect(docs.checkQuery('mee', '{ persoon(burgerservicenummer: "999990019") { werkEnInkomen { uitkeringen { besluiten { soort } } } } }'))
      .toEqual({ trusted: false, reason: 'FIELD' });
  });

  describe('arguments', () => {
    const TIJDLIJN = (eerste: string) => `{ huishouden(burgerservicenummer: "1") { tijdlijn${eerste} { datum soort } } }`;
    const TIJDLIJN_N = (definition = '$n: Int') => `query(${definition}) { huishouden(burgerservicenummer: "1") { tijdlijn(eerste: $n) { datum } } }`;

    it('holds a size argument to the registered value as a ceiling', () => {
      expect(trusted(TIJDLIJN('(eerste: 1000000)'))).toBe(false);
      expect(trusted(TIJDLIJN('(eerste: 101)'))).toBe(false);
      expect(trusted(TIJDLIJN('(eerste: 100)'))).toBe(true);
      expect(trusted(TIJDLIJN('(eerste: 50)'))).toBe(true);
      expect(trusted(TIJDLIJN('(eerste: 0)'))).toBe(true);
      // To some code a negative page size means "everything" or "all but the last".
      expect(trusted(TIJDLIJN('(eerste: -1)'))).toBe(false);
      expect(trusted(TIJDLIJN('(eerste: 50.5)'))).toBe(false);
      expect(trusted(TIJDLIJN('(eerste: null)'))).toBe(false);
      expect(trusted(TIJDLIJN('(eerste: "50")'))).toBe(false);
    });

    it('resolves a variable from the request before holding it to the pin', () => {
      expect(trusted(TIJDLIJN_N(), { n: 1000000 })).toBe(false);
      expect(trusted(TIJDLIJN_N(), { n: 100 })).toBe(true);
      expect(trusted(TIJDLIJN_N(), { n: 10 })).toBe(true);
      expect(trusted(TIJDLIJN_N(), { n: null })).toBe(false);
      expect(trusted(TIJDLIJN_N(), { n: '10' })).toBe(false);
      // Not given: the operation's default applies, and is held to the pin the same way.
      expect(trusted(TIJDLIJN_N('$n: Int = 1000000'))).toBe(false);
      expect(trusted(TIJDLIJN_N('$n: Int = 1000000'), { n: 20 })).toBe(true);
      expect(trusted(TIJDLIJN_N('$n: Int = 20'))).toBe(true);
      // Neither given nor defaulted: the argument is left out and the schema's default (100) applies.
      expect(trusted(TIJDLIJN_N())).toBe(true);
      expect(trusted(TIJDLIJN_N(), {})).toBe(true);
      // `variables` that are not an object cannot be resolved.
      expect(reason(TIJDLIJN_N(), [1000000] as unknown as Variables)).toBe('ARGUMENT');
      expect(reason(TIJDLIJN_N(), '{"n":1}' as unknown as Variables)).toBe('ARGUMENT');
    });

    it('accepts a pinned argument left out only when the schema default fits the pin', () => {
      // Huishouden.tijdlijn(eerste: Int = 100) and the registered tijdlijn(eerste: 100).
      expect(trusted(TIJDLIJN(''))).toBe(true);
    });

    it('refuses a variable two operations default differently where a pin needs its value', () => {
      const two = (a: string, b: string) =>
        `query A($n: Int${a}) { huishouden(burgerservicenummer: "1") { ...H } } query B($n: Int${b}) { huishouden(burgerservicenummer: "1") { ...H } } fragment H on Huishouden { tijdlijn(eerste: $n) { datum } }`;
      expect(trusted(two(' = 10', ' = 1000000'))).toBe(false);
      expect(trusted(two(' = 10', ''))).toBe(false);
      expect(trusted(two(' = 10', ' = 10'))).toBe(true);
      expect(trusted(two(' = 10', ' = 1000000'), { n: 10 })).toBe(true);
    });

    it('refuses an argument the registered operations do not give', () => {
      expect(reason('{ persoon(burgerservicenummer: "1", historie: true) { leeftijd } }')).toBe('ARGUMENT');
      expect(reason('{ huishouden(burgerservicenummer: "1") { tijdlijn(eerste: 10, na: "2020-01-01") { datum } } }')).toBe('ARGUMENT');
      expect(reason('{ huishouden(burgerservicenummer: "1") { tijdlijn(eerste: 10, eerste: 1000000) { datum } } }')).toBe('ARGUMENT');
      expect(reason('{ persoon(burgerservicenummer: "1") { leeftijd(x: 1) } }')).toBe('ARGUMENT');
    });

    it('leaves free what the registered operation gives as a variable', () => {
      expect(trusted('query($b: String!) { persoon(burgerservicenummer: $b) { leeftijd } }', { b: '999990019' })).toBe(true);
      expect(trusted('{ persoon(burgerservicenummer: "999990019") { leeftijd } }')).toBe(true);
    });

    it('pins other literals exactly, and leaves no argument to a field registered without one', () => {
      const { docs: own, done } = registered({
        'partner.graphql': 'query { huishouden(burgerservicenummer: "999990019") { tijdlijn { datum } } }',
        'ggz.graphql': `query($bsn: String, $van: String) {
          auditRecords(filter: { betrokkene: $bsn, van: $van, tot: "2025-01-01" }, first: 10) { edges { cursor } }
        }`,
      });
      try {
        const ok = (q: string, variables?: Variables, org = 'mee') => own.isTrustedQuery(org, q, variables);
        expect(ok('{ huishouden(burgerservicenummer: "999990019") { tijdlijn { datum } } }')).toBe(true);
        expect(ok('query($b: String!) { huishouden(burgerservicenummer: $b) { tijdlijn { datum } } }', { b: '999990019' })).toBe(true);
        expect(ok('{ huishouden(burgerservicenummer: "999990020") { tijdlijn { datum } } }')).toBe(false);
        expect(ok('query($b: String!) { huishouden(burgerservicenummer: $b) { tijdlijn { datum } } }', { b: '999990020' })).toBe(false);
        // Registered without `eerste`: the schema's default is what was registered, and no other value.
        expect(own.checkQuery('mee', '{ huishouden(burgerservicenummer: "999990019") { tijdlijn(eerste: 5) { datum } } }')).toEqual({ trusted: false, reason: 'ARGUMENT' });

        // An input object: the literal parts pinned, the variable parts free, no parts added.
        const audit = (filter: string, first = 10) => ok(`{ auditRecords(filter: ${filter}, first: ${first}) { edges { cursor } } }`, undefined, 'ggz');
        expect(audit('{ betrokkene: "999990019", van: "2024-01-01", tot: "2025-01-01" }')).toBe(true);
        expect(audit('{ tot: "2025-01-01" }')).toBe(true);
        expect(audit('{ tot: "2025-01-01" }', 5)).toBe(true);
        expect(audit('{ tot: "2025-01-01" }', 11)).toBe(false);
        expect(audit('{ tot: "2026-01-01" }')).toBe(false);
        expect(audit('{ betrokkene: "999990019" }')).toBe(false);
        expect(audit('{ tot: "2025-01-01", actor: "x" }')).toBe(false);
        expect(ok('query($f: AuditFilter!) { auditRecords(filter: $f, first: 10) { edges { cursor } } }', { f: { tot: '2025-01-01', van: '2024-01-01' } }, 'ggz')).toBe(true);
        expect(ok('query($f: AuditFilter!) { auditRecords(filter: $f, first: 10) { edges { cursor } } }', { f: { tot: '2026-01-01' } }, 'ggz')).toBe(false);
        // `first` has a schema default of 50, above the registered 10: it must be given.
        expect(ok('{ auditRecords(filter: { tot: "2025-01-01" }) { edges { cursor } } }', undefined, 'ggz')).toBe(false);
        // The organisation's own file replaces partner.graphql for it.
        expect(ok('{ huishouden(burgerservicenummer: "999990019") { tijdlijn { datum } } }', undefined, 'ggz')).toBe(false);
      } finally {
        done();
      }
    });
  });

  it('allows @include and @skip, and no other directive', () => {
    expect(trusted('query($a: Boolean!) { persoon(burgerservicenummer: "1") { leeftijd @include(if: $a) naam @skip(if: true) { volledigeNaam } ...F @include(if: $a) } } fragment F on Persoon { geboortedatum }', { a: true })).toBe(true);
    expect(reason('{ persoon(burgerservicenummer: "1") { ... @defer { leeftijd } } }')).toBe('DIRECTIVE');
    expect(reason('query @cached { persoon(burgerservicenummer: "1") { leeftijd } }')).toBe('DIRECTIVE');
    expect(reason('query($a: Int @x) { persoon(burgerservicenummer: "1") { leeftijd } }')).toBe('DIRECTIVE');
    expect(reason('{ persoon(burgerservicenummer: "1") { ...F } } fragment F on Persoon @x { leeftijd }')).toBe('DIRECTIVE');
  });

  describe('time linear in the document', () => {
    const PERSOON = '{ persoon(burgerservicenummer: "1") { ...F0 } }';

    it('decides a fragment fan-out 30 levels deep in well under a second', () => {
      const fine = fanOut(30, PERSOON, 'Persoon', 'naam { volledigeNaam } jeugd { jeugdhulp { productCode } }');
      expect(fine.length).toBeLessThan(1500);
      const accepted = timed(() => docs.checkQuery('mee', fine));
      expect(accepted.result).toEqual({ trusted: true });
      expect(accepted.ms).toBeLessThan(500);

      const outside = timed(() => docs.checkQuery('mee', fanOut(30, PERSOON, 'Persoon', 'naam { volledigeNaam } werkEnInkomen { uitkeringen { besluiten { soort } } }')));
      expect(outside.result).toEqual({ trusted: false, reason: 'FIELD' });
      expect(outside.ms).toBeLessThan(500);
    });

    it('checks a fragment once per place, and at each place it is spread', () => {
      const twoPlaces = '{ persoon(burgerservicenummer: "1") { ...F0 } huishouden(burgerservicenummer: "1") { leden { ...F0 } } }';
      const both = timed(() => docs.checkQuery('mee', fanOut(30, twoPlaces, 'Persoon', 'leeftijd wmo { bron { systeem } }')));
      expect(both.result).toEqual({ trusted: true });
      expect(both.ms).toBeLessThan(500);
      // Under `leden` the whole person view, under a timeline event's `betrokkene` only the BSN.
      const h = '{ huishouden(burgerservicenummer: "1") { leden { ...F0 } tijdlijn { betrokkene { ...F0 } } } }';
      const bsn = timed(() => docs.checkQuery('mee', fanOut(30, h, 'Persoon', 'burgerservicenummer')));
      expect(bsn.result).toEqual({ trusted: true });
      expect(bsn.ms).toBeLessThan(500);
      const more = timed(() => docs.checkQuery('mee', fanOut(30, h, 'Persoon', 'burgerservicenummer leeftijd')));
      expect(more.result).toEqual({ trusted: false, reason: 'FIELD' });
      expect(more.ms).toBeLessThan(500);
    });

    it('holds arguments to their pin deep in a fan-out, with variables', () => {
      const doc = fanOut(30, 'query($n: Int) { huishouden(burgerservicenummer: "1") { ...F0 } }', 'Huishouden', 'tijdlijn(eerste: $n) { datum }');
      const refusedBig = timed(() => docs.checkQuery('mee', doc, { n: 1000000 }));
      expect(refusedBig.result).toEqual({ trusted: false, reason: 'ARGUMENT' });
      expect(refusedBig.ms).toBeLessThan(500);
      const acceptedSmall = timed(() => docs.checkQuery('mee', doc, { n: 100 }));
      expect(acceptedSmall.result).toEqual({ trusted: true });
      expect(acceptedSmall.ms).toBeLessThan(500);
    });

    it('refuses fragment cycles quickly instead of looping', () => {
      const cycles = [
        '{ persoon(burgerservicenummer: "1") { ...A } } fragment A on Persoon { ...A }',
        '{ persoon(burgerservicenummer: "1") { ...A } } fragment A on Persoon { leeftijd ...B } fragment B on Persoon { naam { volledigeNaam } ...A }',
        '{ persoon(burgerservicenummer: "1") { ...A } } fragment A on Persoon { ... on Persoon { ...B ...B } } fragment B on Persoon { ...C ...C } fragment C on Persoon { ...A }',
      ];
      for (const doc of cycles) {
        const { result, ms } = timed(() => docs.checkQuery('mee', doc));
        expect(result).toEqual({ trusted: false, reason: 'FRAGMENT' });
        expect(ms).toBeLessThan(100);
      }
    });

    it('refuses a chain of fragments nested past what any registered view needs', () => {
      const { result, ms } = timed(() => docs.checkQuery('mee', fanOut(5000, PERSOON, 'Persoon', 'leeftijd')));
      expect(result).toEqual({ trusted: false, reason: 'DOCUMENT' });
      expect(ms).toBeLessThan(500);
    });
  });

  it('refuses at start a registered document that does not fit the schema', () => {
    expect(() => registered({ 'partner.graphql': 'query { persoon(burgerservicenummer: "1") { leftijd } }' })).toThrow(/partner.graphql does not validate/);
    expect(() => registered({ 'mee.graphql': 'query { persoon(burgerservicenummer: "1") { leeftijd } }' })).toThrow(/partner.graphql is missing/);
  });
});
