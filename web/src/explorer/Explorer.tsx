import { useCallback, useEffect, useMemo, useState, type ComponentProps, type FormEvent } from 'react';
import { GraphiQL } from 'graphiql';
import { useGraphiQL } from '@graphiql/react';
import { buildClientSchema, buildSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { organisations, roles } from 'virtual:ontschot-policy';
import apiSchemaSdl from '../../../gateway/api-schema.graphql?raw';
import { loadConfig, mintDevToken, type UiConfig } from '../shared/config';

/**
 * The API explorer: GraphiQL, bundled and served by the hub, with a bar above it that mints a
 * development token for a role and presets the Authorization and X-Purpose headers. Requests go
 * to this hub's /graphql like any client's, and meet the same policy.
 */

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const DEFAULT_QUERY = `# API-verkenner van ontschot. Kies hierboven een rol en een doel: de verkenner maakt een
# ontwikkeltoken en zet de headers Authorization en X-Purpose klaar (zie Headers onderaan).
# De documentatie van het schema (in het Nederlands) staat onder het boekje links.

query Persoon($burgerservicenummer: String!) {
  persoon(burgerservicenummer: $burgerservicenummer) {
    naam { volledigeNaam }
    wmo {
      voorzieningen { productCategorie ingangsdatum }
      bron { systeem gesynchroniseerdOp }
    }
  }
}
`;

const DEFAULT_VARIABLES = '{\n  "burgerservicenummer": "999990019"\n}';

/** GraphiQL keeps its tabs in storage; a tab of the browser that has none yet opens on the example. */
const fresh = !Object.keys(sessionStorage).some((k) => k.endsWith('tabState'));

const fetcher: Fetcher = async (params, opts) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...(opts?.headers as Record<string, string> | undefined) },
    body: JSON.stringify(params),
  });
  return res.json();
};

type SchemaSource = { schema: GraphQLSchema; from: 'gateway' } | { schema: GraphQLSchema; from: 'build'; reason: string };

/**
 * The schema for the docs pane and completion: introspected through the gateway, as any client
 * would (an introspection-only document is measured by its own bound, lib/query-limits.ts); when
 * the gateway does not answer it (NODE_ENV=production turns introspection off, also with
 * EXPLORER_ENABLED), the public schema this build was made from, gateway/api-schema.graphql,
 * with the same descriptions. Not `oneOf`: the gateway's query planner does not know `isOneOf`.
 */
async function loadSchema(headers: Record<string, string> | null): Promise<SchemaSource> {
  let reason = 'geen token';
  if (headers) {
    try {
      const body = (await fetcher({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }), operationName: 'IntrospectionQuery' }, { headers })) as { data?: IntrospectionQuery; errors?: Array<{ extensions?: { code?: string } }> };
      if (body?.data?.__schema) return { schema: buildClientSchema(body.data), from: 'gateway' };
      reason = body?.errors?.[0]?.extensions?.code ?? 'geen schema in het antwoord';
    } catch {
      reason = 'de gateway antwoordde niet';
    }
  }
  return { schema: buildSchema(apiSchemaSdl), from: 'build', reason };
}

/** Keeps the Authorization and X-Purpose headers in GraphiQL's header editor in step with the bar, leaving other headers as they are. */
function HeaderSync({ headers }: { headers: Record<string, string> }) {
  const editor = useGraphiQL((s) => s.headerEditor);
  useEffect(() => {
    if (!editor) return;
    let current: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(editor.getValue() || '{}') as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) current = parsed as Record<string, unknown>;
    } catch {
      // Not JSON (being edited): replaced by the bar's headers.
    }
    const next = JSON.stringify({ ...current, ...headers }, null, 2);
    if (editor.getValue() !== next) editor.setValue(next);
  }, [editor, headers]);
  return null;
}

export function Explorer() {
  const [config, setConfig] = useState<UiConfig | null>(null);
  const [role, setRole] = useState('wmo-consulent');
  const [org, setOrg] = useState(organisations.find((o) => o.soort === 'PARTNER')?.code ?? '');
  const [purpose, setPurpose] = useState('WMO_ONDERSTEUNING');
  const [token, setToken] = useState<string | null>(null);
  const [tokenFor, setTokenFor] = useState('');
  const [schema, setSchema] = useState<SchemaSource | null>(null);
  const [status, setStatus] = useState('Bezig met laden…');
  const [busy, setBusy] = useState(false);

  const roleInfo = roles.find((r) => r.role === role);
  const purposes = roleInfo?.purposes ?? [];
  const isPartner = roleInfo?.organisatie === 'PARTNER';
  const headers = useMemo<Record<string, string> | null>(() => (token ? { Authorization: `Bearer ${token}`, 'X-Purpose': purpose } : null), [token, purpose]);

  const mint = useCallback(async (forRole: string, forOrg: string | undefined) => {
    setBusy(true);
    try {
      const t = await mintDevToken(forRole, forOrg);
      setToken(t);
      setTokenFor(forOrg ? `${forRole} (${forOrg})` : forRole);
      setStatus(`Ontwikkeltoken aangemaakt voor ${forOrg ? `${forRole} van ${forOrg}` : forRole}; de headers staan klaar.`);
      return t;
    } catch (err) {
      setStatus(`Er kon geen token worden gemaakt: ${err instanceof Error ? err.message : 'onbekende fout'}.`);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    (async () => {
      const c = await loadConfig().catch((): UiConfig => ({ auth: 'none' }));
      setConfig(c);
      if (c.auth === 'dev') {
        const t = await mint('wmo-consulent', undefined);
        setSchema(await loadSchema(t ? { Authorization: `Bearer ${t}`, 'X-Purpose': 'WMO_ONDERSTEUNING' } : null));
      } else {
        setStatus('Deze hub geeft geen ontwikkeltokens: zet uw eigen token als Authorization-header (Bearer …) en het doel als X-Purpose in Headers.');
        setSchema(await loadSchema(null));
      }
    })();
  }, [mint]);

  function onRole(next: string) {
    setRole(next);
    const first = roles.find((r) => r.role === next)?.purposes[0];
    if (first) setPurpose(first);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void mint(role, isPartner ? org : undefined);
  }

  return (
    <div className="explorer">
      <header className="explorer-bar">
        <h1 className="explorer-bar__title">
          ontschot <span>API-verkenner</span>
        </h1>
        {config?.auth === 'dev' ? (
          <form className="explorer-bar__form" onSubmit={onSubmit} aria-label="Ontwikkeltoken">
            <label>
              Rol
              <select id="explorer-rol" value={role} onChange={(e) => onRole(e.target.value)}>
                {roles.map((r) => (
                  <option key={r.role} value={r.role}>
                    {r.role}
                  </option>
                ))}
              </select>
            </label>
            {isPartner && (
              <label>
                Organisatie
                <select id="explorer-org" value={org} onChange={(e) => setOrg(e.target.value)}>
                  {organisations
                    .filter((o) => o.soort === 'PARTNER')
                    .map((o) => (
                      <option key={o.code} value={o.code}>
                        {o.code} — {o.naam}
                      </option>
                    ))}
                </select>
              </label>
            )}
            <label>
              Doel (X-Purpose)
              <select id="explorer-doel" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
                {purposes.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={busy}>
              Token aanmaken
            </button>
          </form>
        ) : null}
        <p className="explorer-bar__status" role="status" aria-live="polite" data-testid="explorer-status">
          {status}
          {token && <span className="explorer-bar__token"> Token: {tokenFor}.</span>}
          {schema && <span> Schema: {schema.from === 'gateway' ? 'door introspectie van de gateway' : `meegeleverd met deze build (introspectie: ${schema.reason})`}.</span>}
        </p>
      </header>
      <main className="explorer-graphiql">
        {schema ? (
          <GraphiQL
            fetcher={fetcher}
            schema={schema.schema}
            // Query texts may hold a BSN: they live as long as the tab, not in localStorage.
            storage={sessionStorage}
            shouldPersistHeaders={false}
            initialHeaders={headers ? JSON.stringify(headers, null, 2) : '{\n  "Authorization": "Bearer …",\n  "X-Purpose": "…"\n}'}
            // The example, with its variables, only when this tab has no editors of its own yet.
            {...(fresh ? { initialQuery: DEFAULT_QUERY, initialVariables: DEFAULT_VARIABLES } : {})}
            defaultEditorToolsVisibility="headers"
          >
            <GraphiQL.Logo>ontschot</GraphiQL.Logo>
            {headers && <HeaderSync headers={headers} />}
          </GraphiQL>
        ) : (
          <p className="explorer-loading">Bezig met laden…</p>
        )}
      </main>
    </div>
  );
}
