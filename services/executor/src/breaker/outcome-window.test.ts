import { describe, expect, it } from "vitest";
import { OutcomeWindow } from "./outcome-window.js";

describe("OutcomeWindow", () => {
  it("counts outcomes inside the window and ages old ones out", () => {
    const window = new OutcomeWindow(1_000);
    window.record(true, 0);
    window.record(false, 450);
    window.record(true, 990);
    expect(window.counts(999)).toEqual({ total: 3, failed: 2 });
    expect(window.counts(1_050)).toEqual({ total: 2, failed: 1 });
    expect(window.counts(2_100)).toEqual({ total: 0, failed: 0 });
  });

  it("forgets everything on reset", () => {
    const window = new OutcomeWindow(1_000);
    window.record(true, 10);
    window.reset();
    expect(window.counts(20)).toEqual({ total: 0, failed: 0 });
  });
});
