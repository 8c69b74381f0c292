import { create } from "@bufbuild/protobuf";
import type { GenerationParams } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { AnswerCheckSchema } from "@switchyard/contracts/switchyard/v1/routing_decision_pb";
import type { AnswerCheck } from "@switchyard/contracts/switchyard/v1/routing_decision_pb";
import { SchemaValidator } from "./schema-validator.js";
import { checkStructuredOutput } from "./structured-output-check.js";
import { checkToolCalls } from "./tool-call-check.js";

const sharedValidator = new SchemaValidator();

/**
 * The contract checks of one answer, as RoutingDecision checks: "tool_schema" when the answer
 * called tools (names offered, arguments valid), "json_schema" when the request asked for JSON
 * and the answer is text. Empty when there is nothing to check. An answer is acceptable only if
 * every check passed (`answerPassesChecks`).
 */
export function checkAnswer(response: GenerateResponse, params: GenerationParams | undefined, validator: SchemaValidator = sharedValidator): AnswerCheck[] {
  const checks: AnswerCheck[] = [];
  if (response.toolCalls.length > 0) {
    const verdict = checkToolCalls(response.toolCalls, params?.tools ?? [], validator);
    checks.push(create(AnswerCheckSchema, { model: response.model, kind: "tool_schema", score: verdict.passed ? 1 : 0, ...verdict }));
    return checks;
  }
  const structured = checkStructuredOutput(response.text, params?.responseFormat, validator);
  if (structured) checks.push(create(AnswerCheckSchema, { model: response.model, kind: "json_schema", score: structured.passed ? 1 : 0, ...structured }));
  return checks;
}

/** True when no contract check of the answer failed. */
export function answerPassesChecks(checks: readonly AnswerCheck[]): boolean {
  return checks.every((check) => check.passed);
}
