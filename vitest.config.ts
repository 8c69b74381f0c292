import { defineConfig } from "vitest/config";

const workspaces = ["packages/*", "services/*", "tools/*", "tests/*"];

export default defineConfig({
  test: {
    // Absolute globs, so that running vitest from a package folder finds the same projects.
    projects: workspaces.map((glob) => `${import.meta.dirname}/${glob}`),
  },
});
