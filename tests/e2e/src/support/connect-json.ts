import { connect } from "node:http2";

/**
 * Posts a raw Connect-protocol JSON body over h2c, the way `curl --http2-prior-knowledge` would,
 * so tests can send what typed clients refuse to build (unknown fields, wrong types).
 */
export function postConnectJson(baseUrl: string, path: string, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const session = connect(baseUrl);
    session.on("error", reject);
    const stream = session.request({ ":method": "POST", ":path": path, "content-type": "application/json", "connect-protocol-version": "1" });
    let status = 0;
    const chunks: Buffer[] = [];
    stream.on("response", (headers) => (status = Number(headers[":status"])));
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      session.close();
      resolve({ status, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown> });
    });
    stream.on("error", reject);
    stream.end(body);
  });
}
