import { describe, expect, it } from "vitest";
import { judgeReplyParser } from "./judge-reply.js";

describe("reading a judge's pick", () => {
  const parse = judgeReplyParser("pick", 3);

  it("turns the 1-based candidate number into a 0-based index", () => {
    expect(parse(JSON.stringify({ best: 3, score: 0.9, rationale: " most complete " }))).toEqual({
      ok: true,
      value: { order: [{ index: 2, score: 0.9 }], rationale: "most complete" },
    });
  });

  it("accepts a pick without a score or rationale", () => {
    expect(parse(JSON.stringify({ best: 1 }))).toEqual({ ok: true, value: { order: [{ index: 0, score: undefined }], rationale: "" } });
  });

  it.each([
    [{ best: 0 }, /start at 1/],
    [{ best: 4 }, /only 3 candidates/],
    [{ best: 1.5 }, /int/i],
    [{ best: 2, score: 2 }, /score/],
    [{ ranking: [] }, /best/],
  ])("refuses %j", (reply, problem) => {
    const parsed = parse(JSON.stringify(reply));
    expect(parsed.ok ? "" : parsed.problem).toMatch(problem);
  });
});

describe("reading a judge's ranking", () => {
  const parse = judgeReplyParser("rank", 3);
  const entry = (candidate: number, score: number) => ({ candidate, score });

  it("keeps the judge's order, best first", () => {
    const parsed = parse(JSON.stringify({ ranking: [entry(2, 0.9), entry(3, 0.5), entry(1, 0.1)], rationale: "2 is right" }));
    expect(parsed).toEqual({
      ok: true,
      value: {
        order: [
          { index: 1, score: 0.9 },
          { index: 2, score: 0.5 },
          { index: 0, score: 0.1 },
        ],
        rationale: "2 is right",
      },
    });
  });

  it.each([
    [{ ranking: [entry(1, 0.9), entry(2, 0.5)] }, /all 3 candidates/],
    [{ ranking: [entry(1, 0.9), entry(1, 0.5), entry(2, 0.1)] }, /exactly once/],
    [{ ranking: [entry(1, 0.9), entry(2, 0.5), entry(4, 0.1)] }, /only 3 candidates/],
    [{ ranking: [entry(1, 0.9), entry(2, 0.5), { candidate: 3 }] }, /score/],
    [{ best: 1 }, /ranking/],
  ])("refuses %j", (reply, problem) => {
    const parsed = parse(JSON.stringify(reply));
    expect(parsed.ok ? "" : parsed.problem).toMatch(problem);
  });
});
