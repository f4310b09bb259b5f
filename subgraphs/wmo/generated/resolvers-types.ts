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

export type Leveringsvorm =
  /** Persoonsgebonden budget. */
  | 'PGB'
  /** Zorg in natura, via een gecontracteerde aanbieder. */
  | 'ZIN';

export type Omvang = {
  __typename?: 'Omvang';
  /** Eenheid (WJ756), bijvoorbeeld 04 uur. */
  eenheid: Scalars['String']['output'];
  frequentie: Scalars['String']['output'];
  volume: Scalars['Float']['output'];
};

export type Persoon = {
  __typename?: 'Persoon';
  burgerservicenummer: Scalars['String']['output'];
  /** Wmo-maatwerkvoorzieningen van deze persoon uit GWS. */
  wmo?: Maybe<WmoDossier>;
};

export type WmoDossier = {
  __typename?: 'WmoDossier';
  /** Bron van de Wmo-gegevens: het bronsysteem en hoe actueel de gegevens zijn. */
  bron?: Maybe<Bron>;
  /** Toegewezen Wmo-voorzieningen. */
  voorzieningen: Array<WmoVoorziening>;
};

/** Een toegewezen Wmo-product, zoals in de iWmo-toewijzing (WMO301). */
export type WmoVoorziening = {
  __typename?: 'WmoVoorziening';
  /** Einddatum van de Wmo-voorziening. */
  einddatum?: Maybe<Scalars['String']['output']>;
  /** Ingangsdatum van de Wmo-voorziening. */
  ingangsdatum?: Maybe<Scalars['String']['output']>;
  /** Leveringsvorm van de Wmo-voorziening: zorg in natura of persoonsgebonden budget. */
  leveringsvorm?: Maybe<Leveringsvorm>;
  /** Omschrijving van de Wmo-voorziening. */
  omschrijving?: Maybe<Scalars['String']['output']>;
  /** Omvang van de Wmo-voorziening: hoeveel, in welke eenheid en hoe vaak. */
  omvang?: Maybe<Omvang>;
  /** Productcategorie van de Wmo-voorziening: iWmo WMO020, bijvoorbeeld 02 Begeleiding. */
  productCategorie: Scalars['String']['output'];
  /** Productcode van de Wmo-voorziening. */
  productCode?: Maybe<Scalars['String']['output']>;
  /** Toewijzingsnummer van de Wmo-voorziening. */
  toewijzingNummer: Scalars['String']['output'];
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
  Leveringsvorm: Leveringsvorm;
  Omvang: ResolverTypeWrapper<Omvang>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Persoon: ResolverTypeWrapper<Omit<Persoon, 'wmo'> & { wmo?: Maybe<ResolversTypes['WmoDossier']> }>;
  WmoDossier: ResolverTypeWrapper<DossierRows>;
  WmoVoorziening: ResolverTypeWrapper<WmoVoorziening>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Bron: Bron;
  Omvang: Omvang;
  Float: Scalars['Float']['output'];
  Persoon: Omit<Persoon, 'wmo'> & { wmo?: Maybe<ResolversParentTypes['WmoDossier']> } | FederationReferenceTypes['Persoon'];
  WmoDossier: DossierRows;
  WmoVoorziening: WmoVoorziening;
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

export type OmvangResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Omvang'] = ResolversParentTypes['Omvang']> = {
  eenheid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  frequentie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  volume?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PersoonResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['Persoon'] = ResolversParentTypes['Persoon'], FederationReferenceType extends FederationReferenceTypes['Persoon'] = FederationReferenceTypes['Persoon']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Persoon']> | FederationReferenceType, FederationReferenceType, ContextType>;
  burgerservicenummer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  wmo?: Resolver<Maybe<ResolversTypes['WmoDossier']>, ParentType, ContextType>;
};

export type WmoDossierResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['WmoDossier'] = ResolversParentTypes['WmoDossier']> = {
  bron?: Resolver<Maybe<ResolversTypes['Bron']>, ParentType, ContextType>;
  voorzieningen?: Resolver<Array<ResolversTypes['WmoVoorziening']>, ParentType, ContextType>;
};

export type WmoVoorzieningResolvers<ContextType = DomainContext, ParentType extends ResolversParentTypes['WmoVoorziening'] = ResolversParentTypes['WmoVoorziening']> = {
  einddatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ingangsdatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  leveringsvorm?: Resolver<Maybe<ResolversTypes['Leveringsvorm']>, ParentType, ContextType>;
  omschrijving?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  omvang?: Resolver<Maybe<ResolversTypes['Omvang']>, ParentType, ContextType>;
  productCategorie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  productCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  toewijzingNummer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = DomainContext> = {
  Bron?: BronResolvers<ContextType>;
  Omvang?: OmvangResolvers<ContextType>;
  Persoon?: PersoonResolvers<ContextType>;
  WmoDossier?: WmoDossierResolvers<ContextType>;
  WmoVoorziening?: WmoVoorzieningResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = DomainContext> = {
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  persoonsgegeven?: PersoonsgegevenDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
