import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { GoawaySafeSessionManager } from "./goaway-safe-session.js";

const servers: { server: http2.Http2Server; sessions: http2.ServerHttp2Session[] }[] = [];
afterEach(async () => {
  for (const { server, sessions } of servers.splice(0)) {
    for (const session of sessions) session.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An h2c server that answers every request with "ok" and hands out its sessions. */
async function startServer(): Promise<{ url: string; sessions: http2.ServerHttp2Session[] }> {
  const sessions: http2.ServerHttp2Session[] = [];
  const server = http2.createServer();
  server.on("session", (session) => sessions.push(session));
  server.on("stream", (stream) => {
    stream.respond({ ":status": 200 });
    stream.end("ok");
  });
  servers.push({ server, sessions });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sessions };
}

async function call(manager: GoawaySafeSessionManager): Promise<string> {
  const stream = await manager.request("POST", "/echo", {}, {});
  stream.end();
  let body = "";
  for await (const chunk of stream) {
    manager.notifyResponseByteRead(stream);
    body += String(chunk);
  }
  return body;
}

describe("GoawaySafeSessionManager", () => {
  it("survives a GOAWAY on an idle connection followed at once by a new call", async () => {
    const server = await startServer();
    const manager = new GoawaySafeSessionManager(server.url);
    for (let round = 0; round < 5; round += 1) {
      const stream = await manager.request("POST", "/echo", {}, {});
      stream.end();
      for await (const _chunk of stream) manager.notifyResponseByteRead(stream);
      const session = stream.session!;
      // The server drains (as a stopping service does): GOAWAY with NO_ERROR and no call open.
      server.sessions.at(-1)!.goaway(http2.constants.NGHTTP2_NO_ERROR);
      await once(session, "goaway");
      // A call right away moves the manager to a new connection while the old socket is still closing.
      expect(await call(manager)).toBe("ok");
      await sleep(20);
      expect(session.destroyed).toBe(true);
    }
    manager.abort();
  });
});
