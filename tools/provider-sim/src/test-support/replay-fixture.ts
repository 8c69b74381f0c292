import { join } from "node:path";

/** The small replay fixture (tools/provider-sim/fixtures), shared by the simulator's tests. */
export const replayFixture = join(import.meta.dirname, "../../fixtures/replay-small.jsonl");
