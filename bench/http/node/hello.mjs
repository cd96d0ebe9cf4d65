// Hello world on Node's http module: node hello.mjs [PORT] (or PORT=...).
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
const body = "Hello, World!";

createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/plain;charset=UTF-8", "content-length": body.length });
  res.end(body);
}).listen(port, "127.0.0.1", () => {
  console.log(`node:http listening on http://127.0.0.1:${port}/`);
});
