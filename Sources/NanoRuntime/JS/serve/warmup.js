// Evaluated last while the startup snapshot is built: sends a few requests
// through the serving path (nano.serveWarmUp) with handlers of the common
// shapes — a text Response, Response.json from the query, headers read and
// set — so the functions they call are compiled into the
// snapshot (kept with FunctionCodeHandling::kKeep) instead of in every new
// isolate on its first request. Then removes nano.serveWarmUp. (No async
// handler: its answer would come after the warm-up has put the ops back.)
(function (nano, global) {
  "use strict";
  const handlers = [
    { fetch: () => new Response("warm") },
    {
      fetch(request, env) {
        const url = new URL(request.url);
        const q = url.searchParams.get("q") ?? "";
        return Response.json({ q, path: url.pathname, accept: request.headers.get("accept"), warm: env.WARM });
      },
    },
    {
      fetch(request) {
        const headers = new Headers({ "content-type": "text/plain" });
        headers.set("x-warm", request.method);
        return new Response(`${request.method} ${new URL(request.url).pathname}`, { status: 201, headers });
      },
    },
  ];
  nano.serveWarmUp(handlers);
  delete nano.serveWarmUp;
});
