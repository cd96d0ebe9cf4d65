// A streamed 10 MiB response on Node's http module (same as ../apps/stream.js).
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
const chunk = Buffer.alloc(64 * 1024, 120);

createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/octet-stream" });
  let left = 160;
  const more = () => {
    while (left > 0) {
      left--;
      if (!res.write(Buffer.from(chunk))) return res.once("drain", more);
    }
    res.end();
  };
  more();
}).listen(port, "127.0.0.1", () => console.log(`node:http listening on http://127.0.0.1:${port}/`));
