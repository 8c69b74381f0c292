import { Counter } from "prom-client";
import type { Registry } from "prom-client";

/** The critic's own Prometheus counters, beside the RPC metrics every service has. */
export interface CriticMetrics {
  /** One per critic model call of a Critique, by critic model and status (ok, failed, timed_out, malformed). */
  readonly critiques: Counter<"critic_model" | "status">;
  /** One per Judge call, by outcome (decided, failed) and whether a fallback judge was needed. */
  readonly judgements: Counter<"outcome" | "fallback">;
  /** Feedback deliveries to the selector, by outcome (sent, failed, dropped). */
  readonly feedback: Counter<"outcome">;
}

/** Registers the critic's counters on the service's registry. */
export function createCriticMetrics(registry: Registry): CriticMetrics {
  return {
    critiques: new Counter({
      name: "critic_critiques_total",
      help: "Critic model calls, by critic model and status.",
      labelNames: ["critic_model", "status"],
      registers: [registry],
    }),
    judgements: new Counter({
      name: "critic_judgements_total",
      help: "Judge calls, by outcome and whether a fallback judge decided.",
      labelNames: ["outcome", "fallback"],
      registers: [registry],
    }),
    feedback: new Counter({
      name: "critic_feedback_total",
      help: "Critique scores sent to the selector, by delivery outcome.",
      labelNames: ["outcome"],
      registers: [registry],
    }),
  };
}
