/**
 * Runs a command as a whole process and measures it from the outside: wall time from spawn to
 * exit, and peak resident memory of the process and all its children (sampled from /proc every
 * 10 ms and summed over the tree, leaving out a child forked and not yet exec'd, whose pages are
 * its parent's; the root's own high-water mark VmHWM is taken when larger).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const SAMPLE_MS = 10;

function readStatusKb(pid, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function identity(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return `${readFileSync(`/proc/${pid}/cmdline`, "latin1")}\0${stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"))}`;
  } catch {
    return undefined;
  }
}

/**
 * A child that is its parent's image still (same command line and name: forked, not yet exec'd,
 * as every spawn of a child process is for a moment) shares its pages with the parent
 * copy-on-write; counted, a process that spawns (git, a native compiler) would count twice.
 */
function isUnexecFork(pid, parent) {
  const own = identity(pid);
  return own !== undefined && own === identity(parent);
}

function treeRssKb(root) {
  let total = 0;
  const stack = [[root, undefined]];
  const seen = new Set();
  while (stack.length > 0) {
    const [pid, parent] = stack.pop();
    if (seen.has(pid)) continue;
    seen.add(pid);
    if (parent === undefined || !isUnexecFork(pid, parent)) total += readStatusKb(pid, "VmRSS");
    for (const child of children(pid)) stack.push([child, pid]);
  }
  return total;
}

/** @returns {Promise<{ code: number, ms: number, peakKb: number, stdout: string, stderr: string }>} */
export function measure(command, args, { cwd, env, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout.length < 1_000_000 ? (stdout += d) : undefined));
    child.stderr.on("data", (d) => (stderr.length < 1_000_000 ? (stderr += d) : undefined));
    let peakKb = 0;
    const sample = () => {
      if (child.pid === undefined) return;
      peakKb = Math.max(peakKb, treeRssKb(child.pid), readStatusKb(child.pid, "VmHWM"));
    };
    const timer = setInterval(sample, SAMPLE_MS);
    const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      const ms = performance.now() - start;
      clearInterval(timer);
      clearTimeout(killer);
      resolve({ code: code ?? (signal ? 128 : 1), ms, peakKb, stdout, stderr });
    });
  });
}
