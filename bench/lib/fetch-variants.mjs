/**
 * What each piece of a careful client costs on top of bare fetch, in CPU time of the client
 * process per request: a per-attempt AbortController and timeout timer, racing the response
 * against the abort, manual redirects, a Headers object, reading the body as a capped stream.
 * Prints one JSON line: { variant: µs per request }.
 */
const [baseUrl, roundsArg] = process.argv.slice(2);
const url = `${baseUrl}/pets/1`;
const rounds = Number(roundsArg ?? 20);
const perBlock = 100;

const variants = {
  "bare fetch + json()": async () => (await fetch(url)).json(),
  "+ AbortController signal": async () => (await fetch(url, { signal: new AbortController().signal })).json(),
  "+ signal and a 60 s timer": async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      return await (await fetch(url, { signal: controller.signal })).json();
    } finally {
      clearTimeout(timer);
    }
  },
  "+ signal, response raced against abort": async () => {
    const controller = new AbortController();
    const stopped = new Promise((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true }));
    const response = await Promise.race([fetch(url, { signal: controller.signal }), stopped]);
    return Promise.race([response.json(), stopped]);
  },
  "+ redirect: manual": async () => (await fetch(url, { redirect: "manual" })).json(),
  "+ Headers object (2 headers)": async () => (await fetch(url, { headers: new Headers({ accept: "application/json", "user-agent": "bench" }) })).json(),
  "+ body read as a capped stream": async () => {
    const response = await fetch(url);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return JSON.parse(text + decoder.decode());
  },
};

const entries = Object.entries(variants);
for (const [, f] of entries) for (let i = 0; i < 300; i++) await f();
const cpu = Object.fromEntries(entries.map(([k]) => [k, 0]));
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < entries.length; k++) {
    const [name, f] = entries[(k + round) % entries.length];
    const start = process.cpuUsage();
    for (let i = 0; i < perBlock; i++) await f();
    const used = process.cpuUsage(start);
    cpu[name] += used.user + used.system;
  }
}
process.stdout.write(`${JSON.stringify(Object.fromEntries(entries.map(([k]) => [k, cpu[k] / (rounds * perBlock)])))}\n`);
