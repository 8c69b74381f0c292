import { z } from "zod";

/** One turn of a conversation prompt in a data file. */
const messageSchema = z.looseObject({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string(),
});

/** A record's prompt: plain text, or a conversation (at least one message). */
export const promptFieldSchema = z.union([z.string(), z.array(messageSchema).min(1)]);

export type PromptField = z.infer<typeof promptFieldSchema>;

/**
 * The text the selector scores for a prompt: a string as is; a conversation's message contents
 * joined in order by a blank line, exactly as the service joins a request's messages.
 */
export function promptTextOf(prompt: PromptField): string {
  return typeof prompt === "string" ? prompt : prompt.map((message) => message.content).join("\n\n");
}
