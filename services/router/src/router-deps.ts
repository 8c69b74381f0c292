import type { Client } from "@connectrpc/connect";
import type { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Logger } from "@switchyard/runtime";
import type { ModelAccess } from "./model-access.js";

/** What the router's strategies need; main.ts wires real clients, tests in-memory ones. */
export interface RouterDeps {
  readonly executor: Client<typeof ExecutorService>;
  readonly access: ModelAccess;
  readonly maxPromptChars: number;
  readonly logger: Logger;
}
