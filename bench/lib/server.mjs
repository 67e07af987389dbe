/** The loopback server of the throughput runs: one small JSON body for every request. */
import { createServer } from "node:http";

const body = Buffer.from(process.argv[2] ?? "{}");
const port = Number(process.argv[3] ?? 0);
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
