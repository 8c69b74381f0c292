import { Code, ConnectError } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import type { SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { Logger } from "@switchyard/runtime";

/** What the selector service needs. */
export interface SelectorDeps {
  readonly logger: Logger;
}

const notYet = (what: string): never => {
  throw new ConnectError(`${what} is not implemented yet (selector issue: the learned quality model)`, Code.Unimplemented);
};

/** SelectorService: scoring and feedback arrive with the selector issue; until then both say so. */
export function createSelectorService(_deps: SelectorDeps): ServiceImpl<typeof SelectorService> {
  return {
    score: () => notYet("Score"),
    feedback: () => notYet("Feedback"),
  };
}
