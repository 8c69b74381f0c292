import { describe, expect, it } from "vitest";
import { critiqueTag, judgeTag, structuredAnswers } from "./structured-answers.js";

const critiquePrompt = (answer: string) => [
  { role: "system", content: "You review answers." },
  { role: "user", content: `${critiqueTag}\n<conversation>\n[user]\nWhat is 2 + 2?\n</conversation>\n<answer>\n${answer}\n</answer>` },
];

const judgePrompt = (mode: "pick" | "rank", count: number) => [
  { role: "user", content: `${judgeTag} mode=${mode} candidates=${count}\nWhich answer is best?` },
];

function parsed(value: unknown): Record<string, unknown> {
  expect(typeof value).toBe("string");
  return JSON.parse(value as string) as Record<string, unknown>;
}

describe("structured answers to critique prompts", () => {
  it("answers a critique prompt with a valid, simulated critique object", () => {
    const critique = parsed(structuredAnswers("sim-small", critiquePrompt("4")));
    expect(critique["simulated"]).toBe(true);
    expect(critique["score"]).toBeGreaterThanOrEqual(0.2);
    expect(critique["score"]).toBeLessThanOrEqual(0.95);
    expect(critique["confidence"]).toBeGreaterThanOrEqual(0.55);
    expect(critique["confidence"]).toBeLessThanOrEqual(0.95);
    expect(["accept", "revise", "reject"]).toContain(critique["verdict"]);
    expect(Array.isArray(critique["issues"])).toBe(true);
  });

  it("is deterministic per model and prompt, and varies with either", () => {
    const first = structuredAnswers("sim-small", critiquePrompt("4"));
    expect(structuredAnswers("sim-small", critiquePrompt("4"))).toBe(first);
    const others = [
      structuredAnswers("sim-large", critiquePrompt("4")),
      ...["5", "four", "3", "22"].map((answer) => structuredAnswers("sim-small", critiquePrompt(answer))),
    ];
    expect(others.some((other) => other !== first)).toBe(true);
  });

  it("keeps verdict and issues consistent with the score", () => {
    for (const answer of ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]) {
      const critique = parsed(structuredAnswers("sim-medium", critiquePrompt(answer)));
      const score = critique["score"] as number;
      const issues = critique["issues"] as string[];
      if (score >= 0.7) expect([critique["verdict"], issues.length]).toEqual(["accept", 0]);
      else if (score >= 0.45) expect([critique["verdict"], issues.length]).toEqual(["revise", 1]);
      else expect([critique["verdict"], issues.length]).toEqual(["reject", 2]);
    }
  });

  it("still recognises the prompt when a corrective turn follows it", () => {
    const retry = [...critiquePrompt("4"), { role: "assistant", content: "not json" }, { role: "user", content: "Reply with the JSON object only." }];
    expect(structuredAnswers("sim-small", retry)).toBe(structuredAnswers("sim-small", critiquePrompt("4")));
  });

  it("leaves every other prompt to the next source", () => {
    expect(structuredAnswers("sim-small", [{ role: "user", content: "What is 2 + 2?" }])).toBeUndefined();
    expect(
      structuredAnswers("sim-small", [
        { role: "system", content: critiqueTag },
        { role: "user", content: "hi" },
      ]),
    ).toBeUndefined();
    expect(structuredAnswers("sim-small", [{ role: "user", content: `${judgeTag} mode=pick candidates=0\n` }])).toBeUndefined();
    expect(structuredAnswers("sim-small", [{ role: "user", content: `${judgeTag} mode=best candidates=2\n` }])).toBeUndefined();
  });
});

describe("structured answers to judge prompts", () => {
  it("picks one of the candidates by number, with a score", () => {
    const pick = parsed(structuredAnswers("sim-large", judgePrompt("pick", 3)));
    expect([1, 2, 3]).toContain(pick["best"]);
    expect(pick["score"]).toBeGreaterThanOrEqual(0.1);
    expect(typeof pick["rationale"]).toBe("string");
  });

  it("ranks every candidate exactly once, best first, and agrees with its own pick", () => {
    const rank = parsed(structuredAnswers("sim-large", judgePrompt("rank", 4)));
    const ranking = rank["ranking"] as { candidate: number; score: number }[];
    expect(ranking.map((entry) => entry.candidate).sort()).toEqual([1, 2, 3, 4]);
    const scores = ranking.map((entry) => entry.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const sameContent = [{ role: "user", content: `${judgeTag} mode=rank candidates=4\nWhich answer is best?` }];
    expect(structuredAnswers("sim-large", sameContent)).toBe(JSON.stringify(rank));
  });
});
