import { call } from "../api.js";
import { bars } from "../charts.js";
import { card, el, percent, table, usd } from "../format.js";

/** Per-model latency, errors and breaker state, live from the executor. */
export async function renderModels(page) {
  const { models = [] } = await call("ListModels", {});
  const names = models.map((model) => model.state.model);
  const latency = card(page, "p50 latency (ms, recent)", { id: "models-latency" });
  bars(
    latency,
    names,
    models.map((model) => model.state.recentLatencyP50Ms ?? 0),
    "p50 ms",
  );
  const errors = card(page, "Error rate (recent)", { id: "models-errors" });
  bars(
    errors,
    names,
    models.map((model) => (model.state.recentErrorRate ?? 0) * 100),
    "% failed",
  );
  const section = card(page, "Models you may use", { wide: true, id: "models" });
  section.append(
    table(
      ["Model", "Provider", "Tier", "Input $/Mtok#", "Output $/Mtok#", "Context#", "Breaker", "Requests left#", "In flight#", "p50 ms#", "Errors#"],
      models.map(({ state, tier }) => {
        const breaker = (state.breakerState ?? "BREAKER_STATE_UNSPECIFIED").replace("BREAKER_STATE_", "").toLowerCase();
        return [
          `${state.model}${state.simulated ? " (simulated)" : ""}`,
          state.provider,
          tier || "-",
          usd(state.price?.inputNanoUsdPerMtok),
          usd(state.price?.outputNanoUsdPerMtok),
          state.contextWindow ?? 0,
          el("span", { class: `state-${breaker}` }, breaker),
          state.requestsPerMinute ? (state.remainingRequests ?? "0") : "no limit",
          state.inFlight ?? 0,
          Math.round(state.recentLatencyP50Ms ?? 0),
          percent(state.recentErrorRate ?? 0),
        ];
      }),
    ),
  );
}
