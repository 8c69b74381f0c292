import { Code, ConnectError } from "@connectrpc/connect";
import type { CascadeStrategy, CompleteRequest } from "@switchyard/contracts/switchyard/v1/router_pb";
import { taskTypePattern } from "@switchyard/runtime";
import type { RoutingConfig } from "@switchyard/runtime";

/**
 * Refuses a task type that could not be a label (INVALID_ARGUMENT naming the field): the ledger
 * keys task-type budgets by the same pattern.
 */
export function validateTaskType(request: CompleteRequest): void {
  if (request.taskType && !taskTypePattern.test(request.taskType)) {
    throw new ConnectError("task_type: use at most 64 letters, digits, '_', '-' or '.'", Code.InvalidArgument);
  }
}

/** The rule of the request's declared task type, if the configuration has one. */
export function ruleFor(routing: RoutingConfig, request: CompleteRequest): RoutingConfig["rules"][string] | undefined {
  return request.taskType && Object.hasOwn(routing.rules, request.taskType) ? routing.rules[request.taskType] : undefined;
}

/** A cascade's chain: its own, else the named chain of `routing.chains` (unknown: NOT_FOUND). */
export function cascadeChain(routing: RoutingConfig, options: CascadeStrategy | undefined): readonly string[] {
  if (!options) return [];
  if (options.chain.length > 0 || !options.chainName) return options.chain;
  const chain = Object.hasOwn(routing.chains, options.chainName) ? routing.chains[options.chainName] : undefined;
  if (!chain) {
    const known = Object.keys(routing.chains).join(", ") || "none configured";
    throw new ConnectError(`strategy.cascade.chain_name: unknown chain "${options.chainName}" (${known})`, Code.NotFound);
  }
  return chain;
}
