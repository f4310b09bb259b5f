/**
 * Candidate fixes for the hub, applied to a running A by patching modules in its own process —
 * never to the measured A of `npm run bench`, and never to a file outside bench/. They let
 * `bench/experiments.ts` measure what a fix in the core would buy before anyone writes it.
 * Must run before the hub's modules are loaded.
 *
 * Earlier candidates that landed in the core are gone from this list: the keep-alive fetcher, the
 * verified-token cache, the HMAC internal context and prepared statements (4a50874), and the
 * audit group commit as one statement on its own connection.
 *
 * Measured on 2026-11-23 (20,000 inhabitants, 3 × 8 s each, two or more runs of
 * experiments.ts): none of the three below moved S1 consistently beyond the run-to-run noise
 * (S1 req/s of a candidate against A: gateway-record-after-answer −2 % and −4 %, gateway-lane
 * +1 % and −6 %, audit-no-wait −4 % and +9 %), so none went into the core. `audit-no-wait`, which
 * gives up fail-closed altogether, bounds what any change to the commit wait could buy.
 */
export const PATCHES = ['gateway-record-after-answer', 'gateway-lane', 'audit-no-wait'] as const;
export type Patch = (typeof PATCHES)[number];

export function applyPatches(patches: readonly Patch[]): void {
  for (const p of patches) {
    if (p === 'gateway-record-after-answer') patchGatewayRecordAfterAnswer();
    else if (p === 'gateway-lane') patchGatewayLane();
    else if (p === 'audit-no-wait') patchAuditNoWait();
    else throw new Error(`unknown patch ${p as string}; expected one of ${PATCHES.join(', ')}`);
  }
}

/**
 * audit/audit-log.ts `recordRequest` → the gateway's own record (no data subject; the subgraphs'
 * records, which hold what was disclosed, are still written before their answers leave) is
 * appended without the answer waiting for its commit.
 */
function patchGatewayRecordAfterAnswer(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AuditLog } = require('../audit/audit-log') as typeof import('../audit/audit-log');
  const original = AuditLog.prototype.recordRequest;
  AuditLog.prototype.recordRequest = function (this: InstanceType<typeof AuditLog>, ...args: Parameters<typeof original>) {
    original.apply(this, args).catch(() => undefined);
    return Promise.resolve();
  };
}

/**
 * audit/audit-log.ts → the gateway's records go through a second store (its own connection and
 * group commit), so a request's final record never waits behind a commit of subgraph records.
 */
function patchGatewayLane(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AuditLog } = require('../audit/audit-log') as typeof import('../audit/audit-log');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AuditStore } = require('../audit/store') as typeof import('../audit/store');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { requestEntry } = require('../audit/recorder') as typeof import('../audit/recorder');
  const lanes = new WeakMap<object, InstanceType<typeof AuditStore>>();
  AuditLog.prototype.recordRequest = function (this: InstanceType<typeof AuditLog>, request, httpStatus) {
    let lane = lanes.get(this);
    if (!lane) {
      const internals = this as unknown as { db: import('../lib/db').Db; store: { signer: import('../audit/signing').AuditSigner; instanceId: string } };
      lane = new AuditStore({ db: internals.db, signer: internals.store.signer, instanceId: `${internals.store.instanceId}-gw` });
      lanes.set(this, lane);
    }
    return lane.append([requestEntry(this.register, request, httpStatus)]);
  };
}

/**
 * Not a fix but a bound: every append returns at once while its records are written behind it
 * (NOT fail closed). Shows how much of A's latency is the wait for the audit commit.
 */
function patchAuditNoWait(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AuditStore } = require('../audit/store') as typeof import('../audit/store');
  const original = AuditStore.prototype.append;
  AuditStore.prototype.append = function (this: InstanceType<typeof AuditStore>, entries) {
    original.call(this, entries).catch(() => undefined);
    return Promise.resolve();
  };
}
