import { create } from "@bufbuild/protobuf";
import { StreamCompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteResponse, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";

/**
 * A cached answer as the stream a live call sends: `start`, the text as one delta, each tool
 * call as one delta, then `completed` with the full response.
 */
export function* replayStream(response: CompleteResponse): Generator<StreamCompleteResponse> {
  const { model, provider, requestId, traceId, simulated } = response;
  yield create(StreamCompleteResponseSchema, { event: { case: "start", value: { model, provider, requestId, traceId, simulated } } });
  if (response.answer) yield create(StreamCompleteResponseSchema, { event: { case: "delta", value: { text: response.answer } } });
  for (const [index, call] of response.toolCalls.entries()) {
    const toolCall = { index, id: call.id, name: call.name, argumentsFragment: call.argumentsJson };
    yield create(StreamCompleteResponseSchema, { event: { case: "delta", value: { text: "", toolCall } } });
  }
  yield create(StreamCompleteResponseSchema, { event: { case: "completed", value: response } });
}
