import { describe, expect, it } from "vitest";
import { ToolCallAssembly } from "./tool-call-assembly.js";

describe("ToolCallAssembly", () => {
  it("groups fragments by index, keeps the first id and name, appends arguments in order, sorts by index", () => {
    const assembly = new ToolCallAssembly();
    assembly.add({ index: 1, id: "call_b", name: "lookup", argumentsFragment: "" });
    assembly.add({ index: 0, id: "call_a", name: "get_weather", argumentsFragment: '{"ci' });
    assembly.add({ index: 0, argumentsFragment: 'ty":"Paris"}' });
    assembly.add({ index: 1, id: "ignored", argumentsFragment: "{}" });
    expect(assembly.size).toBe(2);
    expect(assembly.calls()).toEqual([
      { id: "call_a", name: "get_weather", argumentsJson: '{"city":"Paris"}' },
      { id: "call_b", name: "lookup", argumentsJson: "{}" },
    ]);
  });
});
