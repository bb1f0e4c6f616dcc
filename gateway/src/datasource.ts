import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { DutyError, failureReason, type Principal, SUBGRAPHS } from '@duty/kit';
import { GraphQLError } from 'graphql';

export interface GatewayContext {
  principal: Principal | null;
  requestId: string;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Calls one agency's subgraph: signs the caller into a short-lived token for that subgraph,
 * forwards the request id, and turns a transport failure into a clear, partial-data error.
 */
export class AgencyDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    fetcher: Fetcher,
    private readonly tokenFor: (principal: Principal | null, audience: string) => Promise<string>,
  ) {
    super({ url, fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const token = await this.tokenFor(context?.principal ?? null, this.subgraph);
    request.http?.headers.set('authorization', `Bearer ${token}`);
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override didEncounterError(error: Error): never {
    // No answer, or an HTTP error (a 401 here means the gateway and subgraph keys disagree): to the
    // user the agency's system is unavailable; the reason says which, never the subgraph's URL.
    const status =
      error instanceof GraphQLError ? (error.extensions?.response as { status?: number })?.status : undefined;
    const title = SUBGRAPHS.find((s) => s.name === this.subgraph)?.title ?? this.subgraph;
    throw new DutyError('SUBGRAPH_UNAVAILABLE', `${title}系统暂时无法访问，相关数据暂缺，其余数据照常返回`, {
      subgraph: this.subgraph,
      reason: status ? `HTTP_${status}` : failureReason(error),
    });
  }
}
