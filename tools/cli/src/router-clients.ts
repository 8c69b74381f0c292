import { createClient } from "@connectrpc/connect";
import type { Client, Interceptor } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";

/** Clients of the router's public services, authenticated with the caller's key. */
export interface RouterClients {
  readonly router: Client<typeof RouterService>;
  readonly account: Client<typeof AccountService>;
}

function bearer(apiKey: string): Interceptor {
  return (next) => (request) => {
    request.header.set("authorization", `Bearer ${apiKey}`);
    return next(request);
  };
}

/** gRPC over HTTP/2 to the router at `url`; the key (if any) goes on every call. */
export function createRouterClients(url: string, apiKey: string | undefined): RouterClients {
  const transport = createGrpcTransport({ baseUrl: url, interceptors: apiKey ? [bearer(apiKey)] : [] });
  return { router: createClient(RouterService, transport), account: createClient(AccountService, transport) };
}
