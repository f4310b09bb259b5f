/**
 * The console calls the gateway like any other client: POST /graphql with the caller's own
 * token and the purpose AUDIT. It has no privilege of its own; what the gateway refuses, it shows.
 */

export interface GraphQLErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** A request the gateway refused as a whole (no data), or that did not reach it. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface Result<T> {
  data: T;
  /** Field errors of a partial answer. */
  errors: GraphQLErrorBody[];
}

export async function graphql<T>(token: string, purpose: string, query: string, variables?: Record<string, unknown>): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'x-purpose': purpose,
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('NETWORK', 'De hub is niet bereikbaar.', 0);
  }
  const body = (await res.json().catch(() => null)) as { data?: T | null; errors?: GraphQLErrorBody[] } | null;
  const errors = body?.errors ?? [];
  if (!body || body.data == null) {
    const first = errors[0];
    throw new ApiError(first?.extensions?.code ?? `HTTP_${res.status}`, first?.message ?? `HTTP ${res.status}`, res.status);
  }
  return { data: body.data, errors };
}
