import { usageOf } from "@switchyard/provider-spec";
import { describe, expect, it } from "vitest";
import { convertOllamaUsage } from "./convert-ollama-usage.js";

describe("convertOllamaUsage", () => {
  it("maps prompt_eval_count and eval_count, and reports no usage when neither is there", () => {
    expect(convertOllamaUsage({ done: true, prompt_eval_count: 7, eval_count: 3 })).toEqual(usageOf(7, 3));
    expect(convertOllamaUsage({ done: true, eval_count: 3 })).toEqual(usageOf(0, 3));
    expect(convertOllamaUsage({ done: true })).toBeUndefined();
  });
});
