import { create } from "@bufbuild/protobuf";
import { ChatMessageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";

const instructions =
  "You are given a conversation and several candidate answers to its last message, written by " +
  "different models. Write the single best answer: keep what is correct in any candidate, fix what " +
  "is wrong, and do not mention the candidates.";

/** The mixture-of-agents prompt: the original conversation, then the candidates to merge. */
export function synthesisMessages(messages: readonly ChatMessage[], candidates: readonly GenerateResponse[]): ChatMessage[] {
  const listing = candidates.map((candidate, index) => `Candidate ${index + 1}:\n${candidate.text}`).join("\n\n");
  return [
    create(ChatMessageSchema, { role: "system", content: instructions }),
    ...messages,
    create(ChatMessageSchema, { role: "user", content: `Candidate answers to merge:\n\n${listing}\n\nWrite the single best answer.` }),
  ];
}
