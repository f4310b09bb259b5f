import { useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, LinkList, Paragraph } from '@utrecht/component-library-react/css-module';
import { useSession } from '../session';
import { RouteLink } from '../router';
import { CategoryChart, StackedDaysChart, type Series } from '../components/charts';
import { ErrorAlert, Loading, PageTitle, TextField } from '../components/ui';
import { codeLabel, dayAfter, dayOf, doelLabel, isoDay } from '../format';

/** Only what the charts count: no names of employees, no fields. */
const RECORDS = `query Grafieken($filter: AuditFilter!, $after: String) {
  auditRecords(filter: $filter, first: 500, after: $after) {
    edges { node { tijdstip soort traceId betrokkene actor { organisatie } doel status geweigerd { code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * At most this many records feed the charts. Every record shown to the officer is a read of that
 * person's log and is itself logged, so the charts stop here rather than read a year's log.
 */
const MAX_RECORDS = 2000;

interface Row {
  tijdstip: string;
  soort: 'VERWERKING' | 'VERZOEK';
  traceId: string;
  betrokkene: string | null;
  actor: { organisatie: string };
  doel: string;
  status: string;
  geweigerd: Array<{ code: string }>;
}

interface Figures {
  days: string[];
  perOrganisatie: Series[];
  perDoel: Series[];
  weigeringen: { labels: string[]; values: number[] };
  records: number;
  truncated: boolean;
}

function daysBetween(van: string, tot: string): string[] {
  const out: string[] = [];
  for (let d = van; d <= tot && out.length < 400; d = dayAfter(d)) out.push(d);
  return out;
}

/**
 * An access is one person's data processed for one request (one trace), whichever parts of the
 * hub took part; refusals are counted per code, once per record that names it.
 */
export function summarise(rows: Row[], days: string[], truncated: boolean): Figures {
  const index = new Map(days.map((d, i) => [d, i]));
  const byOrg = new Map<string, number[]>();
  const byDoel = new Map<string, number[]>();
  const seen = new Set<string>();
  const refusals = new Map<string, number>();
  const bump = (m: Map<string, number[]>, key: string, i: number) => {
    if (!m.has(key)) m.set(key, days.map(() => 0));
    m.get(key)![i]++;
  };
  for (const r of rows) {
    for (const code of new Set(r.geweigerd.map((g) => g.code))) refusals.set(code, (refusals.get(code) ?? 0) + 1);
    if (r.soort !== 'VERWERKING' || !r.betrokkene || r.status === 'GEWEIGERD') continue;
    const key = `${r.traceId}|${r.betrokkene}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const i = index.get(dayOf(r.tijdstip));
    if (i === undefined) continue;
    bump(byOrg, r.actor.organisatie, i);
    bump(byDoel, doelLabel(r.doel), i);
  }
  const series = (m: Map<string, number[]>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, values]) => ({ label, values }));
  const codes = [...refusals.entries()].sort((a, b) => b[1] - a[1]);
  return {
    days,
    perOrganisatie: series(byOrg),
    perDoel: series(byDoel),
    weigeringen: { labels: codes.map(([c]) => `${codeLabel(c)} (${c})`), values: codes.map(([, n]) => n) },
    records: rows.length,
    truncated,
  };
}

export function Overzicht() {
  const { query } = useSession();
  const [van, setVan] = useState(isoDay(-6));
  const [tot, setTot] = useState(isoDay(0));
  const [figures, setFigures] = useState<Figures | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const rows: Row[] = [];
      let after: string | null = null;
      let truncated = false;
      for (;;) {
        const res: { data: { auditRecords: { edges: Array<{ node: Row }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await query(RECORDS, { filter: { van, tot: dayAfter(tot) }, after });
        const c = res.data.auditRecords;
        rows.push(...c.edges.map((x) => x.node));
        if (!c.pageInfo.hasNextPage) break;
        if (rows.length >= MAX_RECORDS) {
          truncated = true;
          break;
        }
        after = c.pageInfo.endCursor;
      }
      setFigures(summarise(rows, daysBetween(van, tot), truncated));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>Overzicht</PageTitle>
      <Paragraph>Met deze console ziet u als privacy officer (FG) wie welke persoonsgegevens via de hub heeft ingezien, en kunt u dat verantwoorden.</Paragraph>
      <LinkList>
        <li className="utrecht-link-list__item">
          <RouteLink className="utrecht-link utrecht-link-list__link" to="/privacy/toegang">
            Toegang zoeken: per persoon, medewerker, organisatie, doel en periode
          </RouteLink>
        </li>
        <li className="utrecht-link-list__item">
          <RouteLink className="utrecht-link utrecht-link-list__link" to="/privacy/inzage">
            Inzagerapport voor een persoon (AVG art. 15), als JSON, CSV of afdruk
          </RouteLink>
        </li>
        <li className="utrecht-link-list__item">
          <RouteLink className="utrecht-link utrecht-link-list__link" to="/privacy/verificatie">
            Het auditlog verifiëren
          </RouteLink>
        </li>
      </LinkList>
      <Heading2>Grafieken</Heading2>
      <Paragraph>
        Inzagen van persoonsgegevens per organisatie en per doel, en weigeringen per code. Eén inzage is één persoon in één verzoek. De grafieken lezen het auditlog van de gekozen periode (ten hoogste {MAX_RECORDS} records); ook dat lezen wordt vastgelegd.
      </Paragraph>
      <form onSubmit={onSubmit} className="console-form">
        <div className="console-form__grid">
          <TextField id="grafiek-van" label="Vanaf (datum)" type="date" value={van} onChange={setVan} required />
          <TextField id="grafiek-tot" label="Tot en met (datum)" type="date" value={tot} onChange={setTot} required />
        </div>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          Grafieken tonen
        </Button>
      </form>
      <ErrorAlert error={error} />
      {busy && <Loading label="Bezig met ophalen…" />}
      {figures && !busy && (
        <section aria-label="Grafieken" className="console-charts">
          {figures.truncated && (
            <Alert type="warning" role="status">
              <Paragraph>De periode bevat meer dan {MAX_RECORDS} records; de grafieken tonen alleen de nieuwste. Kies een kortere periode voor een volledig beeld.</Paragraph>
            </Alert>
          )}
          <StackedDaysChart id="grafiek-organisatie" title="Inzagen per organisatie per dag" days={figures.days} series={figures.perOrganisatie} />
          <StackedDaysChart id="grafiek-doel" title="Inzagen per doel per dag" days={figures.days} series={figures.perDoel} />
          <CategoryChart id="grafiek-weigeringen" title="Weigeringen per code" labels={figures.weigeringen.labels} values={figures.weigeringen.values} seriesLabel="Aantal records met deze weigering" />
        </section>
      )}
    </>
  );
}
