import { describe, expect, it } from "vitest";
import { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";

describe("mapOllamaFinishReason", () => {
  it("maps Ollama's done reasons", () => {
    expect(["stop", "length", "", undefined, "load"].map(mapOllamaFinishReason)).toEqual(["stop", "length", "unknown", "unknown", "other"]);
  });
});
