import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { DossierRows, DomainContext } from '../../common/dossier';
import { InschrijvingRecord, VerzuimmeldingRecord } from '../../../domain/records';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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

export type Bron = {
  __typename?: 'Bron';
  /** Wanneer de hub de bron voor het laatst heeft bereikt (ISO-tijdstip); null als nooit. */
  bronBereiktOp?: Maybe<Scalars['String']['output']>;
  /** Wanneer de gegevens van deze persoon in de hub voor het laatst uit de bron zijn bevestigd (ISO-tijdstip): door een volledige synchronisatie of een wijziging die ze las. Zonder gegevens: de laatste volledige synchronisatie. */
  gesynchroniseerdOp?: Maybe<Scalars['String']['output']>;
  /** Het bronsysteem: BRP, GWS, JEUGD of LAS. */
  systeem: Scalars['String']['output'];
  /** Of de bron langer dan de ingestelde termijn niet is bereikt: de gegevens kunnen dan verouderd zijn. Het antwoord draagt dan ook een waarschuwing SOURCE_STALE in extensions.warnings. */
  verouderd: Scalars['Boolean']['output'];
};

export type Inschrijving = {
  __typename?: 'Inschrijving';
  /** BRIN-nummer van de school. */
  brin: Scalars['String']['output'];
  /** Einddatum van de inschrijving. */
  einddatum?: Maybe<Scalars['String']['output']>;
  /** Ingangsdatum van de inschrijving. */
  ingangsdatum?: Maybe<Scalars['String']['output']>;
  /** Onderwijssoort: BAO, SBO, SO, VSO, VMBO, HAVO, VWO of MBO. */
  onderwijssoort: Scalars['String']['output'];
  /** Naam van de school. */
  school?: Maybe<Scalars['String']['output']>;
};

export type LeerplichtDossier = {
  __typename?: 'LeerplichtDossier';
  /** Bron van de leerplichtgegevens: het bronsysteem en hoe actueel de gegevens zijn. */
  bron?: Maybe<Bron>;
  /** Inschrijvingen bij scholen. */
  inschrijvingen: Array<Inschrijving>;
  /** Of de kwalificatieplicht geldt (16 tot 18 zonder startkwalificatie); null als de LAS de leerling niet kent. */
  kwalificatieplichtig?: Maybe<Scalars['Boolean']['output']>;
  /** Meldingen van verzuim. */
  verzuimmeldingen: Array<Verzuimmelding>;
  /** Vrijstellingen van de leerplicht. */
  vrijstellingen: Array<Vrijstelling>;
};

export type Persoon = {
  __typename?: 'Persoon';
  burgerservicenummer: Scalars['String']['output'];
  /** Leerplicht en kwalificatieplicht uit de leerplichtadministratie (LAS). */
  leerplicht?: Maybe<LeerplichtDossier>;
};

export type Verzuimmelding = {
  __typename?: 'Verzuimmelding';
  /** Afhandeling van de melding: GESPREK, WAARSCHUWING, HALT, PROCES_VERBAAL of IN_BEHANDELING. */
  afhandeling?: Maybe<Scalars['String']['output']>;
  /** Datum van de verzuimmelding. */
  datum: Scalars['String']['output'];
  /** Kenmerk van de verzuimmelding. */
  meldingId: Scalars['String']['output'];
  /** School die het verzuim meldde. */
  school?: Maybe<Scalars['String']['output']>;
  /** Soort verzuim: ABSOLUUT, ONGEOORLOOFD, LUXEVERZUIM of SIGNAALVERZUIM. */
  soort: Scalars['String']['output'];
};

/** Vrijstelling van inschrijving (Leerplichtwet art. 5 sub a, b of c). */
export type Vrijstelling = {
  __typename?: 'Vrijstelling';
  /** Artikel waarop de vrijstelling berust: Leerplichtwet art. 5 sub a, b of c. */
  artikel: Scalars['String']['output'];
  /** Einddatum van de vrijstelling. */
  einddatum?: Maybe<Scalars['String']['output']>;
  /** Ingangsdatum van de vrijstelling. */
  ingangsdatum?: Maybe<Scalars['String']['output']>;
  /** Kenmerk van de vrijstelling. */
  vrijstellingId: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

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

/** Mapping of federation types */
export type FederationTypes = {
  Persoon: Persoon;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Persoon:
    ( { __typename: 'Persoon' }
    & GraphQLRecursivePick<FederationTypes['Persoon'], {"burgerservicenummer":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Bron: ResolverTypeWrapper<Bron>;
  Inschrijving: ResolverTypeWrapper<InschrijvingRecord>;
  LeerplichtDossier: ResolverTypeWrapper<DossierRows>;
  Persoon: ResolverTypeWrapper<Omit<Persoon, 'leerplicht'> & { leerplicht?: Maybe<ResolversTypes['LeerplichtDossier']> }>;
  Verzuimmelding: ResolverTypeWrapper<VerzuimmeldingRecord>;
  Vrijstelling: ResolverTypeWrapper<Vrijstelling>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Bron: Bron;
  Inschrijving: InschrijvingRecord;
  LeerplichtDossier: DossierRows;
  Persoon: Omit<Persoon, 'leerplicht'> & { leerplicht?: Maybe<ResolversParentTypes['LeerplichtDossier']> } | FederationReferenceTypes['Persoon'];
  Verzuimmelding: VerzuimmeldingRecord;
  Vrijstelling: Vrijstelling;
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = DomainContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = DomainContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersoonsgegevenDirectiveArgs = {
  categorie: Scalars['String']['input'];
  domein: Scalars['String']['input'];
};

export type PersoonsgegevenDirectiveResolver<Result, Parent, ContextType = DomainContext, Args = PersoonsgegevenDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = DomainContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type BronResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Bron'] = ResolversParentTypes['Bron']> = {
  bronBereiktOp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gesynchroniseerdOp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  systeem?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verouderd?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type InschrijvingResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Inschrijving'] = ResolversParentTypes['Inschrijving']> = {
  brin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  einddatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ingangsdatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  onderwijssoort?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  school?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type LeerplichtDossierResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['LeerplichtDossier'] = ResolversParentTypes['LeerplichtDossier']> = {
  bron?: Resolver<Maybe<ResolversTypes['Bron']>, ParentType, ContextType>;
  inschrijvingen?: Resolver<Array<ResolversTypes['Inschrijving']>, ParentType, ContextType>;
  kwalificatieplichtig?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  verzuimmeldingen?: Resolver<Array<ResolversTypes['Verzuimmelding']>, ParentType, ContextType>;
  vrijstellingen?: Resolver<Array<ResolversTypes['Vrijstelling']>, ParentType, ContextType>;
};

export type PersoonResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Persoon'] = ResolversParentTypes['Persoon'], FederationReferenceType extends FederationReferenceTypes['Persoon'] = FederationReferenceTypes['Persoon']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Persoon']> | FederationReferenceType, FederationReferenceType, ContextType>;
  burgerservicenummer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  leerplicht?: Resolver<Maybe<ResolversTypes['LeerplichtDossier']>, ParentType, ContextType>;
};

export type VerzuimmeldingResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Verzuimmelding'] = ResolversParentTypes['Verzuimmelding']> = {
  afhandeling?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  datum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  meldingId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  school?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  soort?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VrijstellingResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Vrijstelling'] = ResolversParentTypes['Vrijstelling']> = {
  artikel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  einddatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ingangsdatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vrijstellingId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = DomainContext> = {
  Bron?: BronResolvers<ContextType>;
  Inschrijving?: InschrijvingResolvers<ContextType>;
  LeerplichtDossier?: LeerplichtDossierResolvers<ContextType>;
  Persoon?: PersoonResolvers<ContextType>;
  Verzuimmelding?: VerzuimmeldingResolvers<ContextType>;
  Vrijstelling?: VrijstellingResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = DomainContext> = {
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  persoonsgegeven?: PersoonsgegevenDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
