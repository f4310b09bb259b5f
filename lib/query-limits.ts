import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  parse,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { checkIsoDate, checkIsoMoment, checkPeriod } from './errors';

/**
 * The query limits of the hub (docs/CONTRACT.md, "Query limits"), in one place. The gateway checks
 * them before it plans a query, and every subgraph checks them again on what it is sent, so a
 * subgraph behind another gateway, or called with a context it was given for something smaller,
 * still refuses a query nobody should run.
 *
 * Every check here is linear in the document: the parse stops at the token limit, and the analysis
 * walks each fragment once, however often it is spread. What it measures:
 *
 * - depth: fields on the longest path from the root; fragments and `__typename` add no level;
 * - aliases and directives: as the operation would run, a fragment's counted each time it is spread;
 * - cost: 1 per leaf field and 2 per field with a selection, each times the sizes of the lists
 *   above it. A list takes its size from its `first`/`eerste` argument (a literal, a variable or the
 *   argument's default; all the same); a connection (a field with a size argument returning an
 *   object, like `auditRecords`) gives that size to its lists (`edges`). A list without a size
 *   argument (household members, a dossier's records) counts as `assumedListSize` items. A list of
 *   leaves (`verstrekt`, `rollen`) is one value of its parent: cost 1. `__typename` is free, since
 *   the gateway adds it to every fetch.
 *
 * Introspection (an operation that selects nothing but `__schema`, `__type` and `__typename`) is
 * measured by a bound of its own, since a fixed schema bounds what it can return: its lists count
 * as long as the schema's longest (`types` as all its types, `fields` as the most fields of any
 * type, `args` as the most arguments of any field, …), and it may be as deep as, and cost at most
 * INTROSPECTION_MARGIN times, the full standard introspection query (graphql-js
 * `getIntrospectionQuery` with every option), measured the same way on the same schema. So an
 * explorer's or code generator's introspection passes, and `fields { type { fields { type …` or a
 * long `ofType` chain is refused like any other document, before anything runs. Whether
 * introspection is answered at all is the server's choice (Apollo: not with NODE_ENV=production).
 */
export const QUERY_LIMITS = {
  /** Lexical tokens of the document (punctuation, names, values; comments not counted). */
  maxTokens: 2000,
  /** Levels of fields. */
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 20,
  maxCost: 40_000,
  /**
   * The size assumed for a list field without a size argument: about the most such a list holds
   * for one person or household (members of a household, voorzieningen, a record's refusals).
   */
  assumedListSize: 10,
  /**
   * Entities one `_entities` fetch may name. The gateway sends one representation per item of
   * the list it resolves (household members, timeline events) and has counted them in its own
   * cost already, so a subgraph counts `_entities` once and only caps the number.
   */
  maxEntities: 5000,
} as const;

/** How many times the full standard introspection's cost an introspection operation may cost. */
export const INTROSPECTION_MARGIN = 2;

/**
 * A type's member lists: nested in each other (`fields { type { fields …`) they multiply what
 * introspection returns. As graphql-js's MaxIntrospectionDepthRule (which Apollo also runs, but
 * only after planning): at most two on one path; the standard query nests one.
 */
const INTROSPECTION_TYPE_LISTS = new Set(['fields', 'inputFields', 'interfaces', 'possibleTypes']);
const MAX_INTROSPECTION_LISTS = 2;

/** The root fields an introspection operation is made of. */
const INTROSPECTION_ROOT_FIELDS = new Set(['__schema', '__type', '__typename']);

/**
 * The standard introspection query with every option the gateway can answer: what an explorer or
 * code generator sends. Not `oneOf`: Apollo's query planner does not know `__Type.isOneOf`.
 */
export const FULL_INTROSPECTION_QUERY = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });

export type QueryLimits = { -readonly [K in keyof typeof QUERY_LIMITS]: number };

/** The arguments that give the size of the list a field returns. */
export const SIZE_ARGUMENTS = ['first', 'eerste'] as const;

/**
 * How an argument's description states its maximum, the one place a maximum is written: the
 * analysis refuses more (BAD_USER_INPUT) before anything runs, so resolvers take the argument as
 * it comes. In the schema: `"Aantal per pagina. Ten hoogste 500."`.
 */
const MAXIMUM_PHRASE = /(?:^|\s)Ten hoogste (\d+)\./;

export type QueryMeasure = 'depth' | 'aliases' | 'directives' | 'cost' | 'tokens' | 'introspectionDepth';

/**
 * Why a request is refused before it runs. QUERY_TOO_COMPLEX carries `{ limit, measured, measure }`.
 * A message never repeats the document or a variable: both can hold personal data.
 */
export type QueryRefusal = {
  code: 'GRAPHQL_PARSE_FAILED' | 'QUERY_TOO_COMPLEX' | 'BAD_USER_INPUT' | 'BAD_REQUEST';
  message: string;
  extensions?: Record<string, unknown>;
};

export interface QueryAnalysis {
  refusal?: QueryRefusal;
  cost: number;
  depth: number;
  aliases: number;
  directives: number;
}

export type QueryAnalyzer = (document: DocumentNode, operation: OperationDefinitionNode, variables?: unknown) => QueryAnalysis;

export interface QueryAnalyzerOptions {
  limits?: Partial<QueryLimits>;
}

function tooComplex(measure: QueryMeasure, limit: number, measured: number, message: string): QueryRefusal {
  return { code: 'QUERY_TOO_COMPLEX', message, extensions: { measure, limit, measured } };
}

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** Documents kept parsed, by their text: the hot queries of the front ends and partners. */
const PARSE_CACHE_ENTRIES = 500;
/** Longer texts are parsed each time: they are rare, and would make the cache large. */
const PARSE_CACHE_MAX_LENGTH = 8 * 1024;
const parsed = new Map<string, DocumentNode>();

/**
 * Parses a document, refusing one of more than `maxTokens` tokens as soon as the parser has read
 * that many, so a long document costs no more than a short one, and validation (which is not
 * linear) only ever sees a small one. Too many tokens is QUERY_TOO_COMPLEX with measure `tokens`,
 * like every other limit, not GRAPHQL_PARSE_FAILED: the document may be good GraphQL, and the
 * client has to make it smaller rather than correct it. `measured` is where the parse stopped,
 * so the document has at least that many. A subgraph's own parse says the same (queryLimitsPlugin).
 *
 * The document returned may be shared with other requests (a small LRU cache by text): never
 * change it.
 */
export function parseQuery(query: string, maxTokens: number = QUERY_LIMITS.maxTokens): { document: DocumentNode } | { refusal: QueryRefusal } {
  if (typeof query !== 'string' || query.trim() === '') return { refusal: { code: 'BAD_REQUEST', message: 'Expected a non-empty GraphQL document in query' } };
  const cacheable = query.length <= PARSE_CACHE_MAX_LENGTH && maxTokens === QUERY_LIMITS.maxTokens;
  if (cacheable) {
    const hit = parsed.get(query);
    if (hit) {
      // Most recently used last, so the oldest is the first key.
      parsed.delete(query);
      parsed.set(query, hit);
      return { document: hit };
    }
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch (err) {
    return { refusal: parseRefusal(err, maxTokens) };
  }
  if (cacheable) {
    parsed.set(query, document);
    if (parsed.size > PARSE_CACHE_ENTRIES) parsed.delete(parsed.keys().next().value!);
  }
  return { document };
}

/** What a failed parse is refused as. */
function parseRefusal(err: unknown, maxTokens: number): QueryRefusal {
  const message = err instanceof Error ? err.message : '';
  if (/contains more th[ae][nt] \d+ tokens/.test(message)) {
    return tooComplex('tokens', maxTokens, maxTokens + 1, `The document has more than ${maxTokens} tokens, the most allowed`);
  }
  // graphql's own message quotes the offending token, which may be a BSN or a name: only where.
  const at = err instanceof GraphQLError ? err.locations?.[0] : undefined;
  return { code: 'GRAPHQL_PARSE_FAILED', message: `The document is not valid GraphQL syntax${at ? ` (line ${at.line}, column ${at.column})` : ''}` };
}

/**
 * The operation a request runs: the one named by `operationName`, or the only one when none is
 * named. Anything else is BAD_REQUEST, with a message that does not repeat the name sent.
 */
export function selectOperation(document: DocumentNode, operationName: unknown): { operation: OperationDefinitionNode } | { refusal: QueryRefusal } {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return { refusal: { code: 'BAD_REQUEST', message: 'operationName must be a string' } };
  }
  if (operationName === undefined || operationName === null) {
    if (operations.length === 1) return { operation: operations[0] };
    return {
      refusal: {
        code: 'BAD_REQUEST',
        message: operations.length === 0 ? 'The document has no operation to run' : 'The document has several operations; operationName must name the one to run',
      },
    };
  }
  const operation = operations.find((o) => o.name?.value === operationName);
  if (!operation) return { refusal: { code: 'BAD_REQUEST', message: 'operationName names no operation in the document' } };
  return { operation };
}

/* ------------------------------------------------------------------------------------------ */
/* Analysis                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** The maximum an argument's description states (MAXIMUM_PHRASE), if it states one. */
export function statedMaximum(argument: Pick<GraphQLArgument, 'description'>): number | undefined {
  const m = argument.description?.match(MAXIMUM_PHRASE);
  return m ? Number(m[1]) : undefined;
}

/**
 * Which check a string argument or input field's description asks for: "ISO-datum of -tijdstip"
 * a moment (lib/errors.ts checkIsoMoment), "ISO-datum" a calendar date (checkIsoDate). A `tot`
 * whose description says "hoogstens N dagen" bounds the period from its `van`.
 */
function dateKind(description: string | null | undefined): 'moment' | 'date' | undefined {
  if (!description) return undefined;
  if (/ISO-datum of -tijdstip/.test(description)) return 'moment';
  return /ISO-datum\b/.test(description) ? 'date' : undefined;
}

function statedSpanDays(description: string | null | undefined): number | undefined {
  const m = description?.match(/hoogstens (\d+) dagen/);
  return m ? Number(m[1]) : undefined;
}

/**
 * What a selection set measures for one object of its parent type. `perItem` is the cost of its
 * list fields without a size argument, per item: the field that holds the selection multiplies
 * it by its own size argument (a connection's `first`) or by the assumed list size.
 */
interface Measure {
  fixed: number;
  perItem: number;
  depth: number;
  /** The most lists of a type's members (INTROSPECTION_TYPE_LISTS) nested on one path. */
  lists: number;
  aliases: number;
  directives: number;
}

/** Stops the walk: the document is refused whatever else it holds. */
class Refused {
  constructor(readonly refusal: QueryRefusal) {}
}

type InputField = Pick<GraphQLInputField, 'name' | 'description' | 'type'>;

/**
 * The analysis of one schema's operations (see QUERY_LIMITS for what it measures). The caller
 * gives it a parsed document and the operation `selectOperation` chose; the document need not
 * have been validated: unknown fields count as fields, unknown fragments and fragment cycles are
 * refused (BAD_REQUEST) rather than followed.
 *
 * Besides the limits it checks, before anything runs, the arguments whose schema description
 * states what they may be: a size argument's maximum ("Ten hoogste 500."), never negative; a
 * date ("ISO-datum", "ISO-datum of -tijdstip") that exists, in the years lib/errors.ts allows;
 * a period whose `van` comes before its `tot`, no longer than its "hoogstens N dagen". Each is
 * BAD_USER_INPUT naming the argument, given as a literal or in the variables alike.
 */
export function createQueryAnalyzer(schema: GraphQLSchema, options: QueryAnalyzerOptions = {}): QueryAnalyzer {
  const limits: QueryLimits = { ...QUERY_LIMITS, ...options.limits };
  const sizeArguments = new Set<string>(SIZE_ARGUMENTS);
  const queryType = schema.getQueryType();
  const maxima = new Map<GraphQLArgument, number | undefined>();
  const maximumOf = (arg: GraphQLArgument) => {
    if (!maxima.has(arg)) maxima.set(arg, statedMaximum(arg));
    return maxima.get(arg);
  };

  // The longest each introspection list can be in this schema: what an introspection operation's
  // lists count as. Computed once, on first use.
  let introspectionSizes: Map<string, number> | undefined;
  const introspectionListSize = (parent: GraphQLNamedType, field: string): number | undefined => {
    if (!parent.name.startsWith('__')) return undefined;
    introspectionSizes ??= listSizesOf(schema);
    return introspectionSizes.get(`${parent.name}.${field}`);
  };
  // The bound of introspection operations, from the standard query on this schema; set while it is measured.
  let introspectionBound: { depth: number; cost: number } | undefined;
  let measuringStandard = false;

  const fieldOf = (parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (!parent) return undefined;
    if (parent === queryType && name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (parent === queryType && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  };

  // Whether an argument's value can change the analysis: a size, a date, or a list or input
  // object that may hold one. Other values (a BSN, an enum) are checked by validation alone.
  const valueMatters = new Map<GraphQLArgument, boolean>();
  const mattersFor = (arg: GraphQLArgument) => {
    let m = valueMatters.get(arg);
    if (m === undefined) {
      const t = getNullableType(arg.type);
      m = sizeArguments.has(arg.name) || dateKind(arg.description) !== undefined || isListType(t) || isInputObjectType(t);
      valueMatters.set(arg, m);
    }
    return m;
  };

  /**
   * Measures one operation with the values it runs with (`vars`), and notes in `reads` which
   * variables it looked at and how: their value, or only their length. Which variables it reads
   * depends on the document alone, never on their values; that is what makes the cache below sound.
   */
  const analyze = (document: DocumentNode, operation: OperationDefinitionNode, vars: Record<string, unknown>, reads: Map<string, Read>): QueryAnalysis => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
    const introspection = isIntrospectionOnly(operation.selectionSet, fragments);
    // A fragment measures the same wherever it is spread (its type condition is its parent type,
    // the variables are the request's): measured once, then reused. `null` while being measured.
    const measured = new Map<string, Measure | null>();
    let inputRefusal: QueryRefusal | undefined;
    const refuseInput = (message: string, extensions: Record<string, unknown>) => {
      inputRefusal ??= { code: 'BAD_USER_INPUT', message, extensions };
    };

    /** An argument's value as the operation gives it; undefined when not given. */
    const valueOf = (node: ValueNode, read: Read = 'value'): unknown => {
      noteReads(node, read, reads);
      return valueFromASTUntyped(node, vars);
    };

    /** The list size a field's size argument asks for, checked against its stated maximum. */
    const sizeOf = (coordinate: string, def: GraphQLField<unknown, unknown>, args: ReadonlyArray<ArgumentNode>): number | undefined => {
      let size: number | undefined;
      for (const arg of def.args) {
        if (!sizeArguments.has(arg.name)) continue;
        const node = args.find((a) => a.name.value === arg.name);
        const v = node ? valueOf(node.value) : undefined;
        // Explicit null means the default, as the resolvers read it; a non-number fails validation later.
        let n = typeof v === 'number' ? v : undefined;
        if (n === undefined && (v === undefined || v === null)) n = typeof arg.defaultValue === 'number' ? arg.defaultValue : undefined;
        if (n === undefined) continue;
        const max = maximumOf(arg);
        if (!(n >= 0)) refuseInput(`${coordinate}(${arg.name}) must not be negative`, { argument: arg.name });
        else if (max !== undefined && n > max) refuseInput(`${coordinate}(${arg.name}) is at most ${max}`, { argument: arg.name, maximum: max });
        size = Math.max(size ?? 0, Math.ceil(Math.max(0, Math.min(n, max ?? n))));
      }
      return size;
    };

    /** Checks the dates and periods among a set of arguments or an input object's fields. */
    const checkInputs = (fields: readonly InputField[], valueFor: (name: string) => unknown, prefix: string) => {
      const dates = new Map<string, string>();
      for (const f of fields) {
        const value = valueFor(f.name);
        if (value === undefined || value === null) continue;
        const name = `${prefix}${f.name}`;
        const kind = dateKind(f.description);
        if (kind && typeof value === 'string') {
          try {
            dates.set(f.name, kind === 'moment' ? checkIsoMoment(value, name) : checkIsoDate(value, name));
          } catch (err) {
            if (err instanceof GraphQLError) refuseInput(err.message, { argument: name });
            else throw err;
          }
          continue;
        }
        walkInput(value, f.type, name);
      }
      const tot = fields.find((f) => f.name === 'tot');
      if (dates.has('van') && dates.has('tot')) {
        try {
          checkPeriod(dates.get('van'), dates.get('tot'), { van: `${prefix}van`, tot: `${prefix}tot`, maxDays: statedSpanDays(tot?.description) });
        } catch (err) {
          if (err instanceof GraphQLError) refuseInput(err.message, { argument: `${prefix}tot` });
          else throw err;
        }
      }
    };

    /** Walks an input value along its type, to the dates inside input objects and lists. */
    const walkInput = (value: unknown, type: GraphQLInputType, name: string): void => {
      const t = getNullableType(type);
      if (isListType(t)) {
        for (const item of Array.isArray(value) ? value : [value]) if (item !== null && item !== undefined) walkInput(item, t.ofType, name);
      } else if (isInputObjectType(t) && value && typeof value === 'object' && !Array.isArray(value)) {
        const object = value as Record<string, unknown>;
        checkInputs(Object.values(t.getFields()), (f) => (Object.prototype.hasOwnProperty.call(object, f) ? object[f] : undefined), `${name}.`);
      }
    };

    /** How many entities an `_entities` fetch names (literal list or variable). */
    const entityCount = (args: ReadonlyArray<ArgumentNode>): number => {
      const node = args.find((a) => a.name.value === 'representations')?.value;
      if (!node) return 0;
      const v = valueOf(node, 'length');
      return Array.isArray(v) ? v.length : 1;
    };

    const selectionSet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): Measure => {
      const m: Measure = { fixed: 0, perItem: 0, depth: 0, lists: 0, aliases: 0, directives: 0 };
      const add = (sub: Measure) => {
        m.fixed += sub.fixed;
        m.perItem += sub.perItem;
        m.depth = Math.max(m.depth, sub.depth);
        m.lists = Math.max(m.lists, sub.lists);
        m.aliases += sub.aliases;
        m.directives += sub.directives;
      };
      for (const s of set.selections) {
        m.directives += s.directives?.length ?? 0;
        if (s.kind === Kind.FRAGMENT_SPREAD) {
          add(fragment(s.name.value));
          continue;
        }
        if (s.kind === Kind.INLINE_FRAGMENT) {
          add(selectionSet(s.selectionSet, s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent));
          continue;
        }
        if (s.alias) m.aliases += 1;
        if (s.name.value === '__typename') continue;
        const def = fieldOf(parent, s.name.value);
        const type = def ? getNamedType(def.type) : undefined;
        const child = s.selectionSet ? selectionSet(s.selectionSet, type && isCompositeType(type) ? type : undefined) : undefined;
        const weight = s.selectionSet ? 2 : 1;
        m.depth = Math.max(m.depth, 1 + (child?.depth ?? 0));
        m.lists = Math.max(m.lists, (parent?.name === '__Type' && INTROSPECTION_TYPE_LISTS.has(s.name.value) ? 1 : 0) + (child?.lists ?? 0));
        m.aliases += child?.aliases ?? 0;
        m.directives += child?.directives ?? 0;
        const childFixed = child?.fixed ?? 0;
        const childPerItem = child?.perItem ?? 0;
        if (!def) {
          m.fixed += weight + childFixed + limits.assumedListSize * childPerItem;
          continue;
        }
        const args = s.arguments ?? [];
        const coordinate = `${parent!.name}.${def.name}`;
        if (parent === queryType && def.name === '_entities') {
          // The gateway's fetch of entities it found, and counted, itself: once, but not unbounded.
          if (entityCount(args) > limits.maxEntities) refuseInput(`${coordinate}(representations) holds at most ${limits.maxEntities} entities`, { argument: 'representations', maximum: limits.maxEntities });
          m.fixed += weight + childFixed + limits.assumedListSize * childPerItem;
          continue;
        }
        if (args.length) {
          checkInputs(def.args.filter(mattersFor), (name) => {
            const node = args.find((a) => a.name.value === name);
            return node ? valueOf(node.value) : undefined;
          }, '');
        }
        const size = sizeOf(coordinate, def, args) ?? (introspection ? introspectionListSize(parent!, def.name) : undefined);
        if (isListType(getNullableType(def.type))) {
          const perElement = childFixed + limits.assumedListSize * childPerItem;
          if (size !== undefined) m.fixed += weight + size * perElement;
          else {
            // Sized by the field that holds this selection: a connection's `first`, else assumed.
            m.fixed += weight;
            m.perItem += perElement;
          }
        } else {
          m.fixed += weight + childFixed + (size ?? limits.assumedListSize) * childPerItem;
        }
      }
      return m;
    };

    const fragment = (name: string): Measure => {
      const known = measured.get(name);
      if (known) return known;
      if (known === null) throw new Refused({ code: 'BAD_REQUEST', message: 'The document spreads fragments in a cycle' });
      const def = fragments.get(name);
      if (!def) throw new Refused({ code: 'BAD_REQUEST', message: 'The document spreads a fragment it does not define' });
      measured.set(name, null);
      const m = selectionSet(def.selectionSet, schema.getType(def.typeCondition.name.value));
      measured.set(name, m);
      return m;
    };

    let root: Measure;
    try {
      root = selectionSet(operation.selectionSet, rootTypeOf(schema, operation));
    } catch (err) {
      if (err instanceof Refused) return { refusal: err.refusal, cost: 0, depth: 0, aliases: 0, directives: 0 };
      throw err;
    }
    const directives = root.directives + (operation.directives?.length ?? 0) + (operation.variableDefinitions ?? []).reduce((n, v) => n + (v.directives?.length ?? 0), 0);
    const result: QueryAnalysis = {
      // Fan-outs can make the counts astronomical; JSON has no Infinity.
      cost: Math.min(root.fixed + limits.assumedListSize * root.perItem, Number.MAX_SAFE_INTEGER),
      depth: root.depth,
      aliases: Math.min(root.aliases, Number.MAX_SAFE_INTEGER),
      directives: Math.min(directives, Number.MAX_SAFE_INTEGER),
    };
    let maxDepth = limits.maxDepth;
    let maxCost = limits.maxCost;
    if (introspection && !measuringStandard) {
      introspectionBound ??= standardIntrospectionBound();
      maxDepth = introspectionBound.depth;
      maxCost = introspectionBound.cost;
    }
    if (root.lists > MAX_INTROSPECTION_LISTS) {
      // Checked for every operation: nested member lists are only ever introspection.
      result.refusal = tooComplex('introspectionDepth', MAX_INTROSPECTION_LISTS, root.lists, `The operation nests lists of a type's members ${root.lists} deep; at most ${MAX_INTROSPECTION_LISTS} are allowed`);
    } else if (result.depth > maxDepth) {
      result.refusal = tooComplex('depth', maxDepth, result.depth, `The operation is ${result.depth} levels of fields deep; at most ${maxDepth} are allowed`);
    } else if (result.aliases > limits.maxAliases) {
      result.refusal = tooComplex('aliases', limits.maxAliases, result.aliases, `The operation uses ${result.aliases} aliases; at most ${limits.maxAliases} are allowed`);
    } else if (result.directives > limits.maxDirectives) {
      result.refusal = tooComplex('directives', limits.maxDirectives, result.directives, `The operation uses ${result.directives} directives; at most ${limits.maxDirectives} are allowed`);
    } else if (inputRefusal) {
      result.refusal = inputRefusal;
    } else if (result.cost > maxCost) {
      result.refusal = tooComplex('cost', maxCost, result.cost, `The operation costs ${result.cost}; at most ${maxCost} is allowed (docs/CONTRACT.md, "Query limits")`);
    }
    return Object.freeze(result);
  };

  /** Depth and cost INTROSPECTION_MARGIN × of the full standard introspection, measured on this schema. */
  const standardIntrospectionBound = (): { depth: number; cost: number } => {
    const document = parse(FULL_INTROSPECTION_QUERY);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    measuringStandard = true;
    try {
      const m = analyze(document, operation, Object.create(null), new Map());
      return { depth: Math.max(limits.maxDepth, m.depth), cost: Math.max(limits.maxCost, INTROSPECTION_MARGIN * m.cost) };
    } finally {
      measuringStandard = false;
    }
  };

  // The same documents come again and again (a front end's queries, the gateway's fetches to a
  // subgraph), mostly with values that do not change the measure: a new BSN, but the same page
  // size. So analyses are kept per document and operation, by the values of the variables the
  // analysis reads (the length only, for `_entities` representations). Documents are the parse
  // caches' shared objects (parseQuery, Apollo's document store); a document that leaves them
  // takes its analyses with it.
  const cache = new WeakMap<DocumentNode, Map<OperationDefinitionNode, CachedAnalyses>>();
  return (document, operation, variables) => {
    const given = variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : {};
    // The values the operation runs with: the request's variables, else the operation's defaults.
    const vars: Record<string, unknown> = Object.create(null);
    for (const v of operation.variableDefinitions ?? []) {
      const name = v.variable.name.value;
      if (Object.prototype.hasOwnProperty.call(given, name) && given[name] !== undefined) vars[name] = given[name];
      else if (v.defaultValue) vars[name] = valueFromASTUntyped(v.defaultValue);
    }
    let perOperation = cache.get(document);
    if (!perOperation) cache.set(document, (perOperation = new Map()));
    const cached = perOperation.get(operation);
    if (!cached) {
      const reads = new Map<string, Read>();
      const result = analyze(document, operation, vars, reads);
      const entry: CachedAnalyses = { reads: [...reads].sort(([a], [b]) => (a < b ? -1 : 1)), results: new Map() };
      perOperation.set(operation, entry);
      const key = cacheKey(entry.reads, vars);
      if (key !== undefined) entry.results.set(key, result);
      return result;
    }
    const key = cacheKey(cached.reads, vars);
    const hit = key === undefined ? undefined : cached.results.get(key);
    if (hit) return hit;
    const result = analyze(document, operation, vars, new Map());
    if (key !== undefined) {
      // A few value sets per operation (page sizes, periods); the oldest makes way.
      if (cached.results.size >= ANALYSES_PER_OPERATION) cached.results.delete(cached.results.keys().next().value!);
      cached.results.set(key, result);
    }
    return result;
  };
}

/**
 * Whether an operation selects only introspection (`__schema`, `__type`, `__typename`) at its
 * root, through fragments too. An unknown fragment or a cycle is not introspection: the analysis
 * refuses it anyway.
 */
function isIntrospectionOnly(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  let any = false;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (!INTROSPECTION_ROOT_FIELDS.has(s.name.value)) return false;
      any ||= s.name.value !== '__typename';
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (!isIntrospectionOnly(s.selectionSet, fragments, seen)) return false;
      any = true;
    } else {
      const f = fragments.get(s.name.value);
      if (!f || seen.has(f.name.value)) return false;
      seen.add(f.name.value);
      if (!isIntrospectionOnly(f.selectionSet, fragments, seen)) return false;
      any = true;
    }
  }
  return any;
}

/**
 * The longest each list of the introspection types can be in a schema (at least 1): every type,
 * the most fields, arguments, input fields, interfaces, possible types and enum values any one
 * has, every directive.
 */
function listSizesOf(schema: GraphQLSchema): Map<string, number> {
  const types = Object.values(schema.getTypeMap());
  let fields = 1;
  let args = 1;
  let inputFields = 1;
  let interfaces = 1;
  let possibleTypes = 1;
  let enumValues = 1;
  for (const t of types) {
    if (isObjectType(t) || isInterfaceType(t)) {
      const fs = Object.values(t.getFields());
      fields = Math.max(fields, fs.length);
      for (const f of fs) args = Math.max(args, f.args.length);
      interfaces = Math.max(interfaces, t.getInterfaces().length);
    }
    if (isInputObjectType(t)) inputFields = Math.max(inputFields, Object.keys(t.getFields()).length);
    if (isAbstractType(t)) possibleTypes = Math.max(possibleTypes, schema.getPossibleTypes(t).length);
    if (isEnumType(t)) enumValues = Math.max(enumValues, t.getValues().length);
  }
  const directives = schema.getDirectives();
  for (const d of directives) args = Math.max(args, d.args.length);
  return new Map([
    ['__Schema.types', types.length],
    ['__Schema.directives', Math.max(1, directives.length)],
    ['__Type.fields', fields],
    ['__Type.interfaces', interfaces],
    ['__Type.possibleTypes', possibleTypes],
    ['__Type.enumValues', enumValues],
    ['__Type.inputFields', inputFields],
    ['__Field.args', args],
    ['__Directive.args', args],
  ]);
}

/** How the analysis used a variable: its whole value, or only how many items it holds. */
type Read = 'value' | 'length';

interface CachedAnalyses {
  reads: ReadonlyArray<readonly [string, Read]>;
  results: Map<string, QueryAnalysis>;
}

const ANALYSES_PER_OPERATION = 16;
/** Values whose key would be longer than this are measured each time rather than kept. */
const MAX_CACHE_KEY_LENGTH = 512;

/** The key of the values an analysis reads; undefined when they are too large to keep. */
function cacheKey(reads: CachedAnalyses['reads'], vars: Record<string, unknown>): string | undefined {
  if (reads.length === 0) return '';
  let key = '';
  for (const [name, read] of reads) {
    const v = vars[name];
    key += read === 'length' ? `${Array.isArray(v) ? v.length : typeof v};` : `${JSON.stringify(v) ?? 'u'};`;
    if (key.length > MAX_CACHE_KEY_LENGTH) return undefined;
  }
  return key;
}

/** Notes the variables a value node refers to, at any depth of lists and objects. */
function noteReads(node: ValueNode, read: Read, reads: Map<string, Read>): void {
  if (node.kind === Kind.VARIABLE) {
    if (reads.get(node.name.value) !== 'value') reads.set(node.name.value, read);
  } else if (node.kind === Kind.LIST) {
    for (const item of node.values) noteReads(item, read, reads);
  } else if (node.kind === Kind.OBJECT) {
    for (const field of node.fields) noteReads(field.value, read, reads);
  }
}

function rootTypeOf(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLNamedType | undefined {
  if (operation.operation === 'mutation') return schema.getMutationType() ?? undefined;
  if (operation.operation === 'subscription') return schema.getSubscriptionType() ?? undefined;
  return schema.getQueryType() ?? undefined;
}

/* ------------------------------------------------------------------------------------------ */
/* Apollo Server                                                                               */
/* ------------------------------------------------------------------------------------------ */

/** A refusal as the error an Apollo Server answers with: its code, HTTP 400, no data. */
export function refusalError(refusal: QueryRefusal): GraphQLError {
  return new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, code: refusal.code, http: { status: 400 } } });
}

/**
 * The limits inside an Apollo Server, for the subgraphs (and behind the gateway's own edge, which
 * checks first). Apollo parses the document itself, held to the token limit by `parseOptions`
 * (apolloQueryOptions), and validates it; the analysis then runs once the operation is resolved,
 * before anything executes. An error thrown any earlier would make Apollo answer 500; validation
 * on a document of at most `maxTokens` tokens stays in the milliseconds. `schema` is the server's;
 * without it (a gateway, whose schema comes with the supergraph) each request's schema is used.
 */
export function queryLimitsPlugin<T extends BaseContext>(schema?: GraphQLSchema, options: QueryAnalyzerOptions = {}): ApolloServerPlugin<T> {
  const analyzers = new WeakMap<GraphQLSchema, QueryAnalyzer>();
  const analyzerFor = (s: GraphQLSchema) => {
    let a = analyzers.get(s);
    if (!a) analyzers.set(s, (a = createQueryAnalyzer(s, options)));
    return a;
  };
  const maxTokens = options.limits?.maxTokens ?? QUERY_LIMITS.maxTokens;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema: requestSchema }) {
          const selected = operation ? { operation } : selectOperation(document, request.operationName);
          if ('refusal' in selected) throw refusalError(selected.refusal);
          const { refusal } = analyzerFor(schema ?? requestSchema)(document, selected.operation, request.variables);
          if (refusal) throw refusalError(refusal);
        },
        // Apollo's own parse failures say what parseQuery says: the token limit as
        // QUERY_TOO_COMPLEX, a syntax error by place only (graphql's message quotes the token,
        // which may be a BSN or a name).
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.extensions?.code !== 'GRAPHQL_PARSE_FAILED') continue;
            const refusal = parseRefusal(error.originalError ?? error, maxTokens);
            const extensions = error.extensions as Record<string, unknown>;
            Object.assign(extensions, refusal.extensions, { code: refusal.code });
            error.message = refusal.message;
          }
        },
      };
    },
  };
}

/** What an ApolloServer needs to enforce the limits; spread it into its options. */
export interface QueryLimitOptions {
  plugins: ApolloServerPlugin<any>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  /** No "Did you mean …?" in validation errors: they would map the schema for anyone. */
  hideSchemaDetailsFromClientErrors: true;
  allowBatchedHttpRequests: false;
  includeStacktraceInErrorResponses: false;
}

/**
 * The limits for one ApolloServer: the plugin above, Apollo's own parse held to the token limit,
 * no field suggestions, no batches.
 * Spread into the server's options, and list its `plugins` among the server's own.
 */
export function apolloQueryOptions(schema?: GraphQLSchema, options: QueryAnalyzerOptions = {}): QueryLimitOptions {
  return {
    plugins: [queryLimitsPlugin(schema, options)],
    validationRules: [],
    parseOptions: { maxTokens: options.limits?.maxTokens ?? QUERY_LIMITS.maxTokens },
    hideSchemaDetailsFromClientErrors: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
  };
}
