import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const assetsDir = join(dirname(fileURLToPath(import.meta.url)), "assets");
/** Chart.js's self-contained build, beside its main file in node_modules (a production dependency). */
const chartJs = join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js");

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** The file for a path under /dashboard/, or undefined for one outside the assets. */
function fileOf(relative: string): string | undefined {
  if (relative === "vendor/chart.umd.min.js") return chartJs;
  const file = normalize(join(assetsDir, relative));
  return file.startsWith(`${assetsDir}/`) ? file : undefined;
}

/** Serves a dashboard asset (GET or HEAD), 404 for anything else. */
export async function serveAsset(relative: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const file = fileOf(relative);
  if ((request.method !== "GET" && request.method !== "HEAD") || !file) {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  try {
    const content = await readFile(file);
    response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    response.end(request.method === "HEAD" ? undefined : content);
  } catch {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}
