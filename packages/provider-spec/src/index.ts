export type {
  CallOptions,
  CallSettings,
  PromptMessage,
  PromptPart,
  ReasoningEffortSpec,
  ResponseFormatSpec,
  ToolCall,
  ToolChoiceSpec,
  ToolSpec,
} from "./call-options.js";
export type { FinishPart, GenerateResult, StreamPart, TextDeltaPart, ToolCallDeltaPart } from "./call-result.js";
export type { FinishReason } from "./finish-reason.js";
export { specificationVersion } from "./provider-executor.js";
export type { ProviderExecutor } from "./provider-executor.js";
export { headersToRecord, kindForStatus, ProviderError, retryAfterMsFrom } from "./provider-error.js";
export type { HeaderLookup, ProviderErrorInit, ProviderFailureKind } from "./provider-error.js";
export { ToolCallAssembly } from "./tool-call-assembly.js";
export { usageOf } from "./token-usage.js";
export type { TokenUsage } from "./token-usage.js";
