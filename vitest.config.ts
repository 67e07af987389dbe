import { defineConfig } from "vitest/config";

// Several suites spawn tsc or generate whole packages; on a loaded 2-core machine a few seconds
// is not enough. Timeouts here guard against hangs, not slowness.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
