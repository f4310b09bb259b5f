import { randomUUID } from 'node:crypto';
import type { AccessRecorder } from '../policy';
import type { RequestContext } from '../policy';
import { sortedSet, sortedWeigeringen, type AuditActor, type AuditEntry, type AuditStatus, type AuditWeigering } from './record';
import type { Verwerkingsregister } from './register';

/** Where a recorder's entries go: the store's `append`, in practice. */
export type AuditSink = (entries: AuditEntry[]) => Promise<void>;

interface Outcome {
  verstrekt: Set<string>;
  geweigerd: AuditWeigering[];
}

/**
 * Collects, for one request to one part, what the policy layer disclosed and withheld per data
 * subject, and writes one record per subject on `flush`. Create one per request.
 *
 * `disclosed` is called when the policy allows a field, just before its resolver runs: a field
 * whose resolver then fails is still counted as disclosed. The log errs on the side of
 * over-reporting, never under.
 */
export class RequestRecorder implements AccessRecorder {
  private readonly subjects = new Map<string, Outcome>();
  private readonly withoutSubject: Outcome = { verstrekt: new Set(), geweigerd: [] };
  private readonly at = new Date().toISOString();
  private flushed = false;

  constructor(
    private readonly sink: AuditSink,
    private readonly register: Verwerkingsregister,
    private readonly request: RequestContext,
    /** The part that processes: the subgraph's name. */
    readonly bron: string,
  ) {}

  disclosed(subject: string, coordinate: string): void {
    // After flush the answer is decided: a resolver still running (an abandoned sibling of a
    // failed field) produces nothing that leaves, so there is nothing to record.
    if (!this.flushed) this.outcome(subject).verstrekt.add(coordinate);
  }

  withheld(subject: string, coordinate: string, code: string): void {
    if (!this.flushed) this.outcome(subject).geweigerd.push({ veld: coordinate, code });
  }

  /**
   * Processing about no single data subject (a verification of the log, a list of destruction
   * records), or a refusal of it (`code`). Goes into one record without a subject.
   */
  processedWithoutSubject(coordinate: string, code?: string): void {
    if (this.flushed) return;
    if (code) this.withoutSubject.geweigerd.push({ veld: coordinate, code });
    else this.withoutSubject.verstrekt.add(coordinate);
  }

  /** The entries `flush` writes: one per subject, plus one without subject if anything was noted as such. */
  entries(): AuditEntry[] {
    // What all of this request's records share is worked out once.
    const base = { ...baseEntry(this.register, this.request, this.bron, this.at), soort: 'VERWERKING' as const, httpStatus: null };
    const out: AuditEntry[] = [];
    for (const [id, o] of this.subjects) out.push(this.entry({ id, type: 'BSN' }, o, base));
    if (this.withoutSubject.verstrekt.size || this.withoutSubject.geweigerd.length) out.push(this.entry(null, this.withoutSubject, base));
    return out;
  }

  /** Writes the records; resolves once committed. The answer may leave only after that (fail closed). */
  flush(): Promise<void> {
    const entries = this.entries();
    this.flushed = true;
    return this.sink(entries);
  }

  private outcome(subject: string): Outcome {
    let o = this.subjects.get(subject);
    if (!o) this.subjects.set(subject, (o = { verstrekt: new Set(), geweigerd: [] }));
    return o;
  }

  private entry(betrokkene: AuditEntry['betrokkene'], o: Outcome, base: Omit<AuditEntry, 'betrokkene' | 'verstrekt' | 'geweigerd' | 'status'>): AuditEntry {
    const verstrekt = sortedSet(o.verstrekt);
    const geweigerd = sortedWeigeringen(o.geweigerd);
    const status: AuditStatus = geweigerd.length === 0 ? 'VERSTREKT' : verstrekt.length === 0 ? 'GEWEIGERD' : 'GEDEELTELIJK';
    return { ...base, id: randomUUID(), betrokkene, verstrekt, geweigerd, status };
  }
}

/** The record of one request at the gateway: no subject, the HTTP status the client got. */
export function requestEntry(register: Verwerkingsregister, request: RequestContext, httpStatus: number, bron = 'gateway'): AuditEntry {
  return {
    ...baseEntry(register, request, bron, new Date().toISOString()),
    soort: 'VERZOEK',
    betrokkene: null,
    verstrekt: [],
    geweigerd: [],
    status: requestStatus(httpStatus),
    httpStatus,
  };
}

function requestStatus(httpStatus: number): AuditStatus {
  if (httpStatus < 400) return 'VOLTOOID';
  if (httpStatus === 401 || httpStatus === 403) return 'GEWEIGERD';
  return httpStatus < 500 ? 'ONGELDIG' : 'MISLUKT';
}

function baseEntry(register: Verwerkingsregister, request: RequestContext, bron: string, tijdstip: string): Omit<AuditEntry, 'soort' | 'betrokkene' | 'verstrekt' | 'geweigerd' | 'status' | 'httpStatus'> {
  const actor: AuditActor = {
    sub: request.actor.sub,
    organisatie: request.actor.organisatie,
    rollen: sortedSet(request.actor.rollen),
  };
  return {
    id: randomUUID(),
    tijdstip,
    bron,
    traceId: request.traceId,
    spanId: request.spanId,
    verwerkingsactiviteit: register.activityFor(request.doel).id,
    actor,
    doel: request.doel,
    operatie: request.operationName,
    documentHash: request.documentHash,
  };
}
