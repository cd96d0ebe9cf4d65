// Awaits a fetch() to a local upstream on Node's http module (same as ../apps/proxy.js).
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);

createServer(async (req, res) => {
  const upstream = new URL(req.url, "http://localhost").searchParams.get("upstream");
  const response = await fetch(upstream);
  const body = await response.text();
  res.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(body) });
  res.end(body);
}).listen(port, "127.0.0.1", () => console.log(`node:http listening on http://127.0.0.1:${port}/`));
