import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react/css-module';

// Only what the console draws: bars on categories. Keeps Chart.js's share of the bundle small.
ChartJS.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Okabe–Ito: told apart by people with any common colour vision deficiency. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export interface Series {
  label: string;
  values: number[];
}

const baseOptions: ChartOptions<'bar'> = {
  // Drawn at once: a chart that moves is harder to read for some, and to screenshot for a test.
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  plugins: { legend: { position: 'bottom', labels: { color: '#1a1a1a' } } },
  scales: { x: { ticks: { color: '#1a1a1a' } }, y: { beginAtZero: true, ticks: { color: '#1a1a1a', precision: 0 } } },
};

/**
 * A chart with its text alternative: the canvas is an image labelled with a summary, and the
 * same numbers are a table below it for anyone who cannot see the picture or wants them exactly.
 */
function Figure({ id, title, labels, series, rowHeader, children }: { id: string; title: string; labels: string[]; series: Series[]; rowHeader: string; children: React.ReactNode }) {
  return (
    <figure className="console-chart" aria-labelledby={`${id}-titel`} data-testid={id}>
      <figcaption id={`${id}-titel`} className="console-chart__title">
        {title}
      </figcaption>
      <div className="console-chart__canvas">
        {children}
      </div>
      <details className="console-chart__table">
        <summary>Toon de cijfers als tabel</summary>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{rowHeader}</TableHeaderCell>
              {series.map((s) => (
                <TableHeaderCell scope="col" key={s.label}>
                  {s.label}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {labels.map((label, i) => (
              <TableRow key={label}>
                <TableHeaderCell scope="row">{label}</TableHeaderCell>
                {series.map((s) => (
                  <TableCell key={s.label}>{s.values[i]}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </figure>
  );
}

/** Counts per day or week, one stacked bar per period and a colour per series (organisation, purpose). */
export function StackedDaysChart({ id, title, days, unit = 'DAG', series }: { id: string; title: string; days: string[]; unit?: 'DAG' | 'WEEK'; series: Series[] }) {
  const total = series.reduce((n, s) => n + s.values.reduce((a, b) => a + b, 0), 0);
  const top = [...series].sort((a, b) => sum(b.values) - sum(a.values)).slice(0, 3);
  const summary = `${total} in totaal over ${days.length} ${unit === 'DAG' ? 'dagen' : 'weken'}; het meest: ${top.map((s) => `${s.label} (${sum(s.values)})`).join(', ') || 'geen'}.`;
  const options: ChartOptions<'bar'> = { ...baseOptions, scales: { x: { ...baseOptions.scales!.x, stacked: true }, y: { ...baseOptions.scales!.y, stacked: true } } };
  return (
    <Figure id={id} title={title} labels={days} series={series} rowHeader={unit === 'DAG' ? 'Dag' : 'Week vanaf'}>
      <Bar role="img" aria-label={`${title}. ${summary}`} options={options} data={{ labels: days, datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] })) }} />
    </Figure>
  );
}

/** One bar per category (refusal code). */
export function CategoryChart({ id, title, labels, values, seriesLabel }: { id: string; title: string; labels: string[]; values: number[]; seriesLabel: string }) {
  const summary = labels.length ? labels.map((l, i) => `${l}: ${values[i]}`).join(', ') + '.' : 'Geen.';
  // Horizontal bars: the counts run along x, whole numbers only.
  const options: ChartOptions<'bar'> = {
    ...baseOptions,
    indexAxis: 'y',
    plugins: { ...baseOptions.plugins, legend: { display: false } },
    scales: { x: { beginAtZero: true, ticks: { color: '#1a1a1a', precision: 0 } }, y: { ticks: { color: '#1a1a1a' } } },
  };
  return (
    <Figure id={id} title={title} labels={labels} series={[{ label: seriesLabel, values }]} rowHeader="Categorie">
      <Bar role="img" aria-label={`${title}. ${summary}`} options={options} data={{ labels, datasets: [{ label: seriesLabel, data: values, backgroundColor: COLOURS[1] }] }} />
    </Figure>
  );
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
