// Conformance checks of Blob, File (File API), FormData (XMLHttpRequest
// Standard), the multipart/form-data encoding and parsing, and the Body
// mixin's blob() and formData() (Fetch Standard) as NANO implements them.
// Runs as an ES module (or a classic script); prints `not ok NAME: REASON`
// for each failing case and `N passed, M failed` at the end.
//

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

async function text(blob) { return await blob.text(); }
function entriesOf(fd) {
  return [...fd].map(([k, v]) => [k, typeof v === "string" ? v : `File(${v.name},${v.type},${v.size})`]);
}

// ---------------------------------------------------------------------------
// Blob
// ---------------------------------------------------------------------------

test("Blob: interface shape", () => {
  checkInterface(Blob, "Blob", 0, { slice: 0, stream: 0, text: 0, arrayBuffer: 0, bytes: 0 }, ["size", "type"]);
  eq(Object.getPrototypeOf(Blob), Function.prototype, "[[Prototype]] of Blob");
  arrayEq(Object.keys(Blob.prototype), ["size", "type", "slice", "stream", "text", "arrayBuffer", "bytes"], "member order");
  eq(Object.prototype.toString.call(new Blob()), "[object Blob]");
  throws(TypeError, () => Blob(), "without new");
});

test("Blob: brand checks", async () => {
  const fake = Object.create(Blob.prototype);
  for (const attr of ["size", "type"]) {
    throws(TypeError, () => Object.getOwnPropertyDescriptor(Blob.prototype, attr).get.call(fake), attr);
  }
  throws(TypeError, () => fake.slice(), "slice");
  for (const op of ["text", "arrayBuffer", "bytes"]) {
    await rejects(TypeError, Blob.prototype[op].call(fake), op + " rejects");
    await rejects(TypeError, Blob.prototype[op].call(undefined), op + " on undefined");
  }
});

test("Blob: constructor arguments", async () => {
  eq(new Blob().size, 0);
  eq(new Blob(undefined).size, 0);
  eq(new Blob([]).type, "");
  throws(TypeError, () => new Blob(null), "null");
  throws(TypeError, () => new Blob("abc"), "string");
  throws(TypeError, () => new Blob({}), "not iterable");
  throws(TypeError, () => new Blob(7), "number");
  throws(TypeError, () => new Blob(["a"], 5), "options not an object");
  throws(TypeError, () => new Blob(["a"], { endings: "bad" }), "bad endings");
  eq(new Blob(["a"], null).type, "", "null options");
  eq(await text(new Blob([{ toString() { return "xy"; } }, 12, null, undefined])), "xy12nullundefined");
  const it = { *[Symbol.iterator]() { yield "a"; yield "b"; } };
  eq(await text(new Blob(it)), "ab", "any iterable");
  const order = [];
  new Blob([], {
    get type() { order.push("type"); return ""; },
    get endings() { order.push("endings"); return "native"; },
  });
  arrayEq(order, ["endings", "type"], "dictionary members in lexicographic order");
});

test("Blob: parts", async () => {
  const b = new Blob(["h\u00e9", new Uint8Array([0x21]), new Uint16Array([0x6261]).buffer, new DataView(new Uint8Array([0x63]).buffer), new Blob(["de"])]);
  eq(b.size, 9);
  eq(await text(b), "h\u00e9!abcde");
  eq(new Blob(["\ud800"]).size, 3, "lone surrogate becomes U+FFFD");
  eq(await text(new Blob(["\ud83d\ude00"])), "\ud83d\ude00");
  const u = new Uint8Array([1, 2, 3]);
  const c = new Blob([u, u.subarray(1)]);
  u[0] = 9;
  arrayEq(bytesOf(await c.bytes()), [1, 2, 3, 2, 3], "parts are copied");
});

test("Blob: type option", () => {
  eq(new Blob([], { type: "Text/Plain;Charset=UTF-8" }).type, "text/plain;charset=utf-8");
  eq(new Blob([], { type: "text/\u00e9" }).type, "", "non-ASCII");
  eq(new Blob([], { type: "a/b\u0019" }).type, "", "control");
  eq(new Blob([], { type: "  a/B " }).type, "  a/b ", "spaces kept");
  eq(new Blob([], { type: "garbage" }).type, "garbage", "not parsed as a MIME type");
  eq(new Blob([], { type: "K\u212A" }).type, "", "Kelvin sign is not ASCII");
});

test("Blob: endings", async () => {
  eq(await text(new Blob(["a\r\nb\rc\nd"])), "a\r\nb\rc\nd", "transparent");
  eq(await text(new Blob(["a\r\nb\rc\nd\r"], { endings: "native" })), "a\nb\nc\nd\n", "native");
  arrayEq(bytesOf(await new Blob([new Uint8Array([13, 10])], { endings: "native" }).bytes()), [13, 10], "bytes untouched");
});

test("Blob: slice", async () => {
  const b = new Blob(["abcdef"], { type: "a/b" });
  eq(await text(b.slice()), "abcdef");
  eq(b.slice().type, "", "slice has no type unless given");
  eq(await text(b.slice(2)), "cdef");
  eq(await text(b.slice(-2)), "ef");
  eq(await text(b.slice(1, -1)), "bcde");
  eq(await text(b.slice(-100, 100)), "abcdef");
  eq(b.slice(4, 2).size, 0);
  eq(b.slice(1.5, 3.5).size, 2, "[Clamp] rounds ties to even");
  eq(b.slice(0, Infinity).size, 6);
  eq(b.slice(NaN, -Infinity).size, 0);
  eq(b.slice(undefined, 3).size, 3);
  eq(b.slice("1", "3").size, 2);
  eq(b.slice(0, 1, "X/Y").type, "x/y");
  eq(b.slice(0, 1, "\u00e9").type, "");
  eq(await text(b.slice(1, 5).slice(1, -1)), "cd", "slice of a slice");
  throws(TypeError, () => b.slice(Symbol()), "Symbol");
});

test("Blob: text, arrayBuffer, bytes", async () => {
  const b = new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0x61, 0xFF])]);
  eq(await b.text(), "a\uFFFD", "BOM dropped, invalid bytes replaced");
  const p = b.arrayBuffer();
  assert(p instanceof Promise, "arrayBuffer returns a promise");
  const ab = await p;
  assert(ab instanceof ArrayBuffer, "an ArrayBuffer");
  eq(ab.byteLength, 5);
  new Uint8Array(ab)[3] = 0x62;
  eq((await b.text())[0], "a", "the blob is not changed through the buffer");
  const u = await b.bytes();
  eq(Object.getPrototypeOf(u), Uint8Array.prototype);
  eq(u.byteOffset, 0);
  eq(u.buffer.byteLength, 5);
  u[3] = 0x62;
  eq((await b.text())[0], "a", "the blob is not changed through bytes()");
  assert((await b.bytes()) !== u, "a new array each time");
});

test("Blob: methods survive patched built-ins", async () => {
  const saved = {
    push: Array.prototype.push, set: Object.getPrototypeOf(Uint8Array.prototype).set,
    replace: String.prototype.replace, exec: RegExp.prototype.exec, lower: String.prototype.toLowerCase,
    subarray: Uint8Array.prototype.subarray,
  };
  try {
    Array.prototype.push = () => { throw new Error("patched push"); };
    String.prototype.replace = () => { throw new Error("patched replace"); };
    RegExp.prototype.exec = () => { throw new Error("patched exec"); };
    String.prototype.toLowerCase = () => { throw new Error("patched toLowerCase"); };
    const b = new Blob(["ab\r\n", new Uint8Array([0x63])], { type: "A/B", endings: "native" });
    eq(b.type, "a/b");
    eq(await b.slice(1).text(), "b\nc");
    const fd = new FormData();
    fd.append("x\ny", "1\n2");
    fd.append("f", b, "n.txt");
    const back = await new Response(fd).formData();
    arrayEq(entriesOf(back), [["x\r\ny", "1\r\n2"], ["f", "File(n.txt,a/b,4)"]]);
  } finally {
    Array.prototype.push = saved.push;
    String.prototype.replace = saved.replace;
    RegExp.prototype.exec = saved.exec;
    String.prototype.toLowerCase = saved.lower;
  }
});

// ---------------------------------------------------------------------------
// File
// ---------------------------------------------------------------------------

test("File: interface shape", () => {
  checkInterface(File, "File", 2, {}, ["name", "lastModified"]);
  eq(Object.getPrototypeOf(File), Blob, "File inherits Blob");
  eq(Object.getPrototypeOf(File.prototype), Blob.prototype);
  arrayEq(Object.keys(File.prototype), ["name", "lastModified"]);
  throws(TypeError, () => File([], "x"), "without new");
  throws(TypeError, () => Object.getOwnPropertyDescriptor(File.prototype, "name").get.call(new Blob()), "name on a Blob");
});

test("File: constructor", async () => {
  throws(TypeError, () => new File(), "no arguments");
  const e = throws(TypeError, () => new File(["a"]));
  assert(/2 arguments required, but only 1 present/.test(e.message), e.message);
  throws(TypeError, () => new File("abc", "x"), "bits not a sequence");
  const before = Date.now();
  const f = new File(["ab", new Uint8Array([0x63])], "a/b\ud800.txt", { type: "Text/X" });
  const after = Date.now();
  eq(f.name, "a/b\ufffd.txt", "USVString name, slash kept");
  eq(f.type, "text/x");
  eq(f.size, 3);
  eq(await f.text(), "abc");
  assert(f.lastModified >= before && f.lastModified <= after, "lastModified defaults to now");
  eq(new File([], "x", { lastModified: 42 }).lastModified, 42);
  eq(new File([], "x", { lastModified: 1.7 }).lastModified, 1, "long long");
  eq(new File([], "x", { lastModified: -1.5 }).lastModified, -1);
  eq(new File([], "x", { lastModified: "abc" }).lastModified, 0);
  eq(new File([], "x", { lastModified: new Date(1000) }).lastModified, 1000);
  eq(new File([], 123).name, "123");
  eq(await new File(["a\rb"], "x", { endings: "native" }).text(), "a\nb");
  assert(f instanceof Blob, "instanceof Blob");
  eq(Object.prototype.toString.call(f), "[object File]");
  const s = f.slice(1);
  assert(!(s instanceof File), "slice of a File is a Blob");
  eq(await s.text(), "bc");
  const order = [];
  new File([], "x", {
    get type() { order.push("type"); return ""; },
    get lastModified() { order.push("lastModified"); return 0; },
    get endings() { order.push("endings"); return "transparent"; },
  });
  arrayEq(order, ["endings", "type", "lastModified"], "inherited dictionary members first");
});

// ---------------------------------------------------------------------------
// FormData
// ---------------------------------------------------------------------------

test("FormData: interface shape", () => {
  checkInterface(FormData, "FormData", 0,
    { append: 2, delete: 1, get: 1, getAll: 1, has: 1, set: 2, entries: 0, keys: 0, values: 0, forEach: 1 }, []);
  const it = Object.getOwnPropertyDescriptor(FormData.prototype, Symbol.iterator);
  assert(it && it.value === FormData.prototype.entries && !it.enumerable && it.writable && it.configurable, "@@iterator is entries");
  const iter = new FormData().entries();
  const iterProto = Object.getPrototypeOf(iter);
  eq(Object.getPrototypeOf(iterProto), IteratorPrototype, "iterator prototype chain");
  eq(Object.prototype.toString.call(iter), "[object FormData Iterator]");
  arrayEq(Object.getOwnPropertyNames(iterProto), ["next"]);
  const next = Object.getOwnPropertyDescriptor(iterProto, "next");
  assert(next.enumerable && next.writable && next.configurable, "next attributes");
  throws(TypeError, () => next.value.call({}), "next brand check");
  throws(TypeError, () => FormData(), "without new");
});

test("FormData: constructor", () => {
  eq([...new FormData()].length, 0);
  eq([...new FormData(undefined)].length, 0);
  throws(TypeError, () => new FormData(null), "null form");
  throws(TypeError, () => new FormData({}), "object form");
  throws(TypeError, () => new FormData(undefined, {}), "submitter");
});

test("FormData: brand checks and missing arguments", () => {
  const fake = Object.create(FormData.prototype);
  for (const [op, args] of [["append", ["a", "b"]], ["delete", ["a"]], ["get", ["a"]], ["getAll", ["a"]],
    ["has", ["a"]], ["set", ["a", "b"]], ["entries", []], ["keys", []], ["values", []], ["forEach", [() => {}]]]) {
    throws(TypeError, () => FormData.prototype[op].apply(fake, args), op);
  }
  const fd = new FormData();
  const e = throws(TypeError, () => fd.append("a"));
  assert(/2 arguments required, but only 1 present/.test(e.message), e.message);
  throws(TypeError, () => fd.set("a"));
  throws(TypeError, () => fd.get());
  throws(TypeError, () => fd.getAll());
  throws(TypeError, () => fd.has());
  throws(TypeError, () => fd.delete());
  throws(TypeError, () => fd.forEach());
  throws(TypeError, () => fd.append("a", "b", "c"), "filename with a string value");
  throws(TypeError, () => fd.set("a", {}, "c"), "filename with a non-Blob value");
  throws(TypeError, () => fd.append(Symbol(), "b"), "Symbol name");
});

test("FormData: append, get, getAll, has, delete, set", () => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", 2);
  fd.append("a", null);
  fd.append("c\ud800", "x\udc00y");
  eq(fd.get("a"), "1");
  arrayEq(fd.getAll("a"), ["1", "null"]);
  eq(fd.get("b"), "2");
  eq(fd.get("zz"), null);
  arrayEq(fd.getAll("zz"), []);
  assert(fd.has("a") && !fd.has("zz"), "has");
  eq(fd.get("c\ufffd"), "x\ufffdy", "USVString conversion");
  fd.set("a", "3");
  arrayEq([...fd.keys()], ["a", "b", "c\ufffd"], "set replaces the first and removes the rest");
  eq(fd.get("a"), "3");
  fd.set("d", "4");
  arrayEq([...fd.values()], ["3", "2", "x\ufffdy", "4"]);
  fd.delete("b");
  fd.delete("nothing");
  arrayEq([...fd], [["a", "3"], ["c\ufffd", "x\ufffdy"], ["d", "4"]]);
  fd.append("x", "a\nb\rc");
  eq(fd.get("x"), "a\nb\rc", "values keep their line breaks");
});

test("FormData: Blob and File entries", () => {
  const fd = new FormData();
  const blob = new Blob(["xyz"], { type: "text/q" });
  fd.append("b", blob);
  const b = fd.get("b");
  assert(b instanceof File, "a Blob becomes a File");
  assert(b !== blob, "a new object");
  eq(b.name, "blob");
  eq(b.type, "text/q");
  eq(b.size, 3);
  fd.append("b2", blob, undefined);
  eq(fd.get("b2").name, "blob", "undefined filename is no filename");
  fd.append("b3", blob, "named");
  eq(fd.get("b3").name, "named");
  const file = new File(["q"], "orig.txt", { type: "a/b", lastModified: 5 });
  fd.append("f", file);
  eq(fd.get("f"), file, "a File is kept as it is");
  fd.set("g", file, "renamed");
  const g = fd.get("g");
  assert(g !== file, "a renamed File is a new File");
  eq(g.name, "renamed");
  eq(g.type, "a/b");
  eq(g.size, 1);
  eq(g.lastModified, 5, "lastModified kept");
  eq(fd.get("f").name, "orig.txt", "the original is unchanged");
});

test("FormData: iteration", () => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", "2");
  const it = fd.entries();
  arrayEq(it.next().value, ["a", "1"]);
  fd.append("c", "3");
  arrayEq(it.next().value, ["b", "2"]);
  arrayEq(it.next().value, ["c", "3"], "live");
  eq(it.next().done, true);
  const seen = [];
  fd.forEach(function (value, key, object) { seen.push(key, value, object === fd, this); }, "T");
  arrayEq(seen.map(String), ["a", "1", "true", "T", "b", "2", "true", "T", "c", "3", "true", "T"]);
  throws(TypeError, () => fd.forEach("not a function"));
  const savedNext = Array.prototype[Symbol.iterator];
  arrayEq(Array.from(fd.keys()), ["a", "b", "c"]);
  eq(Array.prototype[Symbol.iterator], savedNext);
});

// ---------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------

test("Body: blob() and formData() shape", () => {
  for (const C of [Request, Response]) {
    for (const op of ["blob", "formData"]) {
      const d = Object.getOwnPropertyDescriptor(C.prototype, op);
      assert(d && d.writable && d.enumerable && d.configurable, `${C.name}.${op} attributes`);
      eq(d.value.length, 0, `${op}.length`);
      eq(d.value.name, op, `${op}.name`);
    }
  }
  assert(Request.prototype.blob !== Response.prototype.blob, "own functions per interface");
});

test("Body: blob() and formData() brand checks", async () => {
  await rejects(TypeError, Response.prototype.blob.call({}));
  await rejects(TypeError, Request.prototype.formData.call(new Response("")));
});

test("Body: Blob as a body", async () => {
  const blob = new Blob(["h\u00e9llo"], { type: "text/x;charset=utf-8" });
  const r = new Response(blob);
  eq(r.headers.get("content-type"), "text/x;charset=utf-8");
  eq(await r.text(), "h\u00e9llo");
  eq(new Response(new Blob(["x"])).headers.get("content-type"), null, "no type, no Content-Type");
  eq(new Response(blob, { headers: { "content-type": "a/b" } }).headers.get("content-type"), "a/b", "explicit header wins");
  const rq = new Request("http://x/", { method: "POST", body: blob });
  eq(rq.headers.get("content-type"), "text/x;charset=utf-8");
  const back = await rq.blob();
  assert(back instanceof Blob && !(back instanceof File), "blob() gives a Blob");
  eq(back.type, "text/x;charset=utf-8");
  eq(await back.text(), "h\u00e9llo");
  assert(rq.bodyUsed, "bodyUsed");
  await rejects(TypeError, rq.blob(), "second read");
  const r2 = new Response(blob);
  const ab = await r2.arrayBuffer();
  new Uint8Array(ab)[0] = 0x7A;
  eq(await blob.text(), "h\u00e9llo", "the Blob is not changed through a body's buffer");
  const r3 = new Response(blob.slice(1, 3));
  eq(await r3.text(), "\u00e9");
  const r4 = new Response(blob);
  const r5 = r4.clone();
  eq(await r4.text(), await r5.text(), "clone");
});

test("Body: blob() type", async () => {
  const typeOf = async (init) => (await new Response("x", init).blob()).type;
  eq(await typeOf(undefined), "text/plain;charset=UTF-8", "string body");
  eq(await typeOf({ headers: { "content-type": "Text/HTML; Charset=\"UTF-8\"; A=\"b c\"" } }), "text/html;charset=UTF-8;a=\"b c\"");
  eq(await typeOf({ headers: { "content-type": "nonsense" } }), "", "invalid");
  eq(await typeOf({ headers: { "content-type": "*/*" } }), "");
  eq(await typeOf({ headers: [["content-type", "a/b;charset=x"], ["content-type", "a/b"]] }), "a/b;charset=x", "charset carried");
  eq(await typeOf({ headers: [["content-type", "a/b;charset=x"], ["content-type", "c/d"]] }), "c/d");
  eq(await typeOf({ headers: { "content-type": "a/b;x=\"\\\"q\\\\\"" } }), "a/b;x=\"\\\"q\\\\\"", "quoted-string escapes");
  eq((await new Response(null).blob()).size, 0, "null body");
  eq((await new Response(new Uint8Array([1, 2])).blob()).type, "");
  const rq = new Request("http://x/", { method: "POST", body: "abc", headers: { "Content-Type": "A/B" } });
  eq((await rq.blob()).type, "a/b", "request headers");
});

test("Body: FormData as a body (multipart/form-data)", async () => {
  const fd = new FormData();
  fd.append("a", "1\n2\r3\r\n4");
  fd.append("q\"u\no\rte", "v");
  fd.append("f", new File(["x\ny"], "n\"a\nm\re.txt", { type: "text/x" }));
  fd.append("b", new Blob([new Uint8Array([0, 255])]));
  const r = new Response(fd);
  const ct = r.headers.get("content-type");
  const m = /^multipart\/form-data; boundary=(.+)$/.exec(ct);
  assert(m, "content-type " + ct);
  const boundary = m[1];
  assert(boundary.length >= 27 && boundary.length <= 70, "boundary length");
  const body = new Uint8Array(await r.clone().arrayBuffer());
  let raw = "";
  for (const byte of body) raw += String.fromCharCode(byte);
  eq(raw,
    `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n2\r\n3\r\n4\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="q%22u%0D%0Ao%0D%0Ate"\r\n\r\nv\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="n%22a%0Am%0De.txt"\r\nContent-Type: text/x\r\n\r\nx\ny\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="b"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u00ff\r\n` +
    `--${boundary}--\r\n`, "encoding");
  const back = await r.formData();
  arrayEq(entriesOf(back), [["a", "1\r\n2\r\n3\r\n4"], ["q\"u\r\no\r\nte", "v"],
    ["f", "File(n\"a\nm\re.txt,text/x,3)"], ["b", "File(blob,application/octet-stream,2)"]], "round trip");
  arrayEq(bytesOf(await back.get("b").bytes()), [0, 255]);
  const fd2 = new FormData();
  fd2.append("x", "\u00e9\ud83d\ude00");
  const rq = new Request("http://x/", { method: "POST", body: fd2 });
  assert(rq.headers.get("content-type").startsWith("multipart/form-data; boundary="), "request content-type");
  const back2 = await rq.formData();
  eq(back2.get("x"), "\u00e9\ud83d\ude00", "UTF-8 round trip");
  const empty = await new Response(new FormData()).formData();
  eq([...empty].length, 0, "empty FormData round trip");
  const b1 = new Response(new FormData()).headers.get("content-type");
  const b2 = new Response(new FormData()).headers.get("content-type");
  assert(b1 !== b2, "boundaries differ");
});

test("Body: formData() parsing multipart", async () => {
  const parse = (body, type = "multipart/form-data; boundary=B") =>
    new Response(body, { headers: { "content-type": type } }).formData();
  arrayEq(entriesOf(await parse("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--B--")), [["a", "v"]], "no final CRLF");
  arrayEq(entriesOf(await parse("--B\r\ncontent-disposition: form-data; name=\"a\"\r\nX-Other: 1\r\n\r\nv\r\n--B--\r\nepilogue")), [["a", "v"]], "header case, epilogue");
  arrayEq(entriesOf(await parse("--B\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f.txt\"\r\n\r\nv\r\n--B--\r\n")),
    [["a", "File(f.txt,text/plain,1)"]], "file without Content-Type");
  arrayEq(entriesOf(await parse("--B\r\nContent-Disposition: form-data; name=\"a\"; filename=\"\"\r\nContent-Type: x/y\r\n\r\n\r\n--B--\r\n")),
    [["a", "File(,x/y,0)"]], "empty filename");
  arrayEq(entriesOf(await parse("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--Bx\r\n--B\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n\r\n--B--", "multipart/form-data; boundary=\"B\"")),
    [["a", "--Bx"], ["b", ""]], "quoted boundary, empty value");
  arrayEq(entriesOf(await parse("--B\r\nContent-Disposition: form-data; name=\"%22a%0D%0A\"\r\n\r\nv\r\n--B--")), [["\"a\r\n", "v"]], "escaped name");
  const latin1 = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  arrayEq(entriesOf(await parse(latin1("--B\r\nContent-Disposition: form-data; name=\"\u00c3\u00a9\"; filename=\"\u00e2\u0082\u00ac\"\r\n\r\n\r\n--B\r\nContent-Disposition: form-data; name=\"\u00c3\u00a9\"\r\n\r\n\u00c3\u00a9\r\n--B--"))),
    [["\u00e9", "File(\u20ac,text/plain,0)"], ["\u00e9", "\u00e9"]], "UTF-8 names, filenames and values");
  await rejects(TypeError, parse("garbage"), "no boundary at the start");
  await rejects(TypeError, parse("--B--", "multipart/form-data"), "no boundary parameter");
  await rejects(TypeError, parse("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv"), "no closing boundary");
  await rejects(TypeError, parse("--B\r\nContent-Type: text/plain\r\n\r\nv\r\n--B--"), "no Content-Disposition");
  await rejects(TypeError, parse("--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--B--"), "not form-data");
  await rejects(TypeError, parse("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n"), "unterminated headers");
});

test("Body: formData() parsing urlencoded and other types", async () => {
  const r = new Response("a=1&b=%20x+y&a=%E2%82%AC&&c", { headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" } });
  arrayEq([...await r.formData()], [["a", "1"], ["b", " x y"], ["a", "\u20ac"], ["c", ""]]);
  const fromParams = await new Request("http://x/", { method: "POST", body: new URLSearchParams("q=1&r=2") }).formData();
  arrayEq([...fromParams], [["q", "1"], ["r", "2"]], "URLSearchParams body");
  const plain = new Response("a=1");
  await rejects(TypeError, plain.formData(), "text/plain");
  assert(plain.bodyUsed, "the body is used even when parsing fails");
  await rejects(TypeError, new Response("a=1", { headers: { "content-type": "nonsense" } }).formData(), "invalid type");
  await rejects(TypeError, new Response(null).formData(), "no Content-Type");
  const emptyUrl = await new Response(null, { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
  eq([...emptyUrl].length, 0, "empty urlencoded");
});

// ---------------------------------------------------------------------------

test("Blob: stream() gives the bytes in 64 KB chunks, each a copy", async () => {
  const big = new Uint8Array(150000);
  for (let i = 0; i < big.length; i++) big[i] = i % 251;
  const blob = new Blob([big]);
  const reader = blob.stream().getReader();
  const sizes = [];
  const all = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    sizes.push(value.length);
    value[0] = 255;  // writing to a chunk does not change the Blob
    for (const b of value) all.push(b);
  }
  eq(sizes.join(","), "65536,65536,18928");
  eq(all.length, 150000);
  eq((await blob.bytes())[0], 0);
  const bytes = new Uint8Array(await new Response(new Blob(["hi"]).stream()).arrayBuffer());
  eq(String.fromCharCode(...bytes), "hi");
  eq(await new Response(new Blob([]).stream()).text(), "");
  let e = null;
  try { Blob.prototype.stream.call({}); } catch (err) { e = err; }
  assert(e instanceof TypeError, "brand check");
});

async function main() {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    try {
      await t.fn();
      passed++;
    } catch (e) {
      failed++;
      console.log(`not ok ${t.name}: ${e && e.message ? e.message : e}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
}
main();
