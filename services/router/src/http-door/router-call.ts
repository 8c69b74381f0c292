import type { Client, ConnectRouter, Interceptor } from "@connectrpc/connect";
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { DoorRequest } from "./request-body.js";

/** The router's request path as the door calls it: RouterService, in process. */
export type RouterCalls = Pick<Client<typeof RouterService>, "complete" | "streamComplete">;

/**
 * The door's only coupling to the router: a RouterService client over an in-memory transport
 * with the same routes and interceptors as the gRPC port (request context, logging, errors,
 * tenant authentication). So an HTTP call takes the exact path of a gRPC call, whatever the
 * strategies underneath become, with no network hop and no second authentication scheme.
 */
export function createInProcessRouterCalls(routes: (router: ConnectRouter) => void, interceptors: readonly Interceptor[]): RouterCalls {
  return createClient(RouterService, createRouterTransport(routes, { router: { interceptors: [...interceptors] } }));
}

/** Headers the door passes to the RPC: the caller's key and request identity, nothing else. */
const forwardedHeaders = ["authorization", "x-api-key", "x-request-id", "traceparent"] as const;

/**
 * Call options for one HTTP request: its credentials, its identity, its cancellation and its
 * deadline (`x-switchyard-timeout-ms`, the HTTP form of a gRPC deadline; 504 when it passes).
 */
export function callOptionsFor(request: DoorRequest, signal: AbortSignal): { headers: Headers; signal: AbortSignal; timeoutMs?: number } {
  const headers = new Headers();
  for (const name of forwardedHeaders) {
    const value = request.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const timeoutMs = Number(request.headers["x-switchyard-timeout-ms"]);
  return { headers, signal, ...(Number.isInteger(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}) };
}

/** An abort signal that fires when the caller goes away before the answer is written. */
export function disconnectSignal(
  request: DoorRequest,
  response: { readonly writableFinished: boolean; once(event: "close", listener: () => void): unknown },
): AbortSignal {
  const controller = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  void request;
  return controller.signal;
}
