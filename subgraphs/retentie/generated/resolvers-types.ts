import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { RetentieContext } from '../resolvers';
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

export type Achterstand = {
  __typename?: 'Achterstand';
  aantal: Scalars['Int']['output'];
  bron: Scalars['String']['output'];
  categorie: Scalars['String']['output'];
  oudsteArchiefactiedatum?: Maybe<Scalars['String']['output']>;
  recordType: Scalars['String']['output'];
  reden: Scalars['String']['output'];
  waargenomenOp: Scalars['String']['output'];
};

export type BewaartermijnRapport = {
  __typename?: 'BewaartermijnRapport';
  /** Wat bronnen bij hun laatste volledige synchronisatie nog bewaarden na de termijn, per bron en categorie. */
  achterstand: Array<Achterstand>;
  /** Verzoeken tot vernietiging die nog niet zijn uitgevoerd. */
  openstaandeVerzoeken: Scalars['Int']['output'];
  /** Vernietigingen door de hub, nieuwste eerst (wat, categorie, regel, reden, wanneer — nooit de inhoud). */
  vernietigingen: Array<Vernietiging>;
};


export type BewaartermijnRapportVernietigingenArgs = {
  eerste?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Verzoek tot vernietiging van het Wmo- of jeugddossier: legt het verzoek van de betrokkene vast (uitvoering binnen drie maanden). Alleen de privacy officer, namens de betrokkene. */
  registreerVernietigingsverzoek: Vernietigingsverzoek;
};


export type MutationRegistreerVernietigingsverzoekArgs = {
  input: VernietigingsverzoekInput;
};

export type Query = {
  __typename?: 'Query';
  /** Bewaartermijnen volgens de Archiefwet: wat de hub vernietigde, en wat bronnen nog bewaren na hun termijn. Alleen voor de privacy officer. */
  bewaartermijnRapport: BewaartermijnRapport;
};

export type Vernietiging = {
  __typename?: 'Vernietiging';
  aantal: Scalars['Int']['output'];
  bron: Scalars['String']['output'];
  /** Resultaat in de Selectielijst 2020, bijvoorbeeld 8.1.1. */
  categorie: Scalars['String']['output'];
  recordType: Scalars['String']['output'];
  /** BEWAARTERMIJN_VERSTREKEN of VERZOEK_BETROKKENE. */
  reden: Scalars['String']['output'];
  regel: Scalars['String']['output'];
  tijdstip: Scalars['String']['output'];
};

export type Vernietigingsverzoek = {
  __typename?: 'Vernietigingsverzoek';
  domein: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  ontvangenOp: Scalars['String']['output'];
  /** Uiterste datum van uitvoering. */
  uiterlijk: Scalars['String']['output'];
  uitgevoerdOp?: Maybe<Scalars['String']['output']>;
};

export type VernietigingsverzoekInput = {
  betrokkene: Scalars['String']['input'];
  /** WMO of JEUGD: alleen daar geeft de wet dit recht. */
  domein: Scalars['String']['input'];
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
  Achterstand: ResolverTypeWrapper<Achterstand>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  BewaartermijnRapport: ResolverTypeWrapper<{}>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Vernietiging: ResolverTypeWrapper<Vernietiging>;
  Vernietigingsverzoek: ResolverTypeWrapper<Vernietigingsverzoek>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  VernietigingsverzoekInput: VernietigingsverzoekInput;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Achterstand: Achterstand;
  Int: Scalars['Int']['output'];
  BewaartermijnRapport: {};
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  Vernietiging: Vernietiging;
  Vernietigingsverzoek: Vernietigingsverzoek;
  ID: Scalars['ID']['output'];
  VernietigingsverzoekInput: VernietigingsverzoekInput;
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = RetentieContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = RetentieContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersoonsgegevenDirectiveArgs = {
  categorie: Scalars['String']['input'];
  domein: Scalars['String']['input'];
};

export type PersoonsgegevenDirectiveResolver<Result, Parent, ContextType = RetentieContext, Args = PersoonsgegevenDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = RetentieContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AchterstandResolvers<ContextType = RetentieContext, ParentType extends ResolversParentTypes['Achterstand'] = ResolversParentTypes['Achterstand']> = {
  aantal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bron?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  categorie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  oudsteArchiefactiedatum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reden?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  waargenomenOp?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BewaartermijnRapportResolvers<ContextType = RetentieContext, ParentType extends ResolversParentTypes['BewaartermijnRapport'] = ResolversParentTypes['BewaartermijnRapport']> = {
  achterstand?: Resolver<Array<ResolversTypes['Achterstand']>, ParentType, ContextType>;
  openstaandeVerzoeken?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vernietigingen?: Resolver<Array<ResolversTypes['Vernietiging']>, ParentType, ContextType, RequireFields<BewaartermijnRapportVernietigingenArgs, 'eerste'>>;
};

export type MutationResolvers<ContextType = RetentieContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  registreerVernietigingsverzoek?: Resolver<ResolversTypes['Vernietigingsverzoek'], ParentType, ContextType, RequireFields<MutationRegistreerVernietigingsverzoekArgs, 'input'>>;
};

export type QueryResolvers<ContextType = RetentieContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  bewaartermijnRapport?: Resolver<ResolversTypes['BewaartermijnRapport'], ParentType, ContextType>;
};

export type VernietigingResolvers<ContextType = RetentieContext, ParentType extends ResolversParentTypes['Vernietiging'] = ResolversParentTypes['Vernietiging']> = {
  aantal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bron?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  categorie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reden?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  regel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tijdstip?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VernietigingsverzoekResolvers<ContextType = RetentieContext, ParentType extends ResolversParentTypes['Vernietigingsverzoek'] = ResolversParentTypes['Vernietigingsverzoek']> = {
  domein?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ontvangenOp?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uiterlijk?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uitgevoerdOp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = RetentieContext> = {
  Achterstand?: AchterstandResolvers<ContextType>;
  BewaartermijnRapport?: BewaartermijnRapportResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Vernietiging?: VernietigingResolvers<ContextType>;
  Vernietigingsverzoek?: VernietigingsverzoekResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = RetentieContext> = {
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  persoonsgegeven?: PersoonsgegevenDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
