import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import type { LedgerService, LookupRequestResponse } from "@switchyard/contracts/switchyard/v1/ledger_pb";

/** How long to wait for a just-answered request's cost events to reach the ledger. */
export interface LookupPatience {
  readonly attempts: number;
  readonly delayMs: number;
}

/** Cost events reach the ledger a moment after the answer: a few short retries cover that. */
export const defaultLookupPatience: LookupPatience = { attempts: 6, delayMs: 250 };

/**
 * Asks the ledger who made a request, as the caller's tenant (the peer client passes the
 * tenant on, with the mesh token): another tenant's request comes back PERMISSION_DENIED, an
 * unknown one NOT_FOUND once the patience is spent.
 */
export async function lookupRequestOwner(
  ledger: Pick<Client<typeof LedgerService>, "lookupRequest">,
  requestId: string,
  patience: LookupPatience = defaultLookupPatience,
): Promise<LookupRequestResponse> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ledger.lookupRequest({ requestId });
    } catch (caught) {
      const error = ConnectError.from(caught);
      // The ledger's verdict, as the router's own answer (without the ledger's response metadata).
      if (error.code !== Code.NotFound || attempt >= patience.attempts) throw new ConnectError(error.rawMessage, error.code);
      await sleep(patience.delayMs);
    }
  }
}
