// A JSON API under /api/: echoes what it was sent.
import { describe } from "./describe.js";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const body = request.method === "POST" ? await request.text() : null;
    return Response.json(describe(request.method, url, body));
  },
};
