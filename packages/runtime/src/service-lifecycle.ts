import type { Logger } from "pino";
import type { TracingSettings } from "./tracing/tracing-setup.js";
import { startTracing } from "./tracing/tracing-setup.js";

/** Something main.ts started and must stop on shutdown, in reverse order of starting. */
export type StopFunction = () => Promise<void> | void;

/**
 * Runs a service: starts it, then on SIGTERM or SIGINT runs its stop functions in order
 * (close the server gracefully, then drain NATS, ...) and exits 0; a second signal or a
 * failure to start exits 1 at once. The one place a service touches process signals and exit codes,
 * and the one place tracing starts (before anything that could make a span) and is flushed
 * (after everything else has stopped).
 */
export async function runService(logger: Logger, start: () => Promise<StopFunction[]>, tracing?: TracingSettings): Promise<void> {
  let stops: StopFunction[];
  try {
    const exporter = tracing ? startTracing(tracing) : undefined;
    if (exporter?.enabled) logger.info({ tracesUrl: tracing?.tracesUrl }, "exporting traces over OTLP/HTTP");
    stops = [...(await start()), ...(exporter ? [() => exporter.shutdown()] : [])];
  } catch (error) {
    logger.fatal({ err: error }, "start-up failed");
    // Exit even while connections opened before the failure (NATS, say) keep the event loop
    // alive: a half-started process would otherwise hang, unready, instead of being restarted.
    process.exit(1);
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, "second signal, exiting now");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    void stopAll(stops, logger).then(() => process.exit(0));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

async function stopAll(stops: readonly StopFunction[], logger: Logger): Promise<void> {
  for (const stop of stops) {
    try {
      await stop();
    } catch (error) {
      logger.error({ err: error }, "error during shutdown");
    }
  }
  logger.info("stopped");
}
