import { ApolloServer } from '@apollo/server';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, Kind, parse, specifiedRules, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPHS } from '../subgraphs';
import { QUERY_LIMITS, queryLimits } from './query-limits';

const ROOT = join(__dirname, '..');
const VOORZIENING = 'toewijzingNummer productCategorie productCode omschrijving ingangsdatum einddatum omvang { volume eenheid frequentie } leveringsvorm';
const times = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

/** The limit errors a server with these limits reports for `query`, checked against `schema`. */
function refusals(schema: GraphQLSchema, query: string): string[] {
  return validate(schema, parse(query), [...specifiedRules, ...queryLimits().validationRules]).map((e) => e.message);
}

interface Fetch {
  serviceName: string;
  operation: string;
}

/** Every fetch in a query plan, wherever it sits (sequence, parallel, flatten, condition, defer). */
function fetchesIn(node: unknown, into: Fetch[] = []): Fetch[] {
  if (!node || typeof node !== 'object') return into;
  const n = node as Record<string, unknown>;
  if (n.kind === 'Fetch') into.push({ serviceName: n.serviceName as string, operation: n.operation as string });
  for (const value of Object.values(n)) {
    if (Array.isArray(value)) value.forEach((v) => fetchesIn(v, into));
    else if (value && typeof value === 'object') fetchesIn(value, into);
  }
  return into;
}

describe('query limits', () => {
  it('refuses what the contract says, once per limit', () => {
    const schema = buildSchema('type Query { a: A } type A { b: A x: Int }');
    expect(refusals(schema, `{ ${times(QUERY_LIMITS.maxAliases, (i) => `a${i}: a { x }`)} }`)).toEqual([]);
    expect(refusals(schema, `{ ${times(QUERY_LIMITS.maxAliases + 1, (i) => `a${i}: a { x }`)} }`)).toEqual([expect.stringMatching(/alias/i)]);
    const nested = (levels: number) => `{ a { ${'b { '.repeat(levels - 2)}x${' }'.repeat(levels - 2)} } }`;
    expect(refusals(schema, nested(QUERY_LIMITS.maxDepth))).toEqual([]);
    expect(refusals(schema, nested(QUERY_LIMITS.maxDepth + 1))).toEqual([expect.stringMatching(/depth/i)]);
    // Cost grows by half with each level: wide at depth 2 it is over.
    expect(refusals(schema, `{ a { ${times(20, (i) => `a${i}: b { ${'x '.repeat(200)} }`)} } }`).some((m) => /cost/i.test(m))).toBe(true);
  });

  it('does not count fragments as levels, so a query is judged by the shape of its answer', () => {
    const schema = buildSchema('type Query { a: A _entities: [E] } union E = A type A { b: A x: Int }');
    const deepest = `b { b { b { b { b { b { b { b { x } } } } } } } }`;
    expect(refusals(schema, `{ a { ${deepest} } }`)).toEqual([]);
    // The same selection as a gateway's entity fetch sends it, wrapped in `... on A`.
    expect(refusals(schema, `{ _entities { ... on A { ${deepest} } } }`)).toEqual([]);
    expect(refusals(schema, `{ a { ...F } } fragment F on A { b { ... on A { b { ... on A { b { ... on A { b { ... on A { b { ... on A { b { ... on A { b { ... on A { b { x } } } } } } } } } } } } } } } }`)).toEqual([]);
  });

  describe("the gateway's query plans stay within the subgraphs' limits", () => {
    const supergraphSdl = readFileSync(join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
    const subgraphSchemas = new Map(SUBGRAPHS.map((s) => [s.name, buildSubgraphSchema([{ typeDefs: s.typeDefs }])]));
    let server: ApolloServer;
    let planned: Fetch[] = [];

    beforeAll(async () => {
      // The real planner over the committed supergraph; the subgraphs are never called with data
      // here, since the plan is all this test needs.
      const gateway = new ApolloGateway({
        supergraphSdl,
        buildService: () => ({ process: async () => ({ data: {} }) }) as GraphQLDataSource,
        experimental_didResolveQueryPlan: ({ queryPlan }) => void planned.push(...fetchesIn(queryPlan.node)),
      });
      server = new ApolloServer({ gateway, ...queryLimits() });
      await server.start();
    });
    afterAll(() => server?.stop());

    /** Plans `query` as the gateway does (after its own limits let it through) and returns each fetch's refusals by the subgraph's limits. */
    const plan = async (query: string, operationName?: string) => {
      planned = [];
      const res = await server.executeOperation({ query, operationName, variables: { burgerservicenummer: '999990019' } });
      // The gateway's own limits let it through (the stub subgraphs make the rest of the answer empty).
      const errors = res.body.kind === 'single' ? (res.body.singleResult.errors ?? []) : [];
      expect(errors.filter((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')).toEqual([]);
      expect(planned.length).toBeGreaterThan(0);
      return planned.map((f) => ({ subgraph: f.serviceName, refusals: refusals(subgraphSchemas.get(f.serviceName)!, f.operation) }));
    };

    const trusted = readdirSync(join(ROOT, 'gateway', 'trusted-documents')).filter((f) => f.endsWith('.graphql'));
    for (const file of trusted) {
      const text = readFileSync(join(ROOT, 'gateway', 'trusted-documents', file), 'utf8');
      const operations = parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      for (const op of operations) {
        it(`for ${file} ${op.name!.value}`, async () => {
          for (const fetch of await plan(text, op.name!.value)) expect(fetch).toEqual({ subgraph: fetch.subgraph, refusals: [] });
        });
      }
    }

    // Shapes at the gateway's limits, where a subgraph's view differs most from the client's: the
    // entity fetch re-roots the selection under `_entities(…) { ... on Persoon { … } }`.
    const atTheLimits = {
      'the aliases all inside one entity fetch': `{ persoon(burgerservicenummer: "999990019") { wmo { ${times(QUERY_LIMITS.maxAliases, (i) => `a${i}: voorzieningen { ${VOORZIENING} }`)} } } }`,
      'the deepest path through three subgraphs': `{ huishouden(burgerservicenummer: "999990019") { tijdlijn { betrokkene { wmo { ${times(QUERY_LIMITS.maxAliases, (i) => `a${i}: voorzieningen { ${VOORZIENING} }`)} } } } } }`,
      'every domain of every member, in fragments': `query($burgerservicenummer: String!) { huishouden(burgerservicenummer: $burgerservicenummer) { leden { ...P } } } fragment P on Persoon { naam { volledigeNaam } wmo { ...W } jeugd { jeugdhulp { productCode } } werkEnInkomen { uitkeringen { soort } } leerplicht { inschrijvingen { school } } } fragment W on WmoDossier { voorzieningen { ${VOORZIENING} } bron { systeem } }`,
    };
    for (const [name, query] of Object.entries(atTheLimits)) {
      it(`for ${name}`, async () => {
        for (const fetch of await plan(query)) expect(fetch).toEqual({ subgraph: fetch.subgraph, refusals: [] });
      });
    }
  });
});
