import { create } from "@bufbuild/protobuf";
import { GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { describe, expect, it } from "vitest";
import { toolCallAgreementKey } from "./tool-call-agreement.js";

const calling = (...calls: [string, string][]) =>
  create(GenerateResponseSchema, { toolCalls: calls.map(([name, argumentsJson], index) => ({ id: `call_${index}_${Math.random()}`, name, argumentsJson })) });

describe("toolCallAgreementKey", () => {
  it("agrees on the same tool and arguments whatever the ids, key order and spacing", () => {
    expect(toolCallAgreementKey(calling(["get_weather", '{"city":"Paris","days":2}']))).toBe(
      toolCallAgreementKey(calling(["get_weather", '{ "days": 2, "city": "Paris" }'])),
    );
  });

  it("disagrees on another tool, other arguments or another order of calls, and has no key without calls", () => {
    const base = toolCallAgreementKey(calling(["get_weather", '{"city":"Paris"}'], ["get_time", "{}"]));
    expect(toolCallAgreementKey(calling(["get_forecast", '{"city":"Paris"}'], ["get_time", "{}"]))).not.toBe(base);
    expect(toolCallAgreementKey(calling(["get_weather", '{"city":"Lyon"}'], ["get_time", "{}"]))).not.toBe(base);
    expect(toolCallAgreementKey(calling(["get_time", "{}"], ["get_weather", '{"city":"Paris"}']))).not.toBe(base);
    expect(toolCallAgreementKey(create(GenerateResponseSchema, { text: "hi" }))).toBeUndefined();
  });
});
