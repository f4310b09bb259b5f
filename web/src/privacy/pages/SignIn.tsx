import { useState, type FormEvent } from 'react';
import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react/css-module';
import { roles } from 'virtual:ontschot-policy';
import { useSession } from '../session';
import { PageTitle, SelectField } from '../components/ui';

/** Sign-in: the only thing the console shows before someone is signed in. */
export function SignIn() {
  const { state, signInDev, signInOidc } = useSession();
  const [role, setRole] = useState('privacy-officer');
  const [busy, setBusy] = useState(false);
  if (state.status === 'loading') return null;
  const config = state.config;
  const message = state.status === 'signed-out' || state.status === 'refused' ? state.message : undefined;
  const partnerOrg = 'mee';

  async function onDev(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await signInDev(role, roles.find((r) => r.role === role)?.organisatie === 'PARTNER' ? partnerOrg : undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{state.status === 'refused' ? 'Geen toegang' : 'Aanmelden'}</PageTitle>
      {state.status === 'refused' ? (
        <Alert type="error" role="alert" data-testid="weigering">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : message ? (
        <Alert type="warning" role="alert">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>De privacyconsole is er voor de privacy officer (functionaris gegevensbescherming) van de gemeente. Meld u aan om het auditlog te raadplegen.</Paragraph>
      {config.auth === 'dev' && (
        <form onSubmit={onDev} className="console-form">
          <Alert type="info">
            <Paragraph>Deze hub draait in ontwikkelmodus: u meldt zich aan met een ontwikkeltoken van de hub zelf. In productie meldt u zich aan bij de identity provider van de gemeente.</Paragraph>
          </Alert>
          <SelectField id="rol" label="Rol" value={role} onChange={setRole} options={roles.map((r) => ({ value: r.role, label: r.role === 'privacy-officer' ? 'privacy-officer (FG)' : r.role }))} description="Alleen een privacy officer krijgt toegang; met een andere rol ziet u hoe de hub weigert." />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {role === 'privacy-officer' ? 'Aanmelden als privacy officer' : `Aanmelden als ${role}`}
            </Button>
          </ButtonGroup>
        </form>
      )}
      {config.auth === 'oidc' && (
        <ButtonGroup>
          <Button type="button" appearance="primary-action-button" onClick={() => void signInOidc()}>
            Aanmelden
          </Button>
        </ButtonGroup>
      )}
      {config.auth === 'none' && (
        <Alert type="warning" role="status">
          <Paragraph>Aanmelden is op deze hub niet ingericht: de beheerder moet de console registreren bij de identity provider (CONSOLE_OIDC_CLIENT_ID).</Paragraph>
        </Alert>
      )}
    </>
  );
}
