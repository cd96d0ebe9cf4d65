// JSON built from the query string, as a Workers / `deno serve` / Bun module.
// GET /?name=nano&n=8 -> {"name":"nano","n":8,"items":[{"id":0,"label":"nano-0","even":true}, ...]}
export default {
  fetch(request) {
    const query = new URL(request.url).searchParams;
    const name = query.get("name") ?? "world";
    const n = Math.max(0, Math.min(100, Number.parseInt(query.get("n") ?? "3", 10) || 0));
    const items = [];
    for (let i = 0; i < n; i++) {
      items.push({ id: i, label: `${name}-${i}`, even: i % 2 === 0 });
    }
    return Response.json({ name, n, items });
  },
};
