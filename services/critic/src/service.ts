import { Code, ConnectError } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import type { CriticService } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { Logger } from "@switchyard/runtime";

/** What the critic service needs. */
export interface CriticDeps {
  readonly logger: Logger;
}

const notYet = (what: string): never => {
  throw new ConnectError(`${what} is not implemented yet (router and critic issue)`, Code.Unimplemented);
};

/** CriticService: critiques and judging arrive with the router and critic issue. */
export function createCriticService(_deps: CriticDeps): ServiceImpl<typeof CriticService> {
  return {
    critique: () => notYet("Critique"),
    judge: () => notYet("Judge"),
  };
}
