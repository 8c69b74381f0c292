import { ConnectError } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { FeedbackRequestSchema, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { Logger } from "@switchyard/runtime";

/** How a feedback delivery ended: delivered, refused or unreachable, or dropped (too many in flight). */
export type FeedbackOutcome = "sent" | "failed" | "dropped";

/**
 * Where critique scores go. `record` never throws and never rejects: feedback is best-effort
 * and must never fail or slow a critique.
 */
export interface FeedbackSink {
  record(feedback: MessageInitShape<typeof FeedbackRequestSchema>): Promise<FeedbackOutcome>;
  /** Resolves when every delivery started so far has ended (tests, shutdown). */
  idle(): Promise<void>;
}

/** Bounds on best-effort delivery. */
export interface FeedbackOptions {
  readonly timeoutMs: number;
  readonly maxInFlight: number;
  readonly logger: Logger;
  /** At most one warning per error code in this period; the rest are logged at debug. */
  readonly warnEveryMs?: number;
}

/**
 * Sends feedback to SelectorService.Feedback without waiting for it: each call has its own
 * timeout (not the critique's deadline), at most `maxInFlight` are pending (more are dropped),
 * and failures are logged, rate-limited per code (a selector without Feedback yet answers
 * UNIMPLEMENTED on every call).
 */
export function createSelectorFeedback(selector: Pick<Client<typeof SelectorService>, "feedback">, options: FeedbackOptions): FeedbackSink {
  const pending = new Set<Promise<FeedbackOutcome>>();
  const lastWarned = new Map<string, number>();
  const warnEveryMs = options.warnEveryMs ?? 60_000;
  const logFailure = (error: unknown, model: string): void => {
    const code = codeToString(ConnectError.from(error).code);
    const now = performance.now();
    const warned = lastWarned.get(code);
    const level = warned === undefined || now - warned >= warnEveryMs ? "warn" : "debug";
    if (level === "warn") lastWarned.set(code, now);
    options.logger[level]({ code, model, err: ConnectError.from(error).rawMessage }, "selector feedback not delivered (ignored)");
  };
  const deliver = async (feedback: MessageInitShape<typeof FeedbackRequestSchema>): Promise<FeedbackOutcome> => {
    try {
      await selector.feedback(feedback, { timeoutMs: options.timeoutMs });
      return "sent";
    } catch (error) {
      logFailure(error, feedback.model ?? "");
      return "failed";
    }
  };
  return {
    record(feedback) {
      if (pending.size >= options.maxInFlight) {
        options.logger.debug({ model: feedback.model, inFlight: pending.size }, "selector feedback dropped: too many in flight");
        return Promise.resolve("dropped");
      }
      const delivery = deliver(feedback);
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
      return delivery;
    },
    async idle() {
      await Promise.all([...pending]);
    },
  };
}
