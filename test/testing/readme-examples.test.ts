/**
 * Every package README's "Testing with the mock" example is a test an application could paste:
 * run here, for every generated package, with node's own test runner against the package's
 * built mock (the README's `<package>/testing` import pointed at its dist/).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, discoverPackages } from "../helpers/packages.js";

const PACKAGES = discoverPackages();
const dir = mkdtempSync(join(tmpdir(), "clientsmith-mock-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README's testing example, runnable: the client and error class imported, the mock from dist/. */
function example(pkgDir: string, name: string, clientClass: string): string {
  const readme = readFileSync(join(pkgDir, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Testing with the mock"));
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (block === undefined) throw new Error(`${name}: no example in the README's testing section`);
  const errorClass = /assert\.rejects\([^;]*, (\w+)\);/.exec(block)?.[1] ?? "Error";
  const dist = (file: string) => JSON.stringify(join(pkgDir, "dist", file));
  return `import { ${clientClass}, ${errorClass} } from ${dist("index.js")};\n${block.replace(`"${name}/testing"`, dist("testing/index.js"))}`;
}

describe("README testing examples", () => {
  it("pass for every package, run by node:test", async () => {
    const files = PACKAGES.map((pkg) => {
      const file = join(dir, `${pkg.name.replace(/\W/g, "_")}.test.mts`);
      writeFileSync(file, example(pkg.dir, pkg.name, pkg.clientClass));
      return file;
    });
    expect(files.length).toBeGreaterThanOrEqual(11);
    const run = await promisify(execFile)(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", ...files], { cwd: REPO_ROOT }).catch((error: { stdout: string; stderr: string }) => error);
    expect(run.stdout, run.stderr).toMatch(new RegExp(`^# pass ${files.length}$`, "m"));
    expect(run.stdout).toMatch(/^# fail 0$/m);
  }, 120_000);
});
