import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { DossierRows, DomainContext } from '../../common/dossier';
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

export type Besluit = {
  __typename?: 'Besluit';
  datum: Scalars['String']['output'];
  soort: Scalars['String']['output'];
  toelichting?: Maybe<Scalars['String']['output']>;
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

export type Persoon = {
  __typename?: 'Persoon';
  burgerservicenummer: Scalars['String']['output'];
  /** Uitkeringen en trajecten onder de Participatiewet uit GWS. */
  werkEnInkomen?: Maybe<WerkEnInkomenDossier>;
};

/** Een uitkering, voorziening of traject onder de Participatiewet (algemene of bijzondere bijstand, re-integratie, …). */
export type Uitkering = {
  __typename?: 'Uitkering';
  /** Besluiten op de aanvraag: toekenning, afwijzing, wijziging, beëindiging; oudste eerst. */
  besluiten: Array<Besluit>;
  /** Dossiernummer van de uitkering. */
  dossierNummer: Scalars['String']['output'];
  /** Einddatum van de uitkering. */
  einddatum?: Maybe<Scalars['String']['output']>;
  /** Ingangsdatum van de uitkering. */
  ingangsdatum?: Maybe<Scalars['String']['output']>;
  /** Omschrijving van de uitkering. */
  omschrijving?: Maybe<Scalars['String']['output']>;
  /** Soort uitkering: ALGEMENE_BIJSTAND, BIJZONDERE_BIJSTAND, IOAW, IOAZ, BBZ, REINTEGRATIE_TRAJECT of SCHULDHULPVERLENING. */
  soort: Scalars['String']['output'];
};

export type WerkEnInkomenDossier = {
  __typename?: 'WerkEnInkomenDossier';
  /** Bron van de gegevens over werk en inkomen: het bronsysteem en hoe actueel de gegevens zijn. */
  bron?: Maybe<Bron>;
  /** Uitkeringen, voorzieningen en trajecten onder de Participatiewet. */
  uitkeringen: Array<Uitkering>;
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
  Besluit: ResolverTypeWrapper<Besluit>;
  Bron: ResolverTypeWrapper<Bron>;
  Persoon: ResolverTypeWrapper<Omit<Persoon, 'werkEnInkomen'> & { werkEnInkomen?: Maybe<ResolversTypes['WerkEnInkomenDossier']> }>;
  Uitkering: ResolverTypeWrapper<Uitkering>;
  WerkEnInkomenDossier: ResolverTypeWrapper<DossierRows>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Besluit: Besluit;
  Bron: Bron;
  Persoon: Omit<Persoon, 'werkEnInkomen'> & { werkEnInkomen?: Maybe<ResolversParentTypes['WerkEnInkomenDossier']> } | FederationReferenceTypes['Persoon'];
  Uitkering: Uitkering;
  WerkEnInkomenDossier: DossierRows;
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

export type BesluitResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Besluit'] = ResolversParentTypes['Besluit']> = {
  datum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  soort?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  toelichting?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BronResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Bron'] = ResolversParentTypes['Bron']> = {
  bronBereiktOp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gesynchroniseerdOp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  systeem?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verouderd?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PersoonResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Persoon'] = ResolversParentTypes['Persoon'], FederationReferenceType extends FederationReferenceTypes['Persoon'] = FederationReferenceTypes['Persoon']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Persoon']> | FederationReferenceType, FederationReferenceType, ContextType>;
  burgerservicenummer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  werkEnInkomen?: Resolver<Maybe<ResolversTypes['WerkEnInkomenDossier']>, ParentType, ContextType>;
};

export type UitkeringResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Uitkering'] = ResolversParentTypes['Uitkering']> = {
  besluiten?: Resolver<Array<ResolversTypes['Besluit']>, ParentType, ContextType>;
  dossierNummer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  einddatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ingangsdatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  omschrijving?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  soort?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WerkEnInkomenDossierResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['WerkEnInkomenDossier'] = ResolversParentTypes['WerkEnInkomenDossier']> = {
  bron?: Resolver<Maybe<ResolversTypes['Bron']>, ParentType, ContextType>;
  uitkeringen?: Resolver<Array<ResolversTypes['Uitkering']>, ParentType, ContextType>;
};

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = DomainContext> = {
  Besluit?: BesluitResolvers<ContextType>;
  Bron?: BronResolvers<ContextType>;
  Persoon?: PersoonResolvers<ContextType>;
  Uitkering?: UitkeringResolvers<ContextType>;
  WerkEnInkomenDossier?: WerkEnInkomenDossierResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = DomainContext> = {
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  persoonsgegeven?: PersoonsgegevenDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
