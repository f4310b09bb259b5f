import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type DocumentNode, type TypeNode } from 'graphql';
import type { Role } from '../policy/types';

/*
 * The words of the subject-access report. The audit log records field coordinates
 * (`WmoVoorziening.productCategorie`) and codes (`wmo-consulent`, `mee`); a citizen reads what
 * they stand for. Each comes from the one place that already defines it:
 *
 * - a field coordinate: the first sentence of the field's description in the schema (the SDL is
 *   the only source: a field without a description has no label, and audit/labels.test.ts fails
 *   for every field the policy layer can record);
 * - an organisation: its `naam` in the organisation register;
 * - a purpose: the processing activity it belongs to in the register of processing activities
 *   (audit/register.ts), which is how AVG art. 30 describes purposes;
 * - a role: ROLE_NAMES below, the one list of them in plain Dutch.
 *
 * The log holds no record values (which product, which decision), only which fields were seen,
 * so code lists of values (iWmo, iJw) have nothing to translate here: the report says that the
 * product category was seen, not which one. Where a field's values are a closed set the schema
 * itself explains (an enum whose every value is described, such as Leveringsvorm's ZIN and PGB),
 * the label says what those values mean, since "leveringsvorm" alone tells a citizen little.
 */

/** The composed public schema, whose descriptions are those of the subgraph SDLs. */
export const API_SCHEMA_PATH = join(__dirname, '..', 'gateway', 'api-schema.graphql');

/** What each role is called in a report for citizens; the type fails to compile when a role is added without a name. */
export const ROLE_NAMES = {
  'wmo-consulent': 'Wmo-consulent',
  'jeugd-consulent': 'Jeugdconsulent',
  'klantmanager-wi': 'Klantmanager Werk en Inkomen',
  leerplichtambtenaar: 'Leerplichtambtenaar',
  regisseur: 'Regisseur van het sociaal team',
  partner: 'Medewerker van een partnerorganisatie',
  'privacy-officer': 'Functionaris gegevensbescherming',
} as const satisfies Record<Role, string>;

/**
 * A field's label: the first sentence of its description, or what comes before its first colon
 * or semicolon ("Geboortedatum: ISO-datum; …" → "Geboortedatum"). A full stop ends the sentence
 * only before a capital, so "AVG art. 15" stays whole.
 */
export function labelOf(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  const end = /[:;] |\. (?=\p{Lu})|\.$/u.exec(text);
  return (end ? text.slice(0, end.index) : text).trim();
}

/** Every described field of the object types (and extensions) in `sdl`, coordinate → label. */
export function fieldLabels(sdl: DocumentNode): Map<string, string> {
  const labels = new Map<string, string>();
  for (const d of sdl.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const f of d.fields ?? []) {
      const label = f.description ? labelOf(f.description.value) : '';
      if (label) labels.set(`${d.name.value}.${f.name.value}`, label);
    }
  }
  return labels;
}

/** Labels of the composed API schema. @defaultValue path gateway/api-schema.graphql */
export function loadFieldLabels(path = API_SCHEMA_PATH): Map<string, string> {
  return fieldLabels(parse(readFileSync(path, 'utf8'), { noLocation: true }));
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * For every field of an object type whose type is an enum with each value described, what its
 * values mean, from those descriptions: `WmoVoorziening.leveringsvorm` →
 * "ZIN: Zorg in natura, via een gecontracteerde aanbieder; PGB: Persoonsgebonden budget". An enum
 * with an undescribed value explains nothing (a half list would mislead).
 */
export function valueMeanings(sdl: DocumentNode): Map<string, string> {
  const enums = new Map<string, string>();
  for (const d of sdl.definitions) {
    if (d.kind !== Kind.ENUM_TYPE_DEFINITION || !d.values?.length) continue;
    const values = d.values.map((v) => (v.description ? `${v.name.value}: ${labelOf(v.description.value)}` : null));
    if (values.every((v) => v !== null && !v.endsWith(': '))) enums.set(d.name.value, values.join('; '));
  }
  const meanings = new Map<string, string>();
  for (const d of sdl.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const f of d.fields ?? []) {
      const meaning = enums.get(namedType(f.type));
      if (meaning) meanings.set(`${d.name.value}.${f.name.value}`, meaning);
    }
  }
  return meanings;
}

/** Value meanings of the composed API schema. @defaultValue path gateway/api-schema.graphql */
export function loadValueMeanings(path = API_SCHEMA_PATH): Map<string, string> {
  return valueMeanings(parse(readFileSync(path, 'utf8'), { noLocation: true }));
}

/** Turns the log's coordinates and codes into words; an unknown one (of a field or organisation since removed) stays as it was recorded. */
export interface ReportLabels {
  field(coordinate: string): string;
  role(code: string): string;
  organisation(code: string): string;
}

export interface ReportLabelOptions {
  /** The organisation register the hub runs with (policy: ORGANISATION_REGISTER). */
  organisations: { get(code: string): { naam: string } | undefined };
  /** @defaultValue the labels of gateway/api-schema.graphql */
  fields?: ReadonlyMap<string, string>;
  /** What an enum-typed field's values mean (valueMeanings). @defaultValue those of gateway/api-schema.graphql */
  values?: ReadonlyMap<string, string>;
}

export function reportLabels(options: ReportLabelOptions): ReportLabels {
  const fields = options.fields ?? loadFieldLabels();
  const values = options.values ?? loadValueMeanings();
  const roles: Readonly<Record<string, string>> = ROLE_NAMES;
  return {
    field: (coordinate) => {
      const label = fields.get(coordinate);
      if (label === undefined) return coordinate;
      const meaning = values.get(coordinate);
      return meaning ? `${label} (${meaning})` : label;
    },
    role: (code) => (Object.hasOwn(roles, code) ? roles[code] : code),
    organisation: (code) => options.organisations.get(code)?.naam ?? code,
  };
}
