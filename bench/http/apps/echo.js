// POST echo as a Workers / `deno serve` / Bun module: the request body back.
export default {
  async fetch(request) {
    return new Response(await request.arrayBuffer(), { headers: { "content-type": "application/octet-stream" } });
  },
};
