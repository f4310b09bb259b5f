import { useState, type FormEvent } from 'react';
import { Button, Heading2, LinkList, Paragraph } from '@utrecht/component-library-react/css-module';
import { useSession } from '../session';
import { RouteLink } from '../router';
import { CategoryChart, StackedDaysChart, type Series } from '../components/charts';
import { ErrorAlert, Loading, PageTitle, SelectField, TextField } from '../components/ui';
import { codeLabel, dayAfter, doelLabel, isoDay } from '../format';

/**
 * The charts' numbers, counted by the hub in the database (auditTellingen): one request, counts
 * only, whatever the period holds. An access is one person in one request; a refusal counts once
 * per record per code.
 */
const TELLINGEN = `query Grafieken($van: String!, $tot: String!, $interval: AuditInterval!) {
  perOrganisatie: auditTellingen(per: ORGANISATIE, interval: $interval, van: $van, tot: $tot) { tellingen { periode sleutel aantal } }
  perDoel: auditTellingen(per: DOEL, interval: $interval, van: $van, tot: $tot) { tellingen { periode sleutel aantal } }
  perWeigercode: auditTellingen(per: WEIGERCODE, interval: $interval, van: $van, tot: $tot) { tellingen { periode sleutel aantal } }
}`;

type Interval = 'DAG' | 'WEEK';

interface Telling {
  periode: string;
  sleutel: string;
  aantal: number;
}
type Tellingen = Record<'perOrganisatie' | 'perDoel' | 'perWeigercode', { tellingen: Telling[] }>;

interface Figures {
  interval: Interval;
  periods: string[];
  perOrganisatie: Series[];
  perDoel: Series[];
  weigeringen: { labels: string[]; values: number[] };
}

/** The Monday of a YYYY-MM-DD day's ISO week: where the hub's week buckets start. */
function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Every period from `van` to `tot` (inclusive), so days without accesses show as empty, not as missing. */
export function periodsBetween(van: string, tot: string, interval: Interval): string[] {
  const out: string[] = [];
  const step = interval === 'DAG' ? 1 : 7;
  for (let d = interval === 'DAG' ? van : mondayOf(van); d <= tot && out.length < 400; ) {
    out.push(d);
    for (let i = 0; i < step; i++) d = dayAfter(d);
  }
  return out;
}

/** The hub's counts as one series per key over the periods. */
export function summarise(t: Tellingen, periods: string[], interval: Interval): Figures {
  const index = new Map(periods.map((p, i) => [p, i]));
  const series = (rows: Telling[], label: (key: string) => string): Series[] => {
    const byKey = new Map<string, number[]>();
    for (const r of rows) {
      const i = index.get(r.periode);
      if (i === undefined) continue;
      if (!byKey.has(r.sleutel)) byKey.set(r.sleutel, periods.map(() => 0));
      byKey.get(r.sleutel)![i] += r.aantal;
    }
    return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, values]) => ({ label: label(key), values }));
  };
  const codes = new Map<string, number>();
  for (const r of t.perWeigercode.tellingen) codes.set(r.sleutel, (codes.get(r.sleutel) ?? 0) + r.aantal);
  const sorted = [...codes.entries()].sort((a, b) => b[1] - a[1]);
  return {
    interval,
    periods,
    perOrganisatie: series(t.perOrganisatie.tellingen, (k) => k),
    perDoel: series(t.perDoel.tellingen, doelLabel),
    weigeringen: { labels: sorted.map(([c]) => `${codeLabel(c)} (${c})`), values: sorted.map(([, n]) => n) },
  };
}

export function Overzicht() {
  const { query } = useSession();
  const [van, setVan] = useState(isoDay(-6));
  const [tot, setTot] = useState(isoDay(0));
  const [interval, setPer] = useState<Interval>('DAG');
  const [figures, setFigures] = useState<Figures | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await query<Tellingen>(TELLINGEN, { van, tot: dayAfter(tot), interval });
      setFigures(summarise(res.data, periodsBetween(van, tot, interval), interval));
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
        Inzagen van persoonsgegevens per organisatie en per doel, en weigeringen per code. Eén inzage is één persoon in één verzoek. De hub telt ze in het auditlog van de gekozen periode (ten hoogste een jaar); u krijgt alleen aantallen te zien, geen personen. Ook dat tellen wordt vastgelegd.
      </Paragraph>
      <form onSubmit={onSubmit} className="console-form">
        <div className="console-form__grid">
          <TextField id="grafiek-van" label="Vanaf (datum)" type="date" value={van} onChange={setVan} required />
          <TextField id="grafiek-tot" label="Tot en met (datum)" type="date" value={tot} onChange={setTot} required />
          <SelectField id="grafiek-interval" label="Per" value={interval} onChange={(v) => setPer(v as Interval)} options={[{ value: 'DAG', label: 'Dag' }, { value: 'WEEK', label: 'Week (vanaf maandag)' }]} />
        </div>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          Grafieken tonen
        </Button>
      </form>
      <ErrorAlert error={error} />
      {busy && <Loading label="Bezig met ophalen…" />}
      {figures && !busy && (
        <section aria-label="Grafieken" className="console-charts">
          <StackedDaysChart id="grafiek-organisatie" title={`Inzagen per organisatie per ${figures.interval === 'DAG' ? 'dag' : 'week'}`} days={figures.periods} unit={figures.interval} series={figures.perOrganisatie} />
          <StackedDaysChart id="grafiek-doel" title={`Inzagen per doel per ${figures.interval === 'DAG' ? 'dag' : 'week'}`} days={figures.periods} unit={figures.interval} series={figures.perDoel} />
          <CategoryChart id="grafiek-weigeringen" title="Weigeringen per code" labels={figures.weigeringen.labels} values={figures.weigeringen.values} seriesLabel="Aantal records met deze weigering" />
        </section>
      )}
    </>
  );
}
