import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** A tree of field names per root operation type: what an organisation may select. */
type Scope = Map<string, Scope>;

const DEFAULT_DIR = join(__dirname, 'trusted-documents');
/** The file that applies to every partner without a file of its own. */
const ALL_PARTNERS = 'partner';

/**
 * Trusted documents for partner organisations. Each organisation has registered operations (its
 * scoped household view); a request is trusted when every field it selects, at every depth, is
 * one those operations select at the same place. So a partner client can ask for less than the
 * registered view, but never for another field, root field or operation type.
 */
export class TrustedDocuments {
  private readonly scopes = new Map<string, Map<string, Scope>>();

  constructor(dir = DEFAULT_DIR) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
      const doc = parse(readFileSync(join(dir, file), 'utf8'));
      this.scopes.set(basename(file, '.graphql'), scopeOf(doc, () => {
        throw new Error(`trusted document ${file} uses a fragment it does not define`);
      }));
    }
    if (!this.scopes.has(ALL_PARTNERS)) throw new Error(`trusted documents: ${ALL_PARTNERS}.graphql is missing in ${dir}`);
  }

  /** Whether `document` stays within what `organisatie` registered. A malformed document is not trusted. */
  isTrusted(organisatie: string, document: DocumentNode): boolean {
    const allowed = this.scopes.get(organisatie) ?? this.scopes.get(ALL_PARTNERS)!;
    let ok = true;
    const asked = scopeOf(document, () => (ok = false));
    for (const [operation, tree] of asked) ok &&= within(tree, allowed.get(operation));
    return ok;
  }

  /** Parses and checks a query string in one go. */
  isTrustedQuery(organisatie: string, query: string): boolean {
    try {
      return this.isTrusted(organisatie, parse(query));
    } catch {
      return false;
    }
  }
}

function within(asked: Scope, allowed: Scope | undefined): boolean {
  if (!allowed) return false;
  for (const [field, sub] of asked) {
    if (field === '__typename') continue;
    const allowedSub = allowed.get(field);
    if (!allowedSub || !within(sub, allowedSub)) return false;
  }
  return true;
}

function scopeOf(doc: DocumentNode, onMissingFragment: () => void): Map<string, Scope> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const byOperation = new Map<string, Scope>();
  const collect = (set: SelectionSetNode, into: Scope, seen: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const child = into.get(s.name.value) ?? new Map();
        into.set(s.name.value, child);
        if (s.selectionSet) collect(s.selectionSet, child, seen);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        collect(s.selectionSet, into, seen);
      } else {
        const f = fragments.get(s.name.value);
        // A fragment cycle is invalid GraphQL anyway; stop rather than loop.
        if (!f || seen.has(s.name.value)) onMissingFragment();
        else collect(f.selectionSet, into, new Set([...seen, s.name.value]));
      }
    }
  };
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const tree = byOperation.get(d.operation) ?? new Map();
    byOperation.set(d.operation, tree);
    collect(d.selectionSet, tree, new Set());
  }
  return byOperation;
}
