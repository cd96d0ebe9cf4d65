// The service-worker form, as in classic Cloudflare Workers.
addEventListener("fetch", (event) => {
  event.respondWith(new Response("served by a fetch event listener\n"));
});
