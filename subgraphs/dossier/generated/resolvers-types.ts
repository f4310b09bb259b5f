import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { HouseholdRecords } from '../loaders';
import { GebeurtenisRow } from '../events';
import { DossierContext } from '../resolvers';
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

export type Domein =
  | 'JEUGD'
  | 'LEERPLICHT'
  | 'WERK_INKOMEN'
  | 'WMO';

export type Gebeurtenis = {
  __typename?: 'Gebeurtenis';
  /** Het lid van het huishouden om wie het gaat. */
  betrokkene: Persoon;
  /** Het bronsysteem: GWS, JEUGD of LAS. */
  bron: Scalars['String']['output'];
  /** ISO-datum. */
  datum: Scalars['String']['output'];
  domein: Domein;
  omschrijving?: Maybe<Scalars['String']['output']>;
  /** Bijvoorbeeld VOORZIENING_GESTART, ZORG_GESTOPT, BESLUIT_TOEKENNING, VERZUIMMELDING. */
  soort: Scalars['String']['output'];
};

/**
 * Het integrale beeld van een huishouden over de domeinen heen. Afgeleid, en daarom onder dezelfde
 * regels: per lid en per domein telt alleen wat de vrager van dat lid in dat domein mag zien. Wat
 * hij niet mag zien, ontbreekt zonder foutmelding: ook het bestaan ervan is een persoonsgegeven.
 */
export type Huishouden = {
  __typename?: 'Huishouden';
  /** In welke domeinen leden van dit huishouden bekend zijn: alleen de domeinen die de vrager mag zien. */
  domeinen: Array<Domein>;
  id: Scalars['ID']['output'];
  /** Tijdlijn van het huishouden: gedateerde gebeurtenissen uit alle domeinen die de vrager mag zien, nieuwste eerst. */
  tijdlijn: Array<Gebeurtenis>;
};


/**
 * Het integrale beeld van een huishouden over de domeinen heen. Afgeleid, en daarom onder dezelfde
 * regels: per lid en per domein telt alleen wat de vrager van dat lid in dat domein mag zien. Wat
 * hij niet mag zien, ontbreekt zonder foutmelding: ook het bestaan ervan is een persoonsgegeven.
 */
export type HuishoudenTijdlijnArgs = {
  eerste?: InputMaybe<Scalars['Int']['input']>;
};

export type Persoon = {
  __typename?: 'Persoon';
  burgerservicenummer: Scalars['String']['output'];
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
  Huishouden: Huishouden;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Huishouden:
    ( { __typename: 'Huishouden' }
    & GraphQLRecursivePick<FederationTypes['Huishouden'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Domein: Domein;
  Gebeurtenis: ResolverTypeWrapper<GebeurtenisRow>;
  Huishouden: ResolverTypeWrapper<HouseholdRecords>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Persoon: ResolverTypeWrapper<Persoon>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Gebeurtenis: GebeurtenisRow;
  Huishouden: HouseholdRecords;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Persoon: Persoon;
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = DossierContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = DossierContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersoonsgegevenDirectiveArgs = {
  categorie: Scalars['String']['input'];
  domein: Scalars['String']['input'];
};

export type PersoonsgegevenDirectiveResolver<Result, Parent, ContextType = DossierContext, Args = PersoonsgegevenDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = DossierContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type GebeurtenisResolvers<ContextType = DossierContext, ParentType extends ResolversParentTypes['Gebeurtenis'] = ResolversParentTypes['Gebeurtenis']> = {
  betrokkene?: Resolver<ResolversTypes['Persoon'], ParentType, ContextType>;
  bron?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  datum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  domein?: Resolver<ResolversTypes['Domein'], ParentType, ContextType>;
  omschrijving?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  soort?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HuishoudenResolvers<ContextType = DossierContext, ParentType extends ResolversParentTypes['Huishouden'] = ResolversParentTypes['Huishouden'], FederationReferenceType extends FederationReferenceTypes['Huishouden'] = FederationReferenceTypes['Huishouden']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Huishouden']> | FederationReferenceType, FederationReferenceType, ContextType>;
  domeinen?: Resolver<Array<ResolversTypes['Domein']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tijdlijn?: Resolver<Array<ResolversTypes['Gebeurtenis']>, ParentType, ContextType, RequireFields<HuishoudenTijdlijnArgs, 'eerste'>>;
};

export type PersoonResolvers<ContextType = DossierContext, ParentType extends ResolversParentTypes['Persoon'] = ResolversParentTypes['Persoon']> = {
  burgerservicenummer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = DossierContext> = {
  Gebeurtenis?: GebeurtenisResolvers<ContextType>;
  Huishouden?: HuishoudenResolvers<ContextType>;
  Persoon?: PersoonResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = DossierContext> = {
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  persoonsgegeven?: PersoonsgegevenDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
