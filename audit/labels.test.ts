import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { ROLES } from '../policy/types';
import { SUBGRAPHS } from '../subgraphs';
import { parse } from 'graphql';
import { fieldLabels, labelOf, loadFieldLabels, loadValueMeanings, reportLabels, ROLE_NAMES, valueMeanings } from './labels';

const tagged = (directives: readonly ConstDirectiveNode[] | undefined) => Boolean(directives?.some((d) => d.name.value === 'persoonsgegeven'));

/**
 * Every coordinate the policy layer can record as disclosed or withheld: the fields
 * @persoonsgegeven tags (on the field, or on its type), the root fields (reports and mutations
 * record their own coordinate), and the coordinates the subgraphs hand to the policy themselves
 * (lists and derived views, `visible`).
 */
function recordableCoordinates(): string[] {
  const found = new Set<string>();
  const add = (doc: DocumentNode) => {
    for (const d of doc.definitions) {
      if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      const root = d.name.value === 'Query' || d.name.value === 'Mutation';
      for (const f of d.fields ?? []) if (root || tagged(d.directives) || tagged(f.directives)) found.add(`${d.name.value}.${f.name.value}`);
    }
  };
  for (const s of SUBGRAPHS) add(s.typeDefs);
  const root = join(__dirname, '..', 'subgraphs');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.isDirectory()) return e.name === 'generated' ? [] : sources(join(dir, e.name));
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [];
    });
  for (const file of sources(root)) for (const m of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Za-z]*\.[a-z][A-Za-z]*)'/g)) found.add(m[1]);
  return [...found].sort();
}

describe('labels of field coordinates, from the schema descriptions', () => {
  it('takes the first sentence, or what comes before a colon or semicolon', () => {
    expect(labelOf('Geboortedatum: ISO-datum; null als de BRP geen volledige datum kent.')).toBe('Geboortedatum');
    expect(labelOf('Legt een toestemming vast. Onder de 16 moet een ouder met gezag haar geven.')).toBe('Legt een toestemming vast');
    expect(labelOf('Naam van de school.')).toBe('Naam van de school');
    expect(labelOf('Toestemmingen; ook ingetrokken')).toBe('Toestemmingen');
    // A full stop before a number or a small letter ends no sentence.
    expect(labelOf('Inzage voor één persoon (AVG art. 15): wie, wanneer.')).toBe('Inzage voor één persoon (AVG art. 15)');
    expect(labelOf('Categorie 8.1.1 uit de lijst')).toBe('Categorie 8.1.1 uit de lijst');
    expect(labelOf('  Over\n  twee regels.\n')).toBe('Over twee regels');
  });

  it('reads the described fields of object types and extensions, not of inputs', () => {
    const labels = fieldLabels({
      kind: Kind.DOCUMENT,
      definitions: [
        { kind: Kind.OBJECT_TYPE_DEFINITION, name: { kind: Kind.NAME, value: 'A' }, fields: [
          { kind: Kind.FIELD_DEFINITION, name: { kind: Kind.NAME, value: 'b' }, description: { kind: Kind.STRING, value: 'Bee: zoemt.' }, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } },
          { kind: Kind.FIELD_DEFINITION, name: { kind: Kind.NAME, value: 'c' }, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } },
        ] },
        { kind: Kind.INPUT_OBJECT_TYPE_DEFINITION, name: { kind: Kind.NAME, value: 'I' }, fields: [
          { kind: Kind.INPUT_VALUE_DEFINITION, name: { kind: Kind.NAME, value: 'x' }, description: { kind: Kind.STRING, value: 'Iks.' }, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } },
        ] },
      ],
    });
    expect([...labels]).toEqual([['A.b', 'Bee']]);
  });

  // The check that makes the SDL the one source: a new personal-data field without a description
  // would show up in a citizen's report as `Type.veld`.
  it('has a short Dutch label for every coordinate the audit log can record', () => {
    const labels = loadFieldLabels();
    const coordinates = recordableCoordinates();
    expect(coordinates).toEqual(expect.arrayContaining(['Persoon.naam', 'WmoVoorziening.productCategorie', 'Huishouden.tijdlijn', 'Query.inzageRapport', 'Toestemming.ontvanger']));
    const missing = coordinates.filter((c) => !labels.has(c));
    expect(missing).toEqual([]);
    const unfit = coordinates.filter((c) => !/^\p{Lu}/u.test(labels.get(c)!) || labels.get(c)!.length > 80);
    expect(unfit.map((c) => `${c}: ${labels.get(c)}`)).toEqual([]);
  });

  it('says what the values of an enum-typed field mean, from the descriptions of its values', () => {
    const sdl = parse(`
      type V { vorm: Vorm! "Soort." soort: [Soort] "Kleur." kleur: Kleur }
      enum Vorm { "Zorg in natura, via een aanbieder." ZIN "Persoonsgebonden budget." PGB }
      enum Soort { "Eén." A B }
      extend type W { "Vorm." v: Vorm }
      scalar Kleur
    `);
    expect([...valueMeanings(sdl)]).toEqual([
      ['V.vorm', 'ZIN: Zorg in natura, via een aanbieder; PGB: Persoonsgebonden budget'],
      ['W.v', 'ZIN: Zorg in natura, via een aanbieder; PGB: Persoonsgebonden budget'],
    ]);
    // In the report: the field's label, then what its values mean; the schema is the one source.
    const labels = reportLabels({ organisations: { get: () => undefined } });
    expect(labels.field('WmoVoorziening.leveringsvorm')).toBe('Leveringsvorm van de Wmo-voorziening (ZIN: Zorg in natura, via een gecontracteerde aanbieder; PGB: Persoonsgebonden budget)');
    expect(labels.field('WmoVoorziening.productCategorie')).toBe('Productcategorie van de Wmo-voorziening');
    expect(loadValueMeanings().get('WmoVoorziening.leveringsvorm')).toMatch(/^ZIN: .*; PGB: /);
  });

  it('names every role, and leaves codes it does not know as they were recorded', () => {
    expect(Object.keys(ROLE_NAMES).sort()).toEqual([...ROLES].sort());
    const labels = reportLabels({ organisations: { get: (code) => (code === 'mee' ? { naam: 'MEE cliëntondersteuning' } : undefined) }, fields: new Map([['Persoon.naam', 'Naam']]) });
    expect(labels.field('Persoon.naam')).toBe('Naam');
    expect(labels.field('Persoon.verdwenen')).toBe('Persoon.verdwenen');
    expect(labels.role('wmo-consulent')).toBe('Wmo-consulent');
    expect(labels.role('constructor')).toBe('constructor');
    expect(labels.organisation('mee')).toBe('MEE cliëntondersteuning');
    expect(labels.organisation('opgeheven')).toBe('opgeheven');
  });
});
