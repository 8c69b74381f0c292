import { describe, expect, it } from "vitest";
import { agreementVerdict, answerChoices, unanimousProbability } from "./agreement-posterior.js";

describe("answerChoices", () => {
  it("counts the options of the last question, not of the worked examples before it", () => {
    const prompt = "Q1\nA) x\nB) y\nC) z\nD) w\nAnswer:\nA\n\nWho?\nA) Kyle\nB) Logan\nPrint only a single choice. Answer:";
    expect(answerChoices(prompt)).toBe(2);
    expect(answerChoices("Pick one.\nA) one\nB) two\nC) three\nD) four")).toBe(4);
  });

  it("assumes ten options for a numeric answer", () => {
    expect(answerChoices("Natalia sold 48 clips in April and half as many in May. How many in all?")).toBe(10);
  });
});

describe("agreementVerdict", () => {
  it("one model's answer is as likely right as the model is", () => {
    const verdict = agreementVerdict([{ answer: "B", quality: 0.8 }], 4)!;
    expect(verdict.answer).toBe("B");
    expect(verdict.probability).toBeCloseTo(0.8, 9);
  });

  it("a second model agreeing raises the probability, but by less than independent errors would", () => {
    const one = agreementVerdict([{ answer: "B", quality: 0.8 }], 4)!.probability;
    const two = agreementVerdict(
      [
        { answer: "B", quality: 0.8 },
        { answer: "B", quality: 0.8 },
      ],
      4,
    )!.probability;
    const independent = (12 * 12) / (12 * 12 + 3);
    expect(two).toBeGreaterThan(one);
    expect(two).toBeLessThan(independent);
    expect(unanimousProbability([0.8, 0.8], 4)).toBeCloseTo(two, 12);
  });

  it("a disagreeing model lowers the probability and the stronger side wins", () => {
    const verdict = agreementVerdict(
      [
        { answer: "A", quality: 0.6 },
        { answer: "B", quality: 0.9 },
      ],
      4,
    )!;
    expect(verdict.answer).toBe("B");
    expect(verdict.probability).toBeLessThan(0.9);
  });

  it("a model no better than chance is no evidence", () => {
    const alone = agreementVerdict([{ answer: "B", quality: 0.7 }], 2)!.probability;
    const withChance = agreementVerdict(
      [
        { answer: "B", quality: 0.7 },
        { answer: "B", quality: 0.4 },
      ],
      2,
    )!.probability;
    expect(withChance).toBeCloseTo(alone, 12);
  });

  it("no votes, no verdict", () => {
    expect(agreementVerdict([], 4)).toBeUndefined();
  });
});
