import { ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import type { Logger } from "pino";
import { createCompletionInterceptor } from "./call-completion.js";
import { currentRequestContext } from "./request-context.js";

const quietServices = new Set(["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"]);

/**
 * Logs one line per RPC: method, status code, duration, request id, trace id and tenant.
 * Never the messages: they carry prompts and answers. Health and reflection log at debug.
 */
export function createLoggingInterceptor(logger: Logger): Interceptor {
  return createCompletionInterceptor((request) => {
    const started = performance.now();
    const service = request.service.typeName;
    const level = quietServices.has(service) ? "debug" : "info";
    return (error) => {
      const context = currentRequestContext();
      const failure = error === undefined ? undefined : ConnectError.from(error);
      logger[level](
        {
          rpc: `${service}/${request.method.name}`,
          code: failure ? codeToString(failure.code) : "ok",
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
          requestId: context?.requestId,
          traceId: context?.trace.traceId,
          tenant: context?.tenant,
          error: failure?.rawMessage,
        },
        "rpc",
      );
    };
  });
}
