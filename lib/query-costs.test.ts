import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '../gateway/compose';
import { documentedOperations, measureDocumented, renderQueryCosts } from './query-costs';
import { QUERY_LIMITS } from './query-limits';

describe('docs/query-costs.md', () => {
  const schema = buildSchema(composeSupergraph().apiSchema);

  it('is what the documented operations measure now (run `npm run codegen` after changing one, a limit or the schema)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'query-costs.md'), 'utf8')).toBe(renderQueryCosts(schema));
  });

  it('reads every documented operation from where it is documented, and each passes the limits', () => {
    const measured = measureDocumented(schema);
    expect(measured.map((m) => `${m.source} ${m.name}`)).toEqual(
      expect.arrayContaining([
        'gateway/trusted-documents/partner.graphql PartnerPersoon',
        'gateway/trusted-documents/partner.graphql PartnerHuishouden',
        'README.md (anonymous)',
        'docs/CONTRACT.md AuditPagina',
        'docs/CONTRACT.md IntegraalDossier',
      ]),
    );
    for (const m of measured) {
      expect({ operation: m.name, refusal: m.analysis.refusal }).toEqual({ operation: m.name, refusal: undefined });
      expect(m.tokens).toBeLessThanOrEqual(QUERY_LIMITS.maxTokens);
    }
    // What CONTRACT.md says the privacy officer's page costs.
    expect(measured.find((m) => m.name === 'AuditPagina')!.analysis.cost).toBe(26_508);
    expect(readFileSync(join(__dirname, '..', 'docs', 'CONTRACT.md'), 'utf8')).toContain('500 audit records with every field costs 26,508');
  });

  it('takes the operations with the fragments they use, not the rest of their file', () => {
    const persoon = documentedOperations().find((d) => d.name === 'PartnerPersoon')!;
    expect(persoon.document.definitions.map((d) => ('name' in d ? d.name?.value : undefined))).toEqual(['PartnerPersoon', 'PartnerPersoonVelden']);
  });
});
