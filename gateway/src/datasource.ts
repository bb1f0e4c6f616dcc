import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { DutyError, type Principal, SUBGRAPHS } from '@duty/kit';
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
    // An HTTP error the subgraph answered (e.g. 401) keeps its code; no answer at all is "unavailable".
    if (error instanceof GraphQLError && error.extensions?.response) throw error;
    const title = SUBGRAPHS.find((s) => s.name === this.subgraph)?.title ?? this.subgraph;
    throw new DutyError('SUBGRAPH_UNAVAILABLE', `${title}系统暂时无法访问，相关数据暂缺，其余数据照常返回`, {
      subgraph: this.subgraph,
    });
  }
}
