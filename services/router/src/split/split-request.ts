import { Code, ConnectError } from "@connectrpc/connect";
import type { CompleteRequest } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { StrategyCase } from "../strategy/strategy-contract.js";

/** A chunk smaller than this leaves too little text per call to answer from. */
export const minChunkTokens = 32;

/**
 * Strategies split composes with: each picks the one model that answers every chunk and
 * combines them (pinned: its model; cheapest and auto: the cheapest candidate that clears the
 * bar). Cascade, ensemble and critique compare whole answers to the whole input, which a split
 * never has, so they are refused rather than silently run as something else.
 */
const splitStrategies: ReadonlySet<StrategyCase | undefined> = new Set<StrategyCase | undefined>(["pinned", "cheapest", "auto", undefined]);

/** What the caller asked of a split: zero means "fit the chosen model's window" and "5% of a chunk". */
export interface SplitRequest {
  readonly chunkTokens: number;
  readonly overlapTokens: number;
}

/**
 * The request's split options, validated, or undefined when it did not ask for a split. Bad
 * options are INVALID_ARGUMENT naming the field, before anything is called.
 */
export function splitRequested(request: CompleteRequest): SplitRequest | undefined {
  const split = request.split;
  if (!split?.enabled) return undefined;
  const strategy = request.strategy?.kind.case;
  if (!splitStrategies.has(strategy)) {
    throw invalid(`split: not supported with strategy "${strategy}" (split runs with pinned, cheapest or auto)`);
  }
  if ((request.params?.tools.length ?? 0) > 0) throw invalid("split: cannot be combined with params.tools (a tool call is not answered a chunk at a time)");
  if (request.params?.responseFormat) throw invalid("split: cannot be combined with params.response_format (chunk answers are prose the combine call reads)");
  const { chunkTokens, overlapTokens } = split;
  if (chunkTokens !== 0 && chunkTokens < minChunkTokens)
    throw invalid(`split.chunk_tokens: must be 0 (fit the window) or at least ${minChunkTokens}, got ${chunkTokens}`);
  if (chunkTokens !== 0 && overlapTokens >= chunkTokens) {
    throw invalid(`split.overlap_tokens: must be less than split.chunk_tokens (${overlapTokens} >= ${chunkTokens})`);
  }
  return { chunkTokens, overlapTokens };
}

/** INVALID_ARGUMENT naming an overlap that does not leave room for new text in a chunk. */
export function overlapTooLarge(overlapTokens: number, chunkTokens: number): ConnectError {
  return invalid(`split.overlap_tokens: must be less than the chunk size (${overlapTokens} >= ${chunkTokens} tokens)`);
}

function invalid(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}
