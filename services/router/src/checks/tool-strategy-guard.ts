import { Code, ConnectError } from "@connectrpc/connect";
import type { RouteRun } from "../route-run.js";

/**
 * Ensemble and critique combine or rewrite answers as text, which a tool call is not: a request
 * offering tools is refused for them with INVALID_ARGUMENT before anything is called (use pinned,
 * cheapest, cascade or auto).
 */
export function refuseTools(run: RouteRun, strategy: "ensemble" | "critique"): void {
  if ((run.request.params?.tools.length ?? 0) === 0) return;
  throw new ConnectError(
    `params.tools: the ${strategy} strategy combines text answers and cannot run with tools; use pinned, cheapest, cascade or auto`,
    Code.InvalidArgument,
  );
}
