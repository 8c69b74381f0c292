import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import type { ConnectError } from "@connectrpc/connect";
import { GenerationParamsSchema, ResponseFormatType, ToolChoiceMode } from "@switchyard/contracts/switchyard/v1/common_pb";
import { describe, expect, it } from "vitest";
import { validateGenerationParams } from "./generation-params-validation.js";

const params = (init: MessageInitShape<typeof GenerationParamsSchema>) => create(GenerationParamsSchema, init);
const weather = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } };

describe("validateGenerationParams", () => {
  it("accepts tools, a named tool choice and a JSON schema format", () => {
    expect(() =>
      validateGenerationParams(
        params({
          tools: [weather],
          toolChoice: { choice: { case: "toolName", value: "get_weather" } },
          responseFormat: { type: ResponseFormatType.JSON_SCHEMA, schemaName: "w", jsonSchema: { type: "object" } },
        }),
      ),
    ).not.toThrow();
    expect(() => validateGenerationParams(undefined)).not.toThrow();
  });

  it.each([
    [{ tools: [{ ...weather, name: "get weather" }] }, /params\.tools\[0\]\.name: "get weather" must match/],
    [{ tools: [weather, weather] }, /params\.tools\[1\]\.name: "get_weather" is defined twice/],
    [{ tools: [{ name: "f" }] }, /params\.tools\[0\]\.parameters: must be a JSON Schema with "type": "object"/],
    [{ tools: [{ name: "f", parameters: { type: "string" } }] }, /params\.tools\[0\]\.parameters/],
    [
      { tools: [weather], toolChoice: { choice: { case: "toolName" as const, value: "other" } } },
      /params\.tool_choice\.tool_name: "other" is not one of params\.tools/,
    ],
    [{ toolChoice: { choice: { case: "mode" as const, value: ToolChoiceMode.REQUIRED } } }, /params\.tool_choice\.mode: REQUIRED needs/],
    [{ responseFormat: { type: ResponseFormatType.JSON_SCHEMA } }, /params\.response_format\.json_schema: required when type is JSON_SCHEMA/],
    [{ responseFormat: { type: ResponseFormatType.JSON_SCHEMA, schemaName: "a b", jsonSchema: { type: "object" } } }, /params\.response_format\.schema_name/],
  ])("refuses case %# with INVALID_ARGUMENT naming the field", (init, expected) => {
    try {
      validateGenerationParams(params(init));
      expect.unreachable("expected a refusal");
    } catch (error) {
      expect((error as ConnectError).code).toBe(Code.InvalidArgument);
      expect((error as ConnectError).rawMessage).toMatch(expected);
    }
  });
});
