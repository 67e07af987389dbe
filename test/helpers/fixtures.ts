/**
 * Large fixtures are stored gzip-compressed (a real provider document is megabytes of JSON); the
 * loader reads plain files only, so a test gunzips the fixture into a temporary directory first.
 */

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** `test/fixtures/<path>` (ending in .gz) decompressed to a fresh temporary file; returns its path. */
export function gunzipFixture(path: string): string {
  const target = join(mkdtempSync(join(tmpdir(), "clientsmith-fixture-")), basename(path, ".gz"));
  writeFileSync(target, gunzipSync(readFileSync(join(FIXTURES, path))));
  return target;
}
