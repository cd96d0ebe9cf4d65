// Conformance tests for URL and URLSearchParams (runtime files url/idna.js
// and url/url.js). Runs the web-platform-tests URL vectors, which must be
// copied next to this file from ../shared/testdata/wpt/url/:
// urltestdata.json, setters_tests.json, toascii.json, percent-encoding.json,
// IdnaTestV2.json. Prints "not ok NAME: REASON" for each failure and a final
// "N passed, M failed" line.
import urltestdata from "./urltestdata.json";
import setters from "./setters_tests.json";
import toascii from "./toascii.json";
import percent from "./percent-encoding.json";
import idnaTests from "./IdnaTestV2.json";

let passed = 0;
let failed = 0;

function show(v) {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map(show).join(", ") + "]";
  return String(v);
}

function test(name, fn) {
  try {
    fn();
    passed++;
  } catch (e) {
    failed++;
    console.log(`not ok ${JSON.stringify(name).slice(1, -1)}: ${e && e.message}`);
  }
}

class AssertionError extends Error {}

function eq(actual, expected, what = "value") {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${what}: got ${show(actual)}, expected ${show(expected)}`);
  }
}
function ok(cond, what = "condition") {
  if (!cond) throw new AssertionError(`${what} is false`);
}
function arrayEq(actual, expected, what = "array") {
  ok(Array.isArray(actual), `${what} is an array`);
  eq(actual.length, expected.length, `${what}.length`);
  for (let i = 0; i < expected.length; i++) eq(actual[i], expected[i], `${what}[${i}]`);
}
function throwsType(fn, what = "call") {
  try {
    fn();
  } catch (e) {
    if (e instanceof TypeError) return e;
    throw new AssertionError(`${what}: threw ${e && e.name} instead of TypeError`);
  }
  throw new AssertionError(`${what}: did not throw`);
}
function pairsOf(iterable) {
  const out = [];
  for (const p of iterable) out.push(p);
  return out;
}
function pairsEq(actual, expected, what = "pairs") {
  eq(actual.length, expected.length, `${what}.length`);
  for (let i = 0; i < expected.length; i++) arrayEq(actual[i], expected[i], `${what}[${i}]`);
}

// ---------------------------------------------------------------------------
// urltestdata.json: the constructor, URL.parse, URL.canParse, origin.

const COMPONENTS = ["href", "protocol", "username", "password", "host", "hostname", "port",
  "pathname", "search", "hash"];

function runParsingTests(cases) {
  for (const c of cases) {
    if (typeof c === "string") continue;
    const base = c.base !== null ? c.base : undefined;
    test(`parse <${c.input}> against <${base}>`, () => {
      if (c.failure) {
        throwsType(() => new URL(c.input, base), "new URL");
        eq(URL.canParse(c.input, base), false, "URL.canParse");
        eq(URL.parse(c.input, base), null, "URL.parse");
        return;
      }
      const url = new URL(c.input, base);
      for (const k of COMPONENTS) eq(url[k], c[k], k);
      if ("origin" in c) eq(url.origin, c.origin, "origin");
      if ("searchParams" in c) eq(url.searchParams.toString(), c.searchParams, "searchParams");
      eq(URL.canParse(c.input, base), true, "URL.canParse");
      const parsed = URL.parse(c.input, base);
      ok(parsed instanceof URL, "URL.parse result is a URL");
      eq(parsed.href, c.href, "URL.parse(...).href");
      eq(String(url), c.href, "toString");
      eq(url.toJSON(), c.href, "toJSON");
    });
  }
}
runParsingTests(urltestdata);
// urltestdata-javascript-only.json (one case, inlined).
runParsingTests([{
  input: "http://example.com/\uD800\uD801\uDFFE\uDFFF\uFDD0\uFDCF\uFDEF\uFDF0\uFFFE\uFFFF?\uD800\uD801\uDFFE\uDFFF\uFDD0\uFDCF\uFDEF\uFDF0\uFFFE\uFFFF",
  base: null,
  href: "http://example.com/%EF%BF%BD%F0%90%9F%BE%EF%BF%BD%EF%B7%90%EF%B7%8F%EF%B7%AF%EF%B7%B0%EF%BF%BE%EF%BF%BF?%EF%BF%BD%F0%90%9F%BE%EF%BF%BD%EF%B7%90%EF%B7%8F%EF%B7%AF%EF%B7%B0%EF%BF%BE%EF%BF%BF",
  origin: "http://example.com", protocol: "http:", username: "", password: "",
  host: "example.com", hostname: "example.com", port: "",
  pathname: "/%EF%BF%BD%F0%90%9F%BE%EF%BF%BD%EF%B7%90%EF%B7%8F%EF%B7%AF%EF%B7%B0%EF%BF%BE%EF%BF%BF",
  search: "?%EF%BF%BD%F0%90%9F%BE%EF%BF%BD%EF%B7%90%EF%B7%8F%EF%B7%AF%EF%B7%B0%EF%BF%BE%EF%BF%BF",
  hash: "",
}]);

// A relative URL whose base fails to parse fails too.
test("failure of the base fails the parse", () => {
  throwsType(() => new URL("/x", "not a url"));
  eq(URL.canParse("/x", "not a url"), false);
  eq(URL.parse("/x", "not a url"), null);
});

// ---------------------------------------------------------------------------
// setters_tests.json

for (const attr of Object.keys(setters)) {
  if (attr === "comment") continue;
  for (const c of setters[attr]) {
    test(`set <${c.href}>.${attr} = ${JSON.stringify(c.new_value)}`, () => {
      const url = new URL(c.href);
      url[attr] = c.new_value;
      for (const k of Object.keys(c.expected)) eq(url[k], c.expected[k], k);
    });
  }
}

// ---------------------------------------------------------------------------
// toascii.json: host parsing through the constructor and the host setters.

for (const c of toascii) {
  if (typeof c === "string") continue;
  test(`toascii ${c.input} (new URL)`, () => {
    if (c.output === null) {
      throwsType(() => new URL(`https://${c.input}/x`));
      return;
    }
    const url = new URL(`https://${c.input}/x`);
    eq(url.host, c.output, "host");
    eq(url.hostname, c.output, "hostname");
    eq(url.pathname, "/x", "pathname");
    eq(url.href, `https://${c.output}/x`, "href");
  });
  for (const attr of ["host", "hostname"]) {
    test(`toascii ${c.input} (URL.${attr} setter)`, () => {
      const url = new URL("https://x/x");
      url[attr] = c.input;
      eq(url[attr], c.output !== null ? c.output : "x", attr);
    });
  }
}

// ---------------------------------------------------------------------------
// percent-encoding.json: the URL API always encodes as UTF-8.

for (const c of percent) {
  if (typeof c === "string") continue;
  test(`percent-encoding of ${JSON.stringify(c.input)}`, () => {
    const url = new URL(`https://doesnotmatter.invalid/?${c.input}#${c.input}`);
    eq(url.search, `?${c.output["utf-8"]}`, "search");
    eq(url.hash, `#${c.output["utf-8"]}`, "hash");
  });
}

// ---------------------------------------------------------------------------
// IdnaTestV2.json: UTS #46 ToASCII through the host parser.

function escapeHostDelimiters(input) {
  let out = "";
  for (const ch of input) {
    out += ch === ":" || ch === "/" || ch === "?" || ch === "#" || ch === "\\" ? encodeURIComponent(ch) : ch;
  }
  return out;
}
for (const c of idnaTests) {
  if (typeof c === "string" || c.input === "") continue;
  const input = escapeHostDelimiters(c.input);
  test(`ToASCII(${JSON.stringify(c.input)})${c.comment ? " " + c.comment : ""}`, () => {
    if (c.output === null) {
      throwsType(() => new URL(`https://${input}/x`));
      return;
    }
    const url = new URL(`https://${input}/x`);
    eq(url.host, c.output, "host");
    eq(url.hostname, c.output, "hostname");
    eq(url.pathname, "/x", "pathname");
    eq(url.href, `https://${c.output}/x`, "href");
  });
}

// ---------------------------------------------------------------------------
// Setters strip tabs and newlines but nothing else.

{
  const make = ({ scheme = "https", username = "username", password = "password", host = "host",
    port = "8000", pathname = "path", search = "query", hash = "fragment" }) =>
    `${scheme}://${username}:${password}@${host}:${port}/${pathname}?${search}#${hash}`;
  for (const scheme of ["https", "wpt++"]) {
    for (const i of [0x00, 0x09, 0x0A, 0x0D, 0x1F]) {
      const removed = i === 0x09 || i === 0x0A || i === 0x0D;
      const ch = String.fromCharCode(i);
      const esc = encodeURIComponent(ch);
      const label = `U+${i.toString(16).padStart(4, "0")} (${scheme}:)`;
      test(`protocol setter with leading ${label}`, () => {
        const url = new URL(make({ scheme }));
        const other = scheme === "https" ? "http" : "wpt--";
        url.protocol = ch + other;
        const expected = removed ? other : scheme;
        eq(url.protocol, expected + ":", "protocol");
        eq(url.href, make({ scheme: expected }), "href");
      });
      for (const prop of ["username", "password"]) {
        test(`${prop} setter with ${label}`, () => {
          const url = new URL(make({ scheme }));
          url[prop] = "te" + ch + "st";
          eq(url[prop], "te" + esc + "st", prop);
          eq(url.href, make({ scheme, [prop]: "te" + esc + "st" }), "href");
        });
      }
      for (const prop of ["host", "hostname"]) {
        test(`${prop} setter with ${label}`, () => {
          const url = new URL(make({ scheme }));
          url[prop] = "te" + ch + "st";
          let expected;
          if (i === 0) expected = "host";
          else if (removed) expected = "test";
          else expected = scheme === "https" ? "host" : "te%1Fst";
          eq(url.hostname, expected, "hostname");
          eq(url.href, make({ scheme, host: expected }), "href");
        });
      }
      test(`port setter with ${label}`, () => {
        const url = new URL(make({ scheme }));
        url.port = "90" + ch + "00";
        eq(url.port, removed ? "9000" : "90", "port");
        url.port = ch + "1234";
        eq(url.port, removed ? "1234" : "90", "port (leading)");
      });
      for (const [prop, sep] of [["pathname", "/"], ["search", "?"], ["hash", "#"]]) {
        test(`${prop} setter with ${label}`, () => {
          const url = new URL(make({ scheme }));
          url[prop] = "te" + ch + "st";
          const expected = removed ? "test" : "te" + esc + "st";
          eq(url[prop], sep + expected, prop);
          eq(url.href, make({ scheme, [prop]: expected }), "href");
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------
// URL: statics, searchParams, href setter, misc.

test("URL.canParse and URL.parse argument handling", () => {
  const cases = [
    [undefined, undefined, false], ["a:b", undefined, true], [undefined, "a:b", false],
    ["a:/b", undefined, true], [undefined, "a:/b", true], ["https://test:test", undefined, false],
    ["a", "https://b/", true],
  ];
  for (const [url, base, expected] of cases) {
    eq(URL.canParse(url, base), expected, `canParse(${url}, ${base})`);
    const parsed = URL.parse(url, base);
    if (expected) eq(parsed.href, new URL(url, base).href, `parse(${url}, ${base})`);
    else eq(parsed, null, `parse(${url}, ${base})`);
  }
});

test("URL.parse returns a new object each time", () => {
  const a = URL.parse("https://example/");
  const b = URL.parse("https://example/");
  ok(a !== b, "distinct objects");
  ok(a.searchParams !== b.searchParams, "distinct searchParams");
  eq(Object.getPrototypeOf(a), URL.prototype, "prototype");
});

test("URL.parse on a subclass still returns a URL", () => {
  class MyURL extends URL {}
  const u = MyURL.parse("https://example/");
  eq(Object.getPrototypeOf(u), URL.prototype, "prototype");
  const v = new MyURL("https://example/");
  ok(v instanceof MyURL, "subclass instance");
  eq(v.href, "https://example/", "subclass href");
});

test("href setter throws TypeError on failure and keeps the URL", () => {
  const url = new URL("./foo", "http://www.example.org");
  eq(url.href, "http://www.example.org/foo");
  const e = throwsType(() => { url.href = "./bar"; });
  ok(e instanceof TypeError, "TypeError");
  eq(url.href, "http://www.example.org/foo", "unchanged");
});

test("href setter replaces searchParams' list", () => {
  const url = new URL("http://example.org/?a=1");
  const sp = url.searchParams;
  url.href = "http://example.org/?b=2&c=3";
  eq(url.searchParams, sp, "same object");
  eq(sp.toString(), "b=2&c=3");
  url.href = "http://example.org/";
  eq(sp.size, 0);
});

test("searchParams getter returns the same object", () => {
  const url = new URL("http://example.org/?a=b");
  eq(url.searchParams, url.searchParams);
});

test("searchParams is read-only", () => {
  "use strict";
  const url = new URL("http://example.org");
  throwsType(() => { url.searchParams = new URLSearchParams("x=y"); });
});

test("searchParams updating and clearing", () => {
  const url = new URL("http://example.org/?a=b");
  const sp = url.searchParams;
  eq(sp.toString(), "a=b");
  sp.set("a", "b");
  eq(url.search, "?a=b");
  url.search = "";
  eq(sp.toString(), "");
  eq(url.search, "");
  eq(url.href, "http://example.org/");
});

test("search and searchParams propagate both ways", () => {
  const url = new URL("http://example.org/file?a=b&c=d");
  const sp = url.searchParams;
  url.search = "e=f&g=h";
  eq(url.search, "?e=f&g=h");
  eq(sp.toString(), "e=f&g=h");
  url.search = "?e=f&g=h";
  eq(sp.toString(), "e=f&g=h");
  sp.append("i", " j ");
  eq(url.search, "?e=f&g=h&i=+j+");
  eq(sp.get("i"), " j ");
  sp.set("e", "updated");
  eq(url.search, "?e=updated&g=h&i=+j+");
  const url2 = new URL("http://example.org/file??a=b&c=d");
  eq(url2.search, "??a=b&c=d");
  eq(url2.searchParams.toString(), "%3Fa=b&c=d");
  url2.href = "http://example.org/file??a=b";
  eq(url2.search, "??a=b");
  eq(url2.searchParams.toString(), "%3Fa=b");
});

test("searchParams on a URL keeps the hash", () => {
  const url = new URL("http://example.com/?a=1#frag");
  url.searchParams.append("b", "2 3");
  eq(url.href, "http://example.com/?a=1&b=2+3#frag");
});

test("searchParams serialises with the form encoding", () => {
  const url = new URL("http://www.example.com/?a=b,c");
  const params = url.searchParams;
  eq(url.toString(), "http://www.example.com/?a=b,c");
  eq(params.toString(), "a=b%2Cc");
  params.append("x", "y");
  eq(url.toString(), "http://www.example.com/?a=b%2Cc&x=y");
});

test("deleting all params removes the ?", () => {
  let url = new URL("http://example.com/?param1&param2");
  url.searchParams.delete("param1");
  url.searchParams.delete("param2");
  eq(url.href, "http://example.com/");
  eq(url.search, "");
  url = new URL("http://example.com/?");
  url.searchParams.delete("param1");
  eq(url.href, "http://example.com/");
  url = new URL("http://example.com/?");
  url.searchParams.sort();
  eq(url.href, "http://example.com/");
});

test("changing the query of an opaque-path URL with trailing spaces", () => {
  let url = new URL("data:space    ?test");
  ok(url.searchParams.has("test"));
  url.searchParams.delete("test");
  eq(url.search, "");
  eq(url.pathname, "space   %20");
  eq(url.href, "data:space   %20");
  url = new URL("data:space    ?test#test");
  url.searchParams.delete("test");
  eq(url.href, "data:space   %20#test");
});

test("JSON.stringify uses toJSON", () => {
  eq(JSON.stringify(new URL("https://example.com/")), '"https://example.com/"');
  eq(JSON.stringify({ u: new URL("https://a.b/c?d#e") }), '{"u":"https://a.b/c?d#e"}');
});

test("URL has no domainToASCII / domainToUnicode / createObjectURL leaks", () => {
  eq(URL.domainToASCII, undefined);
  eq(URL.domainToUnicode, undefined);
});

test("origin", () => {
  eq(new URL("blob:https://example.com:443/uuid").origin, "https://example.com");
  eq(new URL("blob:ftp://example.com/uuid").origin, "null");
  eq(new URL("blob:d3958f5c-0777-0845-9dcf-2cb28783acaf").origin, "null");
  eq(new URL("file:///etc/passwd").origin, "null");
  eq(new URL("HTTP://EXAMPLE.com:80/").origin, "http://example.com");
  eq(new URL("wss://[::1]:444/").origin, "wss://[::1]:444");
  eq(new URL("sc://host/").origin, "null");
});

test("USVString conversion of arguments", () => {
  eq(new URL("http://example.com/\uD800").pathname, "/%EF%BF%BD");
  eq(new URL({ toString() { return "http://x.y/"; } }).href, "http://x.y/");
  throwsType(() => new URL(Symbol("x")), "Symbol input");
  throwsType(() => new URL("http://a/", Symbol("x")), "Symbol base");
  eq(new URL("x", undefined === 0 ? null : "http://b/").href, "http://b/x");
  // null is converted to "null", not treated as missing.
  throwsType(() => new URL("x", null), "null base");
  const url = new URL("http://example.com/");
  url.pathname = 42;
  eq(url.pathname, "/42");
  url.hash = null;
  eq(url.hash, "#null");
});

// ---------------------------------------------------------------------------
// URLSearchParams

test("URLSearchParams basic construction", () => {
  let params = new URLSearchParams();
  eq(params + "", "");
  params = new URLSearchParams("");
  eq(params + "", "");
  params = new URLSearchParams("a=b");
  eq(params + "", "a=b");
  params = new URLSearchParams(params);
  eq(params + "", "a=b");
  eq(Object.getPrototypeOf(new URLSearchParams("")), URLSearchParams.prototype);
  eq(new URLSearchParams({}) + "", "");
  eq(new URLSearchParams("?a=b").toString(), "a=b");
  eq(new URLSearchParams("??a=b").toString(), "%3Fa=b");
  eq(new URLSearchParams(null).toString(), "null=");
  eq(new URLSearchParams(undefined).toString(), "");
});

test("URLSearchParams constructor from a string", () => {
  let params = new URLSearchParams("a=b&c");
  ok(params.has("a") && params.has("c") && !params.has("b"));
  params = new URLSearchParams("&a&&& &&&&&a+b=& c&m%c3%b8%c3%b8");
  ok(params.has("a"), "a");
  ok(params.has("a b"), "a b");
  ok(params.has(" "), "space");
  ok(!params.has("c"), "no c");
  ok(params.has(" c"), " c");
  ok(params.has("m\u00f8\u00f8"), "møø");
  params = new URLSearchParams("id=0&value=%");
  eq(params.get("id"), "0");
  eq(params.get("value"), "%");
  eq(new URLSearchParams("b=%2sf%2a").get("b"), "%2sf*");
  eq(new URLSearchParams("b=%2%2af%2a").get("b"), "%2*f*");
  eq(new URLSearchParams("b=%%2a").get("b"), "%*");
});

test("URLSearchParams constructor copies from another URLSearchParams", () => {
  const seed = new URLSearchParams("a=b&c=d");
  const params = new URLSearchParams(seed);
  eq(params.get("a"), "b");
  eq(params.get("c"), "d");
  seed.append("e", "f");
  ok(!params.has("e"));
  params.append("g", "h");
  ok(!seed.has("g"));
});

test("URLSearchParams parses +, space, %20, NUL and non-ASCII", () => {
  const p = (s) => new URLSearchParams(s);
  eq(p("a=b+c").get("a"), "b c");
  eq(p("a+b=c").get("a b"), "c");
  eq(p("a=b c").get("a"), "b c");
  eq(p("a=b%20c").get("a"), "b c");
  eq(p("a%20b=c").get("a b"), "c");
  eq(p("a=b\0c").get("a"), "b\0c");
  eq(p("a%00b=c").get("a\0b"), "c");
  eq(p("a=b\u2384").get("a"), "b\u2384");
  eq(p("a%e2%8e%84b=c").get("a\u2384b"), "c");
  eq(p("a=b\uD83D\uDCA9c").get("a"), "b\uD83D\uDCA9c");
  eq(p("a%f0%9f%92%a9b=c").get("a\uD83D\uDCA9b"), "c");
  const params = new URLSearchParams();
  params.set("query", "+15555555555");
  eq(params.toString(), "query=%2B15555555555");
  eq(new URLSearchParams(params.toString()).get("query"), "+15555555555");
});

test("URLSearchParams from sequences", () => {
  let params = new URLSearchParams([]);
  eq(params.size, 0);
  params = new URLSearchParams([["a", "b"], ["c", "d"]]);
  eq(params.get("a"), "b");
  eq(params.get("c"), "d");
  throwsType(() => new URLSearchParams([[1]]), "pair of 1");
  throwsType(() => new URLSearchParams([[1, 2, 3]]), "pair of 3");
  throwsType(() => new URLSearchParams([1]), "non-object pair");
  throwsType(() => new URLSearchParams([{}]), "non-iterable pair");
  params = new URLSearchParams(new Map([["k", 1], ["l", null]]));
  eq(params.toString(), "k=1&l=null");
  params = new URLSearchParams([new Set(["x", "y"])]);
  eq(params.get("x"), "y");
});

test("URLSearchParams from records", () => {
  const cases = [
    [{ "+": "%C2" }, [["+", "%C2"]]],
    [{ c: "x", a: "?" }, [["c", "x"], ["a", "?"]]],
    [[["c", "x"], ["a", "?"]], [["c", "x"], ["a", "?"]]],
    [{ "\uD835x": "1", xx: "2", "\uD83Dx": "3" }, [["\uFFFDx", "3"], ["xx", "2"]]],
    [{ "x\uD835": "1", xx: "2", "x\uD83D": "3" }, [["x\uFFFD", "3"], ["xx", "2"]]],
    [{ "a\0b": "42", "c\uD83D": "23", "d\u1234": "foo" }, [["a\0b", "42"], ["c\uFFFD", "23"], ["d\u1234", "foo"]]],
  ];
  for (const [input, output] of cases) pairsEq(pairsOf(new URLSearchParams(input)), output);
  // Only own enumerable properties, in [[OwnPropertyKeys]] order.
  const proto = { inherited: "1" };
  const obj = Object.create(proto);
  obj.b = "2";
  obj[1] = "int";
  Object.defineProperty(obj, "hidden", { value: "3", enumerable: false });
  pairsEq(pairsOf(new URLSearchParams(obj)), [["1", "int"], ["b", "2"]]);
  throwsType(() => new URLSearchParams({ [Symbol("s")]: "x" }), "symbol key");
  eq(new URLSearchParams(function f() {}).toString(), "", "function");
});

test("URLSearchParams with a custom Symbol.iterator", () => {
  const params = new URLSearchParams();
  params[Symbol.iterator] = function* () { yield ["a", "b"]; };
  eq(new URLSearchParams(params).get("a"), "b");
  const bad = { [Symbol.iterator]: 1 };
  throwsType(() => new URLSearchParams(bad), "non-callable @@iterator");
});

test("URLSearchParams append", () => {
  const params = new URLSearchParams();
  params.append("a", "b");
  eq(params + "", "a=b");
  params.append("a", "b");
  eq(params + "", "a=b&a=b");
  params.append("a", "c");
  eq(params + "", "a=b&a=b&a=c");
  const p2 = new URLSearchParams();
  p2.append("", "");
  p2.append("", "");
  eq(p2 + "", "=&=");
  const p3 = new URLSearchParams();
  p3.append(null, null);
  eq(p3 + "", "null=null");
  const p4 = new URLSearchParams();
  p4.append("first", 1);
  p4.append("second", 2);
  p4.append("third", "");
  p4.append("first", 10);
  eq(p4.get("first"), "1");
  eq(p4.get("second"), "2");
  eq(p4.get("third"), "");
});

test("URLSearchParams delete", () => {
  let params = new URLSearchParams("a=b&c=d");
  params.delete("a");
  eq(params + "", "c=d");
  params = new URLSearchParams("a=a&b=b&a=a&c=c");
  params.delete("a");
  eq(params + "", "b=b&c=c");
  params = new URLSearchParams("a=a&=&b=b&c=c");
  params.delete("");
  eq(params + "", "a=a&b=b&c=c");
  params = new URLSearchParams("a=a&null=null&b=b");
  params.delete(null);
  eq(params + "", "a=a&b=b");
  params = new URLSearchParams("a=a&undefined=undefined&b=b");
  params.delete(undefined);
  eq(params + "", "a=a&b=b");
  params = new URLSearchParams();
  params.append("a", "b");
  params.append("a", "c");
  params.append("a", "d");
  params.delete("a", "c");
  eq(params.toString(), "a=b&a=d");
  params = new URLSearchParams("a=b&a=c&b=c&b=d");
  params.delete("b", "c");
  params.delete("a", undefined);
  eq(params.toString(), "b=d");
});

test("URLSearchParams get / getAll / has / set", () => {
  let params = new URLSearchParams("a=b&c=d&a=e&=f&g=");
  eq(params.get("a"), "b");
  eq(params.get("c"), "d");
  eq(params.get("e"), null);
  eq(params.get(""), "f");
  eq(params.get("g"), "");
  arrayEq(params.getAll("a"), ["b", "e"]);
  arrayEq(params.getAll("zz"), []);
  ok(params.has("a") && params.has("") && !params.has("zz"));
  params = new URLSearchParams("null=a");
  ok(params.has(null));
  params = new URLSearchParams("a=b&a=d&c&e&");
  ok(params.has("a", "b"));
  ok(!params.has("a", "c"));
  ok(params.has("a", "d"));
  ok(params.has("e", ""));
  ok(params.has("a", undefined));
  params.append("first", null);
  ok(!params.has("first", ""));
  ok(params.has("first", "null"));
  params = new URLSearchParams("a=b&c=d&a=e");
  params.set("a", "B");
  eq(params + "", "a=B&c=d");
  params.set("e", "f");
  eq(params + "", "a=B&c=d&e=f");
  params = new URLSearchParams("a=1&a=2&a=3&a");
  arrayEq(params.getAll("a"), ["1", "2", "3", ""]);
  params.set("a", "one");
  arrayEq(params.getAll("a"), ["one"]);
});

test("URLSearchParams size", () => {
  const params = new URLSearchParams("a=1&b=2&a=3");
  eq(params.size, 3);
  params.delete("a");
  eq(params.size, 1);
  params.append("b", "4");
  eq(params.size, 2);
  const url = new URL("http://localhost/query?a=1&b=2&a=3");
  eq(url.searchParams.size, 3);
  url.searchParams.delete("a");
  eq(url.searchParams.size, 1);
  url.search = "?";
  eq(url.searchParams.size, 0);
});

test("URLSearchParams sort", () => {
  const cases = [
    ["z=b&a=b&z=a&a=a", [["a", "b"], ["a", "a"], ["z", "b"], ["z", "a"]]],
    ["\uFFFD=x&\uFFFC&\uFFFD=a", [["\uFFFC", ""], ["\uFFFD", "x"], ["\uFFFD", "a"]]],
    ["\uFB03&\uD83C\uDF08", [["\uD83C\uDF08", ""], ["\uFB03", ""]]],
    ["\u00E9&e\uFFFD&e\u0301", [["e\u0301", ""], ["e\uFFFD", ""], ["\u00E9", ""]]],
    ["z=z&a=a&z=y&a=b&z=x&a=c&z=w&a=d&z=v&a=e&z=u&a=f&z=t&a=g",
      [["a", "a"], ["a", "b"], ["a", "c"], ["a", "d"], ["a", "e"], ["a", "f"], ["a", "g"],
        ["z", "z"], ["z", "y"], ["z", "x"], ["z", "w"], ["z", "v"], ["z", "u"], ["z", "t"]]],
    ["bbb&bb&aaa&aa=x&aa=y", [["aa", "x"], ["aa", "y"], ["aaa", ""], ["bb", ""], ["bbb", ""]]],
    ["z=z&=f&=t&=x", [["", "f"], ["", "t"], ["", "x"], ["z", "z"]]],
    ["a\uD83C\uDF08&a\uD83D\uDCA9", [["a\uD83C\uDF08", ""], ["a\uD83D\uDCA9", ""]]],
  ];
  for (const [input, output] of cases) {
    const params = new URLSearchParams(input);
    params.sort();
    pairsEq(pairsOf(params), output, `sort(${input})`);
    const url = new URL("?" + input, "https://example/");
    url.searchParams.sort();
    pairsEq(pairsOf(new URLSearchParams(url.search)), output, `URL sort(${input})`);
  }
});

test("URLSearchParams stringifier", () => {
  const s = (name, value) => {
    const p = new URLSearchParams();
    p.append(name, value);
    return p + "";
  };
  eq(s("a", "b c"), "a=b+c");
  eq(s("a b", "c"), "a+b=c");
  eq(s("a", ""), "a=");
  eq(s("", "b"), "=b");
  eq(s("", ""), "=");
  eq(s("a", "b+c"), "a=b%2Bc");
  eq(s("a", "b=c"), "a=b%3Dc");
  eq(s("a", "b&c"), "a=b%26c");
  eq(s("a", "*-._"), "a=*-._");
  eq(s("a", "b%c"), "a=b%25c");
  eq(s("a", "b\0c"), "a=b%00c");
  eq(s("a", "b\uD83D\uDCA9c"), "a=b%F0%9F%92%A9c");
  eq(s("a", "b\uD800c"), "a=b%EF%BF%BDc");
  eq(s("a", "~!'()"), "a=%7E%21%27%28%29");
  eq(s("a\nb", "c\rd"), "a%0Ab=c%0Dd");
  eq(new URLSearchParams("a=b&c=d&&e&&").toString(), "a=b&c=d&e=");
  eq(new URLSearchParams("a = b &a=b&c=d%20").toString(), "a+=+b+&a=b&c=d+");
  eq(new URLSearchParams("a=&a=b").toString(), "a=&a=b");
  eq(new URLSearchParams("b=%2sf%2a").toString(), "b=%252sf*");
  eq(new URLSearchParams("b=%%2a").toString(), "b=%25*");
});

test("application/x-www-form-urlencoded parsing", () => {
  const cases = [
    ["test", [["test", ""]]],
    ["\uFEFFtest=\uFEFF", [["\uFEFFtest", "\uFEFF"]]],
    ["%EF%BB%BFtest=%EF%BB%BF", [["\uFEFFtest", "\uFEFF"]]],
    ["%FE%FF", [["\uFFFD\uFFFD", ""]]],
    ["%FF%FE", [["\uFFFD\uFFFD", ""]]],
    ["\u2020&\u2020=x", [["\u2020", ""], ["\u2020", "x"]]],
    ["%C2", [["\uFFFD", ""]]],
    ["%C2x", [["\uFFFDx", ""]]],
    ["_charset_=windows-1252&test=%C2x", [["_charset_", "windows-1252"], ["test", "\uFFFDx"]]],
    ["", []], ["a", [["a", ""]]], ["a=b", [["a", "b"]]], ["a=", [["a", ""]]], ["=b", [["", "b"]]],
    ["&", []], ["&a", [["a", ""]]], ["a&", [["a", ""]]], ["a&a", [["a", ""], ["a", ""]]],
    ["a&b&c", [["a", ""], ["b", ""], ["c", ""]]], ["a=b&c=d", [["a", "b"], ["c", "d"]]],
    ["a=b&c=d&", [["a", "b"], ["c", "d"]]], ["&&&a=b&&&&c=d&", [["a", "b"], ["c", "d"]]],
    ["a=a&a=b&a=c", [["a", "a"], ["a", "b"], ["a", "c"]]], ["a==a", [["a", "=a"]]],
    ["a=a+b+c+d", [["a", "a b c d"]]], ["%=a", [["%", "a"]]], ["%a=a", [["%a", "a"]]],
    ["%a_=a", [["%a_", "a"]]], ["%61=a", [["a", "a"]]], ["%61+%4d%4D=", [["a MM", ""]]],
    ["id=0&value=%", [["id", "0"], ["value", "%"]]], ["b=%2sf%2a", [["b", "%2sf*"]]],
    ["b=%2%2af%2a", [["b", "%2*f*"]]], ["b=%%2a", [["b", "%*"]]],
    ["%E2%82=%F0%9F%98", [["\uFFFD", "\uFFFD"]]],
    ["%ED%A0%80", [["\uFFFD\uFFFD\uFFFD", ""]]],
    ["%C0%80%F4%90%80%80", [["\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", ""]]],
    ["%E2%82\u00E9", [["\uFFFD\u00E9", ""]]],
  ];
  for (const [input, output] of cases) pairsEq(pairsOf(new URLSearchParams(input)), output, input);
});

test("URLSearchParams forEach", () => {
  const params = new URLSearchParams("a=1&b=2&c=3");
  const keys = [];
  const values = [];
  const self = {};
  params.forEach(function (value, key, obj) {
    keys.push(key);
    values.push(value);
    eq(this, self, "thisArg");
    eq(obj, params, "third argument");
  }, self);
  arrayEq(keys, ["a", "b", "c"]);
  arrayEq(values, ["1", "2", "3"]);
  throwsType(() => params.forEach(), "no callback");
  throwsType(() => params.forEach({}), "non-callable callback");
  // Appending during forEach is seen (live list).
  const seen = [];
  const live = new URLSearchParams("x=1");
  live.forEach((v, k) => { seen.push(k); if (seen.length < 3) live.append("y" + seen.length, "v"); });
  arrayEq(seen, ["x", "y1", "y2"]);
});

test("URLSearchParams iteration sees live changes", () => {
  const a = new URL("http://a.b/c?a=1&b=2&c=3&d=4");
  const c = [];
  for (const i of a.searchParams) {
    a.search = "x=1&y=2&z=3";
    c.push(i);
  }
  pairsEq(c, [["a", "1"], ["y", "2"], ["z", "3"]]);
  for (const i of new URL("http://a.b/c").searchParams) throw new Error("unreachable " + i);
  let sp = new URL("http://localhost/query?param0=0&param1=1&param2=2").searchParams;
  let seen = [];
  for (const p of sp) {
    if (p[0] === "param0") sp.delete("param1");
    seen.push(p);
  }
  pairsEq(seen, [["param0", "0"], ["param2", "2"]]);
  sp = new URL("http://localhost/query?param0=0&param1=1&param2=2").searchParams;
  seen = [];
  for (const p of sp) {
    seen.push(p[0]);
    sp.delete(p[0]);
  }
  arrayEq(seen, ["param0", "param2"]);
  eq(String(sp), "param1=1");
});

test("URLSearchParams keys / values / entries", () => {
  const params = new URLSearchParams("a=1&b=2&a=3");
  arrayEq([...params.keys()], ["a", "b", "a"]);
  arrayEq([...params.values()], ["1", "2", "3"]);
  pairsEq([...params.entries()], [["a", "1"], ["b", "2"], ["a", "3"]]);
  pairsEq([...params], [["a", "1"], ["b", "2"], ["a", "3"]]);
  const it = params.keys();
  eq(it[Symbol.iterator](), it, "iterator is iterable");
  const r = it.next();
  eq(r.value, "a");
  eq(r.done, false);
  it.next();
  it.next();
  const end = it.next();
  eq(end.value, undefined);
  eq(end.done, true);
  eq(Object.getPrototypeOf(end), Object.prototype, "iter result prototype");
});

// ---------------------------------------------------------------------------
// WebIDL shape

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

function checkOperation(proto, name, length, iface) {
  const d = Object.getOwnPropertyDescriptor(proto, name);
  ok(d !== undefined, `${iface}.${name} exists`);
  eq(typeof d.value, "function", `${iface}.${name} is a function`);
  eq(d.writable, true, `${iface}.${name} writable`);
  eq(d.enumerable, true, `${iface}.${name} enumerable`);
  eq(d.configurable, true, `${iface}.${name} configurable`);
  eq(d.value.length, length, `${iface}.${name}.length`);
  eq(d.value.name, name, `${iface}.${name}.name`);
  ok(!("prototype" in d.value), `${iface}.${name} is not a constructor`);
}
function checkAttribute(proto, name, readonly, iface) {
  const d = Object.getOwnPropertyDescriptor(proto, name);
  ok(d !== undefined, `${iface}.${name} exists`);
  eq(typeof d.get, "function", `${iface}.${name} getter`);
  eq(d.get.name, `get ${name}`, `${iface}.${name} getter name`);
  eq(d.get.length, 0, `${iface}.${name} getter length`);
  eq(d.enumerable, true, `${iface}.${name} enumerable`);
  eq(d.configurable, true, `${iface}.${name} configurable`);
  if (readonly) {
    eq(d.set, undefined, `${iface}.${name} has no setter`);
  } else {
    eq(typeof d.set, "function", `${iface}.${name} setter`);
    eq(d.set.name, `set ${name}`, `${iface}.${name} setter name`);
    eq(d.set.length, 1, `${iface}.${name} setter length`);
  }
}
function checkToStringTag(proto, tag) {
  const d = Object.getOwnPropertyDescriptor(proto, Symbol.toStringTag);
  ok(d !== undefined, `${tag} @@toStringTag exists`);
  eq(d.value, tag, "@@toStringTag value");
  eq(d.writable, false, "@@toStringTag writable");
  eq(d.enumerable, false, "@@toStringTag enumerable");
  eq(d.configurable, true, "@@toStringTag configurable");
}

test("URL interface object", () => {
  const d = Object.getOwnPropertyDescriptor(globalThis, "URL");
  eq(d.writable, true);
  eq(d.enumerable, false);
  eq(d.configurable, true);
  eq(typeof URL, "function");
  eq(URL.length, 1);
  eq(URL.name, "URL");
  throwsType(() => URL("http://a/"), "call without new");
  const e = throwsType(() => new URL(), "no arguments");
  eq(e.message, "Failed to construct 'URL': 1 argument required, but only 0 present.", "message");
  throwsType(() => URL.canParse(), "canParse()");
  throwsType(() => URL.parse(), "parse()");
  checkOperation(URL, "canParse", 1, "URL");
  checkOperation(URL, "parse", 1, "URL");
  const p = Object.getOwnPropertyDescriptor(URL, "prototype");
  eq(p.writable, false);
  eq(p.enumerable, false);
  eq(p.configurable, false);
  eq(Object.getOwnPropertyDescriptor(URL.prototype, "constructor").enumerable, false);
});

test("URL interface prototype object", () => {
  checkToStringTag(URL.prototype, "URL");
  eq(Object.prototype.toString.call(new URL("http://a/")), "[object URL]");
  for (const name of ["href", "protocol", "username", "password", "host", "hostname", "port",
    "pathname", "search", "hash"]) checkAttribute(URL.prototype, name, false, "URL");
  checkAttribute(URL.prototype, "origin", true, "URL");
  checkAttribute(URL.prototype, "searchParams", true, "URL");
  checkOperation(URL.prototype, "toJSON", 0, "URL");
  checkOperation(URL.prototype, "toString", 0, "URL");
});

test("URL brand checks", () => {
  const fake = Object.create(URL.prototype);
  for (const name of ["href", "origin", "protocol", "username", "password", "host", "hostname",
    "port", "pathname", "search", "searchParams", "hash"]) {
    const d = Object.getOwnPropertyDescriptor(URL.prototype, name);
    throwsType(() => d.get.call(fake), `get ${name}`);
    throwsType(() => d.get.call({}), `get ${name} on {}`);
    if (d.set) throwsType(() => d.set.call(fake, "x"), `set ${name}`);
  }
  throwsType(() => URL.prototype.toString.call({}), "toString");
  throwsType(() => URL.prototype.toJSON.call(fake), "toJSON");
  throwsType(() => String(URL.prototype), "String(URL.prototype)");
});

test("URLSearchParams interface", () => {
  eq(typeof URLSearchParams, "function");
  eq(URLSearchParams.length, 0);
  eq(URLSearchParams.name, "URLSearchParams");
  throwsType(() => URLSearchParams(), "call without new");
  const proto = URLSearchParams.prototype;
  checkToStringTag(proto, "URLSearchParams");
  eq(Object.prototype.toString.call(new URLSearchParams()), "[object URLSearchParams]");
  checkAttribute(proto, "size", true, "URLSearchParams");
  const ops = [["append", 2], ["delete", 1], ["get", 1], ["getAll", 1], ["has", 1], ["set", 2],
    ["sort", 0], ["toString", 0], ["forEach", 1], ["entries", 0], ["keys", 0], ["values", 0]];
  for (const [name, length] of ops) checkOperation(proto, name, length, "URLSearchParams");
  const it = Object.getOwnPropertyDescriptor(proto, Symbol.iterator);
  eq(it.value, proto.entries, "@@iterator is entries");
  eq(it.enumerable, false, "@@iterator enumerable");
  eq(it.writable, true);
  eq(it.configurable, true);
});

test("URLSearchParams argument counts", () => {
  const params = new URLSearchParams();
  const e = throwsType(() => params.append("a"), "append(1)");
  eq(e.message, "Failed to execute 'append' on 'URLSearchParams': 2 arguments required, but only 1 present.");
  throwsType(() => params.set("a"), "set(1)");
  throwsType(() => params.get(), "get()");
  throwsType(() => params.getAll(), "getAll()");
  throwsType(() => params.has(), "has()");
  throwsType(() => params.delete(), "delete()");
  throwsType(() => params.append(Symbol(), "x"), "Symbol name");
});

test("URLSearchParams brand checks", () => {
  const fake = Object.create(URLSearchParams.prototype);
  const proto = URLSearchParams.prototype;
  throwsType(() => proto.append.call(fake, "a", "b"), "append");
  throwsType(() => proto.delete.call(fake, "a"), "delete");
  throwsType(() => proto.get.call({}, "a"), "get");
  throwsType(() => proto.getAll.call(fake, "a"), "getAll");
  throwsType(() => proto.has.call(fake, "a"), "has");
  throwsType(() => proto.set.call(fake, "a", "b"), "set");
  throwsType(() => proto.sort.call(fake), "sort");
  throwsType(() => proto.toString.call(fake), "toString");
  throwsType(() => proto.forEach.call(fake, () => {}), "forEach");
  throwsType(() => proto.entries.call(fake), "entries");
  throwsType(() => proto.keys.call({}), "keys");
  throwsType(() => proto.values.call(fake), "values");
  throwsType(() => Object.getOwnPropertyDescriptor(proto, "size").get.call(fake), "size");
});

test("URLSearchParams Iterator prototype", () => {
  const it = new URLSearchParams("a=b").entries();
  const itProto = Object.getPrototypeOf(it);
  eq(Object.getPrototypeOf(itProto), IteratorPrototype, "inherits %IteratorPrototype%");
  eq(Object.getPrototypeOf(new URLSearchParams().keys()), itProto, "shared by keys()");
  eq(Object.getPrototypeOf(new URLSearchParams().values()), itProto, "shared by values()");
  checkToStringTag(itProto, "URLSearchParams Iterator");
  eq(Object.prototype.toString.call(it), "[object URLSearchParams Iterator]");
  checkOperation(itProto, "next", 0, "URLSearchParams Iterator");
  ok(!Object.prototype.hasOwnProperty.call(itProto, "constructor"), "no constructor");
  throwsType(() => itProto.next.call({}), "next on {}");
  throwsType(() => itProto.next.call(itProto), "next on the prototype");
  arrayEq(Object.getOwnPropertyNames(it), [], "no own properties");
});

// ---------------------------------------------------------------------------
// Robustness against apps that replace built-ins.

test("URL keeps working after built-ins are replaced", () => {
  const saved = [
    [Array.prototype, "push"], [Array.prototype, Symbol.iterator], [Array.prototype, "slice"],
    [Array.prototype, "join"], [String.prototype, "slice"], [String.prototype, "charCodeAt"],
    [String.prototype, "codePointAt"], [String.prototype, "toLowerCase"],
    [String.prototype, "normalize"], [String.prototype, "indexOf"], [String, "fromCharCode"],
    [String, "fromCodePoint"], [Object, "defineProperty"], [Reflect, "apply"],
    [Number.prototype, "toString"], [RegExp.prototype, "exec"], [Function.prototype, "call"],
    [Function.prototype, "apply"], [Function.prototype, "bind"], [Map.prototype, "get"],
  ].map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)]);
  const boom = () => { throw new Error("replaced built-in called"); };
  const define = Reflect.defineProperty;
  let result;
  try {
    for (let i = 0; i < saved.length; i++) {
      define(saved[i][0], saved[i][1], { value: boom, writable: true, configurable: true });
    }
    const u = new URL("HTTPS://B\u00FCcher.Example:443/a/./b/../c%2e?x=1 2#f\u00E9", undefined);
    u.searchParams.append("y", "\u00E9 &");
    u.searchParams.sort();
    u.pathname = "/p q";
    u.host = "[::ffff:1.2.3.4]:8080";
    const sp = new URLSearchParams({ k: "v" });
    sp.set("k", "w");
    const iter = sp.entries();
    const first = iter.next().value;
    result = [u.href, u.origin, sp.toString(), first[0] + first[1], URL.canParse("x:y"),
      new URLSearchParams({ a: "b" }).get("a")];
  } finally {
    for (let i = 0; i < saved.length; i++) define(saved[i][0], saved[i][1], saved[i][2]);
  }
  eq(result[0], "https://[::ffff:102:304]:8080/p%20q?x=1+2&y=%C3%A9+%26#f%C3%A9", "href");
  eq(result[1], "https://[::ffff:102:304]:8080", "origin");
  eq(result[2], "k=w", "params");
  eq(result[3], "kw", "iterator");
  eq(result[4], true, "canParse");
  eq(result[5], "b", "record init");
});

test("URL keeps working after globals are replaced", () => {
  const savedURLSP = globalThis.URLSearchParams;
  const savedTypeError = globalThis.TypeError;
  try {
    globalThis.URLSearchParams = function () { throw new Error("global URLSearchParams used"); };
    const u = new URL("http://a/?q=1");
    eq(u.searchParams.get("q"), "1");
  } finally {
    globalThis.URLSearchParams = savedURLSP;
    globalThis.TypeError = savedTypeError;
  }
});

console.log(`${passed} passed, ${failed} failed`);
