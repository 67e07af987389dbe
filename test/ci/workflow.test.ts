/**
 * The GitHub Actions workflow runs what .ci/run runs, on pull requests: it checks out, sets up
 * the lowest Node the project supports with npm's cache, and hands over to `bash .ci/run`, so the
 * drift gate and the tests a team gets in its pull requests are the ones CI runs here.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../helpers/packages.js";

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}

interface Workflow {
  readonly on: Readonly<Record<string, unknown>>;
  readonly jobs: Readonly<Record<string, { readonly "runs-on": string; readonly steps: readonly Step[] }>>;
}

const workflow = parse(readFileSync(join(REPO_ROOT, ".github/workflows/ci.yml"), "utf8")) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const engines = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;

describe(".github/workflows/ci.yml", () => {
  it("runs on pull requests and on pushes to main", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    expect(workflow.on["push"]).toEqual({ branches: ["main"] });
  });

  it("its only command is .ci/run, after checkout and Node setup", () => {
    expect(steps.map((s) => s.uses ?? s.run)).toEqual(["actions/checkout@v4", "actions/setup-node@v4", "bash .ci/run"]);
  });

  it("sets up the lowest Node package.json supports, with npm's cache", () => {
    const setup = steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    const lowestMajor = /^>=(\d+)/.exec(engines)?.[1];
    expect(lowestMajor, engines).toBeDefined();
    expect(setup?.with).toEqual({ "node-version": lowestMajor, cache: "npm" });
  });

  it(".ci/run installs from the lockfile, gates drift and runs every test", () => {
    const script = readFileSync(join(REPO_ROOT, ".ci/run"), "utf8");
    const commands = script.split("\n").filter((line) => line !== "" && !line.startsWith("#") && !line.startsWith("set ") && !line.startsWith("cd "));
    expect(commands).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/), "npm run generate -- --check", "npm test"]));
  });
});
