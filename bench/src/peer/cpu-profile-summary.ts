// Where a process's CPU went, from the V8 profiles `npm run bench:peer` writes with
// BENCH_PEER_CPU_PROF_DIR set: self time grouped by owner (an npm package, a Switchyard file,
// Node's internals, the garbage collector) as a share of busy (non-idle) time, then the
// hottest functions. The profile samples wall time on the thread: on one shared core, a
// socket write that wakes another pinned process counts the wait, so read shares, not ms.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Who owns a frame: the npm package, the Switchyard workspace file, or what V8 calls it. */
function ownerOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const parts = url.slice(modules + "/node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const workspace = /\/(services|packages|tools)\/([^/]+)\/dist\/(.+)$/.exec(url);
  return workspace ? `switchyard ${workspace[1]}/${workspace[2]}/${workspace[3]}` : url;
}

function selfTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => times.set(nodeId, (times.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  return times;
}

function addTo(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

function printTop(title: string, totals: Map<string, number>, busy: number, count: number): void {
  console.log(`  ${title}`);
  for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`    ${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  }
}

/** Prints one profile's summary. */
export function printCpuProfileSummary(path: string): void {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [nodeId, micros] of selfTimes(profile)) {
    const frame = nodes.get(nodeId)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    busy += micros;
    addTo(byOwner, ownerOf(frame), micros);
    addTo(byFunction, `${frame.functionName || "(anonymous)"} ${frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : ""}`, micros);
  }
  console.log(`${basename(path)}: ${(busy / 1000).toFixed(0)} ms busy`);
  printTop("self time by owner", byOwner, busy, 14);
  printTop("hottest functions (self time)", byFunction, busy, 12);
}
