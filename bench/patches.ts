/**
 * Candidate fixes for the hub, applied to a running A by patching modules in its own process —
 * never to the measured A of `npm run bench`, and never to a file outside bench/. They let
 * `bench/experiments.ts` measure what a fix in the core would buy before anyone writes it.
 * Must run before the hub's modules are loaded.
 *
 * Earlier candidates that landed in the core are gone from this list: the keep-alive fetcher, the
 * verified-token cache, the HMAC internal context and prepared statements (4a50874), and the
 * audit group commit as one statement on its own connection.
 */
export const PATCHES = ['gateway-record-after-answer'] as const;
export type Patch = (typeof PATCHES)[number];

export function applyPatches(patches: readonly Patch[]): void {
  for (const p of patches) {
    if (p === 'gateway-record-after-answer') patchGatewayRecordAfterAnswer();
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
