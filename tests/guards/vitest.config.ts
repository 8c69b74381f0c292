import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "@switchyard/guards-tests", testTimeout: 60_000 } });
