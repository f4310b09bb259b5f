/**
 * The canonical JSON form the hash chain and the head signatures are computed over.
 *
 * It is RFC 8785 (JSON Canonicalization Scheme) for the value types audit records hold: object
 * keys sorted by UTF-16 code units (what JavaScript's default sort compares), no whitespace,
 * strings escaped as `JSON.stringify` escapes them (which is what RFC 8785 prescribes), integers
 * written as `JSON.stringify` writes them. Anything whose form could differ between writer and
 * verifier is refused rather than guessed at: `undefined` (JSON.stringify would drop the key),
 * non-finite and non-integer numbers (RFC 8785 number serialisation is not worth carrying for
 * fields that are all counts), and objects that are not plain (a Date would turn into whatever
 * its toJSON says).
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value);
  } catch (err) {
    if (err instanceof Unrepresentable) throw new TypeError(`canonical JSON ${err.reason}; found at $${err.path.join('')}`);
    throw err;
  }
}

/** Thrown up through the levels, each adding its step, so the path costs nothing unless it is needed. */
class Unrepresentable extends Error {
  readonly path: string[] = [];
  constructor(readonly reason: string) {
    super(reason);
  }
}

function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Unrepresentable("holds safe integers only");
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + step(value[i], `[${i}]`);
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new Unrepresentable(`holds plain objects only, not a ${proto?.constructor?.name ?? 'non-plain object'}`);
      const keys = Object.keys(value).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) out += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${step((value as Record<string, unknown>)[keys[i]], `.${keys[i]}`)}`;
      return `${out}}`;
    }
    default:
      throw new Unrepresentable(`cannot hold ${typeof value}`);
  }
}

function step(value: unknown, name: string): string {
  try {
    return write(value);
  } catch (err) {
    if (err instanceof Unrepresentable) err.path.unshift(name);
    throw err;
  }
}
