import type { MessageInitShape } from "@bufbuild/protobuf";
import { CompleteResponseSchema, StreamCompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequestSchema, CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { Command, CommandContext } from "../command-context.js";
import { messageJson, messageJsonLine } from "../json-output.js";
import { usd } from "../money-text.js";
import { listOf, numberFlag, parseFlags } from "../parse-flags.js";
import { UsageError } from "../usage-error.js";
import { strategyNames, strategyOf } from "./strategy-flag.js";

const options = {
  strategy: { type: "string" },
  model: { type: "string", multiple: true },
  stream: { type: "boolean" },
  "min-quality": { type: "string" },
  "max-tokens": { type: "string" },
  tag: { type: "string", multiple: true },
} as const;

function tagsOf(values: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (values ?? []).map((tag) => {
      const at = tag.indexOf("=");
      if (at <= 0) throw new UsageError(`--tag: expected key=value, got "${tag}"`);
      return [tag.slice(0, at), tag.slice(at + 1)];
    }),
  );
}

function requestOf(args: readonly string[]): MessageInitShape<typeof CompleteRequestSchema> & { stream: boolean } {
  const { values, positionals } = parseFlags(args, options);
  const prompt = positionals.join(" ").trim();
  if (!prompt) throw new UsageError('ask: a prompt is required, e.g. switchyard ask "Say hi"');
  const maxTokens = numberFlag("max-tokens", values["max-tokens"], 1, 1_000_000);
  return {
    messages: [{ role: "user", content: prompt }],
    strategy: strategyOf(values.strategy ?? "auto", listOf(values.model), numberFlag("min-quality", values["min-quality"], 0, 1)),
    params: maxTokens === undefined ? {} : { maxOutputTokens: maxTokens },
    tags: tagsOf(values.tag),
    stream: values.stream ?? false,
  };
}

function summary(response: CompleteResponse): string {
  const attempts = response.attempts.length;
  return (
    `${response.model}${response.simulated ? " (simulated)" : ""} · ${response.strategy} · ${usd(response.totalCostNanoUsd)} · ` +
    `${attempts} attempt${attempts === 1 ? "" : "s"} · request ${response.requestId}\n`
  );
}

async function streamed(request: MessageInitShape<typeof CompleteRequestSchema>, context: CommandContext): Promise<void> {
  for await (const event of context.router.streamComplete(request, { signal: context.signal })) {
    if (context.json) context.output.out(messageJsonLine(StreamCompleteResponseSchema, event));
    else if (event.event.case === "delta") context.output.out(event.event.value.text);
    else if (event.event.case === "completed") context.output.err(`\n${summary(event.event.value)}`);
  }
}

/** `switchyard ask "prompt"`: one question through the router, answered or streamed. */
export const askCommand: Command = {
  name: "ask",
  summary: 'ask a question: ask "prompt" [--strategy auto] [--model m] [--stream]',
  usage: `usage: switchyard ask "prompt" [--strategy ${strategyNames.join("|")}] [--model m[,m...]] [--stream]
                     [--min-quality 0.8] [--max-tokens n] [--tag key=value ...] [--json]
  The answer goes to stdout; model, strategy, cost, attempts and request id to stderr.`,
  async run(args, context) {
    const { stream, ...request } = requestOf(args);
    if (stream) return streamed(request, context);
    const response = await context.router.complete(request, { signal: context.signal });
    if (context.json) return context.output.out(messageJson(CompleteResponseSchema, response));
    context.output.out(`${response.answer}\n`);
    context.output.err(summary(response));
  },
};
