import { configDefaults, defineProject } from "vitest/config";

// The replicated-cluster test runs on its own (npm run test:cluster, once in CI): it starts
// eleven processes and takes minutes, too long for every `npm test`.
export default defineProject({
  test: {
    name: "@switchyard/e2e",
    exclude: [...configDefaults.exclude, "src/cluster/**"],
  },
});
