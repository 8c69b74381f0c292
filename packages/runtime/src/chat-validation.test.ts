import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { validateConversation } from "./chat-validation.js";

function refusal(messages: { role: string; content: string }[], limit = 1_000): ConnectError {
  try {
    validateConversation(messages, limit);
  } catch (error) {
    return error as ConnectError;
  }
  throw new Error("expected a refusal");
}

describe("validateConversation", () => {
  it("accepts a normal conversation", () => {
    expect(() =>
      validateConversation(
        [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hi" },
        ],
        100,
      ),
    ).not.toThrow();
  });

  it.each([
    [[], /at least one message/],
    [[{ role: "wizard", content: "Hi" }], /messages\[0\]\.role: unknown role "wizard"/],
    [[{ role: "user", content: "  " }], /messages\[0\]\.content: must not be empty/],
    [[{ role: "assistant", content: "Hello" }], /role "user"/],
    [[{ role: "user", content: "x".repeat(1_001) }], /1001 characters, over the limit of 1000/],
  ])("refuses %j with INVALID_ARGUMENT", (messages, message) => {
    const error = refusal(messages);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(message);
  });
});
