import type { ModelPricing } from "@switchyard/pricing";
import type { KeyDirectory, Logger } from "@switchyard/runtime";
import type { ModelAccess } from "../model-access.js";
import type { RouterCalls } from "./router-call.js";

/** What the door's routes need; the router's build() wires them. */
export interface DoorDeps {
  readonly router: RouterCalls;
  readonly access: ModelAccess;
  readonly keys: KeyDirectory;
  readonly pricing: ModelPricing;
  readonly logger: Logger;
  /** Largest request body accepted, in bytes (413 above). */
  readonly maxBodyBytes: number;
  /** Seconds since the epoch, for `created` fields (tests pin it). */
  readonly nowSeconds?: () => number;
}

/** `created` for a response. */
export function createdAt(deps: DoorDeps): number {
  return deps.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
}
