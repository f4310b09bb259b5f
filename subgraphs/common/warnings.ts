import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Warnings an answer carries in `extensions.warnings`: true data, but with something the caller
 * must know about it (docs/CONTRACT.md). Never personal data: a code and a source system.
 */
export interface ResponseWarning {
  code: 'SOURCE_STALE';
  bron: string;
}

/** Adds each warning once to a list, in the order first seen. */
export function addWarnings(into: ResponseWarning[], warnings: readonly unknown[] | undefined): void {
  for (const w of warnings ?? []) {
    if (!isWarning(w)) continue;
    if (!into.some((x) => x.code === w.code && x.bron === w.bron)) into.push({ code: w.code, bron: w.bron });
  }
}

function isWarning(w: unknown): w is ResponseWarning {
  const x = w as ResponseWarning | null;
  return typeof x === 'object' && x !== null && x.code === 'SOURCE_STALE' && typeof x.bron === 'string' && /^[A-Z]{2,10}$/.test(x.bron);
}

/** Puts the request's warnings (as `of` finds them in its context) into the answer's extensions. */
export function warningsPlugin<C extends BaseContext>(of: (context: C) => readonly ResponseWarning[] | undefined): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const warnings = of(contextValue);
          if (!warnings?.length || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, warnings: [...warnings] };
        },
      };
    },
  };
}
