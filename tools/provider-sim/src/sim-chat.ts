import type { ServerResponse } from "node:http";
import type { ChatFeatures } from "./chat-features.js";
import type { Fault } from "./faults.js";
import { simulatedHeaders } from "./http-io.js";
import type { AnswerSource, SimCompletion } from "./sim-completion.js";
import { pause, paceTokens, planCompletion } from "./sim-completion.js";
import type { SimError } from "./sim-errors.js";
import { contextLengthError, errorForFault } from "./sim-errors.js";
import type { SimModel } from "./sim-models.js";
import type { SimStats } from "./sim-stats.js";
import type { SimMessage } from "./sim-text.js";

/** One chat request, protocol-independent. */
export interface ChatCall {
  readonly model: SimModel;
  readonly messages: readonly SimMessage[];
  readonly maxTokens: number | undefined;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly logprobs: boolean;
  readonly fault: Fault | undefined;
  /** Tools, JSON format and images the request asks about. */
  readonly features: ChatFeatures;
}

/** How one wire protocol writes errors, whole answers and stream pieces. */
export interface ChatProtocol {
  sendError(response: ServerResponse, error: SimError): void;
  wholeBody(call: ChatCall, completion: SimCompletion): unknown;
  readonly streamContentType: string;
  /**
   * Serialised stream frames for a batch of tokens (`first`: the stream's first batch). For a
   * tool-call answer the tokens are fragments of the call's arguments.
   */
  tokenFrames(call: ChatCall, completion: SimCompletion, tokens: readonly string[], logprobs: readonly number[], first: boolean): string;
  /** Serialised frames that close a stream (finish reason, usage, terminator). */
  finalFrames(call: ChatCall, completion: SimCompletion): string;
  /** A frame the client cannot parse. */
  readonly malformedFrame: string;
}

/** Shared dependencies of the chat routes. */
export interface ChatDeps {
  readonly stats: SimStats;
  readonly answerSources: readonly AnswerSource[];
}

/**
 * Serves one chat call in the protocol's format, applying its fault: errors before the first
 * token, stalls, slow first tokens, streams cut or corrupted midway, streams without usage.
 */
export async function serveChat(call: ChatCall, protocol: ChatProtocol, response: ServerResponse, deps: ChatDeps): Promise<void> {
  const end = deps.stats.begin(call.model.name);
  const clientGone = abortOnClose(response);
  const completion = planCompletion(call.model, call.messages, call.maxTokens, deps.answerSources, call.fault, call.features);
  const error = call.fault ? errorForFault(call.fault, call.model, completion.promptTokens) : undefined;
  if (call.fault) deps.stats.for(call.model.name).faults += 1;
  if (error || completion.promptTokens > call.model.contextWindow) {
    protocol.sendError(response, error ?? contextLengthError(call.model, completion.promptTokens));
    end("failed");
    return;
  }
  if (call.fault?.kind === "stall" && !(await pause(call.fault.stallMs ?? 3_600_000, clientGone))) {
    end("aborted");
    return;
  }
  const outcome = call.stream
    ? await streamAnswer(call, protocol, completion, response, clientGone, deps)
    : await sendWholeAnswer(call, protocol, completion, response, clientGone, deps);
  end(outcome);
}

async function sendWholeAnswer(
  call: ChatCall,
  protocol: ChatProtocol,
  completion: SimCompletion,
  response: ServerResponse,
  clientGone: AbortSignal,
  deps: ChatDeps,
): Promise<"completed" | "aborted"> {
  for await (const _batch of paceTokens(completion.tokens, call.model, call.fault, clientGone)) {
    // A whole answer is sent only when the last token has been "generated".
  }
  if (clientGone.aborted) return "aborted";
  if (call.fault?.kind === "cut") {
    response.destroy();
    return "aborted";
  }
  response.writeHead(200, { "content-type": "application/json", ...simulatedHeaders });
  if (call.fault?.kind === "malformed") {
    response.end(protocol.malformedFrame);
    return "completed";
  }
  response.end(JSON.stringify(protocol.wholeBody(call, completion)));
  deps.stats.for(call.model.name).tokensSent += completion.tokens.length;
  return "completed";
}

async function streamAnswer(
  call: ChatCall,
  protocol: ChatProtocol,
  completion: SimCompletion,
  response: ServerResponse,
  clientGone: AbortSignal,
  deps: ChatDeps,
): Promise<"completed" | "aborted"> {
  response.writeHead(200, { "content-type": protocol.streamContentType, "cache-control": "no-cache", ...simulatedHeaders });
  response.flushHeaders();
  const stats = deps.stats.for(call.model.name);
  const breakAfter = call.fault?.kind === "cut" || call.fault?.kind === "malformed" ? (call.fault.afterTokens ?? 3) : Infinity;
  let sent = 0;
  for await (const batch of paceTokens(completion.tokens, call.model, call.fault, clientGone)) {
    const allowed = batch.slice(0, Math.max(0, breakAfter - sent));
    if (allowed.length > 0) response.write(protocol.tokenFrames(call, completion, allowed, completion.logprobs.slice(sent, sent + allowed.length), sent === 0));
    sent += allowed.length;
    stats.tokensSent += allowed.length;
    if (sent >= breakAfter) return await breakStream(call, protocol, response);
  }
  if (clientGone.aborted) return "aborted";
  response.end(protocol.finalFrames(call, completion));
  return "completed";
}

async function breakStream(call: ChatCall, protocol: ChatProtocol, response: ServerResponse): Promise<"aborted" | "completed"> {
  if (call.fault?.kind === "malformed") {
    response.end(protocol.malformedFrame);
    return "completed";
  }
  // Let the tokens already written reach the client, then drop the connection mid-stream.
  await new Promise<void>((resolve) => response.write("", () => resolve()));
  response.destroy();
  return "aborted";
}

function abortOnClose(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
