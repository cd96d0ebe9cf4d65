// POST echo on Node's http module (same as ../apps/echo.js): node echo.mjs [PORT].
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);

createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
    res.end(body);
  });
}).listen(port, "127.0.0.1", () => console.log(`node:http listening on http://127.0.0.1:${port}/`));
