import type { DescMessage, DescMethodStreaming, DescMethodUnary, MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { ContextValues, StreamResponse, Transport, UnaryResponse } from "@connectrpc/connect";
import type { PeerEndpoints } from "./peer-endpoints.js";

/** The header argument of a transport call (HeadersInit, which this project's lib settings do not name). */
type CallHeader = Parameters<Transport["unary"]>[3];

/** Node error codes that prove a call never reached the peer: nothing ran there. */
const undeliveredCodes = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ERR_HTTP2_GOAWAY_SESSION"]);

/**
 * True when a call failed before the peer could act on it: the connection was refused, the
 * name did not resolve, or the peer refused the HTTP/2 stream (REFUSED_STREAM: "prior to any
 * application processing", what a draining server answers after GOAWAY). Only such calls are
 * safe to send to another replica: an UNAVAILABLE that the peer itself returned (say, a
 * provider outage) is an answer, and sending it elsewhere would call the provider twice.
 */
export function isUndeliveredError(error: unknown): boolean {
  if (error instanceof ConnectError && error.code === Code.Unavailable && error.rawMessage.includes("REFUSED_STREAM")) return true;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code !== undefined && undeliveredCodes.has(code)) return true;
    // Node's own stream error, which connect-node passes through unwrapped.
    if (code === "ERR_HTTP2_STREAM_ERROR" && current.message.includes("NGHTTP2_REFUSED_STREAM")) return true;
    current = current.cause;
  }
  return false;
}

/**
 * A call the caller did not cancel but that ended CANCELLED was cut by the replica (it died,
 * its connection was reset): to the caller that is UNAVAILABLE, a transient failure, not a
 * cancellation it never asked for. It is not resent, because the replica may have acted on it.
 */
function asCutCall(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted || !(error instanceof ConnectError) || error.code !== Code.Canceled) return error;
  return new ConnectError(`the replica cut the call: ${error.rawMessage}`, Code.Unavailable, error.metadata, undefined, error);
}

/**
 * A transport over several replicas of one peer. Unary calls go round-robin and move on to
 * the next replica when one is unreachable (see isUndeliveredError), within the call's
 * deadline; streams go round-robin without failover, because their request may be consumed.
 * One HTTP/2 transport is kept per replica, so connections are reused.
 */
export function createBalancedTransport(endpoints: PeerEndpoints, makeTransport: (baseUrl: string) => Transport): Transport {
  const transports = new Map<string, Transport>();
  const transportFor = (url: string): Transport => {
    let transport = transports.get(url);
    if (!transport) {
      transport = makeTransport(url);
      transports.set(url, transport);
    }
    return transport;
  };
  const order = async (): Promise<string[]> => {
    const urls = await endpoints.order();
    // Forget replicas that are gone (their idle connections close on their own).
    for (const known of transports.keys()) if (!urls.includes(known)) transports.delete(known);
    return urls;
  };
  return {
    async unary<I extends DescMessage, O extends DescMessage>(
      method: DescMethodUnary<I, O>,
      signal: AbortSignal | undefined,
      timeoutMs: number | undefined,
      header: CallHeader,
      input: MessageInitShape<I>,
      contextValues?: ContextValues,
    ): Promise<UnaryResponse<I, O>> {
      const deadline = timeoutMs === undefined ? undefined : performance.now() + timeoutMs;
      let lastError: unknown;
      for (const url of await order()) {
        const remaining = deadline === undefined ? undefined : Math.max(1, Math.round(deadline - performance.now()));
        try {
          return await transportFor(url).unary(method, signal, remaining, header, input, contextValues);
        } catch (error) {
          if (!isUndeliveredError(error) || signal?.aborted) throw asCutCall(error, signal);
          endpoints.markDown(url);
          lastError = error;
        }
      }
      throw new ConnectError(`no replica could take the call: ${ConnectError.from(lastError).rawMessage}`, Code.Unavailable, undefined, undefined, lastError);
    },
    async stream<I extends DescMessage, O extends DescMessage>(
      method: DescMethodStreaming<I, O>,
      signal: AbortSignal | undefined,
      timeoutMs: number | undefined,
      header: CallHeader,
      input: AsyncIterable<MessageInitShape<I>>,
      contextValues?: ContextValues,
    ): Promise<StreamResponse<I, O>> {
      const [url] = await order();
      try {
        return await transportFor(url!).stream(method, signal, timeoutMs, header, input, contextValues);
      } catch (error) {
        if (isUndeliveredError(error)) endpoints.markDown(url!);
        throw error;
      }
    },
  };
}
