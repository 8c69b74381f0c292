import type { StreamCompleteResponse, StreamStart } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { DoorResponse } from "./door-response.js";
import { startEventStream, writeText } from "./door-response.js";
import { failureOf } from "./door-failure.js";
import type { DoorError } from "./http-errors.js";

/** Encodes one API's stream: frames per router event, and the API's own error event. */
export interface StreamEncoder {
  encode(event: StreamCompleteResponse): string[];
  fail(failure: DoorError): string;
}

/**
 * Relays a router stream as server-sent events. Nothing is written until the router settles on
 * a model (its `start` event), so a refusal before that is still an ordinary HTTP error with
 * its status (thrown to the caller). After the first byte, a failure ends the stream with the
 * API's error event, and a stream that stops without its `completed` event is a failure too:
 * the caller never sees a cut answer end like a whole one.
 */
export async function relayStream(
  events: AsyncIterable<StreamCompleteResponse>,
  response: DoorResponse,
  encoderFor: (start: StreamStart) => StreamEncoder,
  headersFor: (start: StreamStart) => Record<string, string>,
): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.event.case !== "start") throw new Error("the router's stream did not begin with its start event");
  const start = first.value.event.value;
  const encoder = encoderFor(start);
  startEventStream(response, headersFor(start));
  writeText(response, encoder.encode(first.value).join(""));
  let completed = false;
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      completed ||= next.value.event.case === "completed";
      const frames = encoder.encode(next.value);
      if (frames.length > 0) writeText(response, frames.join(""));
    }
    if (!completed) throw new Error("the router's stream ended before its completed event");
  } catch (error) {
    writeText(response, encoder.fail(failureOf(error)));
  }
  response.end();
}

/** The headers a stream can carry: known at its start (cost comes in the last event). */
export function streamStartHeaders(start: StreamStart): Record<string, string> {
  return {
    "x-switchyard-request-id": start.requestId,
    "x-switchyard-model": start.model,
    "x-switchyard-provider": start.provider,
    "x-switchyard-simulated": String(start.simulated),
  };
}
