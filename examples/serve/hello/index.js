// A Workers-style app: GET / answers with a greeting from env.
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const name = url.searchParams.get("name") ?? "world";
    return new Response(`${env.GREETING}, ${name}!\n`, {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
};
