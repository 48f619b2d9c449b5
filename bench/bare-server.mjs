// The ceiling: a bare node:http server that answers each benchmarked path with the exact bytes
// (status, content type, encoding, body) Broadsheet sent for it, straight from memory.
// Usage: node bench/bare-server.mjs <routes.json>; prints {"port": N} once listening.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const routes = new Map(
  Object.entries(spec).map(([path, r]) => [
    path,
    { status: r.status, headers: r.headers, body: Buffer.from(r.body, 'base64') },
  ]),
);
const fallback = routes.values().next().value;
const server = createServer((req, res) => {
  const r = routes.get(req.url) ?? fallback;
  res.writeHead(r.status, { ...r.headers, 'content-length': r.body.length });
  res.end(r.body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
