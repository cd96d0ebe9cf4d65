// A handler that awaits a fetch() to a local upstream (its URL in the
// `upstream` query parameter) and answers with what it got, as a Workers /
// `deno serve` / Bun module.
export default {
  async fetch(request) {
    const upstream = new URL(request.url).searchParams.get("upstream");
    const response = await fetch(upstream);
    return new Response(await response.text(), { headers: { "content-type": "text/plain" } });
  },
};
