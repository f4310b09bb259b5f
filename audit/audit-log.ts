import type { Db } from '../lib/db';
import type { RequestContext } from '../policy';
import { RequestRecorder, requestEntry } from './recorder';
import { loadVerwerkingsregister, type Verwerkingsregister } from './register';
import type { AuditSigner, TrustedKeys } from './signing';
import { AuditStore, type AuditStoreOptions } from './store';
import { verifyAuditLog, type AuditVerification } from './verify';

export interface AuditLogOptions extends Omit<AuditStoreOptions, 'db' | 'signer'> {
  db: Db;
  /** Signs this process's chain heads. The hub passes a key from config, or a development key kept under DATA_DIR. */
  signer: AuditSigner;
  /** Keys `verify` accepts besides the signer's own (keys from before a rotation). @defaultValue none */
  trustedKeys?: TrustedKeys;
  /** @defaultValue audit/verwerkingsactiviteiten.yaml, validated */
  register?: Verwerkingsregister;
}

/**
 * The audit log of one process: one store (group commit, one chain per bron), recorders for the
 * subgraphs this process hosts, the gateway's request records, and verification. Create one per
 * process and close it on shutdown (it signs the final heads).
 */
export class AuditLog {
  readonly store: AuditStore;
  readonly register: Verwerkingsregister;
  readonly trustedKeys: TrustedKeys;
  private readonly db: Db;

  constructor(options: AuditLogOptions) {
    const { db, signer, trustedKeys, register, ...storeOptions } = options;
    this.db = db;
    this.register = register ?? loadVerwerkingsregister();
    this.store = new AuditStore({ ...storeOptions, db, signer });
    this.trustedKeys = new Map([...(trustedKeys ?? []), ...signer.trusted]);
  }

  /**
   * For `startSubgraph`'s `recorderFor`: a recorder per request, writing to the
   * subgraph's own stream.
   */
  recorderFor(bron: string): (request: RequestContext) => RequestRecorder {
    const sink = (entries: Parameters<AuditStore['append']>[0]) => this.store.append(entries);
    return (request) => new RequestRecorder(sink, this.register, request, bron);
  }

  /**
   * The gateway's record of a request it answered with `httpStatus`: operation, actor, purpose,
   * trace; no subject. Resolves once committed.
   */
  recordRequest(request: RequestContext, httpStatus: number): Promise<void> {
    return this.store.append([requestEntry(this.register, request, httpStatus)]);
  }

  /** Recomputes every chain and checks every signed head. */
  verify(): Promise<AuditVerification> {
    return verifyAuditLog(this.db, { trustedKeys: this.trustedKeys });
  }

  /** Writes what is queued and signs the final heads. */
  close(): Promise<void> {
    return this.store.close();
  }
}
