import { connect } from "node:http2";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";

/** The unary AccountService methods the dashboard may call (streams stay with gRPC clients). */
const unaryMethods = new Set(
  Object.values(AccountService.method)
    .filter((method) => method.methodKind === "unary")
    .map((method) => method.name),
);

const maxBodyBytes = 64 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) request.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function answer(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ code, message }));
}

/** Forwards one Connect JSON call to AccountService over h2c and streams the answer back. */
function forward(accountUrl: string, method: string, body: Buffer, authorization: string | undefined, response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const session = connect(accountUrl);
    const fail = (error: Error): void => {
      if (!response.headersSent) answer(response, 503, "unavailable", `the router's AccountService did not answer: ${error.message}`);
      session.destroy();
      resolve();
    };
    session.on("error", fail);
    const headers = {
      ":method": "POST",
      ":path": `/${AccountService.typeName}/${method}`,
      "content-type": "application/json",
      "connect-protocol-version": "1",
    };
    const call = session.request(authorization ? { ...headers, authorization } : headers);
    call.on("response", (incoming) => {
      response.writeHead(Number(incoming[":status"]), { "content-type": String(incoming["content-type"] ?? "application/json"), "cache-control": "no-store" });
    });
    call.on("data", (chunk: Buffer) => response.write(chunk));
    call.on("end", () => {
      response.end();
      session.close();
      resolve();
    });
    call.on("error", fail);
    call.end(body);
  });
}

/**
 * Serves POST /dashboard/api/<Method> by calling AccountService.<Method> with the browser's
 * `authorization` header; anything but a unary AccountService method is NOT_FOUND.
 */
export async function proxyAccountCall(accountUrl: string, method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "POST") return answer(response, 405, "invalid_argument", "use POST with a Connect JSON body");
  if (!unaryMethods.has(method)) return answer(response, 404, "not_found", `no AccountService method "${method}" for the dashboard`);
  try {
    const body = await readBody(request);
    await forward(accountUrl, method, body, request.headers.authorization, response);
  } catch (error) {
    answer(response, 400, "invalid_argument", error instanceof Error ? error.message : String(error));
  }
}
