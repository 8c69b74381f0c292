import { defineConfig } from "vitest/config";

/** `npm run test:cluster`: only the replicated-cluster system test. */
export default defineConfig({
  test: {
    name: "@switchyard/e2e-cluster",
    root: import.meta.dirname,
    include: ["src/cluster/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
