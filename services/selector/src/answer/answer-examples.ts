import type { RoutingRecord } from "../training/dataset.js";
import type { AnswerExample } from "./answer-trainer.js";

/** Every outcome with a recorded answer, as a training example of the answer scorer. */
export function answerExamples(records: readonly RoutingRecord[]): AnswerExample[] {
  const examples: AnswerExample[] = [];
  for (const record of records) {
    for (const outcome of record.outcomes) {
      if (outcome.response === undefined) continue;
      examples.push({
        promptId: record.id,
        prompt: record.prompt,
        answer: outcome.response,
        model: outcome.model,
        kind: record.kind,
        quality: outcome.quality,
      });
    }
  }
  return examples;
}
