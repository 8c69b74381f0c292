import { Code, ConnectError } from "@connectrpc/connect";
import { meshTokenHeader } from "@switchyard/runtime";
import { probeWithoutCredentials } from "@switchyard/runtime/testing";
import type { RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "./test-support/ledger-harness.js";
import { keys, startReplica, startTestNats, withKey } from "./test-support/ledger-harness.js";

let nats: RunningNats;
let guarded: Replica;
let open: Replica;
const meshToken = "mesh-token-for-tests-0123456789";

beforeAll(async () => {
  nats = await startTestNats();
  guarded = await startReplica(nats.url, { meshToken });
  open = await startReplica(nats.url, { devTenant: "globex" });
}, 30_000);
afterAll(async () => {
  await guarded?.stop();
  await open?.stop();
  await nats?.stop();
});

const tenantOf = async (replica: Replica, headers: Record<string, string>): Promise<string | ConnectError> => {
  try {
    const reserved = await replica.client().reserve({ requestId: `who-${Math.random()}`, estimatedMaxCostNanoUsd: 0n }, { headers });
    return reserved.reservationId.split(".")[1]!;
  } catch (error) {
    return ConnectError.from(error);
  }
};

describe("who the ledger believes", () => {
  it("believes a mesh peer's x-switchyard-tenant only with the mesh token, when one is configured", async () => {
    expect(await tenantOf(guarded, { "x-switchyard-tenant": "acme" })).toMatchObject({ code: Code.Unauthenticated });
    expect(await tenantOf(guarded, { "x-switchyard-tenant": "acme", [meshTokenHeader]: "wrong-token-wrong-token" })).toMatchObject({
      code: Code.Unauthenticated,
    });
    expect(await tenantOf(guarded, { "x-switchyard-tenant": "acme", [meshTokenHeader]: meshToken })).toBe("acme");
    expect(await tenantOf(guarded, { "x-switchyard-tenant": "initech", [meshTokenHeader]: meshToken })).toMatchObject({ code: Code.Unauthenticated });
  });

  it("lets an API key decide over any tenant header, and refuses a malformed authorization", async () => {
    expect(await tenantOf(guarded, { ...withKey(keys.globex).headers, "x-switchyard-tenant": "acme" })).toBe("globex");
    expect(await tenantOf(guarded, { authorization: "Basic abc" })).toMatchObject({ code: Code.Unauthenticated });
  });

  it("answers keyless calls as the dev tenant only where one is configured", async () => {
    expect(await tenantOf(open, {})).toBe("globex");
    expect(await tenantOf(guarded, {})).toMatchObject({ code: Code.Unauthenticated });
    expect(await tenantOf(open, { "x-switchyard-tenant": "acme" })).toBe("acme");
  });
});

describe("the ledger's open endpoints", () => {
  it("answers health and reflection without credentials, even with a mesh token configured", async () => {
    const probe = await probeWithoutCredentials(guarded.service.url);
    expect(probe.liveness).toBe("SERVING");
    expect(probe.services).toEqual(expect.arrayContaining(["switchyard.v1.LedgerService", "grpc.health.v1.Health"]));
  });
});
