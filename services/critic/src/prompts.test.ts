import { create } from "@bufbuild/protobuf";
import { ChatMessageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { describe, expect, it } from "vitest";
import { correctiveTurn, critiqueMessages, critiqueTag } from "./critique-prompt.js";
import { judgeMessages, judgeTag } from "./judge-prompt.js";

const conversation = [
  create(ChatMessageSchema, { role: "system", content: "Be brief." }),
  create(ChatMessageSchema, { role: "user", content: "What is 2 + 2?" }),
];

describe("the critique prompt", () => {
  it("asks for the JSON object in the system message and tags the user message", () => {
    const [system, user] = critiqueMessages(conversation, "4", "sim-small");
    expect(system?.role).toBe("system");
    expect(system?.content).toMatch(/"score".*"verdict".*"issues".*"confidence"/s);
    expect(user?.role).toBe("user");
    expect(user?.content.split("\n")[0]).toBe(critiqueTag);
    expect(user?.content).toContain("<conversation>\n[system]\nBe brief.\n[user]\nWhat is 2 + 2?\n</conversation>");
    expect(user?.content).toContain('<answer model="sim-small">\n4\n</answer>');
  });

  it("leaves the author out when it is not known", () => {
    expect(critiqueMessages(conversation, "4", "")[1]?.content).toContain("<answer>\n4\n</answer>");
  });

  it("retries with the bad reply and what was wrong with it, never with an empty turn", () => {
    expect(correctiveTurn("nope", "the reply is not a JSON object", "a and b")).toEqual([
      { role: "assistant", content: "nope" },
      { role: "user", content: "That reply is not valid (the reply is not a JSON object). Reply again with only the JSON object, with the keys a and b." },
    ]);
    expect(correctiveTurn("", "the reply is empty", "a")[0]?.content).toBe("(empty reply)");
  });
});

describe("the judge prompt", () => {
  it("names mode and candidate count on the tag line and numbers candidates from 1 without models", () => {
    const [system, user] = judgeMessages(conversation, ["4", "5"], "rank");
    expect(system?.content).toContain('"ranking"');
    expect(user?.content.split("\n")[0]).toBe(`${judgeTag} mode=rank candidates=2`);
    expect(user?.content).toContain('<candidate number="1">\n4\n</candidate>\n<candidate number="2">\n5\n</candidate>');
    expect(judgeMessages(conversation, ["4", "5"], "pick")[0]?.content).toContain('"best"');
  });
});
