import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { ToestemmingRow } from '../../../policy';
import { ToestemmingContext } from '../resolvers';
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

export type Doel =
  | 'INTEGRALE_AANPAK';

export type Domein =
  | 'JEUGD'
  | 'LEERPLICHT'
  | 'WERK_INKOMEN'
  | 'WMO';

export type Mutation = {
  __typename?: 'Mutation';
  /** Legt een toestemming vast. Onder de 16 moet een ouder met gezag volgens de BRP haar geven. */
  registreerToestemming: Toestemming;
  /** Trekt een toestemming in; zij geldt vanaf het eerstvolgende verzoek niet meer. Er wordt niets verwijderd. */
  trekToestemmingIn: Toestemming;
};


export type MutationRegistreerToestemmingArgs = {
  input: ToestemmingInput;
};


export type MutationTrekToestemmingInArgs = {
  id: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** Toestemmingen over deze persoon: ook ingetrokken en verlopen (de volledige geschiedenis). */
  toestemmingen: Array<Toestemming>;
};


export type QueryToestemmingenArgs = {
  burgerservicenummer: Scalars['String']['input'];
};

export type Toestemming = {
  __typename?: 'Toestemming';
  /** Burgerservicenummer van de persoon om wiens gegevens het gaat. */
  betrokkene: Scalars['String']['output'];
  /** Hoe de toestemming is verkregen; null alleen bij toestemmingen van vóór deze vastlegging. */
  bewijs?: Maybe<ToestemmingBewijs>;
  /** Doel waarvoor de toestemming geldt. */
  doel: Doel;
  /** Domeinen waarvoor de toestemming geldt. */
  domeinen: Array<Domein>;
  /** Burgerservicenummer van wie de toestemming gaf. */
  gegevenDoor: Scalars['String']['output'];
  /** Datum tot wanneer de toestemming geldt; null: tot zij wordt ingetrokken. */
  geldigTot?: Maybe<Scalars['String']['output']>;
  /** Datum vanaf wanneer de toestemming geldt. */
  geldigVanaf: Scalars['String']['output'];
  /** Wanneer de toestemming is vastgelegd. */
  geregistreerdOp: Scalars['String']['output'];
  /** Kenmerk van de toestemming. */
  id: Scalars['ID']['output'];
  /** Wanneer de toestemming is ingetrokken. */
  ingetrokkenOp?: Maybe<Scalars['String']['output']>;
  /** Organisatie die de gegevens mag ontvangen. */
  ontvanger: Scalars['String']['output'];
  /** Of de toestemming in werking is, ingetrokken of verlopen. */
  status: ToestemmingStatus;
};

export type ToestemmingBewijs = {
  __typename?: 'ToestemmingBewijs';
  /** De medewerker (sub uit het token) die de toestemming vastlegde. */
  geregistreerdDoor: Scalars['String']['output'];
  kanaal: Toestemmingskanaal;
  ondertekendOp: Scalars['String']['output'];
  referentie: Scalars['String']['output'];
};

export type ToestemmingBewijsInput = {
  /** Hoe de betrokkene (of de ouder met gezag) toestemde. */
  kanaal: Toestemmingskanaal;
  /** ISO-datum van ondertekening; niet in de toekomst. */
  ondertekendOp: Scalars['String']['input'];
  /** Kenmerk van het ondertekende formulier of document in het zaak- of documentsysteem (1 tot 100 tekens, geen persoonsgegevens). */
  referentie: Scalars['String']['input'];
};

export type ToestemmingInput = {
  /** BSN van de persoon om wiens gegevens het gaat. */
  betrokkene: Scalars['String']['input'];
  /** Hoe de toestemming is verkregen. Zonder bewijs wordt niets vastgelegd. */
  bewijs: ToestemmingBewijsInput;
  doel: Doel;
  domeinen: Array<Domein>;
  /** BSN van wie toestemming geeft: de betrokkene zelf, of onder de 16 een ouder met gezag. */
  gegevenDoor: Scalars['String']['input'];
  /** ISO-datum; zonder einddatum geldt zij tot intrekking. */
  geldigTot?: InputMaybe<Scalars['String']['input']>;
  /** Code van de organisatie in het organisatieregister (claim org) die de gegevens mag ontvangen. */
  ontvanger: Scalars['String']['input'];
};

export type ToestemmingStatus =
  /** In werking: niet ingetrokken, en vandaag tussen geldigVanaf en geldigTot. */
  | 'ACTIEF'
  /** Ingetrokken; geldt niet meer vanaf het eerstvolgende verzoek. */
  | 'INGETROKKEN'
  /** geldigVanaf ligt nog in de toekomst. */
  | 'NOG_NIET_GELDIG'
  /** geldigTot is voorbij. */
  | 'VERLOPEN';

export type Toestemmingskanaal =
  /** Digitaal ondertekend formulier (ingelogd met DigiD). */
  | 'DIGITAAL'
  /** Ondertekende brief of ander document, per post. */
  | 'DOCUMENT'
  /** Ondertekend formulier, aan de balie of bij een huisbezoek. */
  | 'FORMULIER';



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
  Doel: Doel;
  Domein: Domein;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Toestemming: ResolverTypeWrapper<ToestemmingRow>;
  ToestemmingBewijs: ResolverTypeWrapper<ToestemmingBewijs>;
  ToestemmingBewijsInput: ToestemmingBewijsInput;
  ToestemmingInput: ToestemmingInput;
  ToestemmingStatus: ToestemmingStatus;
  Toestemmingskanaal: Toestemmingskanaal;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Query: Record<PropertyKey, never>;
  Toestemming: ToestemmingRow;
  ToestemmingBewijs: ToestemmingBewijs;
  ToestemmingBewijsInput: ToestemmingBewijsInput;
  ToestemmingInput: ToestemmingInput;
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = ToestemmingContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = ToestemmingContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PersoonsgegevenDirectiveArgs = {
  categorie: Scalars['String']['input'];
  domein: Scalars['String']['input'];
};

export type PersoonsgegevenDirectiveResolver<Result, Parent, ContextType = ToestemmingContext, Args = PersoonsgegevenDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = ToestemmingContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type MutationResolvers<ContextType = ToestemmingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  registreerToestemming?: Resolver<ResolversTypes['Toestemming'], ParentType, ContextType, RequireFields<MutationRegistreerToestemmingArgs, 'input'>>;
  trekToestemmingIn?: Resolver<ResolversTypes['Toestemming'], ParentType, ContextType, RequireFields<MutationTrekToestemmingInArgs, 'id'>>;
};

export type QueryResolvers<ContextType = ToestemmingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  toestemmingen?: Resolver<Array<ResolversTypes['Toestemming']>, ParentType, ContextType, RequireFields<QueryToestemmingenArgs, 'burgerservicenummer'>>;
};

export type ToestemmingResolvers<ContextType = ToestemmingContext, ParentType extends ResolversParentTypes['Toestemming'] = ResolversParentTypes['Toestemming']> = {
  betrokkene?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  bewijs?: Resolver<Maybe<ResolversTypes['ToestemmingBewijs']>, ParentType, ContextType>;
  doel?: Resolver<ResolversTypes['Doel'], ParentType, ContextType>;
  domeinen?: Resolver<Array<ResolversTypes['Domein']>, ParentType, ContextType>;
  gegevenDoor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  geldigTot?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  geldigVanaf?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  geregistreerdOp?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ingetrokkenOp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ontvanger?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ToestemmingStatus'], ParentType, ContextType>;
};

export type ToestemmingBewijsResolvers<ContextType = ToestemmingContext, ParentType extends ResolversParentTypes['ToestemmingBewijs'] = ResolversParentTypes['ToestemmingBewijs']> = {
  geregistreerdDoor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kanaal?: Resolver<ResolversTypes['Toestemmingskanaal'], ParentType, ContextType>;
  ondertekendOp?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referentie?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = ToestemmingContext> = {
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Toestemming?: ToestemmingResolvers<ContextType>;
  ToestemmingBewijs?: ToestemmingBewijsResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = ToestemmingContext> = {
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  persoonsgegeven?: PersoonsgegevenDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
