import { Code, ConnectError } from "@connectrpc/connect";

/** Roles a conversation may contain. */
export const chatRoles = ["system", "developer", "user", "assistant"] as const;

export type ChatRole = (typeof chatRoles)[number];

/** The part of a chat message validation looks at (the generated ChatMessage fits). */
export interface ChatMessageLike {
  readonly role: string;
  readonly content: string;
}

/**
 * Refuses a conversation a provider could not answer, with INVALID_ARGUMENT and a message that
 * says exactly what is wrong: no messages, an unknown role, no user turn, an empty message, or a
 * prompt over `maxPromptChars` characters in total.
 */
export function validateConversation(messages: readonly ChatMessageLike[], maxPromptChars: number): void {
  if (messages.length === 0) invalid("messages: at least one message is required");
  let total = 0;
  messages.forEach((message, index) => {
    if (!(chatRoles as readonly string[]).includes(message.role)) {
      invalid(`messages[${index}].role: unknown role "${message.role}"; use one of ${chatRoles.join(", ")}`);
    }
    if (message.content.trim().length === 0) invalid(`messages[${index}].content: must not be empty`);
    total += message.content.length;
  });
  if (!messages.some((message) => message.role === "user")) invalid("messages: at least one message must have role \"user\"");
  if (total > maxPromptChars) {
    invalid(`messages: prompt is ${total} characters, over the limit of ${maxPromptChars}`);
  }
}

function invalid(message: string): never {
  throw new ConnectError(message, Code.InvalidArgument);
}
