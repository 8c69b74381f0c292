import type { Interceptor, StreamRequest, UnaryRequest } from "@connectrpc/connect";

/** Called when an RPC ends: `error` is undefined on success. */
export type CompletionListener = (error: unknown) => void;

/**
 * Builds an interceptor that calls `begin` as an RPC starts and the listener it returns
 * exactly once as the RPC ends: after the unary response, after a stream's last message, or
 * with the error that ended either. Logging and metrics share it.
 */
export function createCompletionInterceptor(begin: (request: UnaryRequest | StreamRequest) => CompletionListener): Interceptor {
  return (next) => async (request) => {
    const end = begin(request);
    try {
      const response = await next(request);
      if (!response.stream) {
        end(undefined);
        return response;
      }
      return { ...response, message: notifyAtEnd(response.message, end) };
    } catch (error) {
      end(error);
      throw error;
    }
  };
}

async function* notifyAtEnd<T>(messages: AsyncIterable<T>, end: CompletionListener): AsyncIterable<T> {
  let ended = false;
  try {
    yield* messages;
    ended = true;
    end(undefined);
  } catch (error) {
    ended = true;
    end(error);
    throw error;
  } finally {
    // The client went away mid-stream: the generator is closed without an error.
    if (!ended) end(new Error("stream closed by the client"));
  }
}
