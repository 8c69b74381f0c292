import { ConnectError } from "@connectrpc/connect";
import type { GenerateResponse, StreamGenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";

/** Everything a StreamGenerate call sent: its deltas, its final message, and how it ended. */
export interface CollectedStream {
  readonly deltas: string[];
  readonly completed: GenerateResponse | undefined;
  readonly error: ConnectError | undefined;
}

/** Reads a server stream to its end; `onDelta` may act mid-stream (a test cancelling after the first token). */
export async function collectStream(stream: AsyncIterable<StreamGenerateResponse>, onDelta?: (text: string) => void): Promise<CollectedStream> {
  const deltas: string[] = [];
  let completed: GenerateResponse | undefined;
  try {
    for await (const message of stream) {
      if (message.event.case === "delta") {
        deltas.push(message.event.value.text);
        onDelta?.(message.event.value.text);
      }
      if (message.event.case === "completed") completed = message.event.value;
    }
    return { deltas, completed, error: undefined };
  } catch (error) {
    return { deltas, completed, error: ConnectError.from(error) };
  }
}

/** The error of a call that must fail. */
export async function failureOf(call: Promise<unknown>): Promise<ConnectError> {
  return call.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => ConnectError.from(error),
  );
}
