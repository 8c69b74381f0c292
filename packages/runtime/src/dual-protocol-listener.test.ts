import { connect } from "node:http2";
import { afterEach, describe, expect, it } from "vitest";
import { withCors } from "./cors-handler.js";
import type { DualProtocolHandler, DualProtocolListener } from "./dual-protocol-listener.js";
import { startDualProtocolListener } from "./dual-protocol-listener.js";

const echoVersion: DualProtocolHandler = (request, response) => {
  response.setHeader("content-type", "text/plain");
  response.end(`HTTP/${request.httpVersion}`);
};

let listener: DualProtocolListener | undefined;
afterEach(async () => {
  listener?.destroyConnections();
  await listener?.close();
  listener = undefined;
});

function http2Get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.on("error", reject);
    const stream = session.request({ ":path": path });
    let body = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (body += chunk));
    stream.on("end", () => {
      session.close();
      resolve(body);
    });
  });
}

describe("dual-protocol listener", () => {
  it("serves HTTP/1.1 and cleartext HTTP/2 on one port", async () => {
    listener = await startDualProtocolListener(echoVersion, "127.0.0.1", 0);
    expect(await (await fetch(`http://127.0.0.1:${listener.port}/`)).text()).toBe("HTTP/1.1");
    expect(await http2Get(listener.port, "/")).toBe("HTTP/2.0");
  });

  it("closes once open connections are done", async () => {
    listener = await startDualProtocolListener(echoVersion, "127.0.0.1", 0);
    await fetch(`http://127.0.0.1:${listener.port}/`);
    await listener.close();
    await expect(fetch(`http://127.0.0.1:${listener.port}/`)).rejects.toThrow();
    listener = undefined;
  });
});

describe("CORS", () => {
  it("is off without origins, and answers preflights only for listed origins", async () => {
    listener = await startDualProtocolListener(withCors(echoVersion, { allowedOrigins: ["https://app.example"] }), "127.0.0.1", 0);
    const preflight = (origin: string) =>
      fetch(`http://127.0.0.1:${listener!.port}/switchyard.v1.RouterService/Complete`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST" },
      });
    const allowed = await preflight("https://app.example");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/connect-protocol-version/i);
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/authorization/i);
    const refused = await preflight("https://evil.example");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(withCors(echoVersion, undefined)).toBe(echoVersion);
  });
});
