// JSON built from the query string on Node's http module: node json.mjs [PORT] (or PORT=...).
// Same logic as ../apps/json.js.
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);

createServer((req, res) => {
  const query = new URL(req.url, "http://localhost").searchParams;
  const name = query.get("name") ?? "world";
  const n = Math.max(0, Math.min(100, Number.parseInt(query.get("n") ?? "3", 10) || 0));
  const items = [];
  for (let i = 0; i < n; i++) {
    items.push({ id: i, label: `${name}-${i}`, even: i % 2 === 0 });
  }
  const body = JSON.stringify({ name, n, items });
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}).listen(port, "127.0.0.1", () => {
  console.log(`node:http listening on http://127.0.0.1:${port}/`);
});
