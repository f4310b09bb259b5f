import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { PersoonRow } from '../loaders';
import { HuishoudenParent } from '../parents';
import { BrpContext } from '../resolvers';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

export type Adres = {
  __typename?: 'Adres';
  huisletter?: Maybe<Scalars['String']['output']>;
  huisnummer?: Maybe<Scalars['Int']['output']>;
  huisnummertoevoeging?: Maybe<Scalars['String']['output']>;
  postcode?: Maybe<Scalars['String']['output']>;
  straat?: Maybe<Scalars['String']['output']>;
  woonplaats?: Maybe<Scalars['String']['output']>;
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

export type Gezag = {
  __typename?: 'Gezag';
  minderjarige?: Maybe<Scalars['String']['output']>;
  ouders: Array<Scalars['String']['output']>;
  /** GezamenlijkOuderlijkGezag, EenhoofdigOuderlijkGezag, Voogdij, … */
  type: Scalars['String']['output'];
};

export type Huishouden = {
  __typename?: 'Huishouden';
  /** Adres van het huishouden. */
  adres?: Maybe<Adres>;
  id: Scalars['ID']['output'];
  /** Leden van het huishouden: iedereen die op dit adres staat ingeschreven. */
  leden: Array<Persoon>;
};

export type Naam = {
  __typename?: 'Naam';
  geslachtsnaam?: Maybe<Scalars['String']['output']>;
  volledigeNaam?: Maybe<Scalars['String']['output']>;
  voornamen?: Maybe<Scalars['String']['output']>;
  voorvoegsel?: Maybe<Scalars['String']['output']>;
};

export type OnvolledigeDatum = {
  __typename?: 'OnvolledigeDatum';
  jaar?: Maybe<Scalars['Int']['output']>;
  maand?: Maybe<Scalars['Int']['output']>;
};

export type Persoon = {
  __typename?: 'Persoon';
  /** Waar deze gegevens vandaan komen en hoe vers ze zijn. */
  bron?: Maybe<Bron>;
  burgerservicenummer: Scalars['String']['output'];
  /** Geboortedatum: ISO-datum; null als de BRP geen volledige datum kent. */
  geboortedatum?: Maybe<Scalars['String']['output']>;
  /** Wat de BRP van een onvolledige geboortedatum weet. */
  geboortedatumOnvolledig?: Maybe<OnvolledigeDatum>;
  /** Geslacht volgens de BRP. */
  geslacht?: Maybe<Scalars['String']['output']>;
  /** Gezag over deze minderjarige, of van deze ouder over minderjarigen. */
  gezag?: Maybe<Array<Gezag>>;
  /** Leeftijd in jaren. */
  leeftijd?: Maybe<Scalars['Int']['output']>;
  /** Naam: voornamen, voorvoegsel en geslachtsnaam. */
  naam?: Maybe<Naam>;
  /** Burgerservicenummers van de ouders volgens de BRP. */
  ouders?: Maybe<Array<Scalars['String']['output']>>;
};

export type Query = {
  __typename?: 'Query';
  /** Het huishouden waarin de persoon woont: iedereen die op hetzelfde adresseerbaar object staat ingeschreven. */
  huishouden?: Maybe<Huishouden>;
  /** Opzoeken van de persoon in de BRP op burgerservicenummer: de persoon zoals de BRP hem kent; null als de BRP dit burgerservicenummer niet kent. */
  persoon?: Maybe<Persoon>;
};


export type QueryHuishoudenArgs = {
  burgerservicenummer: Scalars['String']['input'];
};


export type QueryPersoonArgs = {
  burgerservicenummer: Scalars['String']['input'];
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
  Adres: ResolverTypeWrapper<Adres>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Bron: ResolverTypeWrapper<Bron>;
  Gezag: ResolverTypeWrapper<Gezag>;
  Huishouden: ResolverTypeWrapper<HuishoudenParent>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Naam: ResolverTypeWrapper<Naam>;
  OnvolledigeDatum: ResolverTypeWrapper<OnvolledigeDatum>;
  Persoon: ResolverTypeWrapper<PersoonRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Adres: Adres;
  Int: Scalars['Int']['output'];
  Bron: Bron;
  Gezag: Gezag;
  Huishouden: HuishoudenParent;
  ID: Scalars['ID']['output'];
  Naam: Naam;
  OnvolledigeDatum: OnvolledigeDatum;
  Persoon: PersoonRow;
  Query: Record<PropertyKey, never>;
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = BrpContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = BrpContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersoonsgegevenDirectiveArgs = {
  categorie: Scalars['String']['input'];
  domein: Scalars['String']['input'];
};

export type PersoonsgegevenDirectiveResolver<Result, Parent, ContextType = BrpContext, Args = PersoonsgegevenDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = BrpContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AdresResolvers<ContextType = BrpContext, ParentType extends ResolversParentTypes['Adres'] = ResolversParentTypes['Adres']> = {
  huisletter?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  huisnummer?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  huisnummertoevoeging?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postcode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  straat?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  woonplaats?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BronResolvers<ContextType = BrpContext, ParentType extends ResolversParentTypes['Bron'] = ResolversParentTypes['Bron']> = {
  bronBereiktOp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gesynchroniseerdOp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  systeem?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verouderd?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type GezagResolvers<ContextType = BrpContext, ParentType extends ResolversParentTypes['Gezag'] = ResolversParentTypes['Gezag']> = {
  minderjarige?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ouders?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HuishoudenResolvers<ContextType = BrpContext, ParentType extends ResolversParentTypes['Huishouden'] = ResolversParentTypes['Huishouden']> = {
  adres?: Resolver<Maybe<ResolversTypes['Adres']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  leden?: Resolver<Array<ResolversTypes['Persoon']>, ParentType, ContextType>;
};

export type NaamResolvers<ContextType = BrpContext, ParentType extends ResolversParentTypes['Naam'] = ResolversParentTypes['Naam']> = {
  geslachtsnaam?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  volledigeNaam?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  voornamen?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  voorvoegsel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type OnvolledigeDatumResolvers<ContextType = BrpContext, ParentType extends ResolversParentTypes['OnvolledigeDatum'] = ResolversParentTypes['OnvolledigeDatum']> = {
  jaar?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maand?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type PersoonResolvers<ContextType = BrpContext, ParentType extends ResolversParentTypes['Persoon'] = ResolversParentTypes['Persoon'], FederationReferenceType extends FederationReferenceTypes['Persoon'] = FederationReferenceTypes['Persoon']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Persoon']> | FederationReferenceType, FederationReferenceType, ContextType>;
  bron?: Resolver<Maybe<ResolversTypes['Bron']>, ParentType, ContextType>;
  burgerservicenummer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  geboortedatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  geboortedatumOnvolledig?: Resolver<Maybe<ResolversTypes['OnvolledigeDatum']>, ParentType, ContextType>;
  geslacht?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gezag?: Resolver<Maybe<Array<ResolversTypes['Gezag']>>, ParentType, ContextType>;
  leeftijd?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  naam?: Resolver<Maybe<ResolversTypes['Naam']>, ParentType, ContextType>;
  ouders?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = BrpContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  huishouden?: Resolver<Maybe<ResolversTypes['Huishouden']>, ParentType, ContextType, RequireFields<QueryHuishoudenArgs, 'burgerservicenummer'>>;
  persoon?: Resolver<Maybe<ResolversTypes['Persoon']>, ParentType, ContextType, RequireFields<QueryPersoonArgs, 'burgerservicenummer'>>;
};

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = BrpContext> = {
  Adres?: AdresResolvers<ContextType>;
  Bron?: BronResolvers<ContextType>;
  Gezag?: GezagResolvers<ContextType>;
  Huishouden?: HuishoudenResolvers<ContextType>;
  Naam?: NaamResolvers<ContextType>;
  OnvolledigeDatum?: OnvolledigeDatumResolvers<ContextType>;
  Persoon?: PersoonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = BrpContext> = {
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  persoonsgegeven?: PersoonsgegevenDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
