import type { ResponseFormat } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ResponseFormatType } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { SchemaValidator } from "./schema-validator.js";
import type { CheckVerdict } from "./tool-call-check.js";

/**
 * Judges a text answer against the response format the request asked for: JSON_OBJECT needs a
 * JSON object, JSON_SCHEMA JSON valid against the schema. Undefined when the format asks for no
 * structure (TEXT or unset), so there is nothing to check.
 */
export function checkStructuredOutput(text: string, format: ResponseFormat | undefined, validator: SchemaValidator): CheckVerdict | undefined {
  if (format?.type !== ResponseFormatType.JSON_OBJECT && format?.type !== ResponseFormatType.JSON_SCHEMA) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { passed: false, detail: "answer: not valid JSON" };
  }
  if (format.type === ResponseFormatType.JSON_OBJECT) {
    const isObject = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
    return isObject ? { passed: true, detail: "answer is a JSON object" } : { passed: false, detail: "answer: JSON, but not an object" };
  }
  const verdict = validator.validate(format.jsonSchema ?? {}, parsed);
  return verdict.valid
    ? { passed: true, detail: "answer valid against response_format.json_schema" }
    : { passed: false, detail: `answer${verdict.problem.startsWith("/") ? "" : " "}${verdict.problem}` };
}
