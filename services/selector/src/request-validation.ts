import { Code, ConnectError } from "@connectrpc/connect";
import { chatRoles } from "@switchyard/runtime";
import type { ChatMessageLike } from "@switchyard/runtime";
import { kindSlots } from "./model/quality-model.js";

/** Most candidates one Score call may name. */
export const maxCandidates = 256;

const invalid = (message: string): never => {
  throw new ConnectError(message, Code.InvalidArgument);
};

/**
 * The prompt text the selector scores: every message's content, in order. Refuses what cannot
 * be scored with INVALID_ARGUMENT naming the field: no messages, an unknown role, or more than
 * `maxChars` characters. Empty content is allowed (it scores as a prompt with no evidence).
 */
export function promptText(messages: readonly ChatMessageLike[], maxChars: number, field = "messages"): string {
  if (messages.length === 0) invalid(`${field}: at least one message is required`);
  let total = 0;
  messages.forEach((message, index) => {
    if (!(chatRoles as readonly string[]).includes(message.role))
      invalid(`${field}[${index}].role: unknown role "${message.role}"; use one of ${chatRoles.join(", ")}`);
    total += message.content.length;
  });
  if (total > maxChars) invalid(`${field}: prompt is ${total} characters, over the limit of ${maxChars}`);
  return messages.map((message) => message.content).join("\n\n");
}

/** The candidates to score: the request's, else every configured model; names checked. */
export function candidateList(requested: readonly string[], configured: readonly string[]): readonly string[] {
  const candidates = requested.length > 0 ? requested : configured;
  if (candidates.length === 0) invalid("candidate_models: none given and no models are configured");
  if (candidates.length > maxCandidates) invalid(`candidate_models: ${candidates.length} given, at most ${maxCandidates}`);
  const seen = new Set<string>();
  candidates.forEach((name, index) => {
    if (name.trim() === "") invalid(`candidate_models[${index}]: must not be empty`);
    if (seen.has(name)) invalid(`candidate_models[${index}]: "${name}" is listed twice`);
    seen.add(name);
  });
  return candidates;
}

/** A quality kind from hints: empty means "binary"; anything else must be a known kind. */
export function qualityKind(kind: string): string {
  if (kind === "") return "binary";
  const known = kindSlots.filter((slot) => slot !== "generic");
  if (!(known as readonly string[]).includes(kind)) invalid(`hints.quality_kind: unknown kind "${kind}"; use one of ${known.join(", ")}`);
  return kind;
}

/** An observed quality must be a number in [0,1]. */
export function observedQuality(quality: number): number {
  if (!Number.isFinite(quality) || quality < 0 || quality > 1) invalid(`quality: ${quality} is not in [0, 1]`);
  return quality;
}
