export function describe(method, url, body) {
  return {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body,
    servedAt: new Date().toISOString(),
  };
}
