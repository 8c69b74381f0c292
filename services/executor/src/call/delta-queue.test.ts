import { describe, expect, it } from "vitest";
import { DeltaQueue } from "./delta-queue.js";
import type { QueuedDelta } from "./delta-queue.js";

describe("DeltaQueue", () => {
  it("joins text that waited, keeps tool-call fragments separate and in order", async () => {
    const queue = new DeltaQueue();
    queue.push("Let me ");
    queue.push("check.");
    queue.pushToolCall({ type: "tool-call-delta", index: 0, id: "call_1", name: "get_weather", argumentsFragment: "" });
    queue.pushToolCall({ type: "tool-call-delta", index: 0, argumentsFragment: '{"city":"Paris"}' });
    queue.push("!");
    queue.close();
    const read: QueuedDelta[] = [];
    for await (const delta of queue) read.push(delta);
    expect(read).toEqual([
      { text: "Let me check." },
      { toolCall: { type: "tool-call-delta", index: 0, id: "call_1", name: "get_weather", argumentsFragment: "" } },
      { toolCall: { type: "tool-call-delta", index: 0, argumentsFragment: '{"city":"Paris"}' } },
      { text: "!" },
    ]);
  });
});
