import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { portWasTaken, withFreshPorts } from "./port-clash.js";
import { defaultPorts } from "./stack-layout.js";

describe("a service whose port was taken before it bound it", () => {
  it("is recognised from its log, and nothing else is", () => {
    const dir = mkdtempSync(join(tmpdir(), "port-clash-"));
    writeFileSync(join(dir, "executor.log"), '{"level":"fatal","err":{"message":"listen EADDRINUSE: address already in use 127.0.0.1:41459"}}\n');
    writeFileSync(join(dir, "ledger.log"), '{"level":"fatal","err":{"message":"NATS_URL: connection refused"}}\n');
    expect(portWasTaken(join(dir, "executor.log"))).toBe(true);
    expect(portWasTaken(join(dir, "ledger.log"))).toBe(false);
    expect(portWasTaken(join(dir, "missing.log"))).toBe(false);
  });

  it("moves only that service (and the router's HTTP door with the router) to fresh ports", async () => {
    const moved = await withFreshPorts(defaultPorts, "executor");
    expect(moved.services.executor).not.toBe(defaultPorts.services.executor);
    expect(moved.metrics.executor).not.toBe(defaultPorts.metrics.executor);
    expect({ ...moved.services, executor: 0 }).toEqual({ ...defaultPorts.services, executor: 0 });
    expect(moved.http).toBe(defaultPorts.http);
    const router = await withFreshPorts(defaultPorts, "router");
    expect(router.http).not.toBe(defaultPorts.http);
  });
});
