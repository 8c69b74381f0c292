import type { ToolCall, ToolDefinition } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { SchemaValidator } from "./schema-validator.js";

/** A check's verdict on one answer, with a short detail that never quotes the prompt. */
export interface CheckVerdict {
  readonly passed: boolean;
  readonly detail: string;
}

/**
 * Judges an answer's tool calls against the tools the request offered: every call must name an
 * offered tool, and its arguments must be JSON valid against that tool's parameters schema.
 * The first failing call decides the detail.
 */
export function checkToolCalls(calls: readonly ToolCall[], tools: readonly ToolDefinition[], validator: SchemaValidator): CheckVerdict {
  for (const [index, call] of calls.entries()) {
    const tool = tools.find((candidate) => candidate.name === call.name);
    if (!tool) return { passed: false, detail: `tool_calls[${index}]: "${call.name}" is not one of the offered tools` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(call.argumentsJson);
    } catch {
      return { passed: false, detail: `tool_calls[${index}].arguments_json: not valid JSON` };
    }
    const verdict = validator.validate(tool.parameters ?? {}, parsed);
    if (!verdict.valid) return { passed: false, detail: `tool_calls[${index}].arguments_json: ${verdict.problem} (schema of "${call.name}")` };
  }
  return { passed: true, detail: `${calls.length} tool call${calls.length === 1 ? "" : "s"} valid against their schemas` };
}
