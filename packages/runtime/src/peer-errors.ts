import { ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";

/**
 * Client interceptor: an error a peer answered keeps its code, message and details but drops
 * the peer's response headers. Services rethrow peer errors to their own callers, and the
 * headers of one protocol's response are not valid metadata for another's: a Connect error
 * response's `content-type` or `content-length` sent back as gRPC trailers makes the caller's
 * HTTP/2 stack reset the stream (RST_STREAM PROTOCOL_ERROR) instead of showing the status.
 */
export function createPeerErrorInterceptor(): Interceptor {
  return (next) => async (request) => {
    try {
      const response = await next(request);
      if (!response.stream) return response;
      return { ...response, message: withoutPeerHeaders(response.message) };
    } catch (error) {
      throw peerError(error);
    }
  };
}

async function* withoutPeerHeaders<T>(messages: AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (error) {
    throw peerError(error);
  }
}

/** The error without the metadata it arrived with; anything that is not a ConnectError as it is. */
export function peerError(error: unknown): unknown {
  if (!(error instanceof ConnectError) || [...error.metadata.keys()].length === 0) return error;
  const clean = new ConnectError(error.rawMessage, error.code, undefined, undefined, error.cause ?? error);
  clean.details = [...error.details];
  return clean;
}
