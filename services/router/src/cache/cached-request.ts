import type { CompleteRequest, CompleteResponse, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { validateConversation } from "@switchyard/runtime";
import { currentCaller } from "../route-run.js";
import type { CacheLookup, ResponseCache } from "./response-cache.js";
import { replayStream } from "./stream-replay.js";

async function lookup(cache: ResponseCache | undefined, request: CompleteRequest, maxPromptChars: number, started: number): Promise<CacheLookup> {
  const caller = currentCaller();
  if (!cache || !caller) return { kind: "off" };
  // A hit answers only requests that would have been accepted.
  validateConversation(request.messages, maxPromptChars);
  return cache.lookup(request, caller, started);
}

/** Complete through the cache: a hit answers at once, a miss runs and stores its answer. */
export async function completeCached(
  cache: ResponseCache | undefined,
  request: CompleteRequest,
  maxPromptChars: number,
  run: () => Promise<CompleteResponse>,
): Promise<CompleteResponse> {
  const found = await lookup(cache, request, maxPromptChars, performance.now());
  if (found.kind === "hit") return found.response;
  const response = await run();
  if (found.kind === "miss") await found.store(response);
  return response;
}

/** StreamComplete through the cache: a hit replays start, deltas and completed; a miss stores what completed. */
export async function* streamCached(
  cache: ResponseCache | undefined,
  request: CompleteRequest,
  maxPromptChars: number,
  run: () => AsyncGenerator<StreamCompleteResponse>,
): AsyncGenerator<StreamCompleteResponse> {
  const found = await lookup(cache, request, maxPromptChars, performance.now());
  if (found.kind === "hit") {
    yield* replayStream(found.response);
    return;
  }
  for await (const event of run()) {
    yield event;
    if (found.kind === "miss" && event.event.case === "completed") await found.store(event.event.value);
  }
}
