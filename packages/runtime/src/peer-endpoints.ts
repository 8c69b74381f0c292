import { lookup } from "node:dns/promises";
import type { PeerTargetPart } from "./peer-target.js";
import { addressUrl } from "./peer-target.js";

/** Resolves a host name to its addresses; tests pass a fake. */
export type ResolveHost = (host: string) => Promise<string[]>;

/** Options for PeerEndpoints. */
export interface PeerEndpointsOptions {
  readonly resolve?: ResolveHost;
  /** How long resolved addresses are used before the name is resolved again. */
  readonly refreshMs?: number;
  /** How long an endpoint that refused a call is tried only after the others. */
  readonly downMs?: number;
  readonly now?: () => number;
}

const resolveAll: ResolveHost = async (host) => (await lookup(host, { all: true })).map((entry) => entry.address);

/**
 * The replicas of one peer and the order to try them in. Fixed URLs stay as given; `dns:///`
 * names are resolved to every address and re-resolved every `refreshMs` and after a refusal,
 * so replicas that an autoscaler adds or removes are picked up without a restart.
 */
export class PeerEndpoints {
  readonly #parts: readonly PeerTargetPart[];
  readonly #resolve: ResolveHost;
  readonly #refreshMs: number;
  readonly #downMs: number;
  readonly #now: () => number;
  readonly #resolved = new Map<string, readonly string[]>();
  readonly #downUntil = new Map<string, number>();
  #resolvedAt = Number.NEGATIVE_INFINITY;
  #resolving: Promise<void> | undefined;
  #next = 0;

  constructor(parts: readonly PeerTargetPart[], options: PeerEndpointsOptions = {}) {
    this.#parts = parts;
    this.#resolve = options.resolve ?? resolveAll;
    this.#refreshMs = options.refreshMs ?? 10_000;
    this.#downMs = options.downMs ?? 2_000;
    this.#now = options.now ?? Date.now;
  }

  /** Every endpoint's base URL as currently known (resolving names on first use). */
  async current(): Promise<string[]> {
    await this.#fresh();
    return this.#parts.flatMap((part) => (part.kind === "url" ? [part.url] : this.#urlsOf(part)));
  }

  /** The endpoints in the order one call should try them: round-robin, those marked down last. */
  async order(): Promise<string[]> {
    const urls = await this.current();
    const start = this.#next % urls.length;
    this.#next = (this.#next + 1) % Number.MAX_SAFE_INTEGER;
    const rotated = [...urls.slice(start), ...urls.slice(0, start)];
    const now = this.#now();
    const isDown = (url: string): boolean => (this.#downUntil.get(url) ?? 0) > now;
    return [...rotated.filter((url) => !isDown(url)), ...rotated.filter(isDown)];
  }

  /** Records that `url` refused a call: try it last for a while, and re-resolve names soon. */
  markDown(url: string): void {
    this.#downUntil.set(url, this.#now() + this.#downMs);
    this.#resolvedAt = Number.NEGATIVE_INFINITY;
  }

  #urlsOf(part: Extract<PeerTargetPart, { kind: "dns" }>): readonly string[] {
    return this.#resolved.get(part.host) ?? [addressUrl(part.host, part.port)];
  }

  async #fresh(): Promise<void> {
    if (!this.#parts.some((part) => part.kind === "dns")) return;
    const firstTime = this.#resolvedAt === Number.NEGATIVE_INFINITY && this.#resolved.size === 0;
    if (!firstTime && this.#now() - this.#resolvedAt < this.#refreshMs) return;
    this.#resolving ??= this.#refresh().finally(() => {
      this.#resolving = undefined;
    });
    // Only the very first call waits; later ones use the known addresses while names resolve.
    if (firstTime) await this.#resolving;
  }

  async #refresh(): Promise<void> {
    for (const part of this.#parts) {
      if (part.kind !== "dns") continue;
      try {
        const addresses = [...new Set(await this.#resolve(part.host))].sort();
        if (addresses.length > 0)
          this.#resolved.set(
            part.host,
            addresses.map((address) => addressUrl(address, part.port)),
          );
      } catch {
        // Keep the addresses we had; with none, calls go to the name itself and fail clearly.
      }
    }
    this.#resolvedAt = this.#now();
  }
}
