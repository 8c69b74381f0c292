import { formatUsd } from "@switchyard/runtime/money";

/** Nano-USD as "$0.000012", or "-$0.000012" below zero (exact, never through a float). */
export function usd(nanoUsd: bigint): string {
  return nanoUsd < 0n ? `-$${formatUsd(-nanoUsd)}` : `$${formatUsd(nanoUsd)}`;
}

/** A price per million tokens in nano-USD as "$0.1/Mtok". */
export function perMillion(nanoUsdPerMillion: bigint): string {
  return `$${formatUsd(nanoUsdPerMillion)}`;
}
