import { isIP } from "node:net";
import { z } from "zod";

/**
 * One part of a peer target: a fixed base URL, or a DNS name that is resolved to every address
 * behind it (a Kubernetes headless Service), so calls spread over all replicas.
 */
export type PeerTargetPart = { readonly kind: "url"; readonly url: string } | { readonly kind: "dns"; readonly host: string; readonly port: number };

const dnsPrefix = "dns:///";

/**
 * Parses a peer target as services read it from their environment: one base URL
 * (`http://127.0.0.1:50053`), several separated by commas (round-robin with failover), or
 * `dns:///host:port` in gRPC's naming syntax (every address of `host`, re-resolved over time).
 * Throws with a message that says which part is wrong.
 */
export function parsePeerTarget(text: string): PeerTargetPart[] {
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new Error("no peer address given");
  return parts.map(parsePart);
}

function parsePart(part: string): PeerTargetPart {
  if (part.startsWith(dnsPrefix)) return parseDnsPart(part);
  let url: URL;
  try {
    url = new URL(part);
  } catch {
    throw new Error(`"${part}" is neither a URL nor dns:///host:port`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`"${part}": use http:// or https://`);
  return { kind: "url", url: part.replace(/\/+$/, "") };
}

function parseDnsPart(part: string): PeerTargetPart {
  const match = /^([^:/]+):(\d{1,5})$/.exec(part.slice(dnsPrefix.length));
  const port = match ? Number(match[2]) : 0;
  if (!match || port < 1 || port > 65_535) throw new Error(`"${part}": expected dns:///host:port`);
  return { kind: "dns", host: match[1]!, port };
}

/** The base URL of one resolved address (IPv6 literals in brackets). */
export function addressUrl(address: string, port: number): string {
  return `http://${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
}

/** True when the target is one plain URL: such peers keep a plain, unbalanced transport. */
export function isSingleUrl(parts: readonly PeerTargetPart[]): boolean {
  return parts.length === 1 && parts[0]!.kind === "url";
}

/** Zod schema for a `*_URL` peer variable: validated here, parsed again where it is used. */
export const peerTargetSchema = z.string().superRefine((text, context) => {
  try {
    parsePeerTarget(text);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
  }
});
