/**
 * Test helper: the BRP API Personen spec (adapters/brp/reference/openapi.yaml, a copy of
 * ../shared/reference/brp-personen/openapi.yaml), read at
 * test time — never copied — and turned into validators and path sets.
 *
 * OpenAPI's `discriminator` is not JSON Schema: a `$ref` to AbstractDatum would check only
 * `type` and `langFormaat`, and let a "Datum" without `datum` through. So each discriminated
 * schema is rewritten into plain JSON Schema 2020-12 before compiling: `type` must be one of the
 * mapping's keys, and `if type = K then $ref mapping[K]`. The variants' `allOf` reference to
 * their base is pointed at a copy of the base without the discriminator, to end the recursion.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const SPEC_PATH = path.resolve(__dirname, '../reference/openapi.yaml');
/** The shared reference copy, when the repository sits beside it (CI does). */
export const SHARED_SPEC_PATH = path.resolve(__dirname, '../../../../shared/reference/brp-personen/openapi.yaml');

type Schema = Record<string, unknown> & {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  type?: string;
  discriminator?: { propertyName: string; mapping: Record<string, string> };
};

let cachedSchemas: Record<string, Schema> | undefined;

/** `components.schemas` of the spec, parsed once per test file. */
function specSchemas(): Record<string, Schema> {
  if (!cachedSchemas) {
    const spec = parse(fs.readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, Schema> } };
    cachedSchemas = spec.components.schemas;
  }
  return cachedSchemas;
}

const refName = (ref: string): string => ref.replace('#/components/schemas/', '');
const ref = (name: string): string => `#/components/schemas/${name}`;

function withoutDiscriminators(schemas: Record<string, Schema>): Record<string, Schema> {
  const out: Record<string, Schema> = structuredClone(schemas);
  for (const [name, schema] of Object.entries(schemas)) {
    if (!schema.discriminator) continue;
    const { propertyName, mapping } = schema.discriminator;
    const { discriminator: _dropped, ...base } = out[name];
    const baseName = `${name}__base`;
    out[baseName] = base;
    for (const target of Object.values(mapping)) {
      const variant = out[refName(target)];
      variant.allOf = (variant.allOf ?? []).map((part) => (part.$ref === ref(name) ? { $ref: ref(baseName) } : part));
    }
    out[name] = {
      allOf: [
        { $ref: ref(baseName) },
        { required: [propertyName], properties: { [propertyName]: { enum: Object.keys(mapping) } } },
        ...Object.entries(mapping).map(([value, target]) => ({
          if: { required: [propertyName], properties: { [propertyName]: { const: value } } },
          then: { $ref: target },
        })),
      ],
    };
  }
  return out;
}

const SPEC_ID = 'https://ontschot.test/brp-personen/openapi.json';
let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/**
 * Validates `data` against `#/components/schemas/<schemaName>`; returns readable errors, empty
 * when valid.
 */
export function validateAgainstSpec(schemaName: string, data: unknown): string[] {
  if (!ajv) {
    // unicodeRegExp off: the spec's patterns escape characters ("\'") that the `u` flag forbids.
    ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    ajv.addSchema({ $id: SPEC_ID, components: { schemas: withoutDiscriminators(specSchemas()) } });
  }
  let validate = validators.get(schemaName);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}${ref(schemaName)}` });
    validators.set(schemaName, validate);
  }
  return validate(data)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/**
 * The properties of a schema, through $ref, allOf, array items and every discriminator variant.
 * A name may come with several schemas: the verblijfplaats variants each have their own
 * `verblijfadres`. `stack` ends the recursion where a variant refers back to its base (whose
 * properties are already collected).
 */
function propertiesOf(schema: Schema, stack: string[]): Map<string, Schema[]> {
  const result = new Map<string, Schema[]>();
  const add = (name: string, sub: Schema): void => {
    const list = result.get(name);
    if (!list) result.set(name, [sub]);
    else if (!list.includes(sub)) list.push(sub);
  };
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (stack.includes(name)) return result;
    return propertiesOf(specSchemas()[name], [...stack, name]);
  }
  if (schema.items) return propertiesOf(schema.items, stack);
  for (const part of schema.allOf ?? []) for (const [k, subs] of propertiesOf(part, stack)) subs.forEach((s) => add(k, s));
  for (const [k, v] of Object.entries(schema.properties ?? {})) add(k, v);
  for (const target of Object.values(schema.discriminator?.mapping ?? {})) {
    for (const [k, subs] of propertiesOf({ $ref: target }, stack)) subs.forEach((s) => add(k, s));
  }
  return result;
}

function schemaName(schema: Schema): string | undefined {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.items?.$ref) return refName(schema.items.$ref);
  return undefined;
}

/**
 * Every dotted path into a schema ("naam", "naam.voornamen", …), arrays transparent.
 *
 * @param atomic - schema names not to descend into (e.g. AbstractDatum)
 * @param skip - property names to leave out, with everything under them (e.g. inOnderzoek)
 */
export function specPaths(root: string, options: { atomic?: string[]; skip?: (name: string, depth: number) => boolean } = {}): Set<string> {
  const paths = new Set<string>();
  const walk = (schema: Schema, prefix: string, depth: number): void => {
    for (const [name, subs] of propertiesOf(schema, [])) {
      if (options.skip?.(name, depth)) continue;
      const p = prefix ? `${prefix}.${name}` : name;
      paths.add(p);
      for (const sub of subs) {
        const target = schemaName(sub);
        if (target && options.atomic?.includes(target)) continue;
        walk(sub, p, depth + 1);
      }
    }
  };
  walk({ $ref: ref(root) }, '', 0);
  return paths;
}

/** Every dotted path present in a JSON value (arrays transparent), for comparing with specPaths. */
export function jsonPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) jsonPaths(item, prefix, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, sub] of Object.entries(value)) {
      const p = prefix ? `${prefix}.${key}` : key;
      out.add(p);
      jsonPaths(sub, p, out);
    }
  }
  return out;
}
