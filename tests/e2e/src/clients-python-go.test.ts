import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot, startTestStack } from "./support/stack-fixture.js";

// The Python and Go example backends, built on the generated clients, against real processes.
// Missing toolchains fail the test with the apt command that brings them: CI installs them
// (scripts/setup-steps.mjs), so a skip here would hide a broken CI set-up.
const run = promisify(execFile);
const debianPython = "/usr/bin/python3";
const gocode = "/usr/share/gocode/src";
let stack: RunningStack;
let environment: NodeJS.ProcessEnv;

beforeAll(async () => {
  stack = await startTestStack({ simLatencyScale: 0 });
  environment = {
    ...process.env,
    SWITCHYARD_TARGET: new URL(stack.urls.router).host,
    SWITCHYARD_API_KEY: "sk-switchyard-local",
    SWITCHYARD_MODEL: "sim-small",
  };
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

async function providerRequests(): Promise<number> {
  const stats = (await (await fetch(`${stack.urls.sim}/_sim/stats`)).json()) as Record<string, { requests: number }>;
  return Object.values(stats).reduce((sum, model) => sum + model.requests, 0);
}

async function requirePython(): Promise<void> {
  const probe = await run(debianPython, ["-c", "import grpc, google.protobuf"]).catch((error: Error) => error);
  if (probe instanceof Error) {
    throw new Error(`Debian's python3-grpcio and python3-protobuf are needed (sudo apt-get install python3-grpcio python3-protobuf): ${probe.message}`);
  }
}

async function requireGo(): Promise<void> {
  const probe = await run("go", ["version"]).catch((error: Error) => error);
  if (probe instanceof Error || !existsSync(join(gocode, "google.golang.org/grpc")) || !existsSync(join(gocode, "google.golang.org/protobuf"))) {
    throw new Error(
      "go and Debian's gRPC sources are needed: sudo apt-get install golang-go golang-google-grpc-dev golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev",
    );
  }
  if (existsSync(join(gocode, "github.com/golang/protobuf/proto/table_unmarshal.go"))) {
    throw new Error(
      "/usr/share/gocode has golang/protobuf 1.3, which grpc cannot use with these messages: sudo apt-get install golang-github-golang-protobuf-1-5-dev",
    );
  }
}

/** The example's output lines keyed by their label ("complete", "stream", "batch[2]", "error bad-key"). */
function linesOf(output: string): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const line of output.trim().split("\n")) {
    const label = /^([a-z]+(?:\[\d+\])?(?: [a-z-]+)?):/.exec(line)?.[1] ?? "";
    lines.set(label, [...(lines.get(label) ?? []), line]);
  }
  return lines;
}

/** "UNAUTHENTICATED" (Python) and "Unauthenticated" (Go) name the same gRPC code. */
const grpcCode = (line: string | undefined) =>
  /code=(\w+)/
    .exec(line ?? "")?.[1]
    ?.replace(/_/g, "")
    .toLowerCase();

function expectAnswersAndErrors(output: string): void {
  const lines = linesOf(output);
  const complete = lines.get("complete")?.[0] ?? "";
  const chosen = /model=(sim-\w+)/.exec(complete)?.[1];
  expect(complete).toMatch(/strategy=auto\/\w+/);
  expect(complete).toMatch(/simulated=(True|true)/);
  expect(Number(/cost_nano_usd=(\d+)/.exec(complete)?.[1])).toBeGreaterThan(0);
  expect(complete).toContain(`answer=${complete.includes("answer='") ? "'" : '"'}[simulated ${chosen}]`);
  expect(lines.get("stream")).toEqual([
    expect.stringMatching(/^stream: start model=sim-small /),
    expect.stringMatching(/^stream: completed deltas=[1-9]\d* .*same_text=(True|true) answer=.\[simulated sim-small\]/),
  ]);
  for (const index of [0, 1]) expect(lines.get(`batch[${index}]`)?.[0]).toMatch(/model=sim-small answer=.\[simulated sim-small\]/);
  expect(lines.get("batch[2]")?.[0]).toMatch(/error code=invalid_argument message=.messages: /);
  expect(grpcCode(lines.get("error bad-key")?.[0])).toBe("unauthenticated");
  expect(lines.get("error bad-key")?.[0]).toContain("invalid API key");
  expect(grpcCode(lines.get("error bad-request")?.[0])).toBe("invalidargument");
  expect(lines.get("error bad-request")?.[0]).toMatch(/message=.messages: /);
  expect(grpcCode(lines.get("error over-limit")?.[0])).toBe("resourceexhausted");
  expect(lines.get("error over-limit")?.[0]).toContain("max_cost");
}

describe("example backends on the generated clients", () => {
  it("Python: Complete, StreamComplete, CompleteBatch and the error codes", async () => {
    await requirePython();
    const before = await providerRequests();
    const script = join(repositoryRoot, "examples/python-backend/backend.py");
    const { stdout } = await run(debianPython, [script], { env: { ...environment, PYTHONPATH: join(repositoryRoot, "clients/python/src") }, timeout: 60_000 });
    expectAnswersAndErrors(stdout);
    // Complete (auto may call more than one model), the stream and two batch items reached the simulator.
    expect(await providerRequests()).toBeGreaterThanOrEqual(before + 4);
  }, 90_000);

  it("Go: the same calls, with the attempts read from the status details", async () => {
    await requireGo();
    const before = await providerRequests();
    const { stdout } = await run(join(repositoryRoot, "examples/go-backend/run.sh"), [], { env: environment, timeout: 150_000 });
    expectAnswersAndErrors(stdout);
    expect(stdout).toMatch(/error over-limit: .* attempts=1$/m);
    expect(await providerRequests()).toBeGreaterThanOrEqual(before + 4);
  }, 180_000);
});
