import { codeTaskOf, programOf, testScript } from "./code-tests.js";
import type { SandboxLimits, SandboxStatus } from "./python-sandbox.js";
import { defaultSandboxLimits, runSandboxed } from "./python-sandbox.js";

/** What verifying an answer found. */
export interface Verification {
  /** `passed`/`failed` when tests ran; `not_applicable` when the prompt states none or the answer has no code. */
  readonly verdict: "passed" | "failed" | "not_applicable" | "unavailable";
  readonly tests: number;
  /** How the sandboxed run ended, when one ran. */
  readonly run: SandboxStatus | undefined;
  readonly detail: string;
}

/**
 * Runs a code answer against the tests its prompt states, in the sandbox. Anything but a clean
 * exit within the limits (a failed assert, an exception, a blocked call, a timeout, a kill) is a
 * failed verification.
 */
export async function verifyCodeAnswer(prompt: string, answer: string, limits: SandboxLimits = defaultSandboxLimits): Promise<Verification> {
  const task = codeTaskOf(prompt);
  if (!task) return { verdict: "not_applicable", tests: 0, run: undefined, detail: "the prompt states no tests" };
  const program = programOf(answer) ?? (task.promptCode !== undefined && answer.trim() !== "" ? answer : undefined);
  if (program === undefined) return { verdict: "failed", tests: task.tests.length, run: undefined, detail: "the answer holds no code" };
  const result = await runSandboxed(testScript(task, program), limits);
  if (result.status === "unavailable") return { verdict: "unavailable", tests: task.tests.length, run: result.status, detail: result.detail };
  return { verdict: result.status === "passed" ? "passed" : "failed", tests: task.tests.length, run: result.status, detail: result.detail.slice(-500) };
}
