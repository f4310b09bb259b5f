import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { AuditRecordParent, AuditRecordPage, AuditActorParent, AuditBreukParent, AuditKopParent, VerwerkingsactiviteitRef, InzageRapportData, InzageRegelRow, SnuffelRapportData, SnuffelSignaalParent, VernietigingPage, VernietigingRow } from '../loaders';
import { AuditVerification, AuditTellingenData } from '../../../audit';
import { AuditContext } from '../resolvers';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  federation__FieldSet: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
};

export type AuditActor = {
  __typename?: 'AuditActor';
  organisatie: Scalars['String']['output'];
  rollen: Array<Scalars['String']['output']>;
  sub: Scalars['String']['output'];
};

export type AuditBreuk = {
  __typename?: 'AuditBreuk';
  /** id van het gebroken record; null als het record ontbreekt. */
  id?: Maybe<Scalars['ID']['output']>;
  /** HASH_WIJKT_AF, VOORGANGER_ONTBREEKT, KOP_WIJKT_AF, RECORD_ONTBREEKT, HANDTEKENING_ONGELDIG of SLEUTEL_ONBEKEND. */
  reden: Scalars['String']['output'];
  stroom: Scalars['String']['output'];
  tijdstip?: Maybe<Scalars['String']['output']>;
  volgnummer: Scalars['Int']['output'];
};

/** Alle velden optioneel en gecombineerd met EN. */
export type AuditFilter = {
  /** sub van de actor (uit het token). */
  actor?: InputMaybe<Scalars['String']['input']>;
  /** BSN van de betrokkene. */
  betrokkene?: InputMaybe<Scalars['String']['input']>;
  /** Doel waarvoor verwerkt werd (X-Purpose), zoals WMO_ONDERSTEUNING. */
  doel?: InputMaybe<Scalars['String']['input']>;
  /** Organisatie van de actor; medewerkers van de gemeente zelf: gemeente. */
  organisatie?: InputMaybe<Scalars['String']['input']>;
  /** ISO-datum of -tijdstip, exclusief. */
  tot?: InputMaybe<Scalars['String']['input']>;
  /** ISO-datum of -tijdstip, inclusief. */
  van?: InputMaybe<Scalars['String']['input']>;
};

/** De lengte van de perioden in auditTellingen. */
export type AuditInterval =
  /** Per kalenderdag. */
  | 'DAG'
  /** Per ISO-week, beginnend op maandag. */
  | 'WEEK';

/** Een ondertekende ketenkop: stroom, positie en hash van het laatste record, wanneer en met welke sleutel ondertekend. */
export type AuditKop = {
  __typename?: 'AuditKop';
  /** GELDIG, of waarom niet: HANDTEKENING_ONGELDIG, SLEUTEL_ONBEKEND, KOP_WIJKT_AF of RECORD_ONTBREEKT. */
  geldigheid: Scalars['String']['output'];
  /** SHA-256 (hex) van het record op dit volgnummer, zoals ondertekend. */
  hash: Scalars['String']['output'];
  sleutelId: Scalars['String']['output'];
  stroom: Scalars['String']['output'];
  /** Wanneer de kop werd ondertekend. */
  tijdstip: Scalars['String']['output'];
  volgnummer: Scalars['Int']['output'];
};

export type AuditPageInfo = {
  __typename?: 'AuditPageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type AuditRecord = {
  __typename?: 'AuditRecord';
  actor: AuditActor;
  /** BSN van de betrokkene; null voor een verzoek. */
  betrokkene?: Maybe<Scalars['String']['output']>;
  betrokkeneType?: Maybe<Scalars['String']['output']>;
  /** Het onderdeel dat verwerkte: de naam van de subgraph, of gateway. */
  bron: Scalars['String']['output'];
  documentHash?: Maybe<Scalars['String']['output']>;
  doel: Scalars['String']['output'];
  geweigerd: Array<AuditWeigering>;
  hash: Scalars['String']['output'];
  httpStatus?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  operatie?: Maybe<Scalars['String']['output']>;
  soort: AuditSoort;
  spanId: Scalars['String']['output'];
  /** VERSTREKT, GEDEELTELIJK of GEWEIGERD; voor een verzoek VOLTOOID, GEWEIGERD, ONGELDIG of MISLUKT. */
  status: Scalars['String']['output'];
  /** Logstroom (bron:instantie) en plaats daarin: de hashketen. */
  stroom: Scalars['String']['output'];
  tijdstip: Scalars['String']['output'];
  /** W3C trace id: verbindt het verzoek met de verwerkingen in elk onderdeel. */
  traceId: Scalars['String']['output'];
  /** Verstrekte velden als veldcoördinaten, zoals WmoVoorziening.productCode. */
  verstrekt: Array<Scalars['String']['output']>;
  verwerkingsactiviteit: Verwerkingsactiviteit;
  volgnummer: Scalars['Int']['output'];
};

export type AuditRecordConnection = {
  __typename?: 'AuditRecordConnection';
  edges: Array<AuditRecordEdge>;
  pageInfo: AuditPageInfo;
};

export type AuditRecordEdge = {
  __typename?: 'AuditRecordEdge';
  cursor: Scalars['String']['output'];
  node: AuditRecord;
};

export type AuditSoort =
  /** Wat één onderdeel (subgraph) van één betrokkene verwerkte in één verzoek. */
  | 'VERWERKING'
  /** Het verzoek zelf, zoals de gateway het beantwoordde. */
  | 'VERZOEK';

export type AuditTelling = {
  __typename?: 'AuditTelling';
  aantal: Scalars['Int']['output'];
  /** Eerste dag van de periode (ISO-datum, Europe/Amsterdam). */
  periode: Scalars['String']['output'];
  /** De organisatiecode, het doel of de weigercode. */
  sleutel: Scalars['String']['output'];
};

/** Waarnaar auditTellingen de aantallen uitsplitst. */
export type AuditTellingPer =
  /** Inzagen per doel (X-Purpose). */
  | 'DOEL'
  /** Inzagen per organisatie van de actor. */
  | 'ORGANISATIE'
  /** Records met een weigering, per code die de client kreeg. */
  | 'WEIGERCODE';

export type AuditTellingen = {
  __typename?: 'AuditTellingen';
  interval: AuditInterval;
  per: AuditTellingPer;
  /** Eén regel per periode en sleutel met een aantal boven nul, oudste periode eerst. */
  tellingen: Array<AuditTelling>;
  tot: Scalars['String']['output'];
  van: Scalars['String']['output'];
};

export type AuditVerificatie = {
  __typename?: 'AuditVerificatie';
  /** De eerste breuk van elke gebroken stroom, vroegste eerst. */
  breuken: Array<AuditBreuk>;
  eersteBreuk?: Maybe<AuditBreuk>;
  /** Aantal herberekende records. */
  gecontroleerd: Scalars['Int']['output'];
  intact: Scalars['Boolean']['output'];
  /** Aantal gecontroleerde ondertekende koppen. */
  koppen: Scalars['Int']['output'];
  /**
   * Per stroom de laatst ondertekende kop met haar geldigheid, op volgorde van stroom: wat u buiten
   * de database bewaart om het logboek later te kunnen bewijzen. Een eerdere kop die niet klopt,
   * maakt haar stroom gebroken (zie breuken).
   */
  ondertekendeKoppen: Array<AuditKop>;
  stromen: Scalars['Int']['output'];
};

export type AuditWeigering = {
  __typename?: 'AuditWeigering';
  code: Scalars['String']['output'];
  veld: Scalars['String']['output'];
};

/** Een bestand om te downloaden; inhoud is tekst in UTF-8. */
export type Bestand = {
  __typename?: 'Bestand';
  bestandsnaam: Scalars['String']['output'];
  inhoud: Scalars['String']['output'];
  mediaType: Scalars['String']['output'];
};

/** Een verstrekt gegeven: de veldcoördinaat en wat zij betekent (de eerste zin van de beschrijving van dat veld in het schema). */
export type InzageGegeven = {
  __typename?: 'InzageGegeven';
  omschrijving: Scalars['String']['output'];
  veld: Scalars['String']['output'];
};

export type InzageRapport = {
  __typename?: 'InzageRapport';
  betrokkene: Scalars['String']['output'];
  csv: Bestand;
  json: Bestand;
  opgesteldOp: Scalars['String']['output'];
  /** Per organisatie, rol en doel: hoe vaak, wanneer het eerst en laatst, welke gegevens. */
  samenvatting: Array<InzageSamenvatting>;
  /**
   * Toezicht: wat de functionaris gegevensbescherming (doel AUDIT) over de betrokkene verwerkte,
   * zoals het raadplegen van zijn of haar regels in het logboek, een eerder inzagerapport of een
   * verzoek tot vernietiging, oudste eerst. Dat is een verwerking, maar geen verstrekking aan een
   * ontvanger: daarom staat het hier apart, en niet bij verstrekkingen of in de samenvatting.
   */
  toezicht: Array<InzageRegel>;
  tot?: Maybe<Scalars['String']['output']>;
  van?: Maybe<Scalars['String']['output']>;
  /** De verantwoordelijke volgens het verwerkingsregister. */
  verantwoordelijke: Scalars['String']['output'];
  /**
   * Elke verwerking waarbij gegevens van de betrokkene aan een organisatie zijn verstrekt voor
   * haar taak, oudste eerst. Het toezicht van de functionaris gegevensbescherming staat apart.
   */
  verstrekkingen: Array<InzageRegel>;
};

export type InzageRegel = {
  __typename?: 'InzageRegel';
  /** Het onderdeel dat verwerkte: de naam van de subgraph. */
  bron: Scalars['String']['output'];
  /** Doel als code (X-Purpose), zoals WMO_ONDERSTEUNING. */
  doel: Scalars['String']['output'];
  /** Het doel in gewone taal: de verwerkingsactiviteit waartoe het hoort in het verwerkingsregister. */
  doelOmschrijving: Scalars['String']['output'];
  /** Dezelfde velden in gewone taal, in dezelfde volgorde. */
  gegevens: Array<InzageGegeven>;
  /** Code van de organisatie in het organisatieregister; medewerkers van de gemeente zelf: gemeente. */
  organisatie: Scalars['String']['output'];
  /** Naam van de organisatie volgens het organisatieregister. */
  organisatieNaam: Scalars['String']['output'];
  /** Dezelfde rollen in gewone taal, zoals Wmo-consulent. */
  rolNamen: Array<Scalars['String']['output']>;
  /** Rollen als code, zoals wmo-consulent. */
  rollen: Array<Scalars['String']['output']>;
  tijdstip: Scalars['String']['output'];
  /** Verstrekte velden als veldcoördinaten, zoals WmoVoorziening.productCode. */
  velden: Array<Scalars['String']['output']>;
  verwerkingsactiviteit: Verwerkingsactiviteit;
};

export type InzageSamenvatting = {
  __typename?: 'InzageSamenvatting';
  aantal: Scalars['Int']['output'];
  doel: Scalars['String']['output'];
  doelOmschrijving: Scalars['String']['output'];
  eerste: Scalars['String']['output'];
  gegevens: Array<InzageGegeven>;
  laatste: Scalars['String']['output'];
  organisatie: Scalars['String']['output'];
  organisatieNaam: Scalars['String']['output'];
  rolNamen: Array<Scalars['String']['output']>;
  rollen: Array<Scalars['String']['output']>;
  velden: Array<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** Regels uit het logboek van verwerkingen: nieuwste eerst; stabiel gepagineerd met een cursor. */
  auditRecords: AuditRecordConnection;
  /**
   * Aantallen uit het logboek: inzagen per organisatie of doel, of records met een weigering per
   * code, per dag of week (Europe/Amsterdam), berekend in de database; alleen aantallen, geen
   * personen. Een inzage is één persoon in één verzoek; een weigering telt eens per record dat de
   * code noemt.
   */
  auditTellingen: AuditTellingen;
  /**
   * Inzage voor één persoon (AVG art. 15): wie (organisatie en rol), wanneer, voor welk doel en
   * welke gegevens van hem of haar zijn verstrekt, in gewone taal, ook als JSON- en CSV-bestand;
   * apart daarvan het toezicht van de functionaris gegevensbescherming. Namen van individuele
   * medewerkers staan er niet in (HvJ EU C-579/21); die vindt de privacy officer via auditRecords.
   */
  inzageRapport: InzageRapport;
  /** Controle op snuffelen: signalen in een periode [van, tot); zie SnuffelDrempels. */
  snuffelRapport: SnuffelRapport;
  /** Herberekent elke hashketen en controleert elke ondertekende kop; noemt de eerste breuk. */
  verifieerAuditLog: AuditVerificatie;
  /** Wat de bewaartermijnen-job vernietigde, nieuwste eerst. */
  vernietigingen: VernietigingsrecordConnection;
};


export type QueryAuditRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter: AuditFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAuditTellingenArgs = {
  doel?: InputMaybe<Scalars['String']['input']>;
  interval?: InputMaybe<AuditInterval>;
  organisatie?: InputMaybe<Scalars['String']['input']>;
  per: AuditTellingPer;
  tot: Scalars['String']['input'];
  van: Scalars['String']['input'];
};


export type QueryInzageRapportArgs = {
  burgerservicenummer: Scalars['String']['input'];
  tot?: InputMaybe<Scalars['String']['input']>;
  van?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySnuffelRapportArgs = {
  drempels?: InputMaybe<SnuffelDrempels>;
  tot: Scalars['String']['input'];
  van: Scalars['String']['input'];
};


export type QueryVernietigingenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  tot?: InputMaybe<Scalars['String']['input']>;
  van?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Drempels voor het snuffelrapport; standaardwaarden passen bij een periode van één werkdag.
 * VEEL_PERSONEN: meer dan minimumPersonen verschillende personen, en meer dan maximumPersonen of
 * meer dan factorBovenMediaan × de mediaan van collega's met dezelfde rollen (als er minstens
 * minimumCollegas zijn). BUITEN_CASELOAD: een actor met een domeinrol kreeg gegevens van minstens
 * buitenCaseload personen die in dat domein geen enkel dossierrecord hebben.
 */
export type SnuffelDrempels = {
  buitenCaseload?: InputMaybe<Scalars['Int']['input']>;
  factorBovenMediaan?: InputMaybe<Scalars['Float']['input']>;
  maximumPersonen?: InputMaybe<Scalars['Int']['input']>;
  minimumCollegas?: InputMaybe<Scalars['Int']['input']>;
  minimumPersonen?: InputMaybe<Scalars['Int']['input']>;
};

export type SnuffelRapport = {
  __typename?: 'SnuffelRapport';
  /** Aantal actoren met verwerkingen in de periode. */
  actoren: Scalars['Int']['output'];
  signalen: Array<SnuffelSignaal>;
  tot: Scalars['String']['output'];
  van: Scalars['String']['output'];
};

export type SnuffelSignaal = {
  __typename?: 'SnuffelSignaal';
  aantalPersonen: Scalars['Int']['output'];
  actor: AuditActor;
  /** De drempel die werd overschreden (meer dan zoveel). */
  drempel: Scalars['Float']['output'];
  mediaanCollegas?: Maybe<Scalars['Float']['output']>;
  /** Bij BUITEN_CASELOAD: de personen om wie het gaat. */
  personen: Array<Scalars['String']['output']>;
  soort: SnuffelSoort;
};

export type SnuffelSoort =
  | 'BUITEN_CASELOAD'
  | 'VEEL_PERSONEN';

/** Een vernietiging door de bewaartermijnen-job: wat, hoeveel, onder welke regel; nooit de inhoud. */
export type Vernietigingsrecord = {
  __typename?: 'Vernietigingsrecord';
  aantal: Scalars['Int']['output'];
  bron: Scalars['String']['output'];
  /** Categorie uit de Selectielijst 2020, bijvoorbeeld 8.1.1. */
  categorie: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  recordType: Scalars['String']['output'];
  reden: Scalars['String']['output'];
  regel: Scalars['String']['output'];
  tijdstip: Scalars['String']['output'];
};

export type VernietigingsrecordConnection = {
  __typename?: 'VernietigingsrecordConnection';
  edges: Array<VernietigingsrecordEdge>;
  pageInfo: AuditPageInfo;
};

export type VernietigingsrecordEdge = {
  __typename?: 'VernietigingsrecordEdge';
  cursor: Scalars['String']['output'];
  node: Vernietigingsrecord;
};

/** Een verwerkingsactiviteit uit het verwerkingsregister (AVG art. 30). */
export type Verwerkingsactiviteit = {
  __typename?: 'Verwerkingsactiviteit';
  bewaartermijn?: Maybe<Scalars['String']['output']>;
  grondslag?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** null als het register deze id niet (meer) kent. */
  naam?: Maybe<Scalars['String']['output']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AuditActor: ResolverTypeWrapper<AuditActorParent>;
  AuditBreuk: ResolverTypeWrapper<AuditBreukParent>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditFilter: AuditFilter;
  AuditInterval: AuditInterval;
  AuditKop: ResolverTypeWrapper<AuditKopParent>;
  AuditPageInfo: ResolverTypeWrapper<AuditPageInfo>;
  AuditRecord: ResolverTypeWrapper<AuditRecordParent>;
  AuditRecordConnection: ResolverTypeWrapper<AuditRecordPage>;
  AuditRecordEdge: ResolverTypeWrapper<Omit<AuditRecordEdge, 'node'> & { node: ResolversTypes['AuditRecord'] }>;
  AuditSoort: AuditSoort;
  AuditTelling: ResolverTypeWrapper<AuditTelling>;
  AuditTellingPer: AuditTellingPer;
  AuditTellingen: ResolverTypeWrapper<AuditTellingenData>;
  AuditVerificatie: ResolverTypeWrapper<AuditVerification>;
  AuditWeigering: ResolverTypeWrapper<AuditWeigering>;
  Bestand: ResolverTypeWrapper<Bestand>;
  InzageGegeven: ResolverTypeWrapper<InzageGegeven>;
  InzageRapport: ResolverTypeWrapper<InzageRapportData>;
  InzageRegel: ResolverTypeWrapper<InzageRegelRow>;
  InzageSamenvatting: ResolverTypeWrapper<InzageSamenvatting>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SnuffelDrempels: SnuffelDrempels;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  SnuffelRapport: ResolverTypeWrapper<SnuffelRapportData>;
  SnuffelSignaal: ResolverTypeWrapper<SnuffelSignaalParent>;
  SnuffelSoort: SnuffelSoort;
  Vernietigingsrecord: ResolverTypeWrapper<VernietigingRow>;
  VernietigingsrecordConnection: ResolverTypeWrapper<VernietigingPage>;
  VernietigingsrecordEdge: ResolverTypeWrapper<Omit<VernietigingsrecordEdge, 'node'> & { node: ResolversTypes['Vernietigingsrecord'] }>;
  Verwerkingsactiviteit: ResolverTypeWrapper<VerwerkingsactiviteitRef>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuditActor: AuditActorParent;
  AuditBreuk: AuditBreukParent;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AuditFilter: AuditFilter;
  AuditKop: AuditKopParent;
  AuditPageInfo: AuditPageInfo;
  AuditRecord: AuditRecordParent;
  AuditRecordConnection: AuditRecordPage;
  AuditRecordEdge: Omit<AuditRecordEdge, 'node'> & { node: ResolversParentTypes['AuditRecord'] };
  AuditTelling: AuditTelling;
  AuditTellingen: AuditTellingenData;
  AuditVerificatie: AuditVerification;
  AuditWeigering: AuditWeigering;
  Bestand: Bestand;
  InzageGegeven: InzageGegeven;
  InzageRapport: InzageRapportData;
  InzageRegel: InzageRegelRow;
  InzageSamenvatting: InzageSamenvatting;
  Query: Record<PropertyKey, never>;
  SnuffelDrempels: SnuffelDrempels;
  Float: Scalars['Float']['output'];
  SnuffelRapport: SnuffelRapportData;
  SnuffelSignaal: SnuffelSignaalParent;
  Vernietigingsrecord: VernietigingRow;
  VernietigingsrecordConnection: VernietigingPage;
  VernietigingsrecordEdge: Omit<VernietigingsrecordEdge, 'node'> & { node: ResolversParentTypes['Vernietigingsrecord'] };
  Verwerkingsactiviteit: VerwerkingsactiviteitRef;
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuditActorResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditActor'] = ResolversParentTypes['AuditActor']> = {
  organisatie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rollen?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  sub?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditBreukResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditBreuk'] = ResolversParentTypes['AuditBreuk']> = {
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  reden?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stroom?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tijdstip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  volgnummer?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditKopResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditKop'] = ResolversParentTypes['AuditKop']> = {
  geldigheid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sleutelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stroom?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tijdstip?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  volgnummer?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditPageInfoResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditPageInfo'] = ResolversParentTypes['AuditPageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AuditRecordResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditRecord'] = ResolversParentTypes['AuditRecord']> = {
  actor?: Resolver<ResolversTypes['AuditActor'], ParentType, ContextType>;
  betrokkene?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  betrokkeneType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  bron?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  documentHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  doel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  geweigerd?: Resolver<Array<ResolversTypes['AuditWeigering']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  httpStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  operatie?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  soort?: Resolver<ResolversTypes['AuditSoort'], ParentType, ContextType>;
  spanId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stroom?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tijdstip?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  traceId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verstrekt?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  verwerkingsactiviteit?: Resolver<ResolversTypes['Verwerkingsactiviteit'], ParentType, ContextType>;
  volgnummer?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditRecordConnectionResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditRecordConnection'] = ResolversParentTypes['AuditRecordConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditRecordEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['AuditPageInfo'], ParentType, ContextType>;
};

export type AuditRecordEdgeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditRecordEdge'] = ResolversParentTypes['AuditRecordEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditRecord'], ParentType, ContextType>;
};

export type AuditTellingResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditTelling'] = ResolversParentTypes['AuditTelling']> = {
  aantal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  periode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sleutel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditTellingenResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditTellingen'] = ResolversParentTypes['AuditTellingen']> = {
  interval?: Resolver<ResolversTypes['AuditInterval'], ParentType, ContextType>;
  per?: Resolver<ResolversTypes['AuditTellingPer'], ParentType, ContextType>;
  tellingen?: Resolver<Array<ResolversTypes['AuditTelling']>, ParentType, ContextType>;
  tot?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  van?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditVerificatieResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditVerificatie'] = ResolversParentTypes['AuditVerificatie']> = {
  breuken?: Resolver<Array<ResolversTypes['AuditBreuk']>, ParentType, ContextType>;
  eersteBreuk?: Resolver<Maybe<ResolversTypes['AuditBreuk']>, ParentType, ContextType>;
  gecontroleerd?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  intact?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  koppen?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ondertekendeKoppen?: Resolver<Array<ResolversTypes['AuditKop']>, ParentType, ContextType>;
  stromen?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditWeigeringResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditWeigering'] = ResolversParentTypes['AuditWeigering']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  veld?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BestandResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Bestand'] = ResolversParentTypes['Bestand']> = {
  bestandsnaam?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inhoud?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type InzageGegevenResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['InzageGegeven'] = ResolversParentTypes['InzageGegeven']> = {
  omschrijving?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  veld?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type InzageRapportResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['InzageRapport'] = ResolversParentTypes['InzageRapport']> = {
  betrokkene?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  csv?: Resolver<ResolversTypes['Bestand'], ParentType, ContextType>;
  json?: Resolver<ResolversTypes['Bestand'], ParentType, ContextType>;
  opgesteldOp?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  samenvatting?: Resolver<Array<ResolversTypes['InzageSamenvatting']>, ParentType, ContextType>;
  toezicht?: Resolver<Array<ResolversTypes['InzageRegel']>, ParentType, ContextType>;
  tot?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  van?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  verantwoordelijke?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verstrekkingen?: Resolver<Array<ResolversTypes['InzageRegel']>, ParentType, ContextType>;
};

export type InzageRegelResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['InzageRegel'] = ResolversParentTypes['InzageRegel']> = {
  bron?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  doel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  doelOmschrijving?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gegevens?: Resolver<Array<ResolversTypes['InzageGegeven']>, ParentType, ContextType>;
  organisatie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organisatieNaam?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rolNamen?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rollen?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tijdstip?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  velden?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  verwerkingsactiviteit?: Resolver<ResolversTypes['Verwerkingsactiviteit'], ParentType, ContextType>;
};

export type InzageSamenvattingResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['InzageSamenvatting'] = ResolversParentTypes['InzageSamenvatting']> = {
  aantal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  doel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  doelOmschrijving?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eerste?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gegevens?: Resolver<Array<ResolversTypes['InzageGegeven']>, ParentType, ContextType>;
  laatste?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organisatie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organisatieNaam?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rolNamen?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rollen?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  velden?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditRecords?: Resolver<ResolversTypes['AuditRecordConnection'], ParentType, ContextType, RequireFields<QueryAuditRecordsArgs, 'filter' | 'first'>>;
  auditTellingen?: Resolver<ResolversTypes['AuditTellingen'], ParentType, ContextType, RequireFields<QueryAuditTellingenArgs, 'interval' | 'per' | 'tot' | 'van'>>;
  inzageRapport?: Resolver<ResolversTypes['InzageRapport'], ParentType, ContextType, RequireFields<QueryInzageRapportArgs, 'burgerservicenummer'>>;
  snuffelRapport?: Resolver<ResolversTypes['SnuffelRapport'], ParentType, ContextType, RequireFields<QuerySnuffelRapportArgs, 'tot' | 'van'>>;
  verifieerAuditLog?: Resolver<ResolversTypes['AuditVerificatie'], ParentType, ContextType>;
  vernietigingen?: Resolver<ResolversTypes['VernietigingsrecordConnection'], ParentType, ContextType, RequireFields<QueryVernietigingenArgs, 'first'>>;
};

export type SnuffelRapportResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['SnuffelRapport'] = ResolversParentTypes['SnuffelRapport']> = {
  actoren?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signalen?: Resolver<Array<ResolversTypes['SnuffelSignaal']>, ParentType, ContextType>;
  tot?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  van?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SnuffelSignaalResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['SnuffelSignaal'] = ResolversParentTypes['SnuffelSignaal']> = {
  aantalPersonen?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['AuditActor'], ParentType, ContextType>;
  drempel?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  mediaanCollegas?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  personen?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  soort?: Resolver<ResolversTypes['SnuffelSoort'], ParentType, ContextType>;
};

export type VernietigingsrecordResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Vernietigingsrecord'] = ResolversParentTypes['Vernietigingsrecord']> = {
  aantal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bron?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  categorie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recordType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reden?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  regel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tijdstip?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VernietigingsrecordConnectionResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['VernietigingsrecordConnection'] = ResolversParentTypes['VernietigingsrecordConnection']> = {
  edges?: Resolver<Array<ResolversTypes['VernietigingsrecordEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['AuditPageInfo'], ParentType, ContextType>;
};

export type VernietigingsrecordEdgeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['VernietigingsrecordEdge'] = ResolversParentTypes['VernietigingsrecordEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Vernietigingsrecord'], ParentType, ContextType>;
};

export type VerwerkingsactiviteitResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Verwerkingsactiviteit'] = ResolversParentTypes['Verwerkingsactiviteit']> = {
  bewaartermijn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  grondslag?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  naam?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = AuditContext> = {
  AuditActor?: AuditActorResolvers<ContextType>;
  AuditBreuk?: AuditBreukResolvers<ContextType>;
  AuditKop?: AuditKopResolvers<ContextType>;
  AuditPageInfo?: AuditPageInfoResolvers<ContextType>;
  AuditRecord?: AuditRecordResolvers<ContextType>;
  AuditRecordConnection?: AuditRecordConnectionResolvers<ContextType>;
  AuditRecordEdge?: AuditRecordEdgeResolvers<ContextType>;
  AuditTelling?: AuditTellingResolvers<ContextType>;
  AuditTellingen?: AuditTellingenResolvers<ContextType>;
  AuditVerificatie?: AuditVerificatieResolvers<ContextType>;
  AuditWeigering?: AuditWeigeringResolvers<ContextType>;
  Bestand?: BestandResolvers<ContextType>;
  InzageGegeven?: InzageGegevenResolvers<ContextType>;
  InzageRapport?: InzageRapportResolvers<ContextType>;
  InzageRegel?: InzageRegelResolvers<ContextType>;
  InzageSamenvatting?: InzageSamenvattingResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SnuffelRapport?: SnuffelRapportResolvers<ContextType>;
  SnuffelSignaal?: SnuffelSignaalResolvers<ContextType>;
  Vernietigingsrecord?: VernietigingsrecordResolvers<ContextType>;
  VernietigingsrecordConnection?: VernietigingsrecordConnectionResolvers<ContextType>;
  VernietigingsrecordEdge?: VernietigingsrecordEdgeResolvers<ContextType>;
  Verwerkingsactiviteit?: VerwerkingsactiviteitResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = AuditContext> = {
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
