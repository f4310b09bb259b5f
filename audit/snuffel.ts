import type { Domain, Role } from '../policy';
import type { AuditActor } from './record';

/**
 * "Snuffelen": looking up people one has no business with. Two signals over a window:
 *
 * - `VEEL_PERSONEN` — an actor looked at (was disclosed or refused data of) more distinct persons
 *   than is usual. Flagged when the count is above `minimumPersonen` and either above
 *   `maximumPersonen`, or above `factorBovenMediaan` × the median of their peers (actors with
 *   the same roles in the same window, not counting the actor), provided there are at least
 *   `minimumCollegas` peers to compare with. The absolute floor keeps small teams and quiet days
 *   from flagging ordinary work; the median makes "unusual" mean unusual for that role.
 * - `BUITEN_CASELOAD` — an actor whose role serves one domain (wmo-consulent → WMO, …) was
 *   disclosed data of persons with no record in that domain's read model: a Wmo consulent reading
 *   someone the Wmo does not know. At least `buitenCaseload` such persons are needed, because an
 *   intake (a new client, not yet in the back office) is legitimately one or two of them.
 *   Caseload is judged against the read model as it is now.
 *
 * The defaults suit a window of one working day. Privacy officers' own reads of the audit log
 * are not counted (they are about logs, not about domain data).
 */
export interface SnuffelDrempels {
  /** Never flag `VEEL_PERSONEN` at or below this many persons. @defaultValue 20 */
  minimumPersonen: number;
  /** Flag above this many persons whatever the peers do. @defaultValue 100 */
  maximumPersonen: number;
  /** Flag above this multiple of the peers' median. @defaultValue 3 */
  factorBovenMediaan: number;
  /** Peers needed before the median counts. @defaultValue 3 */
  minimumCollegas: number;
  /** Persons outside the domain's caseload needed to flag `BUITEN_CASELOAD`. @defaultValue 3 */
  buitenCaseload: number;
}

export const SNUFFEL_DEFAULTS: Readonly<SnuffelDrempels> = Object.freeze({
  minimumPersonen: 20,
  maximumPersonen: 100,
  factorBovenMediaan: 3,
  minimumCollegas: 3,
  buitenCaseload: 3,
});

/** The domain whose caseload bounds a role's work; roles not listed have no single domain. */
export const ROLE_DOMAIN: Partial<Record<Role, Domain>> = {
  'wmo-consulent': 'WMO',
  'jeugd-consulent': 'JEUGD',
  'klantmanager-wi': 'WERK_INKOMEN',
  leerplichtambtenaar: 'LEERPLICHT',
};

/** What one actor did in the window, as the audit log says. */
export interface ActorActivity {
  actor: AuditActor;
  /** Distinct persons looked at. */
  personen: number;
  /** BSNs of persons outside the caseload of the actor's domain role(s) whose data was disclosed to the actor. */
  buitenCaseload: string[];
}

export interface SnuffelSignaal {
  actor: AuditActor;
  soort: 'VEEL_PERSONEN' | 'BUITEN_CASELOAD';
  aantalPersonen: number;
  /** The threshold the count went over (more than this many). */
  drempel: number;
  /** The peers' median, when it set the threshold. */
  mediaanCollegas: number | null;
  /** For `BUITEN_CASELOAD`, the persons concerned; empty for `VEEL_PERSONEN` (ask auditRecords by actor). */
  personen: string[];
}

/** Applies the thresholds to the window's activity. Signals sorted by actor, then kind. */
export function detectSnuffelen(activity: readonly ActorActivity[], drempels: Partial<SnuffelDrempels> = {}): SnuffelSignaal[] {
  const d = { ...SNUFFEL_DEFAULTS, ...drempels };
  const byRoles = new Map<string, ActorActivity[]>();
  for (const a of activity) {
    const key = [...a.actor.rollen].sort().join(',');
    const group = byRoles.get(key);
    if (group) group.push(a);
    else byRoles.set(key, [a]);
  }
  const signals: SnuffelSignaal[] = [];
  for (const a of activity) {
    const peers = byRoles.get([...a.actor.rollen].sort().join(','))!.filter((p) => p !== a);
    const median = peers.length >= d.minimumCollegas ? medianOf(peers.map((p) => p.personen)) : null;
    const relative = median === null ? Infinity : d.factorBovenMediaan * median;
    const drempel = Math.max(d.minimumPersonen, Math.min(d.maximumPersonen, relative));
    if (a.personen > drempel) {
      signals.push({ actor: a.actor, soort: 'VEEL_PERSONEN', aantalPersonen: a.personen, drempel, mediaanCollegas: relative < d.maximumPersonen ? median : null, personen: [] });
    }
    if (a.buitenCaseload.length >= d.buitenCaseload) {
      signals.push({ actor: a.actor, soort: 'BUITEN_CASELOAD', aantalPersonen: a.buitenCaseload.length, drempel: d.buitenCaseload - 1, mediaanCollegas: null, personen: [...a.buitenCaseload].sort() });
    }
  }
  return signals.sort((x, y) => x.actor.sub.localeCompare(y.actor.sub) || x.soort.localeCompare(y.soort));
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
