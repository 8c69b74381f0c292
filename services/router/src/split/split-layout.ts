import { Code, ConnectError } from "@connectrpc/connect";
import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { RouteRun } from "../route-run.js";
import type { PlannedCall } from "../strategy/strategy-contract.js";
import { chunkDocument } from "./document-chunks.js";
import { documentIndex, mapMessages, reduceMessages } from "./split-prompts.js";
import type { SplitRequest } from "./split-request.js";
import { minChunkTokens, overlapTooLarge } from "./split-request.js";

/** A chunk answer shorter than this is not worth combining: the split is refused instead. */
const minAnswerTokens = 16;

/** One chunk's call: its messages and its worst case. */
export interface MapCall {
  readonly messages: ChatMessage[];
  readonly call: PlannedCall;
}

/** How a split request is cut for one model, and every call it may make at its worst case. */
export interface SplitLayout {
  readonly model: string;
  readonly document: number;
  readonly chunkTokens: number;
  readonly overlapTokens: number;
  /** The output cap of each chunk's answer, chosen so that all of them fit the combine call. */
  readonly mapOutputTokens: number;
  readonly maps: readonly MapCall[];
  readonly reduce: PlannedCall;
}

/**
 * Cuts the request's document for `model`: chunks of the asked size (default: three quarters of
 * what the window leaves after the rest of the conversation, the last quarter for the chunk's
 * answer), each chunk's answer capped so that every answer fits the combine call's window
 * beside the conversation and the output the request reserves. Sizes are counted with the
 * model's own tokenizer; what does not fit is FAILED_PRECONDITION naming the sizes.
 */
export function splitLayout(run: RouteRun, model: string, asked: SplitRequest): SplitLayout {
  const messages = run.request.messages;
  const document = documentIndex(messages);
  const estimator = run.deps.pricing.estimator(model);
  const window = run.deps.access.models[model]?.contextWindow ?? Number.MAX_SAFE_INTEGER;
  const mapFrame = estimator.countMessages(mapMessages(messages, document, "", 99, 99));
  const chunkTokens = asked.chunkTokens || Math.floor(((window - mapFrame) * 3) / 4);
  if (chunkTokens < minChunkTokens) {
    throw tooSmall(`${model} has a ${window}-token window: after the rest of the conversation (${mapFrame} tokens) a chunk would hold ${chunkTokens}`);
  }
  const overlapTokens = asked.overlapTokens || Math.floor(chunkTokens / 20);
  if (overlapTokens >= chunkTokens) throw overlapTooLarge(overlapTokens, chunkTokens);
  const chunks = chunkDocument(messages[document]!.content, estimator, chunkTokens, overlapTokens);
  const mapped = chunks.map((chunk, index) => mapMessages(messages, document, chunk.text, index, chunks.length));
  const largestMap = Math.max(...mapped.map((each) => estimator.countMessages(each)));
  if (largestMap + minAnswerTokens > window) {
    throw tooSmall(
      `split.chunk_tokens: a chunk call of up to ${largestMap} tokens (chunks of ${chunkTokens}) leaves no room for its answer in ${model}'s ${window}-token window`,
    );
  }
  const reduceFrame = estimator.countMessages(
    reduceMessages(
      messages,
      document,
      chunks.map(() => ""),
    ),
  );
  const reserved = run.request.params?.maxOutputTokens ?? 0;
  const answerCap = run.request.params?.maxOutputTokens ?? run.deps.routing.defaultMaxOutputTokens;
  const mapOutputTokens = Math.min(answerCap, window - largestMap, Math.floor((window - reserved - reduceFrame) / chunks.length));
  if (mapOutputTokens < minAnswerTokens) {
    throw tooSmall(
      `${model} has a ${window}-token window: ${chunks.length} chunks of up to ${largestMap} tokens leave ${mapOutputTokens} tokens per chunk answer ` +
        `for the combine call (${reduceFrame} tokens of conversation, ${reserved} reserved for its answer); set split.chunk_tokens or use a larger window`,
    );
  }
  const maps = mapped.map((each) => ({
    messages: each,
    call: { model, role: "answer" as const, estimate: run.deps.pricing.estimate(model, each, mapOutputTokens) },
  }));
  const reduce = reduceCall(run, model, reduceFrame + chunks.length * mapOutputTokens, answerCap);
  return { model, document, chunkTokens, overlapTokens, mapOutputTokens, maps, reduce };
}

/** The combine call at its worst case: every chunk answer at its cap, the request's output. */
function reduceCall(run: RouteRun, model: string, inputTokens: number, outputTokens: number): PlannedCall {
  const usage = {
    inputTokens,
    cachedInputTokens: 0,
    cacheCreationInputTokens: 0,
    outputTokens,
    reasoningTokens: 0,
    totalTokens: inputTokens + outputTokens,
    estimated: true,
  };
  return { model, role: "synthesizer", estimate: { inputTokens, maxOutputTokens: outputTokens, maxCostNanoUsd: run.deps.pricing.costOf(model, usage) } };
}

function tooSmall(detail: string): ConnectError {
  return new ConnectError(`split: the input cannot be cut to fit: ${detail}`, Code.FailedPrecondition);
}
