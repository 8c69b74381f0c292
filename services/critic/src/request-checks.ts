import { Code, ConnectError } from "@connectrpc/connect";
import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";
import { validateConversation } from "@switchyard/runtime";
import type { TenantConfig } from "@switchyard/runtime";

/** What the critic knows of the configuration: the models it may call and who may call which. */
export interface ModelCatalog {
  readonly models: ReadonlySet<string>;
  readonly tenants: Readonly<Record<string, TenantConfig>>;
}

function invalid(message: string): never {
  throw new ConnectError(message, Code.InvalidArgument);
}

/**
 * Checks the conversation and the text to judge: a valid conversation, and everything together
 * within the prompt limit (it is all sent to every critic or judge).
 */
export function checkInputs(messages: readonly ChatMessage[], texts: readonly string[], maxPromptChars: number): void {
  validateConversation(messages, maxPromptChars);
  const total = messages.reduce((sum, message) => sum + message.content.length, 0) + texts.reduce((sum, text) => sum + text.length, 0);
  if (total > maxPromptChars) invalid(`the conversation and the answers to judge are ${total} characters, over the limit of ${maxPromptChars}`);
}

/**
 * Checks a list of critic or judge models: at least one, at most the limit, no repeats, each
 * configured (NOT_FOUND otherwise) and allowed for the calling tenant (PERMISSION_DENIED).
 */
export function checkModels(field: string, models: readonly string[], catalog: ModelCatalog, maxModels: number, tenant: string | undefined): void {
  if (models.length === 0) invalid(`${field}: at least one model is required`);
  if (models.length > maxModels) invalid(`${field}: ${models.length} models, over the limit of ${maxModels}`);
  const allowed = tenant === undefined ? undefined : catalog.tenants[tenant]?.allowedModels;
  models.forEach((model, index) => {
    if (!model) invalid(`${field}[${index}]: model name required`);
    if (models.indexOf(model) !== index) invalid(`${field}[${index}]: "${model}" is listed twice`);
    if (!catalog.models.has(model)) throw new ConnectError(`${field}[${index}]: unknown model "${model}"`, Code.NotFound);
    if (allowed && !allowed.includes(model))
      throw new ConnectError(`${field}[${index}]: tenant "${tenant}" may not use model "${model}"`, Code.PermissionDenied);
  });
}

/** Refuses an empty answer: there is nothing to critique. */
export function checkAnswer(answer: string): void {
  if (answer.trim().length === 0) invalid("answer: required (the answer to critique must not be empty)");
}

/** Checks the candidates of a Judge call: at least one, at most the limit. */
export function checkCandidates(count: number, maxCandidates: number): void {
  if (count === 0) invalid("candidates: at least one candidate is required");
  if (count > maxCandidates) invalid(`candidates: ${count} candidates, over the limit of ${maxCandidates}`);
}
