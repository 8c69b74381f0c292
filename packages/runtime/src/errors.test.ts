import { Code, ConnectError } from "@connectrpc/connect";
import { JetStreamApiError } from "@nats-io/jetstream";
import { NoRespondersError } from "@nats-io/transport-node";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toConnectError } from "./errors.js";

describe("toConnectError", () => {
  it("keeps ConnectErrors as they are", () => {
    const error = new ConnectError("gone", Code.NotFound);
    expect(toConnectError(error)).toBe(error);
  });

  it("turns validation errors into INVALID_ARGUMENT naming the field", () => {
    const result = z.object({ limit: z.number().min(0) }).safeParse({ limit: -1 });
    const error = toConnectError(result.error);
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/^limit: /);
  });

  it("turns NATS and JetStream outages into UNAVAILABLE", () => {
    expect(toConnectError(new NoRespondersError("switchyard.cost.v1.local")).code).toBe(Code.Unavailable);
    expect(toConnectError(new JetStreamApiError({ err_code: 10008, code: 503, description: "JetStream system temporarily unavailable" })).code).toBe(
      Code.Unavailable,
    );
  });

  it("treats an error caused by a NATS outage as the outage (a KV write during a leader election)", () => {
    // What @nats-io/jetstream throws then: JetStreamNotEnabled (not exported) wrapping "no responders".
    const wrapped = new Error("jetstream is not enabled", { cause: new NoRespondersError("$KV.LEDGER_ACCOUNTS.tenant.capped") });
    wrapped.name = "JetStreamNotEnabled";
    const error = toConnectError(wrapped);
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toMatch(/^event bus unavailable: jetstream is not enabled/);
  });

  it("hides unexpected errors behind INTERNAL, keeping the cause", () => {
    const cause = new TypeError("secret detail");
    const error = toConnectError(cause);
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toBe("internal error");
    expect(error.cause).toBe(cause);
  });
});
