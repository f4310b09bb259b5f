import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
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
 * so code lists of values (iWmo, iJw) have nothing to translate here.
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
}

export function reportLabels(options: ReportLabelOptions): ReportLabels {
  const fields = options.fields ?? loadFieldLabels();
  const roles: Readonly<Record<string, string>> = ROLE_NAMES;
  return {
    field: (coordinate) => fields.get(coordinate) ?? coordinate,
    role: (code) => (Object.hasOwn(roles, code) ? roles[code] : code),
    organisation: (code) => options.organisations.get(code)?.naam ?? code,
  };
}
