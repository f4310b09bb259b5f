import { useState, type FormEvent } from 'react';
import { Button, Fieldset, FieldsetLegend, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react/css-module';
import { useSession } from '../session';
import { ErrorAlert, Loading, PageTitle, TextField } from '../components/ui';
import { dayAfter, isoDay } from '../format';

const REPORT = `query Snuffel($van: String!, $tot: String!, $drempels: SnuffelDrempels) {
  snuffelRapport(van: $van, tot: $tot, drempels: $drempels) {
    van tot actoren
    signalen { actor { sub organisatie rollen } soort aantalPersonen drempel mediaanCollegas personen }
  }
}`;

interface Signaal {
  actor: { sub: string; organisatie: string; rollen: string[] };
  soort: 'VEEL_PERSONEN' | 'BUITEN_CASELOAD';
  aantalPersonen: number;
  drempel: number;
  mediaanCollegas: number | null;
  personen: string[];
}
interface Rapport {
  van: string;
  tot: string;
  actoren: number;
  signalen: Signaal[];
}

const SOORT = { VEEL_PERSONEN: 'Veel personen', BUITEN_CASELOAD: 'Buiten caseload' } as const;

/** The schema's defaults, shown so the officer sees what "standaard" means. */
const DEFAULTS = { minimumPersonen: '20', maximumPersonen: '100', factorBovenMediaan: '3', minimumCollegas: '3', buitenCaseload: '3' };

export function SnuffelPage() {
  const { query } = useSession();
  const [van, setVan] = useState(isoDay(0));
  const [tot, setTot] = useState(isoDay(0));
  const [drempels, setDrempels] = useState(DEFAULTS);
  const [rapport, setRapport] = useState<Rapport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const d = { minimumPersonen: Number(drempels.minimumPersonen), maximumPersonen: Number(drempels.maximumPersonen), factorBovenMediaan: Number(drempels.factorBovenMediaan), minimumCollegas: Number(drempels.minimumCollegas), buitenCaseload: Number(drempels.buitenCaseload) };
      const res = await query<{ snuffelRapport: Rapport }>(REPORT, { van, tot: dayAfter(tot), drempels: d });
      setRapport(res.data.snuffelRapport);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const setD = (key: keyof typeof DEFAULTS) => (v: string) => setDrempels((d) => ({ ...d, [key]: v }));

  return (
    <>
      <PageTitle>Snuffelrapport</PageTitle>
      <Paragraph>
        Signalen van mogelijk onrechtmatig inzien in een periode: medewerkers die veel meer personen bekeken dan collega’s met dezelfde rol, of personen buiten hun caseload. Een signaal is een aanleiding om navraag te doen, geen vaststelling. De standaarddrempels passen bij één werkdag.
      </Paragraph>
      <form onSubmit={onSubmit} className="console-form">
        <div className="console-form__grid">
          <TextField id="snuffel-van" label="Vanaf (datum)" type="date" value={van} onChange={setVan} required />
          <TextField id="snuffel-tot" label="Tot en met (datum)" type="date" value={tot} onChange={setTot} required description="Hoogstens 366 dagen." />
        </div>
        <details className="console-details">
          <summary>Drempels aanpassen</summary>
          <Fieldset>
            <FieldsetLegend>Drempels</FieldsetLegend>
            <div className="console-form__grid">
              <TextField id="d-min" label="Minimum aantal personen" type="number" value={drempels.minimumPersonen} onChange={setD('minimumPersonen')} />
              <TextField id="d-max" label="Maximum aantal personen" type="number" value={drempels.maximumPersonen} onChange={setD('maximumPersonen')} />
              <TextField id="d-factor" label="Factor boven de mediaan van collega’s" type="number" value={drempels.factorBovenMediaan} onChange={setD('factorBovenMediaan')} />
              <TextField id="d-collegas" label="Minimum aantal collega’s" type="number" value={drempels.minimumCollegas} onChange={setD('minimumCollegas')} />
              <TextField id="d-caseload" label="Personen buiten caseload" type="number" value={drempels.buitenCaseload} onChange={setD('buitenCaseload')} />
            </div>
          </Fieldset>
        </details>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          Rapport opstellen
        </Button>
      </form>
      <ErrorAlert error={error} />
      {busy && <Loading />}
      {rapport && !busy && (
        <section aria-labelledby="snuffel-uitkomst" className="console-results" data-testid="snuffel">
          <Heading2 id="snuffel-uitkomst">Signalen</Heading2>
          <Paragraph>
            {rapport.actoren} medewerkers verwerkten persoonsgegevens in deze periode; {rapport.signalen.length} {rapport.signalen.length === 1 ? 'signaal' : 'signalen'}.
          </Paragraph>
          {rapport.signalen.length > 0 && (
            <div className="console-table-scroll" tabIndex={0} role="region" aria-label="Signalen">
              <Table className="console-table">
                <TableCaption>Signalen per medewerker</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Medewerker</TableHeaderCell>
                    <TableHeaderCell scope="col">Organisatie en rol</TableHeaderCell>
                    <TableHeaderCell scope="col">Signaal</TableHeaderCell>
                    <TableHeaderCell scope="col">Aantal personen</TableHeaderCell>
                    <TableHeaderCell scope="col">Drempel</TableHeaderCell>
                    <TableHeaderCell scope="col">Mediaan collega’s</TableHeaderCell>
                    <TableHeaderCell scope="col">Personen</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rapport.signalen.map((s, i) => (
                    <TableRow key={i}>
                      <TableCell>{s.actor.sub}</TableCell>
                      <TableCell>
                        {s.actor.organisatie} ({s.actor.rollen.join(', ')})
                      </TableCell>
                      <TableCell>{SOORT[s.soort] ?? s.soort}</TableCell>
                      <TableCell>{s.aantalPersonen}</TableCell>
                      <TableCell>meer dan {s.drempel}</TableCell>
                      <TableCell>{s.mediaanCollegas ?? '—'}</TableCell>
                      <TableCell>{s.personen.length ? s.personen.join(', ') : '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
