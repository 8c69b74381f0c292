import type { Context, Span } from "@opentelemetry/api";
import { context, SpanStatusCode } from "@opentelemetry/api";
import { ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { ATTR_ERROR_TYPE } from "@opentelemetry/semantic-conventions";

/** `rpc.response.status_code` of the RPC semantic conventions (not yet stable). */
const rpcStatusCodeAttribute = "rpc.response.status_code";

/** Ends an RPC span that succeeded. */
export function endRpcSpan(span: Span): void {
  span.setAttribute(rpcStatusCodeAttribute, "ok");
  span.end();
}

/**
 * Ends an RPC span that failed, with the Connect code as status code and error type. The error
 * message is kept as the status description only for our own codes: it never holds a prompt.
 */
export function endRpcSpanWithError(span: Span, error: unknown): void {
  const code = codeToString(ConnectError.from(error).code);
  span.setAttributes({ [rpcStatusCodeAttribute]: code, [ATTR_ERROR_TYPE]: code });
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  span.end();
}

/**
 * A streamed response is iterated after the interceptor returned: each step runs with the
 * span's context active (so calls made while streaming join the trace), and the span ends when
 * the stream does.
 */
export async function* traceStream<T>(messages: AsyncIterable<T>, active: Context, span: Span): AsyncIterable<T> {
  const iterator = messages[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await context.with(active, () => iterator.next());
      if (step.done) break;
      yield step.value;
    }
  } catch (error) {
    endRpcSpanWithError(span, error);
    throw error;
  } finally {
    await iterator.return?.();
    if (span.isRecording()) endRpcSpan(span);
  }
}
