import { create } from "@bufbuild/protobuf";
import { GenerationParamsSchema, ResponseFormatType } from "@switchyard/contracts/switchyard/v1/common_pb";
import { GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { describe, expect, it } from "vitest";
import { answerPassesChecks, checkAnswer } from "./answer-checks.js";

const weather = {
  name: "get_weather",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } },
    required: ["city"],
    additionalProperties: false,
  },
};
const withTools = create(GenerationParamsSchema, { tools: [weather] });
const answer = (init: { text?: string; toolCalls?: { id: string; name: string; argumentsJson: string }[] }) =>
  create(GenerateResponseSchema, { model: "m", ...init });

describe("checkAnswer: tool calls", () => {
  it("passes calls of offered tools whose arguments fit the schema", () => {
    const checks = checkAnswer(answer({ toolCalls: [{ id: "1", name: "get_weather", argumentsJson: '{"city":"Paris","days":2}' }] }), withTools);
    expect(checks).toMatchObject([{ model: "m", kind: "tool_schema", passed: true, score: 1 }]);
    expect(answerPassesChecks(checks)).toBe(true);
  });

  it.each([
    ['{"city":"Paris"', /not valid JSON/],
    ['{"days":2}', /must have required property 'city'/],
    ['{"city":"Paris","days":0}', /\/days must be >= 1/],
    ['{"city":"Paris","wind":true}', /must NOT have additional properties/],
  ])("fails arguments %s", (argumentsJson, detail) => {
    const checks = checkAnswer(answer({ toolCalls: [{ id: "1", name: "get_weather", argumentsJson }] }), withTools);
    expect(checks[0]).toMatchObject({ kind: "tool_schema", passed: false, score: 0 });
    expect(checks[0]!.detail).toMatch(detail);
    expect(answerPassesChecks(checks)).toBe(false);
  });

  it("fails a call of a tool that was not offered", () => {
    expect(checkAnswer(answer({ toolCalls: [{ id: "1", name: "rm_rf", argumentsJson: "{}" }] }), withTools)[0]!.detail).toMatch(
      /"rm_rf" is not one of the offered tools/,
    );
  });
});

describe("checkAnswer: structured output", () => {
  const schema = create(GenerationParamsSchema, {
    responseFormat: { type: ResponseFormatType.JSON_SCHEMA, jsonSchema: { type: "object", properties: { age: { type: "integer" } }, required: ["age"] } },
  });

  it("passes JSON valid for the schema and fails prose, wrong types and missing fields", () => {
    expect(checkAnswer(answer({ text: '{"age": 22}' }), schema)).toMatchObject([{ kind: "json_schema", passed: true }]);
    expect(checkAnswer(answer({ text: "Sure! Here it is" }), schema)[0]).toMatchObject({ passed: false, detail: "answer: not valid JSON" });
    expect(checkAnswer(answer({ text: '{"age": "22"}' }), schema)[0]!.detail).toMatch(/\/age must be integer/);
    expect(checkAnswer(answer({ text: "{}" }), schema)[0]!.detail).toMatch(/required property 'age'/);
  });

  it("checks a JSON object format, and nothing for text answers", () => {
    const object = create(GenerationParamsSchema, { responseFormat: { type: ResponseFormatType.JSON_OBJECT } });
    expect(checkAnswer(answer({ text: "[1,2]" }), object)[0]).toMatchObject({ passed: false });
    expect(checkAnswer(answer({ text: '{"a":1}' }), object)[0]).toMatchObject({ passed: true });
    expect(checkAnswer(answer({ text: "hello" }), create(GenerationParamsSchema, {}))).toEqual([]);
    expect(checkAnswer(answer({ text: "hello" }), undefined)).toEqual([]);
  });

  it("reports a schema that does not compile as a failed check, not a crash", () => {
    const broken = create(GenerationParamsSchema, {
      responseFormat: { type: ResponseFormatType.JSON_SCHEMA, jsonSchema: { type: "object", properties: { a: { type: 12 } } } },
    });
    expect(checkAnswer(answer({ text: '{"a":1}' }), broken)[0]).toMatchObject({ passed: false, detail: expect.stringMatching(/does not compile/) as unknown });
  });
});
