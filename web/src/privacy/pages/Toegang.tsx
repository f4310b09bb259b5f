import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react/css-module';
import { organisations } from 'virtual:ontschot-policy';
import { useSession } from '../session';
import { ErrorAlert, Loading, PageTitle, PartialAlert, SelectField, TextField } from '../components/ui';
import { dayAfter, doelLabel, codeLabel, formatTijdstip, isBsn, PURPOSES, statusLabel } from '../format';
import type { GraphQLErrorBody } from '../../shared/graphql';

const RECORDS = `query Toegang($filter: AuditFilter!, $first: Int, $after: String) {
  auditRecords(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id tijdstip soort traceId verwerkingsactiviteit { id naam } actor { sub organisatie rollen } doel betrokkene operatie bron verstrekt geweigerd { veld code } status httpStatus } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface AuditRecord {
  id: string;
  tijdstip: string;
  soort: 'VERWERKING' | 'VERZOEK';
  traceId: string;
  verwerkingsactiviteit: { id: string; naam: string | null };
  actor: { sub: string; organisatie: string; rollen: string[] };
  doel: string;
  betrokkene: string | null;
  operatie: string | null;
  bron: string;
  verstrekt: string[];
  geweigerd: Array<{ veld: string; code: string }>;
  status: string;
  httpStatus: number | null;
}
interface Connection {
  auditRecords: { edges: Array<{ cursor: string; node: AuditRecord }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE_SIZE = 25;

interface Filter {
  betrokkene: string;
  actor: string;
  organisatie: string;
  doel: string;
  van: string;
  tot: string;
}
const EMPTY: Filter = { betrokkene: '', actor: '', organisatie: '', doel: '', van: '', tot: '' };

interface Page {
  rows: AuditRecord[];
  /** Where the next page starts; null on the last page. */
  next: string | null;
  errors: GraphQLErrorBody[];
}

export function Toegang() {
  const { query } = useSession();
  const [form, setForm] = useState<Filter>(EMPTY);
  const [applied, setApplied] = useState<Filter | null>(null);
  // The cursors where the pages so far started: "vorige" goes back one.
  const [starts, setStarts] = useState<Array<string | null>>([]);
  const [page, setPage] = useState<Page | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [bsnError, setBsnError] = useState<string | null>(null);

  const set = (key: keyof Filter) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function load(filter: Filter, start: string | null): Promise<Page> {
    // Every filter is the audit API's own, applied in the database: one page is one request.
    const apiFilter = {
      ...(filter.betrokkene ? { betrokkene: filter.betrokkene } : {}),
      ...(filter.actor.trim() ? { actor: filter.actor.trim() } : {}),
      ...(filter.organisatie.trim() ? { organisatie: filter.organisatie.trim() } : {}),
      ...(filter.doel ? { doel: filter.doel } : {}),
      ...(filter.van ? { van: filter.van } : {}),
      ...(filter.tot ? { tot: dayAfter(filter.tot) } : {}),
    };
    const res = await query<Connection>(RECORDS, { filter: apiFilter, first: PAGE_SIZE, after: start });
    const c = res.data.auditRecords;
    return { rows: c.edges.map((e) => e.node), next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null, errors: res.errors };
  }

  async function show(filter: Filter, start: string | null, history: Array<string | null>) {
    setBusy(true);
    setError(null);
    try {
      const p = await load(filter, start);
      setPage(p);
      setStarts(history);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const bsn = form.betrokkene.replace(/\s/g, '');
    if (bsn && !isBsn(bsn)) {
      setBsnError('Vul een geldig burgerservicenummer in: negen cijfers die de elfproef doorstaan.');
      return;
    }
    setBsnError(null);
    const filter = { ...form, betrokkene: bsn };
    setApplied(filter);
    void show(filter, null, [null]);
  }

  return (
    <>
      <PageTitle>Toegang zoeken</PageTitle>
      <Paragraph>
        Zoek in het auditlog wie welke gegevens van wie heeft ingezien. Alle velden zijn optioneel en worden gecombineerd. Uw eigen zoekopdracht wordt ook vastgelegd, per persoon van wie u records te zien krijgt.
      </Paragraph>
      <form onSubmit={onSubmit} className="console-form" aria-describedby="toegang-filter-uitleg" noValidate>
        <p id="toegang-filter-uitleg" className="console-visually-hidden">
          Filter op persoon, medewerker, organisatie, doel en periode.
        </p>
        <div className="console-form__grid">
          <TextField id="betrokkene" label="Persoon (BSN)" value={form.betrokkene} onChange={set('betrokkene')} inputMode="numeric" error={bsnError} />
          <TextField id="actor" label="Medewerker (gebruikers-id)" value={form.actor} onChange={set('actor')} description="Zoals in het token, bijvoorbeeld dev-wmo-consulent." />
          <TextField id="organisatie" label="Organisatie (code)" value={form.organisatie} onChange={set('organisatie')} description={`Bijvoorbeeld ${organisations.map((o) => o.code).join(', ')}.`} />
          <SelectField id="doel" label="Doel" value={form.doel} onChange={set('doel')} options={[{ value: '', label: 'Alle doelen' }, ...PURPOSES.map((p) => ({ value: p, label: doelLabel(p) }))]} />
          <TextField id="van" label="Vanaf (datum)" type="date" value={form.van} onChange={set('van')} />
          <TextField id="tot" label="Tot en met (datum)" type="date" value={form.tot} onChange={set('tot')} />
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            Zoeken
          </Button>
          <Button
            type="button"
            appearance="secondary-action-button"
            onClick={() => {
              setForm(EMPTY);
              setApplied(null);
              setPage(null);
              setStarts([]);
            }}
          >
            Wissen
          </Button>
        </ButtonGroup>
      </form>
      <ErrorAlert error={error} />
      {busy && <Loading label="Bezig met zoeken…" />}
      {page && applied && !busy && (
        <section aria-labelledby="resultaten-titel" className="console-results">
          <h2 id="resultaten-titel" className="utrecht-heading-2">
            Resultaten
          </h2>
          <PartialAlert errors={page.errors} />
          {page.rows.length === 0 ? (
            <Paragraph role="status">Geen records gevonden.</Paragraph>
          ) : (
            <div className="console-table-scroll" tabIndex={0} role="region" aria-labelledby="resultaten-titel">
              <Table className="console-table" data-testid="auditrecords">
                <TableCaption>
                  Pagina {starts.length}: {page.rows.length} records, nieuwste eerst
                </TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Tijdstip</TableHeaderCell>
                    <TableHeaderCell scope="col">Medewerker</TableHeaderCell>
                    <TableHeaderCell scope="col">Organisatie en rol</TableHeaderCell>
                    <TableHeaderCell scope="col">Doel</TableHeaderCell>
                    <TableHeaderCell scope="col">Persoon</TableHeaderCell>
                    <TableHeaderCell scope="col">Onderdeel</TableHeaderCell>
                    <TableHeaderCell scope="col">Uitkomst</TableHeaderCell>
                    <TableHeaderCell scope="col">Gegevens</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.rows.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>{formatTijdstip(r.tijdstip)}</TableCell>
                      <TableCell>{r.actor.sub}</TableCell>
                      <TableCell>
                        {r.actor.organisatie}
                        <br />
                        <span className="console-muted">{r.actor.rollen.join(', ')}</span>
                      </TableCell>
                      <TableCell>{doelLabel(r.doel)}</TableCell>
                      <TableCell>{r.betrokkene ?? <span className="console-muted">verzoek</span>}</TableCell>
                      <TableCell>{r.bron}</TableCell>
                      <TableCell>
                        {statusLabel(r.status)}
                        {r.httpStatus ? <span className="console-muted"> (HTTP {r.httpStatus})</span> : null}
                      </TableCell>
                      <TableCell>
                        <details>
                          <summary>
                            {r.verstrekt.length} verstrekt{r.geweigerd.length ? `, ${r.geweigerd.length} geweigerd` : ''}
                          </summary>
                          <dl className="console-dl">
                            <dt>Verwerkingsactiviteit</dt>
                            <dd>
                              {r.verwerkingsactiviteit.id} {r.verwerkingsactiviteit.naam ?? ''}
                            </dd>
                            {r.operatie && (
                              <>
                                <dt>Operatie</dt>
                                <dd>{r.operatie}</dd>
                              </>
                            )}
                            <dt>Verstrekt</dt>
                            <dd>{r.verstrekt.length ? r.verstrekt.join(', ') : '—'}</dd>
                            {r.geweigerd.length > 0 && (
                              <>
                                <dt>Geweigerd</dt>
                                <dd>{r.geweigerd.map((g) => `${g.veld} (${codeLabel(g.code)})`).join(', ')}</dd>
                              </>
                            )}
                            <dt>Trace</dt>
                            <dd className="console-mono">{r.traceId}</dd>
                          </dl>
                        </details>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <nav aria-label="Paginering" className="console-pager">
            <ButtonGroup>
              <Button type="button" appearance="secondary-action-button" disabled={starts.length <= 1 || busy} onClick={() => void show(applied, starts[starts.length - 2], starts.slice(0, -1))}>
                Vorige pagina
              </Button>
              <Button type="button" appearance="secondary-action-button" disabled={!page.next || busy} onClick={() => void show(applied, page.next, [...starts, page.next])}>
                Volgende pagina
              </Button>
            </ButtonGroup>
          </nav>
        </section>
      )}
    </>
  );
}
