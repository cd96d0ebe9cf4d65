// Hello world as a Workers / `deno serve` / Bun module.
export default {
  fetch(request) {
    return new Response("Hello, World!");
  },
};
