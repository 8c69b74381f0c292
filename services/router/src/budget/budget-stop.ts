import { Code, ConnectError } from "@connectrpc/connect";
import type { GrantedCalls } from "../strategy/strategy-contract.js";

/** The error of a plan the budget cut before anything answered: the budget's refusal, named. */
export function budgetStopped(granted: GrantedCalls, fallback: ConnectError): ConnectError {
  const refusal = granted.refusal;
  if (!refusal) return fallback;
  const last = granted.calls[granted.calls.length - 1]?.model ?? "";
  const error = new ConnectError(`budget exhausted: no model after "${last}" fits what remains (${refusal.rawMessage})`, Code.ResourceExhausted);
  error.details = [...refusal.details];
  return error;
}
