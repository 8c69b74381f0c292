import { describe, expect, it } from "vitest";
import { PeerEndpoints } from "./peer-endpoints.js";
import { parsePeerTarget } from "./peer-target.js";

describe("PeerEndpoints", () => {
  it("rotates through fixed URLs, one step per call", async () => {
    const endpoints = new PeerEndpoints(parsePeerTarget("http://a:1,http://b:1,http://c:1"));
    const firsts = [];
    for (let call = 0; call < 6; call += 1) firsts.push((await endpoints.order())[0]);
    expect(firsts).toEqual(["http://a:1", "http://b:1", "http://c:1", "http://a:1", "http://b:1", "http://c:1"]);
    expect(await endpoints.order()).toEqual(["http://a:1", "http://b:1", "http://c:1"]);
  });

  it("tries an endpoint marked down last until its time is up", async () => {
    let now = 1_000;
    const endpoints = new PeerEndpoints(parsePeerTarget("http://a:1,http://b:1"), { now: () => now, downMs: 500 });
    endpoints.markDown("http://a:1");
    expect(await endpoints.order()).toEqual(["http://b:1", "http://a:1"]);
    expect(await endpoints.order()).toEqual(["http://b:1", "http://a:1"]);
    now += 501;
    expect(await endpoints.order()).toEqual(["http://a:1", "http://b:1"]);
  });

  it("resolves dns:/// names to every address and follows changes after the refresh interval", async () => {
    let now = 0;
    let addresses = ["10.0.0.2", "10.0.0.1", "10.0.0.1"];
    const lookups: string[] = [];
    const endpoints = new PeerEndpoints(parsePeerTarget("dns:///executor:50053"), {
      now: () => now,
      refreshMs: 1_000,
      resolve: async (host) => {
        lookups.push(host);
        return addresses;
      },
    });
    expect(await endpoints.current()).toEqual(["http://10.0.0.1:50053", "http://10.0.0.2:50053"]);
    addresses = ["10.0.0.3", "fd00::7"];
    expect(await endpoints.current()).toEqual(["http://10.0.0.1:50053", "http://10.0.0.2:50053"]);
    now += 1_001;
    await endpoints.current(); // starts a refresh in the background and answers from what it knows
    await new Promise((resolve) => setImmediate(resolve));
    expect(await endpoints.current()).toEqual(["http://10.0.0.3:50053", "http://[fd00::7]:50053"]);
    expect(lookups).toEqual(["executor", "executor"]);
  });

  it("keeps the last addresses when resolution fails, and falls back to the name when it never worked", async () => {
    let fail = false;
    const endpoints = new PeerEndpoints(parsePeerTarget("dns:///ledger:50055"), {
      refreshMs: 0,
      resolve: async () => {
        if (fail) throw new Error("SERVFAIL");
        return ["10.0.0.9"];
      },
    });
    expect(await endpoints.current()).toEqual(["http://10.0.0.9:50055"]);
    fail = true;
    await endpoints.current();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await endpoints.current()).toEqual(["http://10.0.0.9:50055"]);
    const neverResolved = new PeerEndpoints(parsePeerTarget("dns:///ledger:50055"), { resolve: () => Promise.reject(new Error("NXDOMAIN")) });
    expect(await neverResolved.current()).toEqual(["http://ledger:50055"]);
  });
});
