import { Code, ConnectError } from "@connectrpc/connect";
import type { GenerationParams } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ResponseFormatType, ToolChoiceMode } from "@switchyard/contracts/switchyard/v1/common_pb";

/** Tool and schema names as OpenAI accepts them (the strictest of the supported providers). */
const namePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Refuses tools, tool choice and response format a provider could not take, with
 * INVALID_ARGUMENT naming the field: a tool name outside [a-zA-Z0-9_-]{1,64} or used twice,
 * parameters that are not an object schema, a tool choice naming no defined tool (or asking for
 * a call with no tools), a JSON_SCHEMA format without its schema or with a bad name.
 */
export function validateGenerationParams(params: GenerationParams | undefined): void {
  if (!params) return;
  const names = new Set<string>();
  params.tools.forEach((tool, index) => {
    const field = `params.tools[${index}]`;
    if (!namePattern.test(tool.name)) invalid(`${field}.name: "${tool.name}" must match ${namePattern.source}`);
    if (names.has(tool.name)) invalid(`${field}.name: "${tool.name}" is defined twice`);
    names.add(tool.name);
    if (!tool.parameters || tool.parameters["type"] !== "object") invalid(`${field}.parameters: must be a JSON Schema with "type": "object"`);
  });
  checkToolChoice(params, names);
  checkResponseFormat(params);
}

function checkToolChoice(params: GenerationParams, names: ReadonlySet<string>): void {
  const choice = params.toolChoice?.choice;
  if (!choice?.case) return;
  if (choice.case === "toolName") {
    if (!names.has(choice.value)) invalid(`params.tool_choice.tool_name: "${choice.value}" is not one of params.tools`);
    return;
  }
  if (choice.value === ToolChoiceMode.REQUIRED && names.size === 0) invalid("params.tool_choice.mode: REQUIRED needs at least one tool in params.tools");
}

function checkResponseFormat(params: GenerationParams): void {
  const format = params.responseFormat;
  if (format?.type !== ResponseFormatType.JSON_SCHEMA) return;
  if (!format.jsonSchema || Object.keys(format.jsonSchema).length === 0) invalid("params.response_format.json_schema: required when type is JSON_SCHEMA");
  if (format.schemaName && !namePattern.test(format.schemaName))
    invalid(`params.response_format.schema_name: "${format.schemaName}" must match ${namePattern.source}`);
}

function invalid(message: string): never {
  throw new ConnectError(message, Code.InvalidArgument);
}
