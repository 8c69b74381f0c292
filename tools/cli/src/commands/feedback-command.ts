import { RouterServiceFeedbackResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { Command } from "../command-context.js";
import { messageJson } from "../json-output.js";
import { numberFlag, parseFlags } from "../parse-flags.js";
import { UsageError } from "../usage-error.js";

const options = { quality: { type: "string" }, "thumbs-up": { type: "boolean" }, "thumbs-down": { type: "boolean" }, comment: { type: "string" } } as const;

/** `switchyard feedback REQUEST_ID --quality 0.9`: tells the router how good an answer was. */
export const feedbackCommand: Command = {
  name: "feedback",
  summary: "rate an answer: feedback REQUEST_ID --quality 0.9 | --thumbs-up | --thumbs-down",
  usage: `usage: switchyard feedback REQUEST_ID (--quality 0..1 | --thumbs-up | --thumbs-down) [--comment text] [--json]
  Accepted once per request, for requests your tenant made.`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, options);
    const [requestId, ...extra] = positionals;
    if (!requestId || extra.length > 0) throw new UsageError("feedback: give exactly one REQUEST_ID (printed by ask)");
    const quality = numberFlag("quality", values.quality, 0, 1);
    const given = [quality !== undefined, values["thumbs-up"] === true, values["thumbs-down"] === true].filter(Boolean).length;
    if (given !== 1) throw new UsageError("feedback: give exactly one of --quality, --thumbs-up, --thumbs-down");
    const signal = quality !== undefined ? { case: "quality" as const, value: quality } : { case: "thumbsUp" as const, value: values["thumbs-up"] === true };
    const response = await context.router.feedback({ requestId, signal, comment: values.comment ?? "" }, { signal: context.signal });
    context.output.out(context.json ? messageJson(RouterServiceFeedbackResponseSchema, response) : response.duplicate ? "already recorded\n" : "recorded\n");
  },
};
