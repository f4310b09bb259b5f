import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';

/**
 * Apollo Server's built-in plugins that the hub switches off, in the gateway and in every
 * subgraph alike; list them among the server's plugins.
 *
 * - Cache control: the hub sets no cache hints (an answer is about people, for one caller, and
 *   is not to be cached), and the plugin would wrap every field's resolver to collect them.
 * - Usage and schema reporting: they start by themselves when the environment holds an
 *   APOLLO_KEY, and send operations and timings to Apollo's cloud. Nothing of the hub's traffic
 *   leaves for a third party because of an environment variable.
 * - Inline traces: per-field timings in `extensions.ftv1` for whoever asks with the federation
 *   header; the hub's traces go to its own OpenTelemetry exporter.
 */
export function apolloBuiltInsOff(): ApolloServerPlugin[] {
  return [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(), ApolloServerPluginInlineTraceDisabled()];
}
