import type { ReactNode } from 'react';
import { Button, Document, Page, PageContent, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react/css-module';
import { RouteLink, RouterProvider, useRouter } from './router';
import { SessionProvider, useSession } from './session';
import { Loading, PageTitle } from './components/ui';
import { Overzicht } from './pages/Overzicht';
import { Toegang } from './pages/Toegang';
import { Inzage, InzageAfdruk, ReportProvider } from './pages/Inzage';
import { VerificatiePage } from './pages/Verificatie';
import { SnuffelPage } from './pages/Snuffel';
import { BewaartermijnenPage, VernietigingenPage } from './pages/Vernietigingen';
import { SignIn } from './pages/SignIn';

const NAV: Array<{ to: string; label: string }> = [
  { to: '/privacy', label: 'Overzicht' },
  { to: '/privacy/toegang', label: 'Toegang zoeken' },
  { to: '/privacy/inzage', label: 'Inzagerapport' },
  { to: '/privacy/verificatie', label: 'Verificatie' },
  { to: '/privacy/snuffel', label: 'Snuffelrapport' },
  { to: '/privacy/vernietigingen', label: 'Vernietigingen' },
  { to: '/privacy/bewaartermijnen', label: 'Bewaartermijnen' },
];

function Routes() {
  const { path } = useRouter();
  switch (path) {
    case '/privacy':
      return <Overzicht />;
    case '/privacy/toegang':
      return <Toegang />;
    case '/privacy/inzage':
      return <Inzage />;
    case '/privacy/inzage/afdrukken':
      return <InzageAfdruk />;
    case '/privacy/verificatie':
      return <VerificatiePage />;
    case '/privacy/snuffel':
      return <SnuffelPage />;
    case '/privacy/vernietigingen':
      return <VernietigingenPage />;
    case '/privacy/bewaartermijnen':
      return <BewaartermijnenPage />;
    default:
      return (
        <>
          <PageTitle>Pagina niet gevonden</PageTitle>
          <Paragraph>
            Deze pagina bestaat niet. <RouteLink to="/privacy">Naar het overzicht</RouteLink>
          </Paragraph>
        </>
      );
  }
}

function Shell({ children }: { children: ReactNode }) {
  const { state, signOut } = useSession();
  const signedIn = state.status === 'signed-in';
  return (
    <Page className="console-page">
      <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
      <PageHeader className="console-header">
        <div className="console-header__bar">
          <Paragraph className="console-header__title">
            <strong>Privacyconsole</strong> <span className="console-header__sub">ontschot · sociaal domein</span>
          </Paragraph>
          {signedIn && (
            <div className="console-header__user">
              <span>
                Aangemeld als <strong data-testid="aangemeld-als">{state.sub}</strong>
              </span>
              <Button type="button" appearance="subtle-button" onClick={() => signOut()}>
                Afmelden
              </Button>
            </div>
          )}
        </div>
        {signedIn && (
          <nav aria-label="Hoofdmenu" className="console-nav">
            <ul>
              {NAV.map((n) => (
                <li key={n.to}>
                  <RouteLink to={n.to}>{n.label}</RouteLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </PageHeader>
      <PageContent>
        <main id="inhoud" tabIndex={-1} className="console-main">
          {children}
        </main>
      </PageContent>
      <PageFooter className="console-footer">
        <Paragraph>De console gebruikt de GraphQL-API van de hub met uw eigen aanmelding en het doel AUDIT; elke raadpleging staat in het auditlog.</Paragraph>
      </PageFooter>
    </Page>
  );
}

function Body() {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading />;
  if (state.status !== 'signed-in') return <SignIn />;
  return <Routes />;
}

export function App() {
  return (
    <Document className="utrecht-theme console-document" lang="nl">
      <RouterProvider>
        <SessionProvider>
          <ReportProvider>
            <Shell>
              <Body />
            </Shell>
          </ReportProvider>
        </SessionProvider>
      </RouterProvider>
    </Document>
  );
}
