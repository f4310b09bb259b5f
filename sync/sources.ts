import type { GwsAnswer, GwsLookup } from '../adapters/gws';
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

/**
 * Every answer of GWS comes with the moment GWS says it gave it (`tijdstipBericht`: an ISO instant
 * in UTC, by GWS's clock), which is what the records' state is as of: their version in the read
 * model (read-model/versions.ts).
 */
export interface GwsSource {
  scanWmoVoorzieningen(opts?: { pageSize?: number }): AsyncIterable<GwsAnswer<WmoVoorzieningRecord>>;
  scanUitkeringen(opts?: { pageSize?: number }): AsyncIterable<GwsAnswer<UitkeringRecord>>;
  /** One Wmo voorziening as GWS holds it now, by toewijzingNummer; record null when GWS has none. */
  wmoVoorziening(toewijzingNummer: string): Promise<GwsLookup<WmoVoorzieningRecord>>;
  /** One uitkering as GWS holds it now, by dossierNummer; record null when GWS has none. */
  uitkering(dossierNummer: string): Promise<GwsLookup<UitkeringRecord>>;
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
