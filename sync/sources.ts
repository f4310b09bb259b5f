import type { PersoonRecord, UitkeringRecord, WmoVoorzieningRecord } from '../domain/records';

/**
 * What sync needs of each back office, as ports. The adapters in adapters/<system> implement
 * them; sync never sees a protocol.
 */
export interface BrpSource {
  raadpleeg(bsns: string[]): Promise<PersoonRecord[]>;
  zoekBsnsOpAdresseerbaarObject(id: string): Promise<string[]>;
}

export interface GwsSource {
  scanWmoVoorzieningen(opts?: { pageSize?: number }): AsyncIterable<WmoVoorzieningRecord[]>;
  scanUitkeringen(opts?: { pageSize?: number }): AsyncIterable<UitkeringRecord[]>;
}

export interface SyncSources {
  brp: BrpSource;
  gws: GwsSource;
}
