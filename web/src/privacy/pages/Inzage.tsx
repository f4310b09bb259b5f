import { createContext, useContext, useState, type FormEvent, type ReactNode } from 'react';
import { Button, ButtonGroup, DataList, DataListItem, DataListKey, DataListValue, Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react/css-module';
import { useSession } from '../session';
import { useRouter } from '../router';
import { download, ErrorAlert, Loading, PageTitle, PartialAlert, TextField } from '../components/ui';
import { dayAfter, formatDatum, formatTijdstip, isBsn } from '../format';
import type { GraphQLErrorBody } from '../../shared/graphql';

const REPORT = `query Inzage($bsn: String!, $van: String, $tot: String) {
  inzageRapport(burgerservicenummer: $bsn, van: $van, tot: $tot) {
    betrokkene van tot opgesteldOp verantwoordelijke
    verstrekkingen { ...Regel }
    toezicht { ...Regel }
    samenvatting { organisatie organisatieNaam rollen rolNamen doel doelOmschrijving aantal eerste laatste gegevens { veld omschrijving } }
    json { bestandsnaam mediaType inhoud }
    csv { bestandsnaam mediaType inhoud }
  }
}
fragment Regel on InzageRegel {
  tijdstip organisatie organisatieNaam rollen rolNamen doel doelOmschrijving
  verwerkingsactiviteit { id naam grondslag bewaartermijn } bron gegevens { veld omschrijving }
}`;

interface Bestand {
  bestandsnaam: string;
  mediaType: string;
  inhoud: string;
}
interface Gegeven {
  veld: string;
  omschrijving: string;
}
interface Regel {
  tijdstip: string;
  organisatie: string;
  organisatieNaam: string;
  rollen: string[];
  rolNamen: string[];
  doel: string;
  doelOmschrijving: string;
  verwerkingsactiviteit: { id: string; naam: string | null; grondslag: string | null; bewaartermijn: string | null };
  bron: string;
  gegevens: Gegeven[];
}
export interface InzageRapport {
  betrokkene: string;
  van: string | null;
  tot: string | null;
  opgesteldOp: string;
  verantwoordelijke: string;
  verstrekkingen: Regel[];
  /** What the privacy officer did about the person: a processing, not a disclosure to a recipient. */
  toezicht: Regel[];
  samenvatting: Array<{ organisatie: string; organisatieNaam: string; rollen: string[]; rolNamen: string[]; doel: string; doelOmschrijving: string; aantal: number; eerste: string; laatste: string; gegevens: Gegeven[] }>;
  json: Bestand;
  csv: Bestand;
}

/**
 * The report last drawn up, held in memory for the printable page: a BSN never goes into a
 * URL, and nothing personal into storage that outlives the tab.
 */
const ReportContext = createContext<{ report: InzageRapport | null; setReport(r: InzageRapport | null): void }>({ report: null, setReport: () => undefined });
export function ReportProvider({ children }: { children: ReactNode }) {
  const [report, setReport] = useState<InzageRapport | null>(null);
  return <ReportContext.Provider value={{ report, setReport }}>{children}</ReportContext.Provider>;
}
const useReport = () => useContext(ReportContext);

export function Inzage() {
  const { query } = useSession();
  const { navigate } = useRouter();
  const { report, setReport } = useReport();
  const [bsn, setBsn] = useState(report?.betrokkene ?? '');
  const [van, setVan] = useState('');
  const [tot, setTot] = useState('');
  const [bsnError, setBsnError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [partial, setPartial] = useState<GraphQLErrorBody[]>([]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const value = bsn.replace(/\s/g, '');
    if (!isBsn(value)) {
      setBsnError('Vul een geldig burgerservicenummer in: negen cijfers die de elfproef doorstaan.');
      return;
    }
    setBsnError(null);
    setBusy(true);
    setError(null);
    try {
      const res = await query<{ inzageRapport: InzageRapport }>(REPORT, { bsn: value, van: van || null, tot: tot ? dayAfter(tot) : null });
      setReport(res.data.inzageRapport);
      setPartial(res.errors);
    } catch (err) {
      setReport(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>Inzagerapport (AVG art. 15)</PageTitle>
      <Paragraph>
        Stel voor één persoon op wie (organisatie en rol), wanneer, voor welk doel en welke gegevens van hem of haar heeft ontvangen. Namen van individuele medewerkers staan er niet in; die vindt u onder “Toegang zoeken”.
      </Paragraph>
      <form onSubmit={onSubmit} className="console-form" noValidate>
        <div className="console-form__grid">
          <TextField id="inzage-bsn" label="Burgerservicenummer" value={bsn} onChange={setBsn} inputMode="numeric" error={bsnError} required />
          <TextField id="inzage-van" label="Vanaf (datum, optioneel)" type="date" value={van} onChange={setVan} />
          <TextField id="inzage-tot" label="Tot en met (datum, optioneel)" type="date" value={tot} onChange={setTot} />
        </div>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          Rapport opstellen
        </Button>
      </form>
      <ErrorAlert error={error} />
      {busy && <Loading label="Bezig met opstellen…" />}
      {report && !busy && (
        <section aria-labelledby="rapport-titel" className="console-results">
          <Heading2 id="rapport-titel">Rapport voor {report.betrokkene}</Heading2>
          <PartialAlert errors={partial} />
          <ButtonGroup className="console-no-print">
            <Button type="button" appearance="primary-action-button" onClick={() => download(report.json.bestandsnaam, report.json.mediaType, report.json.inhoud)}>
              Download JSON
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={() => download(report.csv.bestandsnaam, report.csv.mediaType, report.csv.inhoud)}>
              Download CSV
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={() => navigate('/privacy/inzage/afdrukken')}>
              Afdrukversie
            </Button>
          </ButtonGroup>
          <ReportBody report={report} />
        </section>
      )}
    </>
  );
}

/** The data given, in plain words; the field coordinates are there for whoever wants them. */
function GegevensList({ gegevens }: { gegevens: Gegeven[] }) {
  return (
    <ul className="console-gegevens">
      {gegevens.map((g) => (
        <li key={g.veld} title={g.veld}>
          {g.omschrijving}
        </li>
      ))}
    </ul>
  );
}

function RegelTable({ regels, caption, label, testId }: { regels: Regel[]; caption: string; label: string; testId: string }) {
  return (
    <div className="console-table-scroll" tabIndex={0} role="region" aria-label={label}>
      <Table className="console-table" data-testid={testId}>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Tijdstip</TableHeaderCell>
            <TableHeaderCell scope="col">Organisatie en rol</TableHeaderCell>
            <TableHeaderCell scope="col">Doel</TableHeaderCell>
            <TableHeaderCell scope="col">Grondslag</TableHeaderCell>
            <TableHeaderCell scope="col">Gegevens</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {regels.map((v, i) => (
            <TableRow key={i}>
              <TableCell>{formatTijdstip(v.tijdstip)}</TableCell>
              <TableCell>
                {v.organisatieNaam}
                <br />
                <span className="console-muted">{v.rolNamen.join(', ')}</span>
              </TableCell>
              <TableCell>{v.doelOmschrijving}</TableCell>
              <TableCell>{v.verwerkingsactiviteit.grondslag ?? '—'}</TableCell>
              <TableCell>
                <GegevensList gegevens={v.gegevens} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ReportBody({ report }: { report: InzageRapport }) {
  return (
    <>
      <DataList>
        <DataListItem>
          <DataListKey>Betrokkene (BSN)</DataListKey>
          <DataListValue>{report.betrokkene}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Verantwoordelijke</DataListKey>
          <DataListValue>{report.verantwoordelijke}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Periode</DataListKey>
          <DataListValue>{report.van || report.tot ? `${formatDatum(report.van)} tot ${formatDatum(report.tot)}` : 'Alles wat het auditlog bewaart'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Opgesteld op</DataListKey>
          <DataListValue>{formatTijdstip(report.opgesteldOp)}</DataListValue>
        </DataListItem>
      </DataList>
      <Heading3>Samenvatting</Heading3>
      {report.samenvatting.length === 0 ? (
        <Paragraph>Er zijn in deze periode geen gegevens van de betrokkene verstrekt.</Paragraph>
      ) : (
        <div className="console-table-scroll" tabIndex={0} role="region" aria-label="Samenvatting">
          <Table className="console-table" data-testid="inzage-samenvatting">
            <TableCaption>Per organisatie, rol en doel</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                <TableHeaderCell scope="col">Rol</TableHeaderCell>
                <TableHeaderCell scope="col">Doel</TableHeaderCell>
                <TableHeaderCell scope="col">Aantal keer</TableHeaderCell>
                <TableHeaderCell scope="col">Eerste en laatste keer</TableHeaderCell>
                <TableHeaderCell scope="col">Gegevens</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.samenvatting.map((s, i) => (
                <TableRow key={i}>
                  <TableCell>{s.organisatieNaam}</TableCell>
                  <TableCell>{s.rolNamen.join(', ')}</TableCell>
                  <TableCell>{s.doelOmschrijving}</TableCell>
                  <TableCell>{s.aantal}</TableCell>
                  <TableCell>
                    {formatTijdstip(s.eerste)} – {formatTijdstip(s.laatste)}
                  </TableCell>
                  <TableCell>
                    <GegevensList gegevens={s.gegevens} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Heading3>Alle verstrekkingen</Heading3>
      {report.verstrekkingen.length === 0 ? <Paragraph>Geen.</Paragraph> : <RegelTable regels={report.verstrekkingen} caption={`Oudste eerst (${report.verstrekkingen.length})`} label="Alle verstrekkingen" testId="inzage-verstrekkingen" />}
      <Heading3>Toezicht door de functionaris gegevensbescherming</Heading3>
      <Paragraph>Wat de privacy officer over de betrokkene raadpleegde of vastlegde. Dat is een verwerking, maar geen verstrekking aan een ontvanger.</Paragraph>
      {report.toezicht.length === 0 ? <Paragraph>Geen.</Paragraph> : <RegelTable regels={report.toezicht} caption={`Oudste eerst (${report.toezicht.length})`} label="Toezicht" testId="inzage-toezicht" />}
    </>
  );
}

/** The report as a page to print or save as PDF: no navigation, no buttons on paper. */
export function InzageAfdruk() {
  const { report } = useReport();
  const { navigate } = useRouter();
  if (!report) {
    return (
      <>
        <PageTitle>Inzagerapport afdrukken</PageTitle>
        <Paragraph>Er is nog geen rapport opgesteld in dit venster.</Paragraph>
        <Button type="button" appearance="primary-action-button" onClick={() => navigate('/privacy/inzage')}>
          Naar het inzagerapport
        </Button>
      </>
    );
  }
  return (
    <article className="console-print" data-testid="inzage-afdruk">
      <PageTitle>Inzagerapport (AVG art. 15)</PageTitle>
      <Paragraph className="console-print__lead">
        Overzicht van de verstrekkingen van persoonsgegevens van de betrokkene door de hub van de gemeente. Dit rapport noemt organisaties en rollen, geen individuele medewerkers.
      </Paragraph>
      <ButtonGroup className="console-no-print">
        <Button type="button" appearance="primary-action-button" onClick={() => window.print()}>
          Afdrukken
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={() => navigate('/privacy/inzage')}>
          Terug
        </Button>
      </ButtonGroup>
      <ReportBody report={report} />
    </article>
  );
}
