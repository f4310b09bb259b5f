import { useState } from 'react';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react/css-module';
import { useSession } from '../session';
import { ErrorAlert, Loading, PageTitle } from '../components/ui';
import { breukLabel, formatTijdstip, geldigheidLabel } from '../format';

const VERIFY = `query Verificatie {
  verifieerAuditLog {
    intact gecontroleerd stromen koppen
    ondertekendeKoppen { stroom volgnummer hash tijdstip sleutelId geldigheid }
    eersteBreuk { stroom volgnummer id tijdstip reden }
    breuken { stroom volgnummer id tijdstip reden }
  }
}`;

interface Breuk {
  stroom: string;
  volgnummer: number;
  id: string | null;
  tijdstip: string | null;
  reden: string;
}
interface Kop {
  stroom: string;
  volgnummer: number;
  hash: string;
  tijdstip: string;
  sleutelId: string;
  geldigheid: string;
}
interface Verificatie {
  intact: boolean;
  gecontroleerd: number;
  stromen: number;
  koppen: number;
  ondertekendeKoppen: Kop[];
  eersteBreuk: Breuk | null;
  breuken: Breuk[];
}

export function VerificatiePage() {
  const { query } = useSession();
  const [result, setResult] = useState<{ v: Verificatie; at: Date } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const res = await query<{ verifieerAuditLog: Verificatie }>(VERIFY);
      setResult({ v: res.data.verifieerAuditLog, at: new Date() });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>Auditlog verifiëren</PageTitle>
      <Paragraph>
        De hub herberekent elke hashketen van het auditlog en controleert elke ondertekende kop (Ed25519) met de sleutels uit de configuratie. Een breuk betekent dat records zijn gewijzigd of verwijderd. Records na de laatste ondertekende kop zijn nog niet door een handtekening gedekt.
      </Paragraph>
      <Button type="button" appearance="primary-action-button" onClick={() => void run()} busy={busy} disabled={busy}>
        Verificatie uitvoeren
      </Button>
      <ErrorAlert error={error} />
      {busy && <Loading label="Bezig met verifiëren…" />}
      {result && !busy && (
        <section aria-labelledby="verificatie-uitkomst" className="console-results" data-testid="verificatie">
          <Heading2 id="verificatie-uitkomst">Uitkomst</Heading2>
          {result.v.intact ? (
            <Alert type="ok" role="status">
              <Paragraph>Het auditlog is intact: elke keten en elke ondertekende kop klopt.</Paragraph>
            </Alert>
          ) : (
            <Alert type="error" role="alert">
              <Paragraph>
                Het auditlog is niet intact: {result.v.breuken.length} {result.v.breuken.length === 1 ? 'stroom is' : 'stromen zijn'} gebroken.
              </Paragraph>
            </Alert>
          )}
          <DataList>
            <DataListItem>
              <DataListKey>Gecontroleerde records</DataListKey>
              <DataListValue>{result.v.gecontroleerd}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Logstromen (hashketens)</DataListKey>
              <DataListValue>{result.v.stromen}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Gecontroleerde ondertekende ketenkoppen</DataListKey>
              <DataListValue>{result.v.koppen}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Uitgevoerd op</DataListKey>
              <DataListValue>{formatTijdstip(result.at.toISOString())}</DataListValue>
            </DataListItem>
          </DataList>
          {result.v.ondertekendeKoppen.length > 0 ? (
            <div className="console-table-scroll" tabIndex={0} role="region" aria-labelledby="koppen-titel">
              <Table className="console-table" data-testid="ondertekende-koppen">
                <TableCaption id="koppen-titel">Laatst ondertekende ketenkop per stroom: bewaar deze lijst buiten de database om het logboek later te kunnen bewijzen</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Stroom</TableHeaderCell>
                    <TableHeaderCell scope="col">Volgnummer</TableHeaderCell>
                    <TableHeaderCell scope="col">Ondertekend op</TableHeaderCell>
                    <TableHeaderCell scope="col">Hash (SHA-256)</TableHeaderCell>
                    <TableHeaderCell scope="col">Sleutel</TableHeaderCell>
                    <TableHeaderCell scope="col">Geldigheid</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {result.v.ondertekendeKoppen.map((k) => (
                    <TableRow key={k.stroom}>
                      <TableCell className="console-mono">{k.stroom}</TableCell>
                      <TableCell>{k.volgnummer}</TableCell>
                      <TableCell>{formatTijdstip(k.tijdstip)}</TableCell>
                      <TableCell className="console-mono">{k.hash}</TableCell>
                      <TableCell className="console-mono">{k.sleutelId}</TableCell>
                      <TableCell>{geldigheidLabel(k.geldigheid)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : (
            <Paragraph>Er is nog geen ketenkop ondertekend: de hub ondertekent de koppen van gegroeide stromen periodiek.</Paragraph>
          )}
          {result.v.breuken.length > 0 && (
            <div className="console-table-scroll" tabIndex={0} role="region" aria-label="Breuken">
              <Table className="console-table">
                <TableCaption>Eerste breuk per gebroken stroom, vroegste eerst</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Stroom</TableHeaderCell>
                    <TableHeaderCell scope="col">Volgnummer</TableHeaderCell>
                    <TableHeaderCell scope="col">Record</TableHeaderCell>
                    <TableHeaderCell scope="col">Tijdstip</TableHeaderCell>
                    <TableHeaderCell scope="col">Reden</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {result.v.breuken.map((b) => (
                    <TableRow key={`${b.stroom}:${b.volgnummer}`}>
                      <TableCell className="console-mono">{b.stroom}</TableCell>
                      <TableCell>{b.volgnummer}</TableCell>
                      <TableCell className="console-mono">{b.id ?? 'ontbreekt'}</TableCell>
                      <TableCell>{formatTijdstip(b.tijdstip)}</TableCell>
                      <TableCell>{breukLabel(b.reden)}</TableCell>
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
