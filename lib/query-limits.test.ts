import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, isListType, getNullableType, isObjectType, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PAGE, SNUFFEL_MAX_DAYS } from '../audit';
import { SUBGRAPHS } from '../subgraphs';
import { documentedOperations } from './query-costs';
import { getIntrospectionQuery } from 'graphql';
import { apolloQueryOptions, createQueryAnalyzer, FULL_INTROSPECTION_QUERY, INTROSPECTION_MARGIN, parseQuery, QUERY_LIMITS, selectOperation, SIZE_ARGUMENTS, statedMaximum, type QueryAnalysis, type QueryRefusal } from './query-limits';

const ROOT = join(__dirname, '..');
const API_SCHEMA = buildSchema(readFileSync(join(ROOT, 'gateway', 'api-schema.graphql'), 'utf8'));
const SUBGRAPH_SCHEMAS = new Map(SUBGRAPHS.map((s) => [s.name, buildSubgraphSchema([{ typeDefs: s.typeDefs }])]));
const VOORZIENING = 'toewijzingNummer productCategorie productCode omschrijving ingangsdatum einddatum omvang { volume eenheid frequentie } leveringsvorm';
const times = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

/** The privacy officer's page of audit records with every field of a record and its objects. */
const AUDIT_PAGE = `query AuditPagina($filter: AuditFilter!, $first: Int, $after: String) { auditRecords(filter: $filter, first: $first, after: $after) {
  edges { cursor node { id tijdstip soort traceId spanId verwerkingsactiviteit { id naam grondslag bewaartermijn } actor { sub organisatie rollen } doel betrokkene betrokkeneType
    operatie documentHash bron verstrekt geweigerd { veld code } status httpStatus stroom volgnummer hash } }
  pageInfo { hasNextPage endCursor } } }`;

/** Parse, select and analyse as the gateway's edge does; the first refusal, or the analysis. */
function check(query: string, variables: Record<string, unknown> = {}, options: { schema?: GraphQLSchema; operationName?: string; parseWithoutLimit?: boolean } = {}): QueryAnalysis & { refusal?: QueryRefusal } {
  let document: DocumentNode;
  if (options.parseWithoutLimit) document = parse(query);
  else {
    const parsed = parseQuery(query);
    if ('refusal' in parsed) return { refusal: parsed.refusal, cost: 0, depth: 0, aliases: 0, directives: 0 };
    document = parsed.document;
  }
  const selected = selectOperation(document, options.operationName);
  if ('refusal' in selected) return { refusal: selected.refusal, cost: 0, depth: 0, aliases: 0, directives: 0 };
  return createQueryAnalyzer(options.schema ?? API_SCHEMA)(document, selected.operation, variables);
}

const tooComplex = (measure: string, limit: number, measured: number | unknown = expect.any(Number)) => ({
  code: 'QUERY_TOO_COMPLEX',
  message: expect.any(String),
  extensions: { measure, limit, measured },
});

describe('query limits', () => {
  const schema = buildSchema('type Query { a: A as(first: Int = 5): [A!]! } type A { b: A x: Int xs: [Int] bs: [A] }');

  it('refuses what the contract says, once per limit, with the limit and what was measured', () => {
    expect(check(`{ ${times(QUERY_LIMITS.maxAliases, (i) => `a${i}: a { x }`)} }`, {}, { schema }).refusal).toBeUndefined();
    expect(check(`{ ${times(QUERY_LIMITS.maxAliases + 1, (i) => `a${i}: a { x }`)} }`, {}, { schema }).refusal).toEqual(tooComplex('aliases', QUERY_LIMITS.maxAliases, QUERY_LIMITS.maxAliases + 1));

    const nested = (levels: number) => `{ a { ${'b { '.repeat(levels - 2)}x${' }'.repeat(levels - 2)} } }`;
    expect(check(nested(QUERY_LIMITS.maxDepth), {}, { schema })).toEqual({ depth: QUERY_LIMITS.maxDepth, cost: expect.any(Number), aliases: 0, directives: 0 });
    expect(check(nested(QUERY_LIMITS.maxDepth + 1), {}, { schema }).refusal).toEqual(tooComplex('depth', QUERY_LIMITS.maxDepth, QUERY_LIMITS.maxDepth + 1));

    const directives = (n: number) => `{ a { x ${'@include(if: true) '.repeat(n)}} }`;
    expect(check(directives(QUERY_LIMITS.maxDirectives), {}, { schema }).refusal).toBeUndefined();
    expect(check(directives(QUERY_LIMITS.maxDirectives + 1), {}, { schema }).refusal).toEqual(tooComplex('directives', QUERY_LIMITS.maxDirectives, QUERY_LIMITS.maxDirectives + 1));

    // 1 per leaf, 2 per object, times the list sizes above: as(first: 100) of bs (assumed) of x.
    const costly = check('{ as(first: 100) { bs { x } } }', {}, { schema });
    expect(costly.cost).toBe(2 + 100 * (2 + QUERY_LIMITS.assumedListSize * 1));
    const over = `{ ${times(20, (i) => `a${i}: as(first: 1000) { bs { x } }`)} }`;
    expect(check(over, {}, { schema }).refusal).toEqual(tooComplex('cost', QUERY_LIMITS.maxCost, 20 * (2 + 1000 * (2 + QUERY_LIMITS.assumedListSize))));

    expect(check(`{ ${'a { x } '.repeat(QUERY_LIMITS.maxTokens)} }`, {}, { schema }).refusal).toEqual(tooComplex('tokens', QUERY_LIMITS.maxTokens, QUERY_LIMITS.maxTokens + 1));
  });

  it('counts a list of leaves as one value, __typename as nothing, and fragments as no level', () => {
    expect(check('{ a { xs } }', {}, { schema }).cost).toBe(3);
    expect(check('{ a { __typename x } }', {}, { schema })).toMatchObject({ cost: 3, depth: 2 });
    expect(check('{ a { ...F } } fragment F on A { b { ... on A { x } } }', {}, { schema })).toMatchObject({ depth: 3, cost: 2 + 2 + 1 });
  });

  it('costs a size given as a literal, a variable, a variable default or the argument default alike', () => {
    const literal = check(AUDIT_PAGE.replace('first: $first', 'first: 500'), { filter: {} });
    const variable = check(AUDIT_PAGE, { filter: {}, first: 500 });
    const variableDefault = check(AUDIT_PAGE.replace('$first: Int,', '$first: Int = 500,'), { filter: {} });
    expect(literal.refusal).toBeUndefined();
    expect(variable).toEqual(literal);
    expect(variableDefault).toEqual(literal);
    // Not given, or given as null: the schema's default of 50.
    const fifty = check(AUDIT_PAGE.replace('first: $first', 'first: 50'), { filter: {} });
    expect(check(AUDIT_PAGE, { filter: {} })).toEqual(fifty);
    expect(check(AUDIT_PAGE, { filter: {}, first: null })).toEqual(fifty);
    expect(fifty.cost).toBeLessThan(literal.cost / 5);
  });

  it('enforces the maximum each size argument states in its description, and refuses negative sizes', () => {
    for (const [query, variables] of [
      [AUDIT_PAGE.replace('first: $first', 'first: 501'), { filter: {} }],
      [AUDIT_PAGE, { filter: {}, first: 501 }],
      [AUDIT_PAGE, { filter: {}, first: 1e12 }],
    ] as const) {
      expect(check(query, variables).refusal).toEqual({ code: 'BAD_USER_INPUT', message: 'Query.auditRecords(first) is at most 500', extensions: { argument: 'first', maximum: 500 } });
    }
    expect(check('{ huishouden(burgerservicenummer: "999990019") { tijdlijn(eerste: 1000000) { datum } } }').refusal).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Huishouden.tijdlijn(eerste) is at most 1000' });
    expect(check('query($n: Int) { huishouden(burgerservicenummer: "999990019") { tijdlijn(eerste: $n) { datum } } }', { n: -1 }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Huishouden.tijdlijn(eerste) must not be negative' });
    expect(check('{ huishouden(burgerservicenummer: "999990019") { tijdlijn(eerste: 1000) { datum } } }').refusal).toBeUndefined();
  });

  it('states a maximum for every size argument of every subgraph and of the public schema', () => {
    const sizeArguments = (s: GraphQLSchema) =>
      Object.values(s.getTypeMap())
        .filter((t) => isObjectType(t) && !t.name.startsWith('__'))
        .flatMap((t) => Object.values((t as import('graphql').GraphQLObjectType).getFields()).flatMap((f) => f.args.filter((a) => (SIZE_ARGUMENTS as readonly string[]).includes(a.name)).map((a) => ({ at: `${t.name}.${f.name}(${a.name})`, max: statedMaximum(a), list: isListType(getNullableType(f.type)) }))));
    const all = [API_SCHEMA, ...SUBGRAPH_SCHEMAS.values()].flatMap(sizeArguments);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const a of all) expect(a).toEqual({ at: a.at, max: expect.any(Number), list: a.list });
    // The audit module pages with the same maximum it refuses beyond, for callers without GraphQL.
    expect(sizeArguments(API_SCHEMA).filter((a) => a.at.startsWith('Query.')).map((a) => a.max)).toEqual([MAX_PAGE, MAX_PAGE]);
    expect(API_SCHEMA.getQueryType()!.getFields().snuffelRapport.args.find((a) => a.name === 'tot')!.description).toContain(`hoogstens ${SNUFFEL_MAX_DAYS} dagen`);
  });

  it('refuses impossible dates and periods before anything runs, as literals or in variables', () => {
    const snuffel = (van: string, tot: string) => check(`{ snuffelRapport(van: "${van}", tot: "${tot}") { van } }`).refusal;
    expect(snuffel('2026-01-01', '2026-01-02')).toBeUndefined();
    expect(snuffel('2026-01-01T08:00:00+01:00', '2026-01-01T17:00:00Z')).toBeUndefined();
    for (const [van, tot] of [
      ['0000-01-01', '2026-01-01'],
      ['2026-02-30', '2026-03-01'],
      ['2026-01-01', '9999-99-99'],
      ['2026-01-01T24:00:00Z', '2026-01-02'],
      ['2026-01-02', '2026-01-01'],
      ['2026-01-01', '2026-01-01'],
      ['2020-01-01', '2026-01-01'],
    ]) {
      expect(snuffel(van, tot)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: expect.stringMatching(/^(van|tot)$/) } });
    }
    // No value is repeated in the message.
    expect(snuffel('0000-01-01', '2026-01-01')!.message).not.toContain('0000');

    const records = 'query($filter: AuditFilter!) { auditRecords(filter: $filter) { edges { node { id } } } }';
    expect(check(records, { filter: { van: '2026-01-01', tot: '2026-02-01' } }).refusal).toBeUndefined();
    expect(check(records, { filter: { van: '2026-02-30' } }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'filter.van' } });
    expect(check(records, { filter: { van: '2026-02-01', tot: '2026-01-01' } }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'filter.tot' } });
    expect(check('{ auditRecords(filter: { tot: "1899-12-31" }) { edges { cursor } } }').refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'filter.tot' } });
    expect(check('{ inzageRapport(burgerservicenummer: "999990019", van: "2026-13-01") { betrokkene } }').refusal).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(check('{ vernietigingen(van: "2026-06-01", tot: "2026-01-01") { edges { cursor } } }').refusal).toMatchObject({ code: 'BAD_USER_INPUT' });

    const consent = 'mutation($i: ToestemmingInput!) { registreerToestemming(input: $i) { id } }';
    const input = { betrokkene: '999990032', gegevenDoor: '999990032', ontvanger: 'mee', domeinen: ['WMO'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-1', ondertekendOp: '2026-11-01' } };
    expect(check(consent, { i: input }).refusal).toBeUndefined();
    expect(check(consent, { i: { ...input, geldigTot: '2026-02-29' } }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'input.geldigTot' } });
    expect(check(consent, { i: { ...input, bewijs: { ...input.bewijs, ondertekendOp: '0000-01-01' } } }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'input.bewijs.ondertekendOp' } });
  });

  it('analyses a fragment fan-out 30 levels deep once per fragment, in well under a second', () => {
    const fragments = times(30, (i) => (i === 29 ? `fragment F${i} on Persoon { burgerservicenummer }` : `fragment F${i} on Persoon { ...F${i + 1} ...F${i + 1} }`));
    const query = `query PartnerPersoon($burgerservicenummer: String!) { persoon(burgerservicenummer: $burgerservicenummer) { ...F0 } } ${fragments}`;
    const started = performance.now();
    const result = check(query, { burgerservicenummer: '999990019' });
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.refusal).toEqual(tooComplex('cost', QUERY_LIMITS.maxCost, 2 + 2 ** 29));
    expect(result.depth).toBe(2);
    // With aliases inside, the alias count fans out too, and is still only a number.
    const aliased = query.replace('fragment F29 on Persoon { burgerservicenummer }', 'fragment F29 on Persoon { b: burgerservicenummer }');
    expect(check(aliased, { burgerservicenummer: '999990019' }).refusal).toEqual(tooComplex('aliases', QUERY_LIMITS.maxAliases, 2 ** 29));
  });

  it('refuses fragment cycles and unknown fragments instead of following them', () => {
    expect(check('{ persoon(burgerservicenummer: "999990019") { ...A } } fragment A on Persoon { ...B } fragment B on Persoon { ...A }').refusal).toMatchObject({ code: 'BAD_REQUEST' });
    expect(check('{ persoon(burgerservicenummer: "999990019") { ...A } } fragment A on Persoon { ...A }').refusal).toMatchObject({ code: 'BAD_REQUEST' });
    expect(check('{ persoon(burgerservicenummer: "999990019") { ...Missing } }').refusal).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses hostile documents fast, with a 4xx code and nothing of the document in the message', () => {
    const cases: Array<[string, string, Partial<QueryRefusal>]> = [
      ['a syntax error', '{ persoon(burgerservicenummer: "999990019") { naam ', { code: 'GRAPHQL_PARSE_FAILED' }],
      ['3,000 aliases', `{ ${times(3000, (i) => `a${i}: __typename`)} }`, { code: 'QUERY_TOO_COMPLEX' }],
      ['2,000 repeated directives', `{ __typename ${'@include(if: true) '.repeat(2000)}}`, { code: 'QUERY_TOO_COMPLEX' }],
      ['20,000 tokens', `{ ${'__typename '.repeat(20_000)}}`, tooComplex('tokens', QUERY_LIMITS.maxTokens) as Partial<QueryRefusal>],
      ['a 1 MiB comment', `{ __typename } #${'x'.repeat(1 << 20)}`, {}],
      ['an empty document', '  ', { code: 'BAD_REQUEST' }],
    ];
    for (const [name, query, expected] of cases) {
      const started = performance.now();
      const result = check(query);
      expect({ name, ms: performance.now() - started < 100 }).toEqual({ name, ms: true });
      if (expected.code) expect({ name, refusal: result.refusal }).toEqual({ name, refusal: expect.objectContaining(expected) });
      else expect({ name, refusal: result.refusal }).toEqual({ name, refusal: undefined });
      expect(result.refusal?.message ?? '').not.toMatch(/999990019|__typename/);
    }
    // Parsed without the token limit, the same documents are still refused by what they measure.
    expect(check(`{ ${times(3000, (i) => `a${i}: __typename`)} }`, {}, { parseWithoutLimit: true }).refusal).toEqual(tooComplex('aliases', QUERY_LIMITS.maxAliases, 3000));
    expect(check(`{ __typename ${'@include(if: true) '.repeat(2000)}}`, {}, { parseWithoutLimit: true }).refusal).toEqual(tooComplex('directives', QUERY_LIMITS.maxDirectives, 2000));
  });

  describe('introspection', () => {
    const ofTypes = (n: number) => `{ __schema { types { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } } }`;

    it("lets the full standard introspection through by a bound of its own, sized by the schema's lists", () => {
      const full = check(FULL_INTROSPECTION_QUERY);
      expect(full.refusal).toBeUndefined();
      // Past the limits of data queries: that is why it has its own bound.
      expect(full.depth).toBeGreaterThan(QUERY_LIMITS.maxDepth);
      expect(full.cost).toBeGreaterThan(QUERY_LIMITS.maxCost);
      // `types` counts as every type of the schema: a schema twice as large costs more.
      const typeCount = Object.keys(API_SCHEMA.getTypeMap()).length;
      expect(check('{ __schema { types { name } } }').cost).toBe(2 + 2 + typeCount);
      // What GraphiQL and code generators send by default fits too, as do small look-ups.
      expect(check(getIntrospectionQuery()).refusal).toBeUndefined();
      expect(check(getIntrospectionQuery({ descriptions: true })).refusal).toBeUndefined();
      expect(check('{ __type(name: "Persoon") { name fields { name type { name kind } } } }').refusal).toBeUndefined();
    });

    it('refuses nested member lists and long ofType chains, fast, whether or not data fields come along', () => {
      const full = check(FULL_INTROSPECTION_QUERY);
      const started = performance.now();
      expect(check('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }').refusal).toEqual(tooComplex('introspectionDepth', 2, 3));
      expect(check('{ __type(name: "Persoon") { interfaces { possibleTypes { fields { name } } } } }').refusal).toEqual(tooComplex('introspectionDepth', 2, 3));
      // Inside a data query the same nesting is refused: the data limits' assumed list size would let it through.
      expect(check('{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } } __schema { types { fields { type { fields { type { fields { name } } } } } } } }').refusal).toEqual(tooComplex('introspectionDepth', 2, 3));
      // Through fragments as well.
      expect(check('query { __schema { types { ...T } } } fragment T on __Type { fields { type { ...U } } } fragment U on __Type { fields { type { fields { name } } } }').refusal).toEqual(tooComplex('introspectionDepth', 2, 3));
      expect(check(ofTypes(full.depth)).refusal).toEqual(tooComplex('depth', full.depth, full.depth + 3));
      // Two nested member lists fit the nesting bound but not the cost, when asked for many times.
      const twice = `{ ${times(QUERY_LIMITS.maxAliases, (i) => `s${i}: __schema { types { fields { args { type { fields { args { name } } } } } } }`)} }`;
      expect(check(twice).refusal).toEqual(tooComplex('cost', INTROSPECTION_MARGIN * full.cost));
      expect(performance.now() - started).toBeLessThan(200);
    });

    it('is measured with the data limits as soon as a data field comes along', () => {
      expect(check(`{ __typename ${'__schema { types { name } } '} persoon(burgerservicenummer: "999990019") { burgerservicenummer } }`).refusal).toBeUndefined();
      expect(check(`{ persoon(burgerservicenummer: "999990019") { burgerservicenummer } ${FULL_INTROSPECTION_QUERY.replace(/^\s*query IntrospectionQuery \{/, '').replace(/\}\s*fragment[\s\S]*$/, '')} }`, {}, { parseWithoutLimit: true }).refusal).toBeDefined();
      expect(check(ofTypes(QUERY_LIMITS.maxDepth).replace('{ __schema', '{ persoon(burgerservicenummer: "999990019") { burgerservicenummer } __schema')).refusal).toEqual(tooComplex('depth', QUERY_LIMITS.maxDepth));
    });
  });

  it('picks the operation a request names, and refuses any other choice with BAD_REQUEST', () => {
    const two = 'query A { __typename } query B { __typename }';
    expect(check(two, {}, { operationName: 'B' }).refusal).toBeUndefined();
    for (const operationName of ['C', '', undefined, 42 as unknown as string, ['A'] as unknown as string]) {
      expect(check(two, {}, { operationName }).refusal).toMatchObject({ code: 'BAD_REQUEST', message: expect.not.stringContaining('C') });
    }
    expect(check('query A { __typename }', {}, { operationName: 'B' }).refusal).toMatchObject({ code: 'BAD_REQUEST' });
    expect(check('fragment F on Query { __typename }').refusal).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('parses a hot document once', () => {
    const query = '{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } } }';
    const first = parseQuery(query);
    const second = parseQuery(query);
    expect('document' in first && 'document' in second && first.document === second.document).toBe(true);
  });

  it('keeps an analysis per document for the values that change it, and only for those', () => {
    // One analyzer, one parsed document, as the gateway and a subgraph see a hot query.
    const analyze = createQueryAnalyzer(API_SCHEMA);
    const run = (query: string, variables: Record<string, unknown>) => {
      const parsed = parseQuery(query);
      if (!('document' in parsed)) throw new Error('parse');
      const selected = selectOperation(parsed.document, undefined);
      if (!('operation' in selected)) throw new Error('operation');
      return analyze(parsed.document, selected.operation, variables);
    };
    const page = AUDIT_PAGE;
    const filter = { van: '2026-01-01', tot: '2026-02-01' };
    const small = run(page, { filter, first: 10 });
    expect(small.refusal).toBeUndefined();
    // A new size, a size past the maximum, a date that does not exist: each measured anew.
    expect(run(page, { filter, first: 500 }).cost).toBeGreaterThan(small.cost);
    expect(run(page, { filter, first: MAX_PAGE + 1 }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'first' } });
    expect(run(page, { filter: { van: '2026-02-30' }, first: 10 }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'filter.van' } });
    // And the first values again: the same answer as the first time.
    expect(run(page, { filter, first: 10 })).toEqual(small);
    // A value the measure does not depend on (a BSN) gives the very same analysis.
    const person = 'query P($b: String!) { persoon(burgerservicenummer: $b) { naam { volledigeNaam } } }';
    expect(run(person, { b: '999990019' })).toBe(run(person, { b: '999990032' }));

    // In a subgraph: _entities by the number of representations, not by who they are.
    const wmo = SUBGRAPH_SCHEMAS.get('wmo')!;
    const sub = createQueryAnalyzer(wmo);
    const entities = parse('query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }');
    const op = entities.definitions[0] as Parameters<typeof sub>[1];
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Persoon', burgerservicenummer: String(999990000 + i) }));
    expect(sub(entities, op, { representations: reps(3) }).refusal).toBeUndefined();
    expect(sub(entities, op, { representations: reps(QUERY_LIMITS.maxEntities + 1) }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'representations' } });
    expect(sub(entities, op, { representations: reps(3) }).refusal).toBeUndefined();
  });

  it('lets every documented operation through, and the privacy officer page 500 records with every field', () => {
    const documented = documentedOperations();
    expect(documented.map((d) => d.name)).toEqual(expect.arrayContaining(['PartnerPersoon', 'PartnerHuishouden', 'AuditPagina']));
    expect(documented.some((d) => d.source === 'README.md')).toBe(true);
    const analyze = createQueryAnalyzer(API_SCHEMA);
    for (const d of documented) expect({ name: d.name, refusal: analyze(d.document, d.operation, {}).refusal }).toEqual({ name: d.name, refusal: undefined });
    expect(check(AUDIT_PAGE, { filter: {}, first: 500 }).refusal).toBeUndefined();
    // Every field of an audit record, its objects included, is in that page.
    const record = API_SCHEMA.getType('AuditRecord') as import('graphql').GraphQLObjectType;
    for (const f of Object.keys(record.getFields())) expect(AUDIT_PAGE).toMatch(new RegExp(`\\b${f}\\b`));
  });

  describe('in a subgraph', () => {
    const wmo = SUBGRAPH_SCHEMAS.get('wmo')!;
    const entities = (n: number, selection = `wmo { voorzieningen { ${VOORZIENING} } bron { systeem } }`) => ({
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Persoon { ${selection} } } }`,
      variables: { representations: Array.from({ length: n }, (_, i) => ({ __typename: 'Persoon', burgerservicenummer: `99999${String(i).padStart(4, '0')}` })) },
    });

    it("counts the gateway's entity fetch once, however many members a household has, but not without end", () => {
      const one = check(entities(1).query, entities(1).variables, { schema: wmo });
      const fifty = check(entities(50).query, entities(50).variables, { schema: wmo });
      expect(fifty).toEqual(one);
      expect(fifty.refusal).toBeUndefined();
      const many = entities(QUERY_LIMITS.maxEntities + 1);
      expect(check(many.query, many.variables, { schema: wmo }).refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'representations' } });
    });

    it('refuses in Apollo Server with its code, HTTP 400 and no data; a parse error names no token', async () => {
      const limits = apolloQueryOptions(wmo);
      const server = new ApolloServer({ schema: wmo, ...limits, plugins: [ApolloServerPluginInlineTraceDisabled(), ...limits.plugins] });
      await server.start();
      try {
        const ask = async (query: string, variables?: Record<string, unknown>) => {
          const res = await server.executeOperation({ query, variables });
          const body = res.body.kind === 'single' ? res.body.singleResult : {};
          return { status: res.http.status, data: (body as { data?: unknown }).data, errors: (body as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }).errors };
        };
        const aliased = await ask(`{ _entities(representations: [{ __typename: "Persoon", burgerservicenummer: "999990019" }]) { ... on Persoon { wmo { ${times(30, (i) => `a${i}: voorzieningen { productCode }`)} } } } }`);
        expect(aliased).toEqual({ status: 400, data: undefined, errors: [expect.objectContaining({ message: expect.stringMatching(/alias/), extensions: { code: 'QUERY_TOO_COMPLEX', measure: 'aliases', limit: QUERY_LIMITS.maxAliases, measured: 30 } })] });
        const tokens = await ask(`{ _service { ${'sdl '.repeat(QUERY_LIMITS.maxTokens)} } }`);
        expect(tokens).toMatchObject({ status: 400, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', measure: 'tokens' }) })] });
        const syntax = await ask('{ _entities(representations: [{ burgerservicenummer: 999990019 ');
        expect(syntax).toMatchObject({ status: 400, errors: [expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] });
        expect(syntax.errors![0].message).not.toContain('999990019');
        const fifty = entities(50);
        expect((await ask(fifty.query, fifty.variables)).errors ?? []).toEqual([]);
        const suggestion = await ask('{ _entities(representations: []) { ... on Persoon { wmoo } } }');
        expect(suggestion.errors![0].message).not.toMatch(/Did you mean/);
      } finally {
        await server.stop();
      }
    });
  });

  describe("the gateway's query plans stay within the subgraphs' limits", () => {
    const supergraphSdl = readFileSync(join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
    const analyzers = new Map([...SUBGRAPH_SCHEMAS].map(([name, s]) => [name, createQueryAnalyzer(s)]));
    let server: ApolloServer;
    let planned: Array<{ serviceName: string; operation: string }> = [];

    /** Every fetch in a query plan, wherever it sits (sequence, parallel, flatten, condition, defer). */
    const fetchesIn = (node: unknown, into: Array<{ serviceName: string; operation: string }> = []) => {
      if (!node || typeof node !== 'object') return into;
      const n = node as Record<string, unknown>;
      if (n.kind === 'Fetch') into.push({ serviceName: n.serviceName as string, operation: n.operation as string });
      for (const value of Object.values(n)) {
        if (Array.isArray(value)) value.forEach((v) => fetchesIn(v, into));
        else if (value && typeof value === 'object') fetchesIn(value, into);
      }
      return into;
    };

    beforeAll(async () => {
      // The real planner over the committed supergraph; the subgraphs are never called with data
      // here, since the plan is all this test needs.
      const gateway = new ApolloGateway({
        supergraphSdl,
        buildService: () => ({ process: async () => ({ data: {} }) }) as GraphQLDataSource,
        experimental_didResolveQueryPlan: ({ queryPlan }) => void planned.push(...fetchesIn(queryPlan.node)),
      });
      const limits = apolloQueryOptions();
      server = new ApolloServer({ gateway, ...limits });
      await server.start();
    });
    afterAll(() => server?.stop());

    /** Plans `document` as the gateway does (after its own limits let it through) and analyses each fetch as its subgraph would. */
    const plan = async (query: string, operationName?: string, variables: Record<string, unknown> = { burgerservicenummer: '999990019' }) => {
      planned = [];
      const res = await server.executeOperation({ query, operationName, variables });
      const errors = res.body.kind === 'single' ? (res.body.singleResult.errors ?? []) : [];
      expect(errors.filter((e) => ['GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'BAD_USER_INPUT', 'BAD_REQUEST'].includes(e.extensions?.code as string))).toEqual([]);
      expect(planned.length).toBeGreaterThan(0);
      return planned.map((f) => {
        const document = parse(f.operation);
        const selected = selectOperation(document, undefined);
        if ('refusal' in selected) return { subgraph: f.serviceName, refusal: selected.refusal };
        return { subgraph: f.serviceName, refusal: analyzers.get(f.serviceName)!(document, selected.operation, { ...variables, representations: [{}] }).refusal };
      });
    };

    for (const d of documentedOperations()) {
      it(`for ${d.name} (${d.source})`, async () => {
        const { print } = await import('graphql');
        for (const fetch of await plan(print(d.document), d.name === '(anonymous)' ? undefined : d.name, { burgerservicenummer: '999990019', filter: {} })) expect(fetch).toEqual({ subgraph: fetch.subgraph, refusal: undefined });
      });
    }

    // Shapes at the gateway's limits, where a subgraph's view differs most from the client's: the
    // entity fetch re-roots the selection under `_entities(…) { ... on Persoon { … } }`.
    const atTheLimits = {
      'the aliases all inside one entity fetch': `{ persoon(burgerservicenummer: "999990019") { wmo { ${times(QUERY_LIMITS.maxAliases, (i) => `a${i}: voorzieningen { ${VOORZIENING} }`)} } } }`,
      'the deepest path through three subgraphs': `{ huishouden(burgerservicenummer: "999990019") { tijdlijn(eerste: 10) { betrokkene { wmo { ${times(QUERY_LIMITS.maxAliases, (i) => `a${i}: voorzieningen { omvang { volume } }`)} } } } } }`,
      'every domain of every member, in fragments': `query($burgerservicenummer: String!) { huishouden(burgerservicenummer: $burgerservicenummer) { leden { ...P } } } fragment P on Persoon { naam { volledigeNaam } wmo { ...W } jeugd { jeugdhulp { productCode } } werkEnInkomen { uitkeringen { soort besluiten { soort datum } } } leerplicht { inschrijvingen { school } } } fragment W on WmoDossier { voorzieningen { ${VOORZIENING} } bron { systeem } }`,
      'the whole timeline and the destruction report': `{ huishouden(burgerservicenummer: "999990019") { tijdlijn(eerste: 1000) { datum domein bron soort omschrijving betrokkene { burgerservicenummer } } } bewaartermijnRapport { vernietigingen(eerste: 1000) { tijdstip recordType categorie bron regel reden aantal } } }`,
    };
    for (const [name, query] of Object.entries(atTheLimits)) {
      it(`for ${name}`, async () => {
        expect(check(query, { burgerservicenummer: '999990019' }).refusal).toBeUndefined();
        for (const fetch of await plan(query)) expect(fetch).toEqual({ subgraph: fetch.subgraph, refusal: undefined });
      });
    }
  });
});
