import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@apollo/utils.logger';
import { apolloBuiltInsOff } from './apollo';

/** Apollo Server's defaults the hub switches off, each shown against a server that keeps it. */
describe('apolloBuiltInsOff', () => {
  const typeDefs = `enum CacheControlScope { PUBLIC PRIVATE }
    directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
    type Query { naam: String @cacheControl(maxAge: 60) }`;
  const resolvers = { Query: { naam: () => 'Jansen' } };
  const ask = async (plugins: ApolloServerPlugin[]) => {
    const server = new ApolloServer({ typeDefs, resolvers, plugins });
    await server.start();
    try {
      const headers = new HeaderMap([['content-type', 'application/json']]);
      const result = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: '{ naam }' } }, context: async () => ({}) });
      return result.headers.get('cache-control');
    } finally {
      await server.stop();
    }
  };

  it('lets no schema hint make an answer cacheable', async () => {
    expect(await ask([])).toBe('max-age=60, public');
    expect(await ask(apolloBuiltInsOff())).toBeUndefined();
  });

  it('starts no usage reporting to Apollo even with an API key and graph ref configured', async () => {
    const started = async (plugins: ApolloServerPlugin[]) => {
      const lines: string[] = [];
      const note = (...m: unknown[]) => void lines.push(m.join(' '));
      const logger: Logger = { debug: note, info: note, warn: note, error: note };
      // No operation runs, so a reporting plugin has nothing to send when it stops.
      const server = new ApolloServer({ typeDefs, resolvers, plugins, logger, apollo: { key: 'service:test-graph:0000', graphRef: 'test-graph@current' } });
      await server.start();
      await server.stop();
      return lines.join('\n');
    };
    expect(await started([])).toMatch(/usage reporting starting/i);
    expect(await started(apolloBuiltInsOff())).not.toMatch(/usage reporting|schema reporting/i);
  });
});
