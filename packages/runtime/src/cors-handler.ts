import { cors } from "@connectrpc/connect";
import type { DualProtocolHandler } from "./dual-protocol-listener.js";

/** Which browser origins may call a port (gRPC-Web and Connect from a web page). */
export interface CorsOptions {
  /** Exact origins ("https://app.example.com"), or "*" for any. Empty: CORS is off. */
  readonly allowedOrigins: readonly string[];
}

/** Headers a Switchyard caller sends besides Connect's own: the key and request identity. */
const switchyardRequestHeaders = ["authorization", "x-api-key", "x-request-id", "traceparent"];
const switchyardResponseHeaders = ["x-request-id", "traceparent"];

/**
 * Wraps a handler with CORS for Connect's protocols (connect-es `cors` constants): preflights
 * are answered here, other requests get the allow headers when their origin is listed. Off
 * (the handler unchanged) unless origins are configured, so no page can call by default.
 */
export function withCors(handler: DualProtocolHandler, options: CorsOptions | undefined): DualProtocolHandler {
  const origins = new Set(options?.allowedOrigins ?? []);
  if (origins.size === 0) return handler;
  return (request, response) => {
    const origin = request.headers.origin;
    const allowed = typeof origin === "string" && (origins.has("*") || origins.has(origin));
    if (allowed) {
      response.setHeader("access-control-allow-origin", origin);
      response.setHeader("vary", "origin");
      response.setHeader("access-control-expose-headers", [...cors.exposedHeaders, ...switchyardResponseHeaders].join(", "));
    }
    if (request.method === "OPTIONS" && typeof request.headers["access-control-request-method"] === "string") {
      if (allowed) {
        response.setHeader("access-control-allow-methods", cors.allowedMethods.join(", "));
        response.setHeader("access-control-allow-headers", [...cors.allowedHeaders, ...switchyardRequestHeaders].join(", "));
        response.setHeader("access-control-max-age", "7200");
      }
      response.writeHead(allowed ? 204 : 403);
      response.end();
      return;
    }
    handler(request, response);
  };
}
