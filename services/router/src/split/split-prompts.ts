import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ChatMessageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";

/**
 * Where the document of a split is: the longest user message (the last of equals). Every other
 * message (system prompt, the question in its own turn) goes into every call unchanged.
 */
export function documentIndex(messages: readonly ChatMessage[]): number {
  let found = -1;
  for (const [index, message] of messages.entries()) {
    if (message.role === "user" && (found < 0 || message.content.length >= messages[found]!.content.length)) found = index;
  }
  if (found < 0 || messages[found]!.content === "" || messages[found]!.parts.length > 0) {
    throw new ConnectError("messages: split needs a user message of plain text to cut into chunks", Code.InvalidArgument);
  }
  return found;
}

/** The messages of one chunk's call: the document replaced by the chunk, framed as part i of n. */
export function mapMessages(messages: readonly ChatMessage[], document: number, chunk: string, index: number, count: number): ChatMessage[] {
  const frame =
    `This is part ${index + 1} of ${count} of an input too long to read at once (neighbouring parts overlap slightly). ` +
    "Answer the request from this part alone, briefly; say so if this part holds nothing for it.\n\n";
  return replaced(messages, document, frame + chunk);
}

/** The messages of the combine call: the document replaced by every part's answer, in order. */
export function reduceMessages(messages: readonly ChatMessage[], document: number, answers: readonly string[]): ChatMessage[] {
  const frame =
    `The input was too long to read at once, so it was read in ${answers.length} parts; below is the answer from each part, in order. ` +
    "Combine them into one answer to the request: keep what they agree on, join what each adds, drop repeats.";
  const parts = answers.map((answer, index) => `### Part ${index + 1}\n${answer}`).join("\n\n");
  return replaced(messages, document, `${frame}\n\n${parts}`);
}

function replaced(messages: readonly ChatMessage[], index: number, content: string): ChatMessage[] {
  return messages.map((message, at) => (at === index ? create(ChatMessageSchema, { role: "user", content }) : message));
}
