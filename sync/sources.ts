import type { JeugdFeedPage } from '../adapters/jeugd';
import type { LasExport } from '../adapters/las';
import type { PersoonRecord, UitkeringRecord, WmoVoorzieningRecord } from '../domain/records';

/**
 * What sync needs of each back office, as ports. The adapters in adapters/<system> implement
 * them; sync never sees a protocol.
 */
export interface BrpSource {
  raadpleeg(bsns: readonly string[]): Promise<PersoonRecord[]>;
  zoekBsnsOpAdresseerbaarObject(id: string): Promise<string[]>;
}

export interface GwsSource {
  scanWmoVoorzieningen(opts?: { pageSize?: number }): AsyncIterable<WmoVoorzieningRecord[]>;
  scanUitkeringen(opts?: { pageSize?: number }): AsyncIterable<UitkeringRecord[]>;
  /** One Wmo voorziening as GWS holds it now, by toewijzingNummer; null when GWS has none. */
  wmoVoorziening(toewijzingNummer: string): Promise<WmoVoorzieningRecord | null>;
  /** One uitkering as GWS holds it now, by dossierNummer; null when GWS has none. */
  uitkering(dossierNummer: string): Promise<UitkeringRecord | null>;
}

export interface JeugdSource {
  lees(cursor: string | null, aantal: number): Promise<JeugdFeedPage>;
}

export interface LasSource {
  /** Complete exports, oldest first. */
  listExports(): Promise<string[]>;
  readExport(exportId: string): Promise<LasExport>;
}

export interface SyncSources {
  brp: BrpSource;
  gws: GwsSource;
  jeugd: JeugdSource;
  las: LasSource;
}
