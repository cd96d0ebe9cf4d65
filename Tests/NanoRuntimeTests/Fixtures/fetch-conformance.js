// Conformance checks of Headers, Request, Response and their bodies (Fetch
// Standard §5.2-5.5, without streams) as NANO implements them. Runs as an ES
// module (or a classic script); prints `ok NAME` / `not ok NAME: REASON` per
// case and `N passed, M failed` at the end.
//
// Forbidden header names are filtered as the Fetch Standard says (a
// browser's behaviour): `Cookie`, `Host`, ... vanish from Request headers and
// `Set-Cookie` from Response headers.

const tests = [];
function test(name, fn) { tests.push({ name, fn }); }

function show(v) {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "symbol" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return "[" + v.map(show).join(", ") + "]";
  return String(v);
}
function fail(message) { throw new Error(message); }
function assert(cond, message) { if (!cond) fail(message || "assertion failed"); }
function eq(actual, expected, message) {
  if (!Object.is(actual, expected)) fail(`${message ? message + ": " : ""}expected ${show(expected)}, got ${show(actual)}`);
}
function arrayEq(actual, expected, message) {
  const a = Array.from(actual);
  if (a.length !== expected.length || a.some((x, i) => {
    const y = expected[i];
    return Array.isArray(y) ? !Array.isArray(x) || x.length !== y.length || x.some((z, j) => !Object.is(z, y[j])) : !Object.is(x, y);
  })) {
    fail(`${message ? message + ": " : ""}expected ${show(expected)}, got ${show(a)}`);
  }
}
function throws(ErrorType, fn, message) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ErrorType)) fail(`${message ? message + ": " : ""}expected ${ErrorType.name}, got ${e && e.name}: ${e && e.message}`);
    return e;
  }
  fail(`${message ? message + ": " : ""}expected ${ErrorType.name}, nothing thrown`);
}
async function rejects(ErrorType, promise, message) {
  assert(promise instanceof Promise, "not a promise");
  try {
    await promise;
  } catch (e) {
    if (!(e instanceof ErrorType)) fail(`${message ? message + ": " : ""}expected ${ErrorType.name}, got ${e && e.name}: ${e && e.message}`);
    return e;
  }
  fail(`${message ? message + ": " : ""}expected a rejection with ${ErrorType.name}`);
}
function bytesOf(x) {
  return Array.from(x instanceof ArrayBuffer ? new Uint8Array(x) : x);
}

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

// Checks the WebIDL shape of an interface.
function checkInterface(C, name, length, ops, attrs, statics = {}) {
  eq(typeof C, "function", `${name} is a function`);
  eq(C.name, name, "name");
  eq(C.length, length, `${name}.length`);
  const global = Object.getOwnPropertyDescriptor(globalThis, name);
  assert(global && global.writable && global.configurable && !global.enumerable, "global property attributes");
  const proto = Object.getOwnPropertyDescriptor(C, "prototype");
  assert(!proto.writable && !proto.enumerable && !proto.configurable, "prototype property attributes");
  const tag = Object.getOwnPropertyDescriptor(C.prototype, Symbol.toStringTag);
  assert(tag && tag.value === name && !tag.writable && !tag.enumerable && tag.configurable, "@@toStringTag");
  for (const [op, len] of Object.entries(ops)) {
    const d = Object.getOwnPropertyDescriptor(C.prototype, op);
    assert(d, `${op} exists`);
    assert(d.writable && d.enumerable && d.configurable, `${op} attributes`);
    eq(typeof d.value, "function", `${op} is a function`);
    eq(d.value.length, len, `${op}.length`);
    eq(d.value.name, op, `${op}.name`);
  }
  for (const attr of attrs) {
    const d = Object.getOwnPropertyDescriptor(C.prototype, attr);
    assert(d && typeof d.get === "function", `${attr} is an accessor`);
    assert(d.enumerable && d.configurable && d.set === undefined, `${attr} attributes`);
    eq(d.get.name, "get " + attr, `${attr} getter name`);
    eq(d.get.length, 0, `${attr} getter length`);
  }
  for (const [op, len] of Object.entries(statics)) {
    const d = Object.getOwnPropertyDescriptor(C, op);
    assert(d && d.writable && d.enumerable && d.configurable, `static ${op} attributes`);
    eq(d.value.length, len, `static ${op}.length`);
    eq(d.value.name, op, `static ${op}.name`);
  }
}

// ---------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------

test("Headers: interface shape", () => {
  checkInterface(Headers, "Headers", 0,
    { append: 2, delete: 1, get: 1, getSetCookie: 0, has: 1, set: 2, entries: 0, keys: 0, values: 0, forEach: 1 }, []);
  const it = Object.getOwnPropertyDescriptor(Headers.prototype, Symbol.iterator);
  assert(it && it.value === Headers.prototype.entries && !it.enumerable && it.writable && it.configurable, "@@iterator is entries");
  eq(Object.prototype.toString.call(new Headers()), "[object Headers]");
  eq(Object.getPrototypeOf(Headers), Function.prototype, "[[Prototype]] of the interface object");
});

test("Headers: constructor requires new", () => {
  throws(TypeError, () => Headers());
  throws(TypeError, () => Headers.call(new Headers()));
});

test("Headers: brand checks", () => {
  const fake = Object.create(Headers.prototype);
  for (const [op, args] of [["append", ["a", "b"]], ["delete", ["a"]], ["get", ["a"]], ["getSetCookie", []],
    ["has", ["a"]], ["set", ["a", "b"]], ["entries", []], ["keys", []], ["values", []], ["forEach", [() => {}]]]) {
    throws(TypeError, () => Headers.prototype[op].apply(fake, args), op);
    throws(TypeError, () => Headers.prototype[op].apply(undefined, args), op + " on undefined");
  }
  const next = new Headers().keys().next;
  throws(TypeError, () => next.call({}), "iterator next");
});

test("Headers: missing arguments", () => {
  const h = new Headers();
  const e = throws(TypeError, () => h.append("a"));
  assert(/2 arguments required, but only 1 present/.test(e.message), e.message);
  throws(TypeError, () => h.get());
  throws(TypeError, () => h.has());
  throws(TypeError, () => h.delete());
  throws(TypeError, () => h.set("a"));
  throws(TypeError, () => h.forEach());
  throws(TypeError, () => h.forEach("not a function"));
});

test("Headers: constructor from nothing, undefined, record, sequence, Headers", () => {
  eq([...new Headers()].length, 0);
  eq([...new Headers(undefined)].length, 0);
  eq([...new Headers({})].length, 0);
  const rec = new Headers({ a: "1", B: "2", c: 3, d: null, e: undefined });
  arrayEq([...rec], [["a", "1"], ["b", "2"], ["c", "3"], ["d", "null"], ["e", "undefined"]]);
  const seq = new Headers([["a", "1"], ["a", "2"], ["B", "3"]]);
  arrayEq([...seq], [["a", "1, 2"], ["b", "3"]]);
  const copy = new Headers(seq);
  arrayEq([...copy], [["a", "1, 2"], ["b", "3"]]);
  seq.set("a", "x");
  eq(copy.get("a"), "1, 2", "a copy, not a view");
  const gen = new Headers({ [Symbol.iterator]: function* () { yield ["x", "y"]; yield new Set(["z", "w"]); } });
  arrayEq([...gen], [["x", "y"], ["z", "w"]]);
});

test("Headers: constructor errors", () => {
  throws(TypeError, () => new Headers(null));
  throws(TypeError, () => new Headers(1));
  throws(TypeError, () => new Headers("a"));
  throws(TypeError, () => new Headers([["a"]]), "pair of 1");
  throws(TypeError, () => new Headers([["a", "b", "c"]]), "pair of 3");
  throws(TypeError, () => new Headers([1]), "element not iterable");
  throws(TypeError, () => new Headers(["ab"]), "a string element is not an object");
  throws(TypeError, () => new Headers({ [Symbol.iterator]: 1 }), "non-callable @@iterator");
  throws(TypeError, () => new Headers({ a: "\u0100" }), "value not a ByteString");
  throws(TypeError, () => new Headers({ "\u0100": "a" }), "name not a ByteString");
  throws(TypeError, () => new Headers({ [Symbol("s")]: "a" }), "enumerable symbol key");
  const o = { a: "b" };
  Object.defineProperty(o, Symbol("s"), { value: "x", enumerable: false });
  Object.defineProperty(o, "hidden", { value: "x", enumerable: false });
  arrayEq([...new Headers(o)], [["a", "b"]], "non-enumerable keys are skipped");
  const proto = Object.create({ inherited: "x" });
  proto.own = "y";
  arrayEq([...new Headers(proto)], [["own", "y"]], "inherited keys are skipped");
  // Each key's [[GetOwnProperty]] comes after the getters of the keys before it.
  const removing = { get a() { delete this.b; Object.defineProperty(this, "c", { enumerable: false }); return "1"; },
                     b: "2", c: "3", d: "4" };
  arrayEq([...new Headers(removing)], [["a", "1"], ["d", "4"]], "a key a getter removed or hid is skipped");
  // String keys (and their getters) before symbol keys.
  const seen = [];
  const mixed = { [Symbol("s")]: "x", get a() { seen.push("a"); return "1"; } };
  throws(TypeError, () => new Headers(mixed), "enumerable symbol key after a string key");
  arrayEq(seen, ["a"], "the string key's getter ran before the symbol failed");
});

test("Headers: record conversion order (proxy traps)", () => {
  const log = [];
  const handler = {};
  for (const trap of ["get", "ownKeys", "getOwnPropertyDescriptor", "has"]) {
    handler[trap] = (...args) => { log.push(trap + ":" + String(args[1] === undefined ? "" : args[1])); return Reflect[trap](...args); };
  }
  new Headers(new Proxy({ a: "b", c: "d" }, handler));
  arrayEq(log, ["get:Symbol(Symbol.iterator)", "ownKeys:", "getOwnPropertyDescriptor:a", "get:a", "getOwnPropertyDescriptor:c", "get:c"]);
});

for (const name of ["", "a b", "a:b", "(a)", "a\u00e9", "a\nb", "a/b", "[x]", "{x}", "a\"b", "a,b", "a;b", "a=b", "a@b", "a?b", "a\\b", "a\u0100", "\u00ff"]) {
  test("Headers: invalid name " + JSON.stringify(name) + " throws in every method", () => {
    const h = new Headers();
    throws(TypeError, () => h.append(name, "v"), "append");
    throws(TypeError, () => h.set(name, "v"), "set");
    throws(TypeError, () => h.get(name), "get");
    throws(TypeError, () => h.has(name), "has");
    throws(TypeError, () => h.delete(name), "delete");
    throws(TypeError, () => new Headers([[name, "v"]]), "constructor");
  });
}

for (const value of ["a\nb", "a\rb", "a\0b", "\u0100", "a\r\nb: c", "\u20ac"]) {
  test("Headers: invalid value " + JSON.stringify(value) + " throws", () => {
    const h = new Headers();
    throws(TypeError, () => h.append("x", value), "append");
    throws(TypeError, () => h.set("x", value), "set");
    throws(TypeError, () => new Headers({ x: value }), "constructor");
    eq(h.has("x"), false);
  });
}

test("Headers: valid token names and latin-1 values", () => {
  const h = new Headers();
  for (const name of ["!#$%&'*+-.^_`|~", "A-Z0123456789", "x"]) h.append(name, "ok");
  eq(h.get("!#$%&'*+-.^_`|~"), "ok");
  h.append("latin1", "caf\u00e9 \u00ff\u0080\u007f");
  eq(h.get("latin1"), "caf\u00e9 \u00ff\u0080\u007f", "obs-text and DEL stay");
  throws(TypeError, () => h.append(Symbol("x"), "v"), "a Symbol name");
});

test("Headers: value normalisation strips leading and trailing HTTP whitespace", () => {
  const h = new Headers([["a", " \t\r\n x y \t\r\n "], ["b", "\n"], ["c", ""]]);
  eq(h.get("a"), "x y");
  eq(h.get("b"), "");
  eq(h.get("c"), "");
  h.set("a", "\tz\t");
  eq(h.get("a"), "z");
  h.append("d", "  inner \t space  ");
  eq(h.get("d"), "inner \t space");
  h.append("f", "\u000bv\u000c");
  eq(h.get("f"), "\u000bv\u000c", "vertical tab and form feed are not HTTP whitespace");
});

test("Headers: get combines with comma-space, case-insensitive", () => {
  const h = new Headers();
  h.append("Accept", "a");
  h.append("ACCEPT", "b");
  h.append("accept", "");
  eq(h.get("accept"), "a, b, ");
  eq(h.get("AcCePt"), "a, b, ");
  eq(h.get("missing"), null);
  assert(h.has("aCCEPT"));
  assert(!h.has("missing"));
});

test("Headers: set replaces every value, delete removes every value", () => {
  const h = new Headers([["a", "1"], ["b", "2"], ["A", "3"], ["c", "4"]]);
  h.set("A", "x");
  eq(h.get("a"), "x");
  arrayEq([...h.keys()], ["a", "b", "c"]);
  h.delete("B");
  eq(h.has("b"), false);
  h.delete("not-there");
  arrayEq([...h], [["a", "x"], ["c", "4"]]);
});

test("Headers: iteration is sorted, lower-cased and combined", () => {
  const h = new Headers([["Z", "1"], ["b", "2"], ["a", "3"], ["B", "4"], ["content-Type", "x"], ["Content-Typ", "y"], ["Content-Types", "z"]]);
  arrayEq([...h.keys()], ["a", "b", "content-typ", "content-type", "content-types", "z"]);
  arrayEq([...h.values()], ["3", "2, 4", "y", "x", "z", "1"]);
  arrayEq([...h.entries()], [["a", "3"], ["b", "2, 4"], ["content-typ", "y"], ["content-type", "x"], ["content-types", "z"], ["z", "1"]]);
  const seen = [];
  const thisArg = {};
  h.forEach(function (value, key, container) {
    eq(this, thisArg, "thisArg");
    eq(container, h, "third argument");
    seen.push(key + "=" + value);
  }, thisArg);
  arrayEq(seen, ["a=3", "b=2, 4", "content-typ=y", "content-type=x", "content-types=z", "z=1"]);
});

test("Headers: set-cookie values are iterated apart, getSetCookie", () => {
  const h = new Headers([["Set-Cookie", "a=1"], ["x", "y"], ["set-cookie", "b=2, c=3"], ["SET-COOKIE", "d=4"], ["Set-Cookie2", "e"]]);
  arrayEq([...h], [["set-cookie", "a=1"], ["set-cookie", "b=2, c=3"], ["set-cookie", "d=4"], ["set-cookie2", "e"], ["x", "y"]]);
  arrayEq(h.getSetCookie(), ["a=1", "b=2, c=3", "d=4"]);
  eq(h.get("set-cookie"), "a=1, b=2, c=3, d=4");
  const empty = new Headers().getSetCookie();
  assert(Array.isArray(empty) && empty.length === 0, "empty array");
  assert(h.getSetCookie() !== h.getSetCookie(), "a new array each time");
  h.set("set-cookie", "z");
  arrayEq(h.getSetCookie(), ["z"]);
});

test("Headers: iterator objects", () => {
  const h = new Headers({ a: "1" });
  for (const it of [h.entries(), h.keys(), h.values(), h[Symbol.iterator]()]) {
    const proto = Object.getPrototypeOf(it);
    eq(Object.getPrototypeOf(proto), IteratorPrototype, "[[Prototype]] is %IteratorPrototype%");
    eq(proto[Symbol.toStringTag], "Headers Iterator");
    eq(Object.prototype.toString.call(it), "[object Headers Iterator]");
    const next = Object.getOwnPropertyDescriptor(proto, "next");
    assert(next.writable && next.enumerable && next.configurable, "next attributes");
    eq(next.value.length, 0);
    assert(!Object.prototype.hasOwnProperty.call(proto, "constructor"), "no constructor");
  }
  eq(Object.getPrototypeOf(h.keys()), Object.getPrototypeOf(h.values()), "one iterator prototype");
  const it = h.keys();
  eq(it.next().value, "a");
  const done = it.next();
  eq(done.done, true);
  eq(done.value, undefined);
});

test("Headers: iteration sees changes made while iterating", () => {
  let h = new Headers({ foo: "2", baz: "1", BAR: "0" });
  let keys = [];
  for (const [k] of h) { keys.push(k); h.delete("foo"); }
  arrayEq(keys, ["bar", "baz"]);
  h = new Headers({ foo: "2", baz: "1", BAR: "0", quux: "3" });
  keys = [];
  for (const [k] of h) { keys.push(k); if (k === "baz") h.append("X-yZ", "4"); }
  arrayEq(keys, ["bar", "baz", "foo", "quux", "x-yz"]);
  h = new Headers({ foo: "2", baz: "1", BAR: "0", quux: "3" });
  keys = [];
  for (const [k] of h) { keys.push(k); if (k === "baz") h.append("abc", "-1"); }
  arrayEq(keys, ["bar", "baz", "baz", "foo", "quux"]);
  h = new Headers({ a: "1", b: "2" });
  keys = [];
  h.forEach((v, k) => { keys.push(k); if (k === "a") h.append("c", "3"); });
  arrayEq(keys, ["a", "b", "c"], "forEach too");
});

test("Headers: a custom iterator of a Headers source is used", () => {
  const h = new Headers();
  h[Symbol.iterator] = function* () { yield ["test", "test"]; };
  eq(new Headers(h).get("test"), "test");
});

// ---------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------

const forbiddenRequestHeaders = ["Accept-Charset", "accept-encoding", "Access-Control-Request-Headers",
  "Access-Control-Request-Method", "Connection", "Content-Length", "Cookie", "Cookie2", "Date", "DNT", "Expect",
  "Host", "Keep-Alive", "Origin", "Referer", "Set-Cookie", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Via",
  "Proxy-", "proxy-authorization", "Sec-", "sec-fetch-mode"];

// NANO is a server runtime (no CORS, no cookie store): as in Workers, Deno and
// Node, the browser-only forbidden header filters are off
// (nano.fetch.policy), so apps can forward Cookie/Host and set Set-Cookie.
for (const name of forbiddenRequestHeaders) {
  test("server runtime: request header " + name + " is kept", () => {
    const r = new Request("https://example.com/", { headers: [[name, "OK"]] });
    eq(r.headers.get(name), "OK", "constructor");
    r.headers.set(name, "OK2");
    eq(r.headers.get(name), "OK2", "set");
  });
}

for (const name of ["Accept", "Content-Type", "Authorization", "User-Agent", "Set-Cookie2", "secb", "sec", "proxya", "proxy", "X-Proxy-Foo"]) {
  test("guard request: " + name + " is allowed", () => {
    const r = new Request("https://example.com/", { headers: [[name, "OK"]] });
    eq(r.headers.get(name), "OK");
    r.headers.set(name, "OK2");
    eq(r.headers.get(name), "OK2");
  });
}

test("server runtime: X-HTTP-Method-Override with TRACE is kept", () => {
  eq(new Request("https://example.com/", { headers: [["X-HTTP-Method-Override", "TRACE"]] }).headers.get("x-http-method-override"), "TRACE");
});

test("guard request: delete of a missing name is a no-op", () => {
  const r = new Request("https://example.com/", { headers: { a: "b" } });
  r.headers.delete("Host");
  r.headers.delete("a");
  eq(r.headers.has("a"), false);
});

test("server runtime: Set-Cookie is kept on a Response, each value apart", () => {
  const r = new Response(null, { headers: [["Set-Cookie", "a=b"], ["set-cookie", "c=d"], ["X", "y"], ["Cookie", "ok"]] });
  arrayEq(r.headers.getSetCookie(), ["a=b", "c=d"]);
  eq(r.headers.get("set-cookie"), "a=b, c=d");
  eq(r.headers.get("x"), "y");
  eq(r.headers.get("cookie"), "ok");
});

test("guard request-no-cors", () => {
  const r = new Request("https://example.com/", {
    mode: "no-cors",
    headers: [["Accept", "text/html"], ["Accept-Language", "en-US,en;q=0.5"], ["Content-Language", "fr"],
      ["Content-Type", "text/plain;charset=UTF-8"], ["X-Custom", "no"], ["Range", "bytes=0-1"], ["Authorization", "no"]],
  });
  eq(r.mode, "no-cors");
  arrayEq([...r.headers.keys()], ["accept", "accept-language", "content-language", "content-type"]);
  const h = r.headers;
  h.set("Content-Type", "application/json");
  eq(h.get("content-type"), "text/plain;charset=UTF-8", "non-safelisted content-type is ignored");
  h.set("Content-Type", "multipart/form-data; boundary=x");
  eq(h.get("content-type"), "multipart/form-data; boundary=x");
  h.append("Accept", "a".repeat(130));
  eq(h.get("accept"), "text/html", "safelisted value > 128 bytes");
  h.append("Accept", "x\"y");
  eq(h.get("accept"), "text/html", "CORS-unsafe byte");
  h.append("Accept-Language", "de");
  eq(h.get("accept-language"), "en-US,en;q=0.5, de");
  h.delete("X-Custom");
  h.delete("Accept");
  eq(h.has("accept"), false);
  throws(TypeError, () => new Request("https://example.com/", { mode: "no-cors", method: "PUT" }), "PUT");
  eq(new Request("https://example.com/", { mode: "no-cors", method: "post" }).method, "POST");
  const body = new Request("https://example.com/", { mode: "no-cors", method: "POST", body: "x" });
  eq(body.headers.get("content-type"), "text/plain;charset=UTF-8");
  const combined = new Request("https://example.com/", { mode: "no-cors", headers: [["Accept", "a"], ["Accept", "b"]] });
  eq(combined.headers.get("accept"), "a, b");
});

test("guard immutable: Response.error() and Response.redirect() headers", () => {
  for (const r of [Response.error(), Response.redirect("https://example.com/")]) {
    const e = throws(TypeError, () => r.headers.append("a", "b"));
    assert(/immutable/.test(e.message), e.message);
    throws(TypeError, () => r.headers.set("a", "b"));
    throws(TypeError, () => r.headers.delete("location"));
    throws(TypeError, () => r.headers.append("a b", "c"), "invalid name still a TypeError");
    eq(r.headers.get("a"), null);
  }
  const clone = Response.error().clone();
  throws(TypeError, () => clone.headers.append("a", "b"), "the clone keeps the guard");
});

test("guard none: new Headers() takes any header", () => {
  const h = new Headers([["Host", "x"], ["Set-Cookie", "a"], ["Cookie", "c"], ["Sec-X", "1"]]);
  eq(h.get("host"), "x");
  eq(h.get("set-cookie"), "a");
  eq(h.get("sec-x"), "1");
});

// ---------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------

const requestAttributes = ["method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode",
  "credentials", "cache", "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation",
  "signal", "duplex", "body", "bodyUsed"];

test("Request: interface shape", () => {
  checkInterface(Request, "Request", 1, { clone: 0, arrayBuffer: 0, bytes: 0, json: 0, text: 0 }, requestAttributes);
  throws(TypeError, () => Request("https://example.com/"), "without new");
  throws(TypeError, () => new Request(), "no argument");
});

test("Request: brand checks", () => {
  const fake = Object.create(Request.prototype);
  for (const attr of requestAttributes) {
    const get = Object.getOwnPropertyDescriptor(Request.prototype, attr).get;
    throws(TypeError, () => get.call(fake), attr);
    throws(TypeError, () => get.call(new Response()), attr + " on a Response");
  }
  throws(TypeError, () => Request.prototype.clone.call(fake), "clone");
});

test("Request: defaults", () => {
  const r = new Request("https://example.com/a/../b?c#d");
  eq(r.method, "GET");
  eq(r.url, "https://example.com/b?c#d");
  eq(r.destination, "");
  eq(r.referrer, "about:client");
  eq(r.referrerPolicy, "");
  eq(r.mode, "cors");
  eq(r.credentials, "same-origin");
  eq(r.cache, "default");
  eq(r.redirect, "follow");
  eq(r.integrity, "");
  eq(r.keepalive, false);
  eq(r.isReloadNavigation, false);
  eq(r.isHistoryNavigation, false);
  eq(r.duplex, "half");
  eq(r.bodyUsed, false);
  assert(r.headers instanceof Headers, "headers is a Headers");
  eq(r.headers, r.headers, "[SameObject] headers");
  assert(r.signal instanceof AbortSignal, "signal is an AbortSignal");
  eq(r.signal.aborted, false);
  eq(r.signal, r.signal, "same signal");
  eq([...r.headers].length, 0);
});

test("Request: URL parsing", () => {
  throws(TypeError, () => new Request("/relative"), "no base URL");
  throws(TypeError, () => new Request(""), "empty");
  throws(TypeError, () => new Request("http://"), "invalid");
  throws(TypeError, () => new Request("https://user:pass@example.com/"), "credentials");
  throws(TypeError, () => new Request("https://user@example.com/"), "username only");
  eq(new Request(new URL("HTTPS://EXAMPLE.com:443/x")).url, "https://example.com/x");
  eq(new Request({ toString: () => "https://example.com/o" }).url, "https://example.com/o");
  eq(new Request("https://example.com/\ud800").url, "https://example.com/%EF%BF%BD", "USVString");
  eq(new Request("data:,hi").url, "data:,hi");
});

for (const [method, expected] of [["get", "GET"], ["head", "HEAD"], ["post", "POST"], ["put", "PUT"],
  ["delete", "DELETE"], ["options", "OPTIONS"], ["DeLeTe", "DELETE"], ["patch", "patch"], ["PATCH", "PATCH"],
  ["Patch", "Patch"], ["mkcol", "mkcol"], ["X-CUSTOM!", "X-CUSTOM!"]]) {
  test(`Request: method ${JSON.stringify(method)} becomes ${JSON.stringify(expected)}`, () => {
    eq(new Request("https://example.com/", { method }).method, expected);
  });
}

for (const bad of ["", "a b", "GET\n", "(GET)", "m\u00e9thode", "CONNECT", "connect", "TRACE", "trace", "TRACK", "Track"]) {
  test(`Request: method ${JSON.stringify(bad)} throws`, () => {
    throws(TypeError, () => new Request("https://example.com/", { method: bad }));
  });
}

test("Request: body with GET or HEAD throws", () => {
  throws(TypeError, () => new Request("https://example.com/", { body: "" }));
  throws(TypeError, () => new Request("https://example.com/", { method: "HEAD", body: "x" }));
  throws(TypeError, () => new Request("https://example.com/", { method: "get", body: new Uint8Array(0) }));
  eq(new Request("https://example.com/", { body: null }).method, "GET");
  eq(new Request("https://example.com/", { body: undefined }).method, "GET");
  const post = new Request("https://example.com/", { method: "POST", body: "x" });
  throws(TypeError, () => new Request(post, { method: "GET" }), "inherited body with GET");
});

for (const member of ["mode", "credentials", "cache", "redirect", "referrerPolicy", "duplex", "priority"]) {
  test(`Request: a bad ${member} is a TypeError`, () => {
    throws(TypeError, () => new Request("https://example.com/", { [member]: "BAD" }));
  });
}

test("Request: mode navigate, only-if-cached, window", () => {
  const url = "https://example.com/";
  throws(TypeError, () => new Request(url, { mode: "navigate" }));
  throws(TypeError, () => new Request(url, { cache: "only-if-cached" }));
  eq(new Request(url, { cache: "only-if-cached", mode: "same-origin" }).cache, "only-if-cached");
  throws(TypeError, () => new Request(url, { window: {} }));
  eq(new Request(url, { window: null }).url, url);
  eq(new Request(url, { window: undefined }).url, url);
  const r = new Request(url, {
    mode: "same-origin", credentials: "include", cache: "no-store", redirect: "manual",
    referrerPolicy: "unsafe-url", integrity: "sha256-abc", keepalive: true, duplex: "half", priority: "high",
  });
  eq(r.mode, "same-origin");
  eq(r.credentials, "include");
  eq(r.cache, "no-store");
  eq(r.redirect, "manual");
  eq(r.referrerPolicy, "unsafe-url");
  eq(r.integrity, "sha256-abc");
  eq(r.keepalive, true);
  for (const mode of ["same-origin", "no-cors", "cors"]) eq(new Request(url, { mode }).mode, mode);
  for (const c of ["omit", "same-origin", "include"]) eq(new Request(url, { credentials: c }).credentials, c);
  for (const c of ["default", "no-store", "reload", "no-cache", "force-cache"]) eq(new Request(url, { cache: c }).cache, c);
  for (const p of ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
    "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"]) {
    eq(new Request(url, { referrerPolicy: p }).referrerPolicy, p);
  }
});

test("Request: referrer", () => {
  const url = "https://example.com/";
  eq(new Request(url, { referrer: "" }).referrer, "");
  eq(new Request(url, { referrer: "about:client" }).referrer, "about:client");
  eq(new Request(url, { referrer: "https://example.com/page" }).referrer, "about:client", "opaque origin: never same-origin");
  throws(TypeError, () => new Request(url, { referrer: "/relative" }));
  throws(TypeError, () => new Request(url, { referrer: "http://" }));
  const noRef = new Request(url, { referrer: "" });
  eq(new Request(noRef).referrer, "", "kept with an empty init");
  eq(new Request(noRef, { method: "GET" }).referrer, "about:client", "reset by a non-empty init");
});

test("Request: RequestInit members are read in lexicographic order", () => {
  const log = [];
  const init = {};
  for (const key of ["window", "signal", "referrerPolicy", "referrer", "redirect", "priority", "mode", "method",
    "keepalive", "integrity", "headers", "duplex", "credentials", "cache", "body"]) {
    Object.defineProperty(init, key, { get() { log.push(key); return undefined; } });
  }
  new Request("https://example.com/", init);
  arrayEq(log, ["body", "cache", "credentials", "duplex", "headers", "integrity", "keepalive", "method", "mode",
    "priority", "redirect", "referrer", "referrerPolicy", "signal", "window"]);
  throws(TypeError, () => new Request("https://example.com/", 1), "init not an object");
  eq(new Request("https://example.com/", null).method, "GET", "null init");
});

test("Request: the input is converted before the init", () => {
  const log = [];
  const input = { toString() { log.push("input"); return "https://example.com/"; } };
  new Request(input, { get method() { log.push("method"); return "POST"; } });
  arrayEq(log, ["input", "method"]);
});

test("Request: signal", () => {
  const url = "https://example.com/";
  const controller = new AbortController();
  const r = new Request(url, { signal: controller.signal });
  assert(r.signal !== controller.signal, "a dependent signal, not the same");
  eq(r.signal.aborted, false);
  const reason = new Error("why");
  controller.abort(reason);
  eq(r.signal.aborted, true, "follows");
  eq(r.signal.reason, reason);
  const pre = new Request(url, { signal: AbortSignal.abort("r") });
  eq(pre.signal.aborted, true);
  eq(pre.signal.reason, "r");
  const c2 = new AbortController();
  const first = new Request(url, { signal: c2.signal });
  const second = new Request(first);
  const third = new Request(first, { signal: null });
  c2.abort();
  eq(second.signal.aborted, true, "new Request(request) follows the input's signal");
  eq(third.signal.aborted, false, "signal: null does not follow");
  throws(TypeError, () => new Request(url, { signal: {} }), "not an AbortSignal");
  throws(TypeError, () => new Request(url, { signal: "x" }), "not an AbortSignal");
});

test("Request: bodies and their Content-Type", async () => {
  const url = "https://example.com/";
  const post = (body, headers) => new Request(url, { method: "POST", body, headers });
  let r = post("héllo");
  eq(r.headers.get("content-type"), "text/plain;charset=UTF-8");
  eq(await r.text(), "héllo");
  r = post(new URLSearchParams("a=1&b=2 3"));
  eq(r.headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
  eq(await r.text(), "a=1&b=2+3");
  r = post(new Uint8Array([1, 2, 3]));
  eq(r.headers.get("content-type"), null);
  arrayEq(bytesOf(await r.arrayBuffer()), [1, 2, 3]);
  r = post(new Uint8Array([1, 2, 3]).buffer);
  arrayEq(bytesOf(await r.bytes()), [1, 2, 3]);
  r = post(new DataView(new Uint8Array([9, 8, 7, 6]).buffer, 1, 2));
  arrayEq(bytesOf(await r.bytes()), [8, 7]);
  r = post(new Uint16Array([0x0102]));
  eq((await r.bytes()).length, 2);
  r = post({});
  eq(await r.text(), "[object Object]");
  eq(r.headers.get("content-type"), "text/plain;charset=UTF-8");
  r = post(42);
  eq(await r.text(), "42");
  r = post("x", { "Content-Type": "application/custom" });
  eq(r.headers.get("content-type"), "application/custom", "an explicit Content-Type stays");
  r = post("");
  eq(await r.text(), "");
  eq(r.headers.get("content-type"), "text/plain;charset=UTF-8", "an empty string is a body");
});

test("Request: a buffer body is copied at construction", async () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const r = new Request("https://example.com/", { method: "POST", body: bytes });
  bytes[0] = 99;
  arrayEq(bytesOf(await r.bytes()), [1, 2, 3]);
});

test("Request: new Request(request) copies and moves the body", async () => {
  const a = new Request("https://example.com/x", {
    method: "POST", body: "payload", headers: { "X-A": "1" }, mode: "same-origin", credentials: "omit",
    cache: "no-cache", redirect: "error", integrity: "i", keepalive: true, referrerPolicy: "origin",
  });
  const b = new Request(a);
  eq(b.url, a.url);
  eq(b.method, "POST");
  eq(b.mode, "same-origin");
  eq(b.credentials, "omit");
  eq(b.cache, "no-cache");
  eq(b.redirect, "error");
  eq(b.integrity, "i");
  eq(b.keepalive, true);
  eq(b.referrerPolicy, "origin");
  eq(b.headers.get("x-a"), "1");
  assert(b.headers !== a.headers, "own headers");
  b.headers.set("x-a", "2");
  eq(a.headers.get("x-a"), "1", "header lists are copies");
  eq(a.bodyUsed, true, "the input's body is now used");
  eq(b.bodyUsed, false);
  eq(await b.text(), "payload");
  throws(TypeError, () => new Request(a), "input body used");
  const c = new Request(a, { body: "new" });
  eq(await c.text(), "new", "a new body is fine");
  const d = new Request(new Request("https://example.com/", { method: "POST", body: "z" }), { method: "PUT" });
  eq(d.method, "PUT");
  eq(await d.text(), "z");
});

test("Request: init.headers replaces the input's headers", () => {
  const a = new Request("https://example.com/", { headers: { a: "1", b: "2" } });
  const b = new Request(a, { headers: { c: "3" } });
  arrayEq([...b.headers], [["c", "3"]]);
  const c = new Request(a, {});
  arrayEq([...c.headers], [["a", "1"], ["b", "2"]], "empty init keeps them");
  const d = new Request(a, { headers: new Headers({ d: "4" }) });
  arrayEq([...d.headers], [["d", "4"]]);
});

test("Request: clone", async () => {
  const controller = new AbortController();
  const a = new Request("https://example.com/", { method: "POST", body: "abc", headers: { x: "y" }, signal: controller.signal });
  const b = a.clone();
  assert(b instanceof Request && b !== a);
  eq(b.url, a.url);
  eq(b.method, "POST");
  eq(b.headers.get("x"), "y");
  assert(b.headers !== a.headers);
  b.headers.set("x", "z");
  eq(a.headers.get("x"), "y");
  assert(b.signal !== a.signal);
  eq(await a.text(), "abc");
  eq(await b.text(), "abc", "the clone has its own body");
  throws(TypeError, () => a.clone(), "clone of a used body");
  const c = new Request("https://example.com/", { signal: controller.signal }).clone();
  controller.abort();
  eq(c.signal.aborted, true, "the clone follows the signal");
  const noCors = new Request("https://example.com/", { mode: "no-cors" }).clone();
  noCors.headers.append("X-Custom", "1");
  eq(noCors.headers.has("x-custom"), false, "the clone keeps the request-no-cors guard");
});

// ---------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------

const responseAttributes = ["type", "url", "redirected", "status", "ok", "statusText", "headers", "body", "bodyUsed"];

test("Response: interface shape", () => {
  checkInterface(Response, "Response", 0, { clone: 0, arrayBuffer: 0, bytes: 0, json: 0, text: 0 },
    responseAttributes, { error: 0, redirect: 1, json: 1 });
  throws(TypeError, () => Response(), "without new");
  assert(Request.prototype.text !== Response.prototype.text, "each interface has its own mixin functions");
});

test("Response: brand checks", async () => {
  const fake = Object.create(Response.prototype);
  for (const attr of responseAttributes) {
    const get = Object.getOwnPropertyDescriptor(Response.prototype, attr).get;
    throws(TypeError, () => get.call(fake), attr);
  }
  throws(TypeError, () => Response.prototype.clone.call(fake));
  for (const op of ["arrayBuffer", "bytes", "json", "text"]) {
    let p;
    try { p = Response.prototype[op].call(fake); } catch (e) { fail(op + " threw instead of rejecting"); }
    await rejects(TypeError, p, op);
    await rejects(TypeError, Request.prototype[op].call(new Response("x")), op + " of Request on a Response");
  }
});

test("Response: defaults", async () => {
  const r = new Response();
  eq(r.type, "default");
  eq(r.url, "");
  eq(r.redirected, false);
  eq(r.status, 200);
  eq(r.ok, true);
  eq(r.statusText, "");
  assert(r.headers instanceof Headers);
  eq(r.headers, r.headers);
  eq([...r.headers].length, 0);
  eq(r.bodyUsed, false);
  eq(await r.text(), "");
  eq(await r.text(), "", "a null body can be read again");
  eq(r.bodyUsed, false, "a null body is never used");
  eq(new Response(undefined).status, 200);
  eq(new Response(null, undefined).status, 200);
  eq(new Response(null, null).status, 200);
});

for (const s of [200, 201, 299, 300, 400, 404, 500, 599]) {
  test("Response: status " + s, () => {
    const r = new Response(null, { status: s });
    eq(r.status, s);
    eq(r.ok, s >= 200 && s < 300, "ok");
  });
}

for (const s of [0, 100, 101, 199, 600, 999, -1]) {
  test("Response: status " + s + " is a RangeError", () => {
    throws(RangeError, () => new Response(null, { status: s }));
  });
}

test("Response: status and statusText conversions", () => {
  eq(new Response(null, { status: 65736 }).status, 200, "unsigned short wraps modulo 2^16");
  eq(new Response(null, { status: "201" }).status, 201);
  eq(new Response(null, { status: 204.9 }).status, 204);
  throws(RangeError, () => new Response(null, { status: NaN }), "NaN is 0");
  throws(TypeError, () => new Response(null, { status: Symbol() }));
  eq(new Response(null, { statusText: "OK then" }).statusText, "OK then");
  eq(new Response(null, { statusText: "tab\tand \u00e9\u00ff" }).statusText, "tab\tand \u00e9\u00ff");
});

for (const t of ["\n", "a\rb", "\u0000", "\u007f", "\u0100", "\u001f"]) {
  test("Response: statusText " + JSON.stringify(t) + " throws", () => {
    throws(TypeError, () => new Response(null, { statusText: t }));
  });
}

test("Response: ResponseInit members are read in lexicographic order", () => {
  const log = [];
  new Response(null, {
    get statusText() { log.push("statusText"); return "x"; },
    get status() { log.push("status"); return 201; },
    get headers() { log.push("headers"); return {}; },
  });
  arrayEq(log, ["headers", "status", "statusText"]);
  throws(TypeError, () => new Response(null, 5));
});

for (const s of [204, 205, 304]) {
  test("Response: null body status " + s + " with a body throws", () => {
    throws(TypeError, () => new Response("", { status: s }));
    throws(TypeError, () => new Response(new Uint8Array(0), { status: s }));
    eq(new Response(null, { status: s }).status, s);
    throws(TypeError, () => Response.json({}, { status: s }), "Response.json");
  });
}

test("Response: body types and Content-Type", async () => {
  let r = new Response("text ✓");
  eq(r.headers.get("content-type"), "text/plain;charset=UTF-8");
  eq(await r.text(), "text ✓");
  r = new Response(new URLSearchParams({ q: "a b", x: "é" }));
  eq(r.headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
  eq(await r.text(), "q=a+b&x=%C3%A9");
  r = new Response(new Uint8Array([0xE2, 0x9C, 0x93]));
  eq(r.headers.get("content-type"), null);
  eq(await r.text(), "✓");
  r = new Response("x", { headers: { "content-type": "text/html" } });
  eq(r.headers.get("content-type"), "text/html");
  arrayEq([...new Response("x", { headers: [["a", "b"]] }).headers], [["a", "b"], ["content-type", "text/plain;charset=UTF-8"]]);
  r = new Response([1, 2]);
  eq(await r.text(), "1,2", "an array is stringified");
  r = new Response({ toString: () => "custom" });
  eq(await r.text(), "custom");
  throws(TypeError, () => new Response(Symbol("s")), "a Symbol body");
});

test("Response: body reads consume the body", async () => {
  let r = new Response("{\"a\":[1,2]}");
  const p = r.json();
  eq(r.bodyUsed, true, "used as soon as the read starts");
  const v = await p;
  eq(v.a[1], 2);
  await rejects(TypeError, r.text(), "second read");
  await rejects(TypeError, r.arrayBuffer(), "third read");
  throws(TypeError, () => r.clone(), "clone of a used body");
  r = new Response("not json");
  await rejects(SyntaxError, r.json());
  eq(r.bodyUsed, true);
  await rejects(SyntaxError, new Response().json(), "empty body is not JSON");
  await rejects(SyntaxError, new Response("").json());
  r = new Response("abc");
  const ab = await r.arrayBuffer();
  assert(ab instanceof ArrayBuffer, "an ArrayBuffer");
  arrayEq(bytesOf(ab), [97, 98, 99]);
  r = new Response("abc");
  const u8 = await r.bytes();
  assert(u8 instanceof Uint8Array, "a Uint8Array");
  eq(u8.byteOffset, 0);
  eq(u8.byteLength, u8.buffer.byteLength);
  arrayEq(bytesOf(u8), [97, 98, 99]);
  const empty = await new Response("").arrayBuffer();
  eq(empty.byteLength, 0);
  assert((await new Response().bytes()) instanceof Uint8Array);
  assert((await new Response().arrayBuffer()) instanceof ArrayBuffer);
  assert(new Response("x").text() !== new Response("x").text(), "a new promise each time");
});

test("Response: text() decodes UTF-8, strips one BOM, replaces errors", async () => {
  eq(await new Response(new Uint8Array([0xEF, 0xBB, 0xBF, 0x61])).text(), "a");
  eq(await new Response(new Uint8Array([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x61])).text(), "\ufeffa", "only one BOM");
  eq(await new Response(new Uint8Array([0x61, 0xFF, 0x62])).text(), "a\ufffdb");
  eq(await new Response(new Uint8Array([0xF0, 0x9F, 0x98])).text(), "\ufffd");
  eq(await new Response("\ufeffabc").text(), "abc", "a string body starting with U+FEFF");
  eq(await new Response("\ufeff\ufeffabc").text(), "\ufeffabc");
  eq(await new Response("a\ud800b").text(), "a\ufffdb", "lone surrogate");
  arrayEq(bytesOf(await new Response("\ud800").bytes()), [0xEF, 0xBF, 0xBD]);
  arrayEq(bytesOf(await new Response("\ufeffa").bytes()), [0xEF, 0xBB, 0xBF, 0x61], "bytes keep the BOM");
  eq((await new Response(new Uint8Array([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])).json()).constructor, Object, "json() strips the BOM too");
});

test("Response: clone", async () => {
  const a = new Response("body", { status: 201, statusText: "Created", headers: { x: "1" } });
  const b = a.clone();
  eq(b.status, 201);
  eq(b.statusText, "Created");
  eq(b.headers.get("x"), "1");
  assert(b.headers !== a.headers);
  b.headers.set("x", "2");
  eq(a.headers.get("x"), "1");
  eq(await b.text(), "body");
  eq(a.bodyUsed, false);
  eq(await a.text(), "body");
  const bytes = new Response(new Uint8Array([1, 2]));
  const c = bytes.clone();
  const one = await bytes.bytes();
  one[0] = 42;
  arrayEq(bytesOf(await c.bytes()), [1, 2], "clones do not share memory");
  const n = new Response(null).clone();
  eq(await n.text(), "");
});

test("Response.error()", async () => {
  const r = Response.error();
  assert(r instanceof Response);
  eq(r.type, "error");
  eq(r.status, 0);
  eq(r.ok, false);
  eq(r.statusText, "");
  eq(r.url, "");
  eq([...r.headers].length, 0);
  eq(await r.text(), "");
  assert(Response.error() !== Response.error(), "a new object");
});

for (const s of [301, 302, 303, 307, 308]) {
  test("Response.redirect() with status " + s, () => {
    const r = Response.redirect("https://example.com/x", s);
    eq(r.status, s);
    eq(r.headers.get("location"), "https://example.com/x");
    eq(r.redirected, false);
    eq(r.type, "default");
  });
}

test("Response.redirect()", () => {
  let r = Response.redirect("https://example.com/a b?c");
  eq(r.status, 302);
  eq(r.headers.get("location"), "https://example.com/a%20b?c");
  eq(r.type, "default");
  eq(r.statusText, "");
  eq(r.ok, false);
  for (const s of [200, 300, 304, 309, 400, 0]) throws(RangeError, () => Response.redirect("https://example.com/", s), "status " + s);
  eq(Response.redirect("https://example.com/", 65536 + 301).status, 301, "unsigned short");
  throws(TypeError, () => Response.redirect("/relative"), "relative URL");
  throws(TypeError, () => Response.redirect("http://"), "invalid URL");
  throws(TypeError, () => Response.redirect(), "missing argument");
  const order = [];
  throws(TypeError, () => Response.redirect({ toString() { order.push("url"); return "nope"; } }, { valueOf() { order.push("status"); return 1; } }));
  arrayEq(order, ["url", "status"], "both arguments converted before the checks");
  r = Response.redirect(new URL("https://example.com/x"));
  eq(r.headers.get("location"), "https://example.com/x");
});

test("Response.json()", async () => {
  let r = Response.json({ a: 1, b: "é" });
  eq(r.status, 200);
  eq(r.headers.get("content-type"), "application/json");
  eq(await r.text(), "{\"a\":1,\"b\":\"é\"}");
  r = Response.json([1], { status: 201, statusText: "C", headers: { "X-A": "b" } });
  eq(r.status, 201);
  eq(r.statusText, "C");
  eq(r.headers.get("x-a"), "b");
  arrayEq(await r.json(), [1]);
  r = Response.json("x", { headers: { "content-type": "application/vnd.x+json" } });
  eq(r.headers.get("content-type"), "application/vnd.x+json");
  eq(await Response.json(null).text(), "null");
  throws(TypeError, () => Response.json(undefined), "undefined");
  throws(TypeError, () => Response.json(() => {}), "a function");
  throws(TypeError, () => Response.json(Symbol("s")), "a Symbol");
  throws(TypeError, () => Response.json(10n), "a BigInt (JSON.stringify throws)");
  throws(TypeError, () => Response.json(), "missing argument");
  throws(TypeError, () => Response.json({}, { status: 204 }), "null body status");
  throws(RangeError, () => Response.json({}, { status: 99 }));
  const order = [];
  Response.json({ toJSON() { order.push("toJSON"); return 1; } }, { get status() { order.push("status"); return 200; } });
  arrayEq(order, ["status", "toJSON"], "init is converted before serialising");
  eq(await Response.json("\ud800").text(), "\"\\ud800\"", "JSON.stringify escapes lone surrogates");
});

test("Body: promise-returning methods reject, never throw", async () => {
  const used = new Response("x");
  await used.text();
  let p;
  try { p = used.text(); } catch { fail("threw"); }
  await rejects(TypeError, p);
});

test("Body: bodyUsed after reading, per interface", async () => {
  const r = new Request("https://example.com/", { method: "POST", body: "x" });
  eq(r.bodyUsed, false);
  const p = r.arrayBuffer();
  eq(r.bodyUsed, true);
  await p;
  await rejects(TypeError, r.bytes());
  const empty = new Request("https://example.com/");
  eq(await empty.text(), "");
  eq(await empty.text(), "", "a Request without body can be read again");
  eq(empty.bodyUsed, false);
  assert(empty.clone() instanceof Request);
});

// ---------------------------------------------------------------------------
// Robustness: the implementation keeps working after an app changes built-ins.
// ---------------------------------------------------------------------------

test("robust against changed built-ins", async () => {
  const saved = [];
  const defineProperty = Object.defineProperty;
  const patch = (obj, key) => {
    saved[saved.length] = [obj, key, Object.getOwnPropertyDescriptor(obj, key)];
    const boom = function () { throw new Error("the runtime called the patched " + String(key)); };
    defineProperty(obj, key, { value: boom, writable: true, configurable: true });
  };
  try {
    patch(Array.prototype, "push");
    patch(Array.prototype, "sort");
    patch(Array.prototype, "slice");
    patch(Array.prototype, "splice");
    patch(String.prototype, "toLowerCase");
    patch(String.prototype, "toUpperCase");
    patch(String.prototype, "slice");
    patch(String.prototype, "charCodeAt");
    patch(RegExp.prototype, "exec");
    patch(RegExp.prototype, "test");
    patch(Function.prototype, "call");
    patch(Function.prototype, "apply");
    patch(Object, "defineProperty");
    patch(JSON, "parse");
    patch(JSON, "stringify");
    patch(Promise, "resolve");
    patch(Promise, "reject");
    patch(Object.getPrototypeOf(Uint8Array.prototype), "set");
    patch(Object.getPrototypeOf(Uint8Array.prototype), "subarray");

    const h = new Headers([["B", " 2 "], ["a", "1"], ["set-cookie", "x"], ["Set-Cookie", "y"]]);
    h.append("c", "3");
    h.set("A", "4");
    h.delete("c");
    const entries = [];
    for (const e of h) entries[entries.length] = e[0] + "=" + e[1];
    if (entries.join("|") !== "a=4|b=2|set-cookie=x|set-cookie=y") throw new Error("headers: " + entries.join("|"));
    if (h.getSetCookie().length !== 2) throw new Error("getSetCookie");
    const req = new Request("https://example.com/", { method: "post", body: "q", headers: { X: "1" } });
    if (req.method !== "POST") throw new Error("method");
    const res = new Response("{\"k\":1}", { status: 201, headers: h });
    const clone = res.clone();
    const json = await res.json();
    if (json.k !== 1) throw new Error("json");
    const bytes = await clone.bytes();
    if (bytes.length !== 7) throw new Error("bytes");
    const j = Response.json({ z: 1 });
    if (j.headers.get("content-type") !== "application/json") throw new Error("Response.json");
    await req.text();
    let rejected = false;
    try { await req.text(); } catch (e) { rejected = e instanceof TypeError; }
    if (!rejected) throw new Error("second read");
  } finally {
    for (let i = saved.length - 1; i >= 0; i--) {
      const [obj, key, desc] = saved[i];
      if (desc === undefined) delete obj[key];
      else defineProperty(obj, key, desc);
    }
  }
});

test("robust against replaced globals", () => {
  const saved = { URL: globalThis.URL, AbortController: globalThis.AbortController, Headers: globalThis.Headers, TypeError: globalThis.TypeError };
  try {
    globalThis.URL = function () { throw new Error("patched URL"); };
    globalThis.AbortController = function () { throw new Error("patched AbortController"); };
    globalThis.Headers = function () { throw new Error("patched Headers"); };
    const r = new Request("https://example.com/x", { headers: { a: "b" } });
    if (r.url !== "https://example.com/x" || r.headers.get("a") !== "b") throw new Error("request");
    if (Response.redirect("https://example.com/").status !== 302) throw new Error("redirect");
  } finally {
    Object.assign(globalThis, saved);
  }
});

// ---------------------------------------------------------------------------
// Bodies as streams (Fetch §5.3 "body" and the ReadableStream BodyInit)

async function readAll(stream) {
  const reader = stream.getReader();
  const parts = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(...value);
  }
  return parts;
}

test("body: null without a body, a ReadableStream of the bytes with one", async () => {
  eq(new Response(null).body, null);
  eq(new Request("https://example.com/").body, null);
  const r = new Response("héllo");
  assert(r.body instanceof ReadableStream, "a ReadableStream");
  eq(r.body, r.body, "[SameObject]");
  eq(r.bodyUsed, false);
  arrayEq(await readAll(r.body), [104, 195, 169, 108, 108, 111]);
  eq(r.bodyUsed, true, "reading the stream disturbs the body");
  let e = null;
  try { await r.text(); } catch (err) { e = err; }
  assert(e instanceof TypeError, "text() after the stream was read is a TypeError");
});

test("body: a locked body cannot be consumed", async () => {
  const r = new Response("x");
  const reader = r.body.getReader();
  eq(r.bodyUsed, false, "locked is not disturbed");
  let e = null;
  try { await r.text(); } catch (err) { e = err; }
  assert(e instanceof TypeError && /locked/.test(e.message), "TypeError naming the lock: " + (e && e.message));
  reader.releaseLock();
  eq(await r.text(), "x");
});

test("ReadableStream as a Response body: text(), json(), arrayBuffer(), blob()", async () => {
  const make = (chunks) => new ReadableStream({
    start(c) { for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk)); c.close(); },
  });
  eq(await new Response(make(["he", "llo"])).text(), "hello");
  eq((await new Response(make(['{"a":', "1}"])).json()).a, 1);
  eq((await new Response(make(["abc"])).arrayBuffer()).byteLength, 3);
  const blob = await new Response(make(["abcd"]), { headers: { "content-type": "text/x-test" } }).blob();
  eq(blob.size, 4);
  eq(blob.type, "text/x-test");
  eq((await new Response(make(["zz"])).bytes()).length, 2);
});

test("ReadableStream body: no content-type is added", () => {
  eq(new Response(new ReadableStream()).headers.get("content-type"), null);
});

test("ReadableStream body: locked or disturbed streams are TypeErrors", async () => {
  const locked = new ReadableStream();
  locked.getReader();
  throws(TypeError, () => new Response(locked), "locked");
  const disturbed = new ReadableStream({ start(c) { c.enqueue(new Uint8Array(1)); } });
  await disturbed.getReader().read().then(() => {});
  const again = new ReadableStream({ start(c) { c.close(); } });
  const reader = again.getReader();
  await reader.read();
  reader.releaseLock();
  throws(TypeError, () => new Response(again), "disturbed");
});

test("ReadableStream body: a chunk that is not a Uint8Array makes consumption reject", async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue("not bytes"); c.close(); } });
  let e = null;
  try { await new Response(rs).text(); } catch (err) { e = err; }
  assert(e instanceof TypeError, "TypeError, got " + (e && e.name));
});

test("clone() of a stream body tees it: both sides read everything", async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1, 2])); c.enqueue(new Uint8Array([3])); c.close(); } });
  const a = new Response(rs);
  const b = a.clone();
  arrayEq(await readAll(a.body), [1, 2, 3]);
  arrayEq(Array.from(await b.bytes()), [1, 2, 3]);
});

test("clone() once .body was asked for tees it; clone() of a read body is a TypeError", async () => {
  const a = new Response("abc");
  const s = a.body;
  const b = a.clone();
  assert(a.body !== s, "the original takes one branch of the tee");
  eq(await b.text(), "abc");
  arrayEq(await readAll(a.body), [97, 98, 99]);
  throws(TypeError, () => a.clone(), "disturbed");
});

test("Request with a ReadableStream body needs duplex: 'half'", async () => {
  const rs = () => new ReadableStream({ start(c) { c.enqueue(new Uint8Array([65])); c.close(); } });
  throws(TypeError, () => new Request("https://example.com/", { method: "POST", body: rs() }), "no duplex");
  const r = new Request("https://example.com/", { method: "POST", body: rs(), duplex: "half" });
  eq(r.duplex, "half");
  eq(await r.text(), "A");
  const moved = new Request("https://example.com/", { method: "POST", body: rs(), duplex: "half" });
  const copy = new Request(moved);
  eq(moved.bodyUsed, true, "the body moved to the new Request");
  eq(await copy.text(), "A");
});

// ---------------------------------------------------------------------------

async function main() {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    try {
      await t.fn();
      passed++;
      console.log(`ok ${t.name}`);
    } catch (e) {
      failed++;
      console.log(`not ok ${t.name}: ${e && e.message ? e.message : e}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
}
main();
