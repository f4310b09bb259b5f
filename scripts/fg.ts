/**
 * fg: the privacy officer's terminal companion, for scripts and for an officer who prefers a
 * terminal to a console. It asks a running hub's gateway over HTTP like any other client (bearer
 * token, X-Purpose AUDIT), so everything it reads is logged as the officer's own processing.
 *
 *   npm run -s fg -- inzage 999990019 [--van D] [--tot D] [--csv | --json]
 *   npm run -s fg -- verify
 *   npm run -s fg -- snuffel --van D --tot D [--buiten-caseload N …]
 *   npm run -s fg -- vernietigingen [--van D] [--tot D] [--first N | --all]
 *
 * `npm run -s fg -- --help` says the rest. Exit status: 0 done, 1 the hub refused or could not
 * answer (its error code on stderr), 2 wrong use or no token, 3 `verify` found the log broken.
 */
import { parseArgs } from 'node:util';
import { issueDevToken } from '../gateway/auth';
import { ConfigError, loadConfig } from '../lib/config';

export const DEFAULT_URL = 'http://localhost:4000/graphql';

export const USAGE = `usage: npm run -s fg -- COMMAND [options]

commands:
  inzage BSN            subject-access report (AVG art. 15): disclosures, summary and the
                        privacy officer's own look-ups (toezicht) apart
      --van D, --tot D  period, ISO date or date-time ([van, tot))
      --csv             the report's CSV file, as the person is given it
      --json            the report's JSON file, as the person is given it
  verify                recomputes every hash chain and checks every signed head
  snuffel               signals of looking people up without need, over [van, tot)
      --van D --tot D   required; at most 366 days
      --minimum-personen N, --maximum-personen N, --factor-boven-mediaan X,
      --minimum-collegas N, --buiten-caseload N   thresholds (defaults suit one working day)
  vernietigingen        what the retention job destroyed, newest first
      --van D, --tot D  period
      --first N         how many (1 to 500, default 50); --after CURSOR for the next page
      --all             every page

options:
  --url URL       the gateway's GraphQL endpoint (GATEWAY_URL; default ${DEFAULT_URL})
  --token TOKEN   bearer token of a privacy officer (FG_TOKEN; prefer the variable: a
                  command line is visible to other users). Without either, a hub in
                  development mode gets a privacy-officer token minted from DATA_DIR
  --json          the answer as JSON instead of tables
  --help          this text

exit status: 0 done, 1 refused or failed (the error code is printed), 2 wrong use or no
token, 3 verify found the log broken`;

/** A failure with the exit status it ends the command with; its message carries no personal data. */
export class FgError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 3,
  ) {
    super(message);
  }
}

const usageError = (message: string) => new FgError(`${message}\n(npm run -s fg -- --help for usage)`, 2);

const COMMANDS = ['inzage', 'verify', 'snuffel', 'vernietigingen'] as const;
type Command = (typeof COMMANDS)[number];

const THRESHOLDS = {
  'minimum-personen': 'minimumPersonen',
  'maximum-personen': 'maximumPersonen',
  'factor-boven-mediaan': 'factorBovenMediaan',
  'minimum-collegas': 'minimumCollegas',
  'buiten-caseload': 'buitenCaseload',
} as const;

export interface Invocation {
  command: Command | 'help';
  /** inzage: the BSN. */
  bsn?: string;
  url?: string;
  token?: string;
  json: boolean;
  csv: boolean;
  van?: string;
  tot?: string;
  first?: number;
  after?: string;
  all: boolean;
  drempels: Record<string, number>;
}

/** The command line as an invocation; wrong use is an FgError with status 2 that never repeats a value given. */
export function parseInvocation(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean', default: false },
        csv: { type: 'boolean', default: false },
        van: { type: 'string' },
        tot: { type: 'string' },
        first: { type: 'string' },
        after: { type: 'string' },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        ...Object.fromEntries(Object.keys(THRESHOLDS).map((k) => [k, { type: 'string' as const }])),
      },
    });
  } catch (err) {
    // parseArgs names the option, never its value.
    throw usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const base = { url: values.url, token: values.token, json: values.json ?? false, csv: values.csv ?? false, all: values.all ?? false, van: values.van, tot: values.tot, after: values.after, drempels: {} as Record<string, number> };
  if (values.help || command === 'help') return { ...base, command: 'help' };
  if (!command) throw usageError('no command given; expected one of ' + COMMANDS.join(', '));
  if (!(COMMANDS as readonly string[]).includes(command)) throw usageError(`unknown command; expected one of ${COMMANDS.join(', ')}`);
  const cmd = command as Command;

  const allowed: Record<Command, string[]> = {
    inzage: ['van', 'tot', 'csv'],
    verify: [],
    snuffel: ['van', 'tot', ...Object.keys(THRESHOLDS)],
    vernietigingen: ['van', 'tot', 'first', 'after', 'all'],
  };
  const given = Object.entries(values).filter(([k, v]) => v !== undefined && v !== false && !['url', 'token', 'json', 'help'].includes(k)).map(([k]) => k);
  const foreign = given.filter((k) => !allowed[cmd].includes(k));
  if (foreign.length) throw usageError(`${cmd} takes no --${foreign.join(', --')}`);
  if (base.csv && base.json) throw usageError('--csv and --json exclude each other');

  if (cmd === 'inzage') {
    if (rest.length !== 1) throw usageError('inzage takes exactly one burgerservicenummer');
    // Only the shape here; the hub checks the elfproef. The value is not repeated: it is a BSN.
    if (!/^[0-9]{9}$/.test(rest[0])) throw usageError('the burgerservicenummer must be nine digits');
    return { ...base, command: cmd, bsn: rest[0] };
  }
  if (rest.length) throw usageError(`${cmd} takes no further arguments`);
  if (cmd === 'snuffel') {
    if (!base.van || !base.tot) throw usageError('snuffel needs --van and --tot');
    for (const [option, field] of Object.entries(THRESHOLDS)) {
      const v = (values as Record<string, unknown>)[option];
      if (v === undefined) continue;
      const n = Number(v);
      if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw usageError(`--${option} must be a number`);
      base.drempels[field] = n;
    }
  }
  let first: number | undefined;
  if (values.first !== undefined) {
    first = Number(values.first);
    if (!Number.isInteger(first) || first < 1 || first > 500) throw usageError('--first must be a whole number from 1 to 500');
  }
  if (base.all && (first !== undefined || base.after)) throw usageError('--all takes every page: it goes without --first and --after');
  return { ...base, command: cmd, first };
}

/** Where the gateway is and who asks: the privacy officer's token, from the command line, the environment, or minted in development mode. */
export async function connection(inv: Pick<Invocation, 'url' | 'token'>, env: NodeJS.ProcessEnv): Promise<{ url: string; token: string }> {
  const url = inv.url ?? (env.GATEWAY_URL || DEFAULT_URL);
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw usageError('--url (or GATEWAY_URL) must be an http or https URL');
  }
  const token = inv.token ?? env.FG_TOKEN;
  if (token) return { url, token };
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new FgError(`no token given: pass --token or set FG_TOKEN (no development token can be minted here: ${err.message})`, 2);
  }
  if (!config.devAuth) {
    throw new FgError('no token given: pass --token or set FG_TOKEN (AUTH_ISSUER is set, so this hub accepts tokens from that issuer only)', 2);
  }
  // The same development issuer the hub uses, under the same DATA_DIR (as `npm run token`).
  return { url, token: await issueDevToken(config.DATA_DIR, { role: 'privacy-officer', ttlSeconds: config.AUTH_MAX_TOKEN_LIFETIME_S }) };
}

interface GraphQLAnswer {
  data?: Record<string, any> | null;
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

/** One GraphQL request as the privacy officer, purpose AUDIT. Any error is a refusal: these reports are whole or nothing. */
export async function ask(conn: { url: string; token: string }, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  let res: Response;
  try {
    res = await fetch(conn.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
        authorization: `Bearer ${conn.token}`,
        'x-purpose': 'AUDIT',
      },
      // Named, so the audit log's `operatie` says the officer used fg.
      body: JSON.stringify({ query, variables, operationName: /^query (\w+)/.exec(query)?.[1] }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (err) {
    const { cause } = err as { cause?: { code?: string; message?: string } };
    const reason = cause?.code ?? cause?.message ?? (err as Error).name;
    throw new FgError(`cannot reach the gateway at ${safeUrl(conn.url)} (${reason})`, 1);
  }
  let body: GraphQLAnswer;
  try {
    body = (await res.json()) as GraphQLAnswer;
  } catch {
    throw new FgError(`the gateway at ${safeUrl(conn.url)} answered HTTP ${res.status} without a GraphQL answer`, 1);
  }
  if (body.errors?.length || !body.data) {
    const first = body.errors?.[0];
    const code = first?.extensions?.code ?? `HTTP_${res.status}`;
    const more = (body.errors?.length ?? 0) > 1 ? ` (and ${body.errors!.length - 1} more)` : '';
    // The hub's messages never carry personal data (docs/CONTRACT.md), so they are shown as they are.
    throw new FgError(`refused: ${code} (HTTP ${res.status}): ${first?.message ?? 'no data in the answer'}${more}`, 1);
  }
  return body.data;
}

/** The URL without user info or query: what an error message may show. */
function safeUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

const INZAGE = `query FgInzage($bsn: String!, $van: String, $tot: String) {
  inzageRapport(burgerservicenummer: $bsn, van: $van, tot: $tot) {
    betrokkene van tot opgesteldOp verantwoordelijke
    samenvatting { organisatieNaam rolNamen doel doelOmschrijving aantal eerste laatste gegevens { omschrijving } }
    verstrekkingen { tijdstip organisatieNaam rolNamen doel gegevens { omschrijving } }
    toezicht { tijdstip rolNamen doel gegevens { omschrijving } }
  }
}`;
const INZAGE_FILE = (file: 'csv' | 'json') => `query FgInzageBestand($bsn: String!, $van: String, $tot: String) {
  inzageRapport(burgerservicenummer: $bsn, van: $van, tot: $tot) { ${file} { inhoud } }
}`;
const VERIFY = 'query FgVerifieer { verifieerAuditLog { intact gecontroleerd stromen koppen ondertekendeKoppen { stroom volgnummer hash tijdstip sleutelId geldigheid } breuken { stroom volgnummer id tijdstip reden } } }';
const SNUFFEL = `query FgSnuffel($van: String!, $tot: String!, $drempels: SnuffelDrempels) {
  snuffelRapport(van: $van, tot: $tot, drempels: $drempels) { van tot actoren signalen { actor { sub organisatie rollen } soort aantalPersonen drempel mediaanCollegas personen } }
}`;
const VERNIETIGINGEN = `query FgVernietigingen($van: String, $tot: String, $first: Int, $after: String) {
  vernietigingen(van: $van, tot: $tot, first: $first, after: $after) {
    edges { node { id tijdstip recordType categorie bron regel reden aantal } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Columns padded to their widest cell; the last one runs on. */
export function table(headers: string[], rows: Array<Array<string | number | null>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...r[i]].length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length))).join('  ').trimEnd()).join('\n');
}

const words = (gegevens: Array<{ omschrijving: string }>) => gegevens.map((g) => g.omschrijving).join('; ');

/** Runs one invocation; returns what goes to stdout and the exit status. */
export async function run(inv: Invocation, env: NodeJS.ProcessEnv): Promise<{ out: string; exitCode: 0 | 3 }> {
  if (inv.command === 'help') return { out: USAGE, exitCode: 0 };
  const conn = await connection(inv, env);
  const json = (v: unknown) => JSON.stringify(v, null, 2);

  if (inv.command === 'inzage') {
    const variables = { bsn: inv.bsn, van: inv.van ?? null, tot: inv.tot ?? null };
    if (inv.csv || inv.json) {
      const file = inv.csv ? 'csv' : 'json';
      const data = await ask(conn, INZAGE_FILE(file), variables);
      return { out: String(data.inzageRapport[file].inhoud).replace(/\s+$/, ''), exitCode: 0 };
    }
    const r = (await ask(conn, INZAGE, variables)).inzageRapport;
    const periode = r.van || r.tot ? `van ${r.van ?? 'het begin'} tot ${r.tot ?? 'nu'}` : 'alles wat het logboek bevat';
    const out = [
      `Inzage (AVG art. 15) voor ${r.betrokkene}: ${periode}; opgesteld op ${r.opgesteldOp}`,
      `Verantwoordelijke: ${r.verantwoordelijke}`,
      '',
      `Samenvatting: per organisatie, rol en doel`,
      r.samenvatting.length
        ? table(
            ['ORGANISATIE', 'ROL', 'AANTAL', 'EERSTE', 'LAATSTE', 'DOEL'],
            r.samenvatting.map((s: any) => [s.organisatieNaam, s.rolNamen.join(', '), s.aantal, s.eerste, s.laatste, s.doelOmschrijving]),
          )
        : '(geen verstrekkingen)',
      '',
      `Verstrekkingen (${r.verstrekkingen.length}), oudste eerst`,
      r.verstrekkingen.length
        ? table(
            ['TIJDSTIP', 'ORGANISATIE', 'ROL', 'DOEL', 'GEGEVENS'],
            r.verstrekkingen.map((v: any) => [v.tijdstip, v.organisatieNaam, v.rolNamen.join(', '), v.doel, words(v.gegevens)]),
          )
        : '(geen)',
      '',
      `Toezicht (${r.toezicht.length}): wat de functionaris gegevensbescherming over deze persoon verwerkte; geen verstrekking`,
      r.toezicht.length ? table(['TIJDSTIP', 'ROL', 'GEGEVENS'], r.toezicht.map((v: any) => [v.tijdstip, v.rolNamen.join(', '), words(v.gegevens)])) : '(geen)',
    ];
    return { out: out.join('\n'), exitCode: 0 };
  }

  if (inv.command === 'verify') {
    const v = (await ask(conn, VERIFY)).verifieerAuditLog;
    if (inv.json) return { out: json(v), exitCode: v.intact ? 0 : 3 };
    const counted = `${v.gecontroleerd} records herberekend in ${v.stromen} stromen, ${v.koppen} ondertekende koppen gecontroleerd`;
    // The list to keep outside the database (a WORM store, a timestamping service).
    const heads = v.ondertekendeKoppen.length
      ? `\nLaatst ondertekende kop per stroom:\n${table(['STROOM', 'VOLGNUMMER', 'ONDERTEKEND', 'HASH', 'SLEUTEL', 'GELDIGHEID'], v.ondertekendeKoppen.map((k: any) => [k.stroom, k.volgnummer, k.tijdstip, k.hash, k.sleutelId, k.geldigheid]))}`
      : '';
    if (v.intact) return { out: `Auditlog intact: ${counted}.${heads}`, exitCode: 0 };
    const breaks = table(['STROOM', 'VOLGNUMMER', 'ID', 'TIJDSTIP', 'REDEN'], v.breuken.map((b: any) => [b.stroom, b.volgnummer, b.id ?? '(ontbreekt)', b.tijdstip, b.reden]));
    return { out: `Auditlog NIET intact: ${counted}.\nEerste breuk per stroom:\n${breaks}${heads}`, exitCode: 3 };
  }

  if (inv.command === 'snuffel') {
    const drempels = Object.keys(inv.drempels).length ? inv.drempels : null;
    const s = (await ask(conn, SNUFFEL, { van: inv.van, tot: inv.tot, drempels })).snuffelRapport;
    if (inv.json) return { out: json(s), exitCode: 0 };
    const head = `Snuffelrapport [${s.van}, ${s.tot}): ${s.actoren} actoren met verwerkingen, ${s.signalen.length} signalen`;
    if (!s.signalen.length) return { out: `${head}.`, exitCode: 0 };
    const rows = s.signalen.map((x: any) => [x.actor.sub, x.actor.organisatie, x.actor.rollen.join(', '), x.soort, x.aantalPersonen, x.drempel, x.mediaanCollegas, x.personen.join(' ')]);
    return { out: `${head}:\n${table(['ACTOR', 'ORGANISATIE', 'ROLLEN', 'SIGNAAL', 'PERSONEN', 'DREMPEL', 'MEDIAAN', 'BSN'], rows)}`, exitCode: 0 };
  }

  // vernietigingen: one page, or with --all every page (500 at a time, the most one page holds).
  const nodes: any[] = [];
  let after = inv.after ?? null;
  let next: string | null = null;
  do {
    const page = (await ask(conn, VERNIETIGINGEN, { van: inv.van ?? null, tot: inv.tot ?? null, first: inv.all ? 500 : (inv.first ?? 50), after })).vernietigingen;
    nodes.push(...page.edges.map((e: any) => e.node));
    next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    after = next;
  } while (inv.all && next);
  if (inv.json) return { out: json({ vernietigingen: nodes, volgende: next }), exitCode: 0 };
  const body = nodes.length
    ? table(['TIJDSTIP', 'RECORDTYPE', 'CATEGORIE', 'BRON', 'REDEN', 'AANTAL', 'REGEL'], nodes.map((n) => [n.tijdstip, n.recordType, n.categorie, n.bron, n.reden, n.aantal, n.regel]))
    : '(geen vernietigingen)';
  return { out: next ? `${body}\nMeer: --after ${next}` : body, exitCode: 0 };
}

async function main(): Promise<void> {
  try {
    const { out, exitCode } = await run(parseInvocation(process.argv.slice(2)), process.env);
    process.stdout.write(`${out}\n`);
    // exitCode, not exit(): a long CSV piped on must be written out first.
    process.exitCode = exitCode;
  } catch (err) {
    if (err instanceof FgError) {
      process.stderr.write(`fg: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else {
      // A bug of ours, not the hub's answer; its message is our code's, not data.
      process.stderr.write(`fg: unexpected failure: ${String((err as Error)?.stack ?? err)}\n`);
      process.exitCode = 1;
    }
  }
}

if (require.main === module) void main();
