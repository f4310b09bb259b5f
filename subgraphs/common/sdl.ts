import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, Source, type DocumentNode } from 'graphql';

/** Shared type definitions in this folder that a subgraph can take in beside its own. */
type SharedSdl = 'bron' | 'omvang';

/**
 * A subgraph's SDL: header.graphql (federation and @persoonsgegeven imports), then
 * `dir`/schema.graphql, then the named shared types. Shared types go last because composition
 * orders the API schema by where a type first appears, and this order keeps
 * gateway/api-schema.graphql as it was before they were shared. codegen.yml lists the same
 * files in the same order for each subgraph; scripts/check-generated.ts fails when they differ.
 *
 * Each file is parsed on its own and the definitions joined, so that a syntax error or a
 * composition error points at the right file and line rather than at an offset in one
 * concatenated string. `header: false` is for audit, which imports no @persoonsgegeven.
 */
export function loadSubgraphSdl(dir: string, shared: readonly SharedSdl[] = [], { header = true } = {}): DocumentNode {
  const files = [
    ...(header ? [join(__dirname, 'header.graphql')] : []),
    join(dir, 'schema.graphql'),
    ...shared.map((name) => join(__dirname, `${name}.graphql`)),
  ];
  return { kind: Kind.DOCUMENT, definitions: files.flatMap((file) => parse(new Source(readFileSync(file, 'utf8'), file)).definitions) };
}
