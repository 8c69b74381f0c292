/**
 * Why generation stopped, unified across providers (vercel/ai style). Adapters map their
 * provider's values; the executor maps these to the contract's enum in one place.
 */
export type FinishReason = "stop" | "length" | "content-filter" | "tool-calls" | "error" | "cancelled" | "other" | "unknown";
