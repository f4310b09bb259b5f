import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  print,
  validate,
  valueFromASTUntyped,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type OperationTypeNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { SIZE_ARGUMENTS as SIZE_ARGUMENT_NAMES } from '../lib/query-limits';

const DEFAULT_DIR = join(__dirname, 'trusted-documents');
/** The public schema: where the defaults of omitted arguments come from. */
const DEFAULT_SCHEMA = join(__dirname, 'api-schema.graphql');
/** The file that applies to every partner without a file of its own. */
const ALL_PARTNERS = 'partner';

/**
 * Integer arguments that say how many items a list gives. A registered literal is a ceiling for
 * these: asking for fewer is asking for less of the registered view. Any other literal is pinned
 * exactly, because for an id, a year or a code a smaller number is other data, not less.
 */
const SIZE_ARGUMENTS: ReadonlySet<string> = new Set(SIZE_ARGUMENT_NAMES);

/**
 * Directives a request may carry. `@include` and `@skip` can only leave out what is selected, so
 * they keep a request within the registered view; any other directive would ask for behaviour
 * (deferring, streaming, whatever a schema adds later) the registered operations do not use.
 */
const ALLOWED_DIRECTIVES = new Set(['include', 'skip']);

/**
 * Selection sets a request may nest, counting fields, inline fragments and fragment spreads. The
 * registered view is a few levels deep; a chain of thousands of fragments is no partner query and
 * would otherwise be walked by recursion as deep as the chain.
 */
const MAX_NESTING = 100;

/** Why a document was refused; never a value from it, so it may be logged and counted. */
export type TrustReason =
  /** Not a single executable document: unparseable, a type definition, or nested too deep. */
  | 'DOCUMENT'
  /** An operation type (mutation, subscription) nothing was registered for, or no operation. */
  | 'OPERATION'
  /** A field the registered operations do not select at that place. */
  | 'FIELD'
  /** Arguments that fit none of those the registered operations give that field at that place. */
  | 'ARGUMENT'
  /** A fragment that is not defined, defined twice, or spread within itself. */
  | 'FRAGMENT'
  /** A directive other than `@include` and `@skip`. */
  | 'DIRECTIVE';

export type TrustDecision = { trusted: true } | { trusted: false; reason: TrustReason };

/** The request's `variables`, as JSON gave them. */
export type Variables = Readonly<Record<string, unknown>> | null | undefined;

/** One place in the registered view: the fields selected there, each with what it may be given. */
interface Place {
  fields: Map<string, RegisteredField>;
}

interface RegisteredField {
  /** Each distinct set of arguments the registered operations give this field at this place. */
  argumentSets: ArgumentSet[];
  /** What may be selected below it: the union over all registered selections of it here. */
  place: Place;
}

/** Per argument name, what a request may give it. */
type ArgumentSet = Map<string, Pin>;

interface Pin {
  /** The registered value. A variable in it, at any depth, leaves that part free. */
  value: ValueNode;
  /** For a size argument given as an integer literal: the most a request may ask for. */
  ceiling?: number;
  /** Whether the schema's default fits the pin, so that leaving the argument out is allowed. */
  defaultFits: boolean;
}

const TRUSTED: TrustDecision = { trusted: true };
const refused = (reason: TrustReason): TrustDecision => ({ trusted: false, reason });

/**
 * Trusted documents for partner organisations. Each organisation has registered operations (its
 * scoped household view); a request is trusted when every field it selects, at every depth, is
 * one those operations select at the same place, with arguments that fit those the registered
 * operations give it there. So a partner client can ask for less than the registered view (fewer
 * fields, a smaller page, aliases, fragments), but never for another field, root field, operation
 * type or argument value.
 *
 * Arguments: one the registered operation gives as a variable is free (GraphQL validation checks
 * its type later); one it gives as a literal is pinned, exactly, or as a ceiling for a size
 * argument (`first`, `eerste`); one it does not give may not be given. A request may give its
 * values as literals or as variables; variables are resolved from the request's `variables` and
 * the operation's defaults. Leaving a pinned argument out is allowed only when the schema's
 * default fits the pin (the registered `tijdlijn(eerste: 100)` and the schema's `= 100`).
 *
 * The check is linear in the request: its selections are walked against the registered view
 * directly, and a fragment is checked once per place in that view, however often it is spread
 * there. Expanding the request into a tree first would take time exponential in the nesting of
 * fragments that spread the next one twice.
 */
export class TrustedDocuments {
  private readonly views = new Map<string, Map<OperationTypeNode, Place>>();

  constructor(dir = DEFAULT_DIR, schemaFile = DEFAULT_SCHEMA) {
    const schema = buildSchema(readFileSync(schemaFile, 'utf8'));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
      this.views.set(basename(file, '.graphql'), registeredView(parse(readFileSync(join(dir, file), 'utf8')), schema, file));
    }
    if (!this.views.has(ALL_PARTNERS)) throw new Error(`trusted documents: ${ALL_PARTNERS}.graphql is missing in ${dir}`);
  }

  /** Whether `document`, with `variables`, stays within what `organisatie` registered, and if not, why. */
  check(organisatie: string, document: DocumentNode, variables?: Variables): TrustDecision {
    const view = this.views.get(organisatie) ?? this.views.get(ALL_PARTNERS)!;
    if (variables != null && !isPlainObject(variables)) return refused('ARGUMENT');

    const fragments = new Map<string, FragmentDefinitionNode>();
    const operations: OperationDefinitionNode[] = [];
    for (const d of document.definitions) {
      if (d.kind === Kind.OPERATION_DEFINITION) operations.push(d);
      else if (d.kind !== Kind.FRAGMENT_DEFINITION) return refused('DOCUMENT');
      else if (fragments.has(d.name.value)) return refused('FRAGMENT');
      else fragments.set(d.name.value, d);
    }
    if (operations.length === 0) return refused('OPERATION');

    const walk = new Walk(fragments, requestVariables(operations, variables ?? {}));
    for (const operation of operations) {
      const root = view.get(operation.operation);
      if (!root) return refused('OPERATION');
      if (!directivesAllowed(operation.directives)) return refused('DIRECTIVE');
      if (operation.variableDefinitions?.some((v) => !directivesAllowed(v.directives))) return refused('DIRECTIVE');
      const reason = walk.selections(operation.selectionSet, root, 0);
      if (reason) return refused(reason);
    }
    return TRUSTED;
  }

  /** Parses and checks a query string in one go; one that does not parse is refused as `DOCUMENT`. */
  checkQuery(organisatie: string, query: string, variables?: Variables): TrustDecision {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return refused('DOCUMENT');
    }
    return this.check(organisatie, document, variables);
  }

  /** Whether `document` stays within what `organisatie` registered. A malformed document is not trusted. */
  isTrusted(organisatie: string, document: DocumentNode, variables?: Variables): boolean {
    return this.check(organisatie, document, variables).trusted;
  }

  /** Parses and checks a query string in one go. */
  isTrustedQuery(organisatie: string, query: string, variables?: Variables): boolean {
    return this.checkQuery(organisatie, query, variables).trusted;
  }
}

// ---------------------------------------------------------------------------------------------
// The request: walked against the registered view, each fragment once per place.

/** A variable the request neither gives nor defaults: the argument counts as left out. */
const ABSENT = Symbol('absent');
/** A variable the request does not give, defaulted differently by its operations. */
const AMBIGUOUS = Symbol('ambiguous');

type Resolved = unknown | typeof ABSENT | typeof AMBIGUOUS;

class Walk {
  /** Per place, the fragments already found within it there. */
  private readonly checked = new Map<Place, Set<string>>();
  /** The fragments being checked now: meeting one again is a cycle. */
  private readonly open = new Set<string>();

  constructor(
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: ReadonlyMap<string, Resolved>,
  ) {}

  /** The first reason `set` does not fit `place`, or undefined when it does. */
  selections(set: SelectionSetNode, place: Place, nesting: number): TrustReason | undefined {
    if (nesting > MAX_NESTING) return 'DOCUMENT';
    for (const s of set.selections) {
      if (!directivesAllowed(s.directives)) return 'DIRECTIVE';
      let reason: TrustReason | undefined;
      if (s.kind === Kind.FIELD) reason = this.field(s, place, nesting);
      // Type conditions narrow, never widen: the fields inside are checked at the same place.
      else if (s.kind === Kind.INLINE_FRAGMENT) reason = this.selections(s.selectionSet, place, nesting + 1);
      else reason = this.spread(s.name.value, place, nesting);
      if (reason) return reason;
    }
    return undefined;
  }

  private field(field: FieldNode, place: Place, nesting: number): TrustReason | undefined {
    // __typename reveals nothing beyond the type the registered view already selects.
    if (field.name.value === '__typename') return field.selectionSet ? 'FIELD' : field.arguments?.length ? 'ARGUMENT' : undefined;
    const registered = place.fields.get(field.name.value);
    if (!registered) return 'FIELD';
    if (!registered.argumentSets.some((set) => this.fits(field.arguments ?? [], set))) return 'ARGUMENT';
    return field.selectionSet ? this.selections(field.selectionSet, registered.place, nesting + 1) : undefined;
  }

  private spread(name: string, place: Place, nesting: number): TrustReason | undefined {
    if (this.checked.get(place)?.has(name)) return undefined;
    const fragment = this.fragments.get(name);
    if (!fragment || this.open.has(name)) return 'FRAGMENT';
    if (!directivesAllowed(fragment.directives)) return 'DIRECTIVE';
    this.open.add(name);
    const reason = this.selections(fragment.selectionSet, place, nesting + 1);
    this.open.delete(name);
    if (reason) return reason;
    // Only a fragment found within the place is remembered: any refusal ends the whole check.
    const checked = this.checked.get(place) ?? new Set<string>();
    this.checked.set(place, checked.add(name));
    return undefined;
  }

  private fits(given: readonly ArgumentNode[], set: ArgumentSet): boolean {
    const byName = new Map<string, ValueNode>();
    for (const a of given) {
      // A repeated argument is invalid GraphQL; which one would count is not ours to guess.
      if (byName.has(a.name.value) || !set.has(a.name.value)) return false;
      byName.set(a.name.value, a.value);
    }
    for (const [name, pin] of set) {
      const node = byName.get(name);
      const value = node ? this.resolve(node) : ABSENT;
      if (value === AMBIGUOUS) return false;
      if (value === ABSENT) {
        if (pin.value.kind !== Kind.VARIABLE && !pin.defaultFits) return false;
      } else if (pin.ceiling !== undefined) {
        if (!withinCeiling(value, pin.ceiling)) return false;
      } else if (!matches(pin.value, value)) return false;
    }
    return true;
  }

  /** The value the executor will see for `node`. */
  private resolve(node: ValueNode): Resolved {
    switch (node.kind) {
      case Kind.VARIABLE:
        return this.variables.has(node.name.value) ? this.variables.get(node.name.value) : ABSENT;
      case Kind.LIST: {
        const items = [];
        for (const item of node.values) {
          const value = this.resolve(item);
          if (value === AMBIGUOUS) return AMBIGUOUS;
          items.push(value === ABSENT ? null : value);
        }
        return items;
      }
      case Kind.OBJECT: {
        const object: Record<string, unknown> = {};
        for (const f of node.fields) {
          const value = this.resolve(f.value);
          if (value === AMBIGUOUS) return AMBIGUOUS;
          if (value !== ABSENT) object[f.name.value] = value;
        }
        return object;
      }
      default:
        return valueFromASTUntyped(node);
    }
  }
}

/**
 * The value of each variable the operations declare: the request's own, else the default. Only
 * one operation runs and which one is not the check's to know, so a variable the operations
 * default differently is ambiguous, and refused where a pin needs its value. Resolving per name
 * rather than per operation keeps a fragment's result the same for every operation that spreads it.
 */
function requestVariables(operations: readonly OperationDefinitionNode[], given: Readonly<Record<string, unknown>>): Map<string, Resolved> {
  const values = new Map<string, Resolved>();
  const defaults = new Map<string, string>();
  for (const operation of operations) {
    for (const d of operation.variableDefinitions ?? []) {
      const name = d.variable.name.value;
      if (Object.prototype.hasOwnProperty.call(given, name)) {
        values.set(name, given[name]);
        continue;
      }
      const value = d.defaultValue ? valueFromASTUntyped(d.defaultValue) : ABSENT;
      const key = value === ABSENT ? '' : `=${JSON.stringify(value)}`;
      const earlier = defaults.get(name);
      if (earlier === undefined) {
        defaults.set(name, key);
        values.set(name, value);
      } else if (earlier !== key) values.set(name, AMBIGUOUS);
    }
  }
  return values;
}

function directivesAllowed(directives: readonly DirectiveNode[] | undefined): boolean {
  return !directives || directives.every((d) => ALLOWED_DIRECTIVES.has(d.name.value));
}

function withinCeiling(value: unknown, ceiling: number): boolean {
  // Not negative: to some code a negative page size means "no limit", or "all but the last".
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= ceiling;
}

/** Whether `value` is what the registered `pinned` says, a variable in it matching anything. */
function matches(pinned: ValueNode, value: unknown): boolean {
  switch (pinned.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.NULL:
      return value === null;
    case Kind.INT:
    case Kind.FLOAT:
      return typeof value === 'number' && value === Number(pinned.value);
    case Kind.STRING:
    case Kind.ENUM:
    case Kind.BOOLEAN:
      return value === pinned.value;
    case Kind.LIST:
      return Array.isArray(value) && value.length === pinned.values.length && pinned.values.every((v, i) => matches(v, value[i]));
    case Kind.OBJECT: {
      if (!isPlainObject(value)) return false;
      const fields = new Map(pinned.fields.map((f) => [f.name.value, f.value]));
      for (const key of Object.keys(value)) if (!fields.has(key)) return false;
      for (const [key, v] of fields) {
        if (Object.prototype.hasOwnProperty.call(value, key) ? !matches(v, value[key]) : v.kind !== Kind.VARIABLE) return false;
      }
      return true;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// The registered operations: ours and small, so expanded into a view once, at start.

function registeredView(doc: DocumentNode, schema: GraphQLSchema, file: string): Map<OperationTypeNode, Place> {
  // Checked against the schema at start, so a typo in a registered document stops the hub instead
  // of quietly refusing every partner, and so each argument's default is known below.
  const errors = validate(schema, doc);
  if (errors.length) throw new Error(`trusted document ${file} does not validate: ${errors[0]!.message}`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const keys = new Map<RegisteredField, Set<string>>();

  const collect = (set: SelectionSetNode, type: GraphQLCompositeType, into: Place) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === '__typename') continue;
        const def = fieldOf(type, s.name.value);
        const registered: RegisteredField = into.fields.get(s.name.value) ?? { argumentSets: [], place: { fields: new Map() } };
        into.fields.set(s.name.value, registered);
        const argumentSet = argumentSetOf(s.arguments ?? [], def);
        const key = [...argumentSet].map(([name, pin]) => `${name}:${print(pin.value)}:${pin.defaultFits}`).sort().join(',');
        const known = keys.get(registered) ?? new Set();
        keys.set(registered, known);
        if (!known.has(key)) {
          known.add(key);
          registered.argumentSets.push(argumentSet);
        }
        const inner = getNamedType(def.type);
        if (s.selectionSet && isCompositeType(inner)) collect(s.selectionSet, inner, registered.place);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        collect(s.selectionSet, s.typeCondition ? compositeType(schema, s.typeCondition.name.value) : type, into);
      } else {
        // Validation refused undefined fragments and cycles already.
        const f = fragments.get(s.name.value)!;
        collect(f.selectionSet, compositeType(schema, f.typeCondition.name.value), into);
      }
    }
  };

  const view = new Map<OperationTypeNode, Place>();
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = view.get(d.operation) ?? { fields: new Map() };
    view.set(d.operation, root);
    collect(d.selectionSet, schema.getRootType(d.operation)!, root);
  }
  return view;
}

function argumentSetOf(args: readonly ArgumentNode[], def: GraphQLField<unknown, unknown>): ArgumentSet {
  const set: ArgumentSet = new Map();
  for (const a of args) {
    const arg = def.args.find((x) => x.name === a.name.value)!;
    const ceiling = SIZE_ARGUMENTS.has(arg.name) && a.value.kind === Kind.INT && getNamedType(arg.type).name === 'Int' ? Number(a.value.value) : undefined;
    const d = arg.defaultValue;
    const defaultFits = d !== undefined && (ceiling !== undefined ? withinCeiling(d, ceiling) : matches(a.value, d));
    set.set(arg.name, { value: a.value, ceiling, defaultFits });
  }
  return set;
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> {
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[name];
    if (field) return field;
  }
  throw new Error(`trusted documents: ${type.name}.${name} is not in the schema`);
}

function compositeType(schema: GraphQLSchema, name: string): GraphQLCompositeType {
  const type = schema.getType(name);
  if (!isCompositeType(type)) throw new Error(`trusted documents: ${name} is not a composite type`);
  return type;
}
