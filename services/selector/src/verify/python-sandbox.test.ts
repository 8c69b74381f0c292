import { existsSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCodeAnswer } from "./code-verifier.js";
import { runSandboxed, sandboxAvailable } from "./python-sandbox.js";

const limits = { cpuSeconds: 2, memoryBytes: 256 * 1024 * 1024, wallMs: 4_000, outputBytes: 16 * 1024 };

// Every program here is hostile; each must be stopped and scored as failing, and leave no trace.
describe("the Python sandbox", { timeout: 60_000 }, () => {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  let port = 0;
  beforeAll(async () => {
    expect(sandboxAvailable()).toBe(true);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("passes a correct program and fails a wrong one", async () => {
    expect((await runSandboxed("import math, re, collections\nassert math.gcd(12, 18) == 6\n", limits)).status).toBe("passed");
    expect((await runSandboxed("assert 1 + 1 == 3\n", limits)).status).toBe("failed");
  });

  it("stops a program that loops forever", async () => {
    const result = await runSandboxed("while True:\n    pass\n", limits);
    expect(result.status).toBe("timeout");
  });

  it("stops a program that allocates without bound", async () => {
    const result = await runSandboxed("chunks = []\nwhile True:\n    chunks.append(bytearray(50_000_000))\n", limits);
    expect(["failed", "killed", "timeout"]).toContain(result.status);
    expect(result.status).not.toBe("passed");
  });

  it("refuses a socket, even one a hostile program imports behind a try", async () => {
    const program = `try:\n    import socket\n    socket.create_connection(("127.0.0.1", ${port}), timeout=1).sendall(b"x")\nexcept BaseException:\n    pass\n`;
    const result = await runSandboxed(program, limits);
    expect(result.status).toBe("blocked");
    const viaImport = await runSandboxed(`s = __import__("_socket").socket()\ns.connect(("127.0.0.1", ${port}))\n`, limits);
    expect(viaImport.status).toBe("blocked");
    expect(connections).toBe(0);
  });

  it("refuses to read or write a file", async () => {
    expect((await runSandboxed("print(open('/etc/passwd').read())\n", limits)).status).toBe("blocked");
    const marker = join(tmpdir(), `sandbox-escape-${process.pid}`);
    expect((await runSandboxed(`open(${JSON.stringify(marker)}, "w").write("x")\n`, limits)).status).toBe("blocked");
    expect((await runSandboxed(`import os\nos.close(os.open(${JSON.stringify(marker)}, os.O_CREAT | os.O_WRONLY))\n`, limits)).status).toBe("blocked");
    expect((await runSandboxed("import os\nprint(os.listdir('/'))\n", limits)).status).toBe("blocked");
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses to start a process or load native code", async () => {
    const marker = join(tmpdir(), `sandbox-spawn-${process.pid}`);
    for (const program of [
      `import os\nos.system("touch ${marker}")\n`,
      `import subprocess\nsubprocess.run(["touch", "${marker}"])\n`,
      "import os\nos.fork()\n",
      `import os\nos.execv("/bin/sh", ["sh", "-c", "touch ${marker}"])\n`,
      "import ctypes\n",
    ]) {
      const result = await runSandboxed(program, limits);
      expect(result.status, program).toBe("blocked");
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe("verifyCodeAnswer", { timeout: 60_000 }, () => {
  const mbpp =
    "Write a function to find the shared elements from the given two lists.\nYour code should pass these tests:\n\nassert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10))) == set((4, 5))\nassert set(similar_elements((1, 2, 3, 4),(5, 4, 3, 7))) == set((3, 4))\n";

  it("passes an answer that meets the prompt's tests and fails one that does not", async () => {
    const good = await verifyCodeAnswer(mbpp, "```python\ndef similar_elements(a, b):\n    return tuple(set(a) & set(b))\n```");
    expect(good).toMatchObject({ verdict: "passed", tests: 2, run: "passed" });
    const bad = await verifyCodeAnswer(mbpp, "```python\ndef similar_elements(a, b):\n    return a\n```");
    expect(bad).toMatchObject({ verdict: "failed", run: "failed" });
    expect(bad.detail).toContain("AssertionError");
  });

  it("fails a hostile answer and one with no code; a prompt without tests is not verifiable", async () => {
    expect(await verifyCodeAnswer(mbpp, "```python\nimport os\nos.system('id')\n```")).toMatchObject({ verdict: "failed", run: "blocked" });
    expect(await verifyCodeAnswer(mbpp, "I would use sets.")).toMatchObject({ verdict: "failed", run: undefined });
    expect((await verifyCodeAnswer("What is the capital of France?", "Paris")).verdict).toBe("not_applicable");
  });

  it("completes a HumanEval prompt's signature and checks its doctests", async () => {
    const prompt = 'def add(a, b):\n    """Adds two numbers.\n    >>> add(2, 3)\n    5\n    """\n';
    expect((await verifyCodeAnswer(prompt, "    return a + b\n")).verdict).toBe("passed");
    expect((await verifyCodeAnswer(prompt, "    return a - b\n")).verdict).toBe("failed");
  });
});
