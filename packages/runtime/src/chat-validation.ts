import { Code, ConnectError } from "@connectrpc/connect";

/** Roles a conversation may contain. */
export const chatRoles = ["system", "developer", "user", "assistant", "tool"] as const;

export type ChatRole = (typeof chatRoles)[number];

/** A content part as the contracts spell it (the ContentPart oneof). */
export interface ContentPartLike {
  readonly part:
    | { readonly case: "text"; readonly value: string }
    | { readonly case: "image"; readonly value: ImagePartLike }
    | { readonly case: undefined; readonly value?: undefined };
}

/** An image part as the contracts spell it. */
export interface ImagePartLike {
  readonly source:
    | { readonly case: "url"; readonly value: string }
    | { readonly case: "data"; readonly value: Uint8Array }
    | { readonly case: undefined; readonly value?: undefined };
  readonly mediaType: string;
  readonly detail: string;
}

/** The part of a chat message validation looks at (the generated ChatMessage fits). */
export interface ChatMessageLike {
  readonly role: string;
  readonly content: string;
  readonly parts?: readonly ContentPartLike[];
  readonly toolCalls?: readonly { readonly id: string; readonly name: string; readonly argumentsJson: string }[];
  readonly toolCallId?: string;
}

const imageDetails = ["", "auto", "low", "high"];

/**
 * Refuses a conversation a provider could not answer, with INVALID_ARGUMENT and a message that
 * names the field: no messages, an unknown role, no user turn, an empty message, a bad part
 * (empty text, an image without a source, by a URL that is not https: or data:, bytes without an
 * image media type, outside a user turn), an assistant tool call without id or name or with
 * arguments that are not JSON, a tool turn whose `tool_call_id` is missing or answers no earlier
 * call, or a prompt over `maxPromptChars` characters in total.
 */
export function validateConversation(messages: readonly ChatMessageLike[], maxPromptChars: number): void {
  if (messages.length === 0) invalid("messages: at least one message is required");
  const calledIds = new Set<string>();
  let total = 0;
  messages.forEach((message, index) => {
    const field = `messages[${index}]`;
    if (!(chatRoles as readonly string[]).includes(message.role)) {
      invalid(`${field}.role: unknown role "${message.role}"; use one of ${chatRoles.join(", ")}`);
    }
    total += checkBody(message, field);
    for (const call of checkToolCalls(message, field)) calledIds.add(call);
    checkToolAnswer(message, field, calledIds);
  });
  if (!messages.some((message) => message.role === "user")) invalid('messages: at least one message must have role "user"');
  if (total > maxPromptChars) {
    invalid(`messages: prompt is ${total} characters, over the limit of ${maxPromptChars}`);
  }
}

/** Checks content or parts; returns the characters of text the message carries. */
function checkBody(message: ChatMessageLike, field: string): number {
  const parts = message.parts ?? [];
  if (parts.length === 0) {
    const carriesCalls = message.role === "assistant" && (message.toolCalls?.length ?? 0) > 0;
    if (message.content.trim().length === 0 && !carriesCalls) invalid(`${field}.content: must not be empty`);
    return message.content.length;
  }
  if (message.role === "tool") invalid(`${field}.parts: a tool message carries its result as content, not parts`);
  let chars = 0;
  parts.forEach((part, index) => (chars += checkPart(part, `${field}.parts[${index}]`, message.role)));
  return chars;
}

function checkPart(part: ContentPartLike, field: string, role: string): number {
  switch (part.part.case) {
    case "text":
      if (part.part.value.trim().length === 0) invalid(`${field}.text: must not be empty`);
      return part.part.value.length;
    case "image":
      if (role !== "user") invalid(`${field}.image: images are accepted in user messages only`);
      checkImage(part.part.value, `${field}.image`);
      return 0;
    default:
      return invalid(`${field}: set text or image`);
  }
}

function checkImage(image: ImagePartLike, field: string): void {
  if (!imageDetails.includes(image.detail)) invalid(`${field}.detail: "${image.detail}" is not one of auto, low, high`);
  switch (image.source.case) {
    case "url":
      if (!/^(https:\/\/|data:image\/[\w.+-]+;base64,)/i.test(image.source.value))
        invalid(`${field}.url: must be an https: URL or a data:image/...;base64, URL`);
      return;
    case "data":
      if (image.source.value.length === 0) invalid(`${field}.data: must not be empty`);
      if (!/^image\/[\w.+-]+$/.test(image.mediaType)) invalid(`${field}.media_type: an image media type ("image/png", ...) is required with data`);
      return;
    default:
      invalid(`${field}: set url or data`);
  }
}

/** Checks an assistant's tool calls; returns their ids. */
function checkToolCalls(message: ChatMessageLike, field: string): string[] {
  const calls = message.toolCalls ?? [];
  if (calls.length > 0 && message.role !== "assistant") invalid(`${field}.tool_calls: only assistant messages carry tool calls`);
  return calls.map((call, index) => {
    const callField = `${field}.tool_calls[${index}]`;
    if (!call.id) invalid(`${callField}.id: required`);
    if (!call.name) invalid(`${callField}.name: required`);
    if (!isJson(call.argumentsJson)) invalid(`${callField}.arguments_json: not valid JSON`);
    return call.id;
  });
}

function checkToolAnswer(message: ChatMessageLike, field: string, calledIds: ReadonlySet<string>): void {
  const id = message.toolCallId ?? "";
  if (message.role !== "tool") {
    if (id) invalid(`${field}.tool_call_id: only tool messages answer a tool call`);
    return;
  }
  if (!id) invalid(`${field}.tool_call_id: required for role "tool"`);
  if (!calledIds.has(id)) invalid(`${field}.tool_call_id: "${id}" answers no tool call of an earlier assistant message`);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function invalid(message: string): never {
  throw new ConnectError(message, Code.InvalidArgument);
}
