import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { CompleteRequestSchema, CompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { describe, expect, it } from "vitest";
import { checkShadowRate, shadowTarget } from "./shadow-target.js";

const served = create(CompleteResponseSchema, { model: "medium", routingDecision: { baselineModel: "large", chosenModel: "medium" } });
const withRate = (shadowRate?: number) => create(CompleteRequestSchema, shadowRate === undefined ? {} : { shadowRate });
const draws = [0, 1e-9, 0.25, 0.5, 0.999999];

describe("shadowTarget", () => {
  it("never shadows at rate 0 or unset, whatever the draw", () => {
    for (const draw of draws) {
      expect(shadowTarget(withRate(0), served, () => draw)).toBeUndefined();
      expect(shadowTarget(withRate(), served, () => draw)).toBeUndefined();
    }
  });

  it("always shadows with the baseline model at rate 1", () => {
    for (const draw of draws) expect(shadowTarget(withRate(1), served, () => draw)).toBe("large");
  });

  it("shadows the fraction the draw falls under", () => {
    expect(shadowTarget(withRate(0.3), served, () => 0.29)).toBe("large");
    expect(shadowTarget(withRate(0.3), served, () => 0.31)).toBeUndefined();
  });

  it("does not shadow a request the best model answered, or a cache hit", () => {
    const best = create(CompleteResponseSchema, { model: "large", routingDecision: { baselineModel: "large" } });
    expect(shadowTarget(withRate(1), best, () => 0)).toBeUndefined();
    expect(shadowTarget(withRate(1), create(CompleteResponseSchema, { ...served, cacheHit: true }), () => 0)).toBeUndefined();
  });
});

describe("checkShadowRate", () => {
  it("accepts a fraction and refuses anything else as INVALID_ARGUMENT", () => {
    expect(() => checkShadowRate(withRate(0.5))).not.toThrow();
    for (const rate of [-0.1, 1.5, Number.NaN]) {
      const error = (() => {
        try {
          checkShadowRate(withRate(rate));
        } catch (caught) {
          return ConnectError.from(caught);
        }
        return undefined;
      })();
      expect(error?.code).toBe(Code.InvalidArgument);
    }
  });
});
