import { TrustedDocuments } from './trusted-documents';

describe('TrustedDocuments', () => {
  const docs = new TrustedDocuments();
  const trusted = (q: string, org = 'mee') => docs.isTrustedQuery(org, q);

  it('trusts the registered view and any part of it, with aliases and fragments', () => {
    expect(trusted('{ persoon(burgerservicenummer: "999990044") { jeugd { jeugdhulp { productCategorie } } } }')).toBe(true);
    expect(trusted('query { p: persoon(burgerservicenummer: "1") { ...F } } fragment F on Persoon { naam { volledigeNaam } __typename }')).toBe(true);
    expect(trusted('{ huishouden(burgerservicenummer: "1") { leden { wmo { voorzieningen { omvang { volume } } } } tijdlijn { datum } } }')).toBe(true);
  });

  it('refuses fields, root fields and operation types outside the view', () => {
    expect(trusted('{ persoon(burgerservicenummer: "1") { werkEnInkomen { uitkeringen { besluiten { soort } } } } }')).toBe(false);
    expect(trusted('{ toestemmingen(burgerservicenummer: "1") { id } }')).toBe(false);
    expect(trusted('{ bewaartermijnRapport { achterstand { aantal } } }')).toBe(false);
    expect(trusted('{ __schema { types { name } } }')).toBe(false);
    expect(trusted('mutation { trekToestemmingIn(id: "x") { id } }')).toBe(false);
    expect(trusted('{ persoon(burgerservicenummer: "1") { ...Missing } }')).toBe(false);
    expect(trusted('{ persoon(')).toBe(false);
  });
});
