import { useEffect, useState } from 'react';
import { Button, ButtonGroup, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react/css-module';
import { useSession } from '../session';
import { ErrorAlert, Loading, PageTitle, PartialAlert } from '../components/ui';
import { formatDatum, formatTijdstip } from '../format';
import type { GraphQLErrorBody } from '../../shared/graphql';

const DESTRUCTIONS = `query Vernietigingen($first: Int, $after: String) {
  vernietigingen(first: $first, after: $after) {
    edges { node { id tijdstip recordType categorie bron regel reden aantal } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const RETENTION = `query Bewaartermijnen {
  bewaartermijnRapport {
    openstaandeVerzoeken
    achterstand { bron recordType categorie reden aantal oudsteArchiefactiedatum waargenomenOp }
    vernietigingen(eerste: 20) { tijdstip recordType categorie bron regel reden aantal }
  }
}`;

interface Vernietiging {
  id?: string;
  tijdstip: string;
  recordType: string;
  categorie: string;
  bron: string;
  regel: string;
  reden: string;
  aantal: number;
}
interface Achterstand {
  bron: string;
  recordType: string;
  categorie: string;
  reden: string;
  aantal: number;
  oudsteArchiefactiedatum: string | null;
  waargenomenOp: string;
}

const REDEN: Record<string, string> = { BEWAARTERMIJN_VERSTREKEN: 'Bewaartermijn verstreken', VERZOEK_BETROKKENE: 'Verzoek van de betrokkene' };
const redenLabel = (r: string) => REDEN[r] ?? r;

function DestructionTable({ rows, caption, testId }: { rows: Vernietiging[]; caption: string; testId: string }) {
  return (
    <div className="console-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table className="console-table" data-testid={testId}>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Tijdstip</TableHeaderCell>
            <TableHeaderCell scope="col">Soort record</TableHeaderCell>
            <TableHeaderCell scope="col">Categorie (Selectielijst)</TableHeaderCell>
            <TableHeaderCell scope="col">Bron</TableHeaderCell>
            <TableHeaderCell scope="col">Regel</TableHeaderCell>
            <TableHeaderCell scope="col">Reden</TableHeaderCell>
            <TableHeaderCell scope="col">Aantal</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((v, i) => (
            <TableRow key={v.id ?? i}>
              <TableCell>{formatTijdstip(v.tijdstip)}</TableCell>
              <TableCell>{v.recordType}</TableCell>
              <TableCell>{v.categorie}</TableCell>
              <TableCell>{v.bron}</TableCell>
              <TableCell>{v.regel}</TableCell>
              <TableCell>{redenLabel(v.reden)}</TableCell>
              <TableCell>{v.aantal}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function VernietigingenPage() {
  const { query } = useSession();
  const [starts, setStarts] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<{ rows: Vernietiging[]; next: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function show(start: string | null, history: Array<string | null>) {
    setBusy(true);
    setError(null);
    try {
      const res = await query<{ vernietigingen: { edges: Array<{ node: Vernietiging }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(DESTRUCTIONS, { first: 25, after: start });
      const c = res.data.vernietigingen;
      setPage({ rows: c.edges.map((e) => e.node), next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null });
      setStarts(history);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => {
    void show(null, [null]);
    // Once, when the page opens.
  }, []);

  return (
    <>
      <PageTitle>Vernietigingen</PageTitle>
      <Paragraph>Wat de bewaartermijnen-job van de hub vernietigde: welk soort record, hoeveel, onder welke regel en waarom. Nooit de inhoud.</Paragraph>
      <ErrorAlert error={error} />
      {busy && <Loading />}
      {page && !busy && (page.rows.length ? <DestructionTable rows={page.rows} caption={`Pagina ${starts.length}, nieuwste eerst`} testId="vernietigingen" /> : <Paragraph role="status">Er is nog niets vernietigd.</Paragraph>)}
      {page && (
        <nav aria-label="Paginering" className="console-pager">
          <ButtonGroup>
            <Button type="button" appearance="secondary-action-button" disabled={starts.length <= 1 || busy} onClick={() => void show(starts[starts.length - 2], starts.slice(0, -1))}>
              Vorige pagina
            </Button>
            <Button type="button" appearance="secondary-action-button" disabled={!page.next || busy} onClick={() => void show(page.next, [...starts, page.next])}>
              Volgende pagina
            </Button>
          </ButtonGroup>
        </nav>
      )}
    </>
  );
}

export function BewaartermijnenPage() {
  const { query } = useSession();
  const [data, setData] = useState<{ openstaandeVerzoeken: number; achterstand: Achterstand[]; vernietigingen: Vernietiging[] } | null>(null);
  const [partial, setPartial] = useState<GraphQLErrorBody[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    query<{ bewaartermijnRapport: { openstaandeVerzoeken: number; achterstand: Achterstand[]; vernietigingen: Vernietiging[] } }>(RETENTION)
      .then((res) => {
        setData(res.data.bewaartermijnRapport);
        setPartial(res.errors);
      })
      .catch(setError);
    // Once, when the page opens.
  }, []);

  return (
    <>
      <PageTitle>Bewaartermijnen</PageTitle>
      <Paragraph>Archiefwet: wat de hub vernietigde, wat bronnen na hun termijn nog bewaren, en verzoeken tot vernietiging die nog openstaan.</Paragraph>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && (
        <div data-testid="bewaartermijnen">
          <PartialAlert errors={partial} />
          <DataList>
            <DataListItem>
              <DataListKey>Openstaande verzoeken tot vernietiging</DataListKey>
              <DataListValue>{data.openstaandeVerzoeken}</DataListValue>
            </DataListItem>
          </DataList>
          <Heading2>Achterstand bij bronnen</Heading2>
          {data.achterstand.length === 0 ? (
            <Paragraph>Geen: bij de laatste volledige synchronisatie bewaarde geen bron iets na de termijn.</Paragraph>
          ) : (
            <div className="console-table-scroll" tabIndex={0} role="region" aria-label="Achterstand bij bronnen">
              <Table className="console-table">
                <TableCaption>Wat bronnen nog bewaarden na de termijn, per bron en categorie</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Bron</TableHeaderCell>
                    <TableHeaderCell scope="col">Soort record</TableHeaderCell>
                    <TableHeaderCell scope="col">Categorie</TableHeaderCell>
                    <TableHeaderCell scope="col">Reden</TableHeaderCell>
                    <TableHeaderCell scope="col">Aantal</TableHeaderCell>
                    <TableHeaderCell scope="col">Oudste archiefactiedatum</TableHeaderCell>
                    <TableHeaderCell scope="col">Waargenomen op</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.achterstand.map((a, i) => (
                    <TableRow key={i}>
                      <TableCell>{a.bron}</TableCell>
                      <TableCell>{a.recordType}</TableCell>
                      <TableCell>{a.categorie}</TableCell>
                      <TableCell>{redenLabel(a.reden)}</TableCell>
                      <TableCell>{a.aantal}</TableCell>
                      <TableCell>{formatDatum(a.oudsteArchiefactiedatum)}</TableCell>
                      <TableCell>{formatTijdstip(a.waargenomenOp)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Heading2>Laatste vernietigingen</Heading2>
          {data.vernietigingen.length ? <DestructionTable rows={data.vernietigingen} caption="De 20 nieuwste vernietigingen door de hub" testId="bewaartermijn-vernietigingen" /> : <Paragraph>Er is nog niets vernietigd.</Paragraph>}
        </div>
      )}
    </>
  );
}
