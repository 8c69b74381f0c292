import { Verdict } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { describe, expect, it } from "vitest";
import { parseCritiqueReply } from "./critique-reply.js";

const valid = { score: 0.8, verdict: "accept", issues: ["minor: no units"], confidence: 0.9 };

describe("reading a critic's reply", () => {
  it("accepts exactly the requested object, with extra keys ignored", () => {
    expect(parseCritiqueReply(JSON.stringify({ ...valid, simulated: true }))).toEqual({
      ok: true,
      value: { score: 0.8, verdict: Verdict.ACCEPT, issues: ["minor: no units"], confidence: 0.9 },
    });
  });

  it("tolerates a code fence, a capitalised verdict and missing issues", () => {
    const fencedReply = "```json\n" + JSON.stringify({ score: 0.3, verdict: " Reject", confidence: 0.5 }) + "\n```";
    expect(parseCritiqueReply(fencedReply)).toEqual({ ok: true, value: { score: 0.3, verdict: Verdict.REJECT, issues: [], confidence: 0.5 } });
  });

  it("cuts long issue lists and issues instead of refusing them", () => {
    const issues = Array.from({ length: 30 }, (_, index) => `${index} ${"x".repeat(600)}`);
    const parsed = parseCritiqueReply(JSON.stringify({ ...valid, issues: [...issues, "   "] }));
    expect(parsed.ok && parsed.value.issues.length).toBe(20);
    expect(parsed.ok && parsed.value.issues.every((issue) => issue.length === 500)).toBe(true);
  });

  it.each([
    ["", /empty/],
    ["Looks good to me, 8/10", /not a JSON object/],
    ["Sure! " + JSON.stringify(valid), /not a JSON object/],
    ["[0.8]", /not an object/],
    [JSON.stringify({ ...valid, score: 8 }), /score: Too big/i],
    [JSON.stringify({ ...valid, score: "0.8" }), /score: .*number/i],
    [JSON.stringify({ ...valid, verdict: "great" }), /verdict/],
    [JSON.stringify({ ...valid, confidence: -0.1 }), /confidence: Too small/i],
    [JSON.stringify({ score: 0.5, verdict: "revise" }), /confidence/],
    [JSON.stringify({ ...valid, issues: "none" }), /issues/],
  ])("refuses %j, saying what is wrong", (reply, problem) => {
    const parsed = parseCritiqueReply(reply);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.problem).toMatch(problem);
  });
});
