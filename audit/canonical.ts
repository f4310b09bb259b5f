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
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`canonical JSON holds safe integers only; ${path} is ${value}`);
      return String(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonical JSON holds plain objects only; ${path} is a ${proto?.constructor?.name ?? 'non-plain object'}`);
      const keys = Object.keys(value).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold ${typeof value}; found at ${path}`);
  }
}
