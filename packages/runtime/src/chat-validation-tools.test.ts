import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ChatMessageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { validateConversation } from "./chat-validation.js";

const message = (init: MessageInitShape<typeof ChatMessageSchema>): ChatMessage => create(ChatMessageSchema, init);
const user = message({ role: "user", content: "weather in Paris?" });
const called = message({ role: "assistant", toolCalls: [{ id: "call_1", name: "get_weather", argumentsJson: '{"city":"Paris"}' }] });

function refusal(messages: ChatMessage[]): string {
  try {
    validateConversation(messages, 10_000);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.InvalidArgument);
    return (error as ConnectError).rawMessage;
  }
  throw new Error("expected a refusal");
}

describe("validateConversation: parts and tools", () => {
  it("accepts a tool round trip and image parts by URL and by bytes", () => {
    const answer = message({ role: "tool", toolCallId: "call_1", content: '{"celsius":21}' });
    expect(() => validateConversation([user, called, answer], 10_000)).not.toThrow();
    const image = message({
      role: "user",
      parts: [
        { part: { case: "text", value: "what is this?" } },
        { part: { case: "image", value: { source: { case: "url", value: "https://example.com/cat.png" }, detail: "low" } } },
        { part: { case: "image", value: { source: { case: "data", value: new Uint8Array([1, 2]) }, mediaType: "image/png" } } },
      ],
    });
    expect(() => validateConversation([image], 10_000)).not.toThrow();
  });

  it.each([
    [[user, called, message({ role: "tool", content: "21" })], /messages\[2\]\.tool_call_id: required for role "tool"/],
    [[user, called, message({ role: "tool", toolCallId: "call_9", content: "21" })], /messages\[2\]\.tool_call_id: "call_9" answers no tool call/],
    [[user, message({ role: "tool", toolCallId: "call_1", content: "21" })], /messages\[1\]\.tool_call_id: "call_1" answers no tool call/],
    [[message({ role: "user", content: "x", toolCallId: "call_1" })], /messages\[0\]\.tool_call_id: only tool messages/],
    [
      [user, message({ role: "assistant", toolCalls: [{ id: "c", name: "f", argumentsJson: "{oops" }] })],
      /messages\[1\]\.tool_calls\[0\]\.arguments_json: not valid JSON/,
    ],
    [[user, message({ role: "assistant", toolCalls: [{ id: "", name: "f", argumentsJson: "{}" }] })], /messages\[1\]\.tool_calls\[0\]\.id: required/],
    [[message({ role: "user", content: "x", toolCalls: [{ id: "c", name: "f", argumentsJson: "{}" }] })], /messages\[0\]\.tool_calls: only assistant/],
    [[message({ role: "user", parts: [{ part: { case: "text", value: " " } }] })], /messages\[0\]\.parts\[0\]\.text: must not be empty/],
    [[message({ role: "user", parts: [{}] })], /messages\[0\]\.parts\[0\]: set text or image/],
    [
      [message({ role: "user", parts: [{ part: { case: "image", value: { source: { case: "url", value: "http://x/a.png" } } } }] })],
      /messages\[0\]\.parts\[0\]\.image\.url: must be an https: URL/,
    ],
    [
      [message({ role: "user", parts: [{ part: { case: "image", value: { source: { case: "data", value: new Uint8Array([1]) } } } }] })],
      /messages\[0\]\.parts\[0\]\.image\.media_type/,
    ],
    [[message({ role: "user", parts: [{ part: { case: "image", value: {} } }] })], /messages\[0\]\.parts\[0\]\.image: set url or data/],
    [
      [user, message({ role: "assistant", parts: [{ part: { case: "image", value: { source: { case: "url", value: "https://x/a.png" } } } }] })],
      /messages\[1\]\.parts\[0\]\.image: images are accepted in user messages only/,
    ],
    [
      [message({ role: "user", parts: [{ part: { case: "image", value: { source: { case: "url", value: "https://x/a.png" }, detail: "ultra" } } }] })],
      /image\.detail/,
    ],
  ])("refuses case %# naming the field", (messages, expected) => {
    expect(refusal(messages)).toMatch(expected);
  });
});
