/** A tool a request offers, as far as the simulator reads it. */
export interface SimTool {
  readonly name: string;
  readonly parameters: Record<string, unknown>;
}

/**
 * What a chat request asks for beyond text, read from either protocol: the tools it offers and
 * whether one must (or must not) be called, the JSON shape of the answer, and how many images
 * its last user turn shows.
 */
export interface ChatFeatures {
  readonly tools: readonly SimTool[];
  /** "auto" (the default), "none", "required", or the name of the tool that must be called. */
  readonly toolChoice: string;
  /** A JSON-schema answer (OpenAI `response_format` json_schema, Ollama `format` object). */
  readonly responseSchema?: Record<string, unknown>;
  /** Any JSON object (OpenAI json_object, Ollama `format: "json"`). */
  readonly jsonObject: boolean;
  readonly images: number;
  /** The tool results the conversation ends with (the model answers them). */
  readonly toolResults: readonly { readonly name: string; readonly content: string }[];
}

type Json = Record<string, unknown>;

/** Reads the features of an OpenAI chat-completions body. */
export function readOpenAiFeatures(body: Json): ChatFeatures {
  const format = body["response_format"] as Json | undefined;
  const schema = format?.["type"] === "json_schema" ? ((format["json_schema"] as Json | undefined)?.["schema"] as Json | undefined) : undefined;
  const choice = body["tool_choice"];
  const named = typeof choice === "object" && choice !== null ? textOf(((choice as Json)["function"] as Json | undefined)?.["name"], "") : undefined;
  return {
    tools: readTools(body["tools"]),
    toolChoice: named ?? (typeof choice === "string" ? choice : "auto"),
    ...(schema ? { responseSchema: schema } : {}),
    jsonObject: format?.["type"] === "json_object",
    images: lastUser(body).filter((part) => isObject(part) && part["type"] === "image_url").length,
    toolResults: trailingToolResults(body, (message) => callName(body, textOf(message["tool_call_id"], ""))),
  };
}

/** Reads the features of an Ollama /api/chat body (Ollama has no tool choice). */
export function readOllamaFeatures(body: Json): ChatFeatures {
  const format = body["format"];
  const messages = (body["messages"] as Json[] | undefined) ?? [];
  const lastUserMessage = [...messages].reverse().find((message) => message["role"] === "user");
  return {
    tools: readTools(body["tools"]),
    toolChoice: "auto",
    ...(isObject(format) ? { responseSchema: format } : {}),
    jsonObject: format === "json",
    images: Array.isArray(lastUserMessage?.["images"]) ? lastUserMessage["images"].length : 0,
    toolResults: trailingToolResults(body, (message) => textOf(message["tool_name"], "tool")),
  };
}

function readTools(tools: unknown): SimTool[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool: unknown) => {
    const definition = isObject(tool) ? (tool["function"] as Json | undefined) : undefined;
    return definition && typeof definition["name"] === "string"
      ? [{ name: definition["name"], parameters: (definition["parameters"] as Json | undefined) ?? {} }]
      : [];
  });
}

function lastUser(body: Json): unknown[] {
  const messages = (body["messages"] as Json[] | undefined) ?? [];
  const content = [...messages].reverse().find((message) => message["role"] === "user")?.["content"];
  return Array.isArray(content) ? content : [];
}

function trailingToolResults(body: Json, nameOf: (message: Json) => string): { name: string; content: string }[] {
  const messages = (body["messages"] as Json[] | undefined) ?? [];
  const results: { name: string; content: string }[] = [];
  for (let index = messages.length - 1; index >= 0 && messages[index]?.["role"] === "tool"; index -= 1) {
    results.unshift({ name: nameOf(messages[index]!), content: textOf(messages[index]!["content"], "") });
  }
  return results;
}

function callName(body: Json, callId: string): string {
  for (const message of (body["messages"] as Json[] | undefined) ?? []) {
    for (const call of (message["tool_calls"] as Json[] | undefined) ?? []) {
      if (call["id"] === callId) return textOf((call["function"] as Json | undefined)?.["name"], "tool");
    }
  }
  return "tool";
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function textOf(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
