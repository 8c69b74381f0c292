import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultPlan, parseFault } from "./faults.js";
import { HttpError, readJsonBody, sendJson } from "./http-io.js";
import { handleOllamaChat, handleOllamaTags, sendOllamaHttpError } from "./ollama-protocol.js";
import { handleOpenAiChat, handleOpenAiModels, sendOpenAiHttpError } from "./openai-protocol.js";
import type { ReplayIndex } from "./replay-data.js";
import type { ReplayModelProfile } from "./replay-source.js";
import { lookupReplay, replayAnswers, replaySimModels, replaySummary } from "./replay-source.js";
import type { AnswerSource } from "./sim-completion.js";
import type { SimModel } from "./sim-models.js";
import { SimStats } from "./sim-stats.js";
import { structuredAnswers } from "./structured-answers.js";

/** What a simulator instance serves. */
export interface SimServerOptions {
  readonly models: readonly SimModel[];
  /**
   * Answer sources consulted before the default answer. Critique and judge prompts are always
   * answered first (structured JSON), replayed records last.
   */
  readonly answerSources?: readonly AnswerSource[];
  /** When set, OpenAI-protocol requests must carry this bearer key. */
  readonly apiKey?: string;
  /** Replay mode: every model of these records is served and answers with its recorded response. */
  readonly replay?: { readonly index: ReplayIndex; readonly profile: ReplayModelProfile };
}

/** A running simulator. */
export interface RunningSim {
  readonly url: string;
  readonly port: number;
  readonly stats: SimStats;
  readonly faults: FaultPlan;
  close(): Promise<void>;
}

/**
 * Builds the simulator's HTTP server: OpenAI `/v1/chat/completions` and `/v1/models`, Ollama
 * `/api/chat` and `/api/tags`, and `/_sim/*` controls for tests (fault queue, stats, reset).
 */
export function buildSimServer(options: SimServerOptions): { server: Server; stats: SimStats; faults: FaultPlan } {
  const replay = options.replay;
  const replayModels = replay ? replaySimModels(replay.index, replay.profile) : [];
  const models = new Map([...options.models, ...replayModels].map((model) => [model.name, model]));
  const stats = new SimStats();
  const faults = new FaultPlan();
  const answerSources = [structuredAnswers, ...(options.answerSources ?? []), ...(replay ? [replayAnswers(replay.index)] : [])];
  const deps = { models, stats, faults, answerSources, apiKey: options.apiKey, replay: replay?.index };
  const server = createServer((request, response) => {
    route(request, response, deps).catch((error: unknown) => {
      const httpError = error instanceof HttpError ? error : new HttpError(500, "simulator failure");
      if (response.headersSent) response.destroy();
      else if (request.url?.startsWith("/api/")) sendOllamaHttpError(response, httpError);
      else sendOpenAiHttpError(response, httpError);
    });
  });
  server.keepAliveTimeout = 65_000;
  return { server, stats, faults };
}

/** Starts a simulator on `port` (0 picks a free port). */
export async function startSimServer(options: SimServerOptions, host: string, port: number): Promise<RunningSim> {
  const { server, stats, faults } = buildSimServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    stats,
    faults,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type RouteDeps = Parameters<typeof handleOpenAiChat>[2] & { readonly replay: ReplayIndex | undefined };

async function route(request: IncomingMessage, response: ServerResponse, deps: RouteDeps): Promise<void> {
  const path = (request.url ?? "/").split("?")[0];
  const key = `${request.method ?? "GET"} ${path}`;
  switch (key) {
    case "POST /v1/chat/completions":
      return handleOpenAiChat(request, response, deps);
    case "GET /v1/models":
      return handleOpenAiModels(response, deps.models);
    case "POST /api/chat":
      return handleOllamaChat(request, response, deps);
    case "GET /api/tags":
      return handleOllamaTags(response, deps.models);
    case "POST /_sim/faults":
      return queueFault(request, response, deps);
    case "DELETE /_sim/faults":
      deps.faults.reset();
      return sendJson(response, 200, { ok: true });
    case "GET /_sim/stats":
      return sendJson(response, 200, deps.stats.snapshot());
    case "POST /_sim/reset":
      deps.faults.reset();
      deps.stats.reset();
      return sendJson(response, 200, { ok: true });
    case "GET /_sim/replay":
      return sendJson(response, 200, replaySummary(deps.replay));
    case "POST /_sim/replay/lookup":
      return lookupPrompt(request, response, deps.replay);
    case "GET /healthz":
      return sendJson(response, 200, { ok: true, simulated: true, models: [...deps.models.keys()] });
    default:
      throw new HttpError(404, `no route for ${key}`);
  }
}

async function queueFault(request: IncomingMessage, response: ServerResponse, deps: RouteDeps): Promise<void> {
  const body = await readJsonBody(request);
  const model = typeof body["model"] === "string" ? body["model"] : "";
  if (!deps.models.has(model)) throw new HttpError(404, `unknown model "${model}"`);
  let fault;
  try {
    fault = parseFault(typeof body["fault"] === "string" ? body["fault"] : "");
  } catch (error) {
    throw new HttpError(400, (error as Error).message);
  }
  const times = typeof body["times"] === "number" ? body["times"] : 1;
  deps.faults.enqueue(model, { ...fault, times });
  sendJson(response, 200, { queued: fault.kind, model, times });
}

async function lookupPrompt(request: IncomingMessage, response: ServerResponse, replay: ReplayIndex | undefined): Promise<void> {
  if (!replay) throw new HttpError(404, "replay mode is off (start the simulator with SIM_REPLAY=<file.jsonl>)");
  const body = await readJsonBody(request);
  const prompt = body["prompt"];
  const model = body["model"];
  if (typeof prompt !== "string") throw new HttpError(400, "'prompt' must be a string");
  if (model !== undefined && typeof model !== "string") throw new HttpError(400, "'model' must be a string when given");
  sendJson(response, 200, lookupReplay(replay, prompt, model));
}
