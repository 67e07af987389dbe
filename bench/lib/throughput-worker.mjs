/**
 * One throughput process: loads every client's bundled consumer and, round after round, makes
 * calls with each in turn, one request in flight, bare fetch included. A round is `blocks`
 * passes over all clients in a rotating order, `requests / blocks` calls each per pass, so that
 * a change in the machine's load during the round weighs on every client alike. Prints one JSON
 * line per (round, client): its requests per second over the round, and the CPU time the client
 * process spent per request (less sensitive than wall time to what else runs on the machine).
 */
import { pathToFileURL } from "node:url";

const { baseUrl, clients, rounds, requests, warmup, blocks } = JSON.parse(process.argv[2]);
const calls = [];
for (const client of clients) {
  const module = await import(pathToFileURL(client.bundle).href);
  calls.push({ id: client.id, call: module.makeCall(baseUrl) });
}
for (const { call } of calls) for (let i = 0; i < warmup; i++) await call();
const perBlock = Math.ceil(requests / blocks);
for (let round = 0; round < rounds; round++) {
  const ms = new Map(calls.map((c) => [c.id, 0]));
  const cpu = new Map(calls.map((c) => [c.id, 0]));
  for (let block = 0; block < blocks; block++) {
    const shift = round * blocks + block;
    for (let k = 0; k < calls.length; k++) {
      const { id, call } = calls[(k + shift) % calls.length];
      const start = performance.now();
      const startCpu = process.cpuUsage();
      for (let i = 0; i < perBlock; i++) await call();
      const used = process.cpuUsage(startCpu);
      ms.set(id, ms.get(id) + performance.now() - start);
      cpu.set(id, cpu.get(id) + (used.user + used.system) / 1000);
    }
  }
  for (const { id } of calls) {
    const total = ms.get(id);
    const n = perBlock * blocks;
    process.stdout.write(`${JSON.stringify({ round, id, requests: n, ms: total, perSecond: (n / total) * 1000, cpuUsPerRequest: (cpu.get(id) / n) * 1000 })}\n`);
  }
}
