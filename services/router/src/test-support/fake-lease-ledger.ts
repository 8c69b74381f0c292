import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import {
  AcquireLeaseResponseSchema,
  LeaseSchema,
  LedgerService,
  RenewLeaseResponseSchema,
  ReturnLeaseResponseSchema,
} from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { AcquireLeaseRequest, Lease, RenewLeaseRequest, ReturnLeaseRequest } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { LeaseLedger } from "../budget/lease-settings.js";

/** A ledger with one budget: leases hold what they were granted, less what their holders billed (as settled). */
export class FakeLeaseLedger {
  remaining: bigint;
  down = false;
  readonly calls: string[] = [];
  readonly returned: ReturnLeaseRequest[] = [];
  readonly acquired: AcquireLeaseRequest[] = [];
  readonly leases = new Map<string, bigint>();

  constructor(limit: bigint) {
    this.remaining = limit;
  }

  readonly client: LeaseLedger = createClient(
    LedgerService,
    createRouterTransport(({ service }) =>
      service(LedgerService, {
        acquireLease: (request: AcquireLeaseRequest) => {
          this.#call("acquire");
          this.acquired.push(request);
          const id = `lease-${request.holderId}${request.taskType ? `/${request.taskType}` : ""}`;
          const granted = request.amountNanoUsd < this.remaining ? request.amountNanoUsd : this.remaining;
          if (granted <= 0n) throw new ConnectError("budget exhausted", Code.ResourceExhausted);
          this.remaining -= granted;
          this.leases.set(id, granted);
          return create(AcquireLeaseResponseSchema, { lease: this.#lease(id) });
        },
        renewLease: (request: RenewLeaseRequest) => {
          this.#call("renew");
          const amount = this.leases.get(request.leaseId);
          if (amount === undefined) throw new ConnectError("lease gone", Code.NotFound);
          const wanted = request.amountNanoUsd > request.incurredCostNanoUsd ? request.amountNanoUsd : request.incurredCostNanoUsd;
          const growth = wanted - amount < this.remaining ? wanted - amount : this.remaining;
          this.remaining -= growth;
          this.leases.set(request.leaseId, amount + growth);
          return create(RenewLeaseResponseSchema, { lease: this.#lease(request.leaseId) });
        },
        returnLease: (request: ReturnLeaseRequest) => {
          this.#call("return");
          this.returned.push(request);
          const amount = this.leases.get(request.leaseId) ?? 0n;
          this.remaining += amount - request.incurredCostNanoUsd;
          this.leases.delete(request.leaseId);
          return create(ReturnLeaseResponseSchema, { returned: true });
        },
      }),
    ),
  );

  #call(name: string): void {
    if (this.down) throw new ConnectError("ledger unreachable", Code.Unavailable);
    this.calls.push(name);
  }

  #lease(id: string): Lease {
    return create(LeaseSchema, { leaseId: id, amountNanoUsd: this.leases.get(id) ?? 0n, remainingNanoUsd: this.remaining });
  }
}
