import type { Logger } from "pino";
import type { HealthRegistry } from "./health.js";
import { ServingStatus } from "./health.js";

/** One condition a service needs to serve: NATS connected, a peer answering, ... */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves true when the condition holds; false or a rejection means not ready. */
  check(signal: AbortSignal): Promise<boolean> | boolean;
}

/** Options for startReadinessLoop. */
export interface ReadinessOptions {
  readonly health: HealthRegistry;
  /** Service names whose status follows the checks; "" (the whole server) is always included. */
  readonly services: readonly string[];
  readonly checks: readonly ReadinessCheck[];
  readonly intervalMs: number;
  readonly logger: Logger;
}

/** A running readiness loop. */
export interface ReadinessLoop {
  /** Runs every check now and updates health; resolves true when all passed. */
  evaluate(): Promise<boolean>;
  stop(): void;
}

/**
 * Re-evaluates the checks on an interval and sets every listed service SERVING only when all
 * pass, so health reflects real readiness (Kubernetes readiness probes read it).
 */
export function startReadinessLoop(options: ReadinessOptions): ReadinessLoop {
  let failing = new Set<string>();
  const evaluate = async (): Promise<boolean> => {
    const signal = AbortSignal.timeout(Math.max(250, options.intervalMs));
    const results = await Promise.all(options.checks.map((each) => runCheck(each, signal)));
    const nowFailing = new Set(options.checks.filter((_, index) => !results[index]).map((each) => each.name));
    if (!sameMembers(failing, nowFailing)) {
      options.logger.info({ failing: [...nowFailing] }, nowFailing.size === 0 ? "ready" : "not ready");
    }
    failing = nowFailing;
    const status = nowFailing.size === 0 ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    for (const service of ["", ...options.services]) options.health.set(service, status);
    return nowFailing.size === 0;
  };
  const timer = setInterval(() => void evaluate(), options.intervalMs);
  timer.unref();
  return { evaluate, stop: () => clearInterval(timer) };
}

async function runCheck(check: ReadinessCheck, signal: AbortSignal): Promise<boolean> {
  try {
    return await check.check(signal);
  } catch {
    return false;
  }
}

function sameMembers(left: Set<string>, right: Set<string>): boolean {
  return left.size === right.size && [...left].every((item) => right.has(item));
}
