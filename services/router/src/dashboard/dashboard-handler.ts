import type { IncomingMessage, ServerResponse } from "node:http";
import { proxyAccountCall } from "./account-proxy.js";
import { serveAsset } from "./static-assets.js";

/** A route handler for an HTTP server: true when it answered the request. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Where the dashboard reads from. */
export interface DashboardOptions {
  /** The router's own gRPC/Connect address (h2c), e.g. http://127.0.0.1:50051. */
  readonly accountUrl: string;
}

const prefix = "/dashboard";
const apiPrefix = `${prefix}/api/`;

/**
 * The dashboard at /dashboard: static pages (plain ES modules and Chart.js) that read only the
 * public AccountService through Connect JSON. The browser posts to /dashboard/api/<Method> on
 * the same origin and this handler forwards the call, with the caller's own
 * `authorization` header, to AccountService on the router's port: no CORS, no second
 * credential, and the router checks the key exactly as it does for any client.
 */
export function createDashboardHandler(options: DashboardOptions): RequestHandler {
  return (request, response) => {
    const path = new URL(request.url ?? "/", "http://dashboard").pathname;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return false;
    if (path.startsWith(apiPrefix)) {
      void proxyAccountCall(options.accountUrl, path.slice(apiPrefix.length), request, response);
      return true;
    }
    if (path === prefix) {
      response.writeHead(308, { location: `${prefix}/` }).end();
      return true;
    }
    void serveAsset(path.slice(prefix.length + 1) || "index.html", request, response);
    return true;
  };
}
