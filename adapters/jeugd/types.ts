import type { JeugdhulpRecord } from '../../domain/records';

/** The iJw messages this adapter understands, by their name in the iStandaard. */
export type JeugdBerichtSoort = 'JW301' | 'JW305' | 'JW307';

/**
 * iJw StatusAanlevering: 1 eerste aanlevering, 2 gewijzigde aanlevering, 3 verwijderen
 * aanlevering. Only JW305/JW307 carry it.
 */
export type StatusAanlevering = '1' | '2' | '3';

/** What every parsed message has: its identity and routing, taken from the iJw Header. */
interface JeugdBerichtBase {
  soort: JeugdBerichtSoort;
  /**
   * Identity used for idempotency: soort, Afzender and BerichtIdentificatie/Identificatie
   * (an Identificatie is unique per sender, so the pair identifies a message).
   */
  id: string;
  /** Header/BerichtCode (COD002-VEKT): 436 JW301, 438 JW305, 440 JW307. */
  berichtCode: string;
  /** Header/BerichtIdentificatie/Identificatie. */
  identificatie: string;
  /** Header/BerichtIdentificatie/Dagtekening, ISO date. */
  dagtekening: string;
  /** Gemeente code (JW301) or AGB code of the provider (JW305/JW307). */
  afzender: string;
  /** AGB code of the provider (JW301) or gemeente code (JW305/JW307). */
  ontvanger: string;
  /** Client/Bsn. */
  burgerservicenummer: string;
  /** Feed position the message was read at (opaque; for tracing, not for ordering). */
  positie: string | null;
}

/** JW301: the gemeente assigns one or more products to a provider. */
interface Jw301Record extends JeugdBerichtBase {
  soort: 'JW301';
  /** One per ToegewezenProduct; `startZorg`/`stopZorg` are always null here (JW301 does not carry them). */
  toewijzingen: JeugdhulpRecord[];
}

/** The product reference JW305/JW307 use to point at a toewijzing. */
export interface ProductVerwijzing {
  /** ToewijzingNummer; the schema allows it to be absent (then the product fields identify the toewijzing). */
  toewijzingNummer: string | null;
  productCategorie: string | null;
  productCode: string | null;
  /** ToewijzingIngangsdatum: Ingangsdatum of the toewijzing this refers to. */
  toewijzingIngangsdatum: string | null;
  statusAanlevering: StatusAanlevering;
}

/** One StartProduct of a JW305. */
export interface StartProductRecord extends ProductVerwijzing {
  /** Begindatum: care started on this date. */
  begindatum: string;
}

/** One StopProduct of a JW307. */
export interface StopProductRecord extends ProductVerwijzing {
  begindatum: string;
  /** Einddatum: care ended on this date. */
  einddatum: string;
  /** RedenBeeindiging code. */
  redenBeeindiging: string;
}

/** JW305: the provider reports that care started. */
interface Jw305Record extends JeugdBerichtBase {
  soort: 'JW305';
  startProducten: StartProductRecord[];
}

/** JW307: the provider reports that care stopped. */
interface Jw307Record extends JeugdBerichtBase {
  soort: 'JW307';
  stopProducten: StopProductRecord[];
}

/** A parsed iJw message, as the feed client hands it to the fold. */
export type JeugdBerichtRecord = Jw301Record | Jw305Record | Jw307Record;

/** Why a message in the feed was not turned into a record. Codes only: no values from the message. */
export interface RejectedBericht {
  /** Feed position, or null outside a feed. */
  positie: string | null;
  /** What was wrong, naming the element and what was expected. */
  reden: string;
}
