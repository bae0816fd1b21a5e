import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);
// One resolved graphql entry, or type-graphql and Apollo see two realms of graphql.
const graphqlEntry = require.resolve("graphql");

export default defineConfig({
  resolve: { alias: { graphql: graphqlEntry.replace(/index\.js$/, "index.js") } },
  test: {
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
