// CompressionStream / DecompressionStream (Compression Standard) in NANO:
// prints `ok NAME` / `not ok NAME: REASON` and `N passed, M failed`.
let passed = 0, failed = 0;
async function test(name, fn) {
  try { await fn(); passed++; console.log("ok " + name); }
  catch (e) { failed++; console.log("not ok " + name + ": " + (e && e.message)); }
}
function eq(a, b, m) { if (a !== b) throw new Error((m ? m + ": " : "") + "expected " + b + ", got " + a); }
async function pipe(bytes, transform) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(transform)).arrayBuffer());
}
async function rejects(name, promise) {
  try { await promise; } catch (e) { eq(e.name, name); return; }
  throw new Error("expected a rejection");
}
const hello = new TextEncoder().encode("hello world");
// Made by Python's zlib / gzip (another implementation): known answers.
const vectors = {
  "deflate": [120, 156, 203, 72, 205, 201, 201, 87, 40, 207, 47, 202, 73, 1, 0, 26, 11, 4, 93],
  "deflate-raw": [203, 72, 205, 201, 201, 87, 40, 207, 47, 202, 73, 1, 0],
  "gzip": [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 87, 40, 207, 47, 202, 73, 1, 0, 133, 17, 74, 13, 11, 0, 0, 0],
};
for (const [format, bytes] of Object.entries(vectors)) {
  await test(`${format}: decompresses what zlib made`, async () => {
    eq(new TextDecoder().decode(await pipe(new Uint8Array(bytes), new DecompressionStream(format))), "hello world");
  });
  await test(`${format}: round trip of 1 MB in many chunks`, async () => {
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 10)) & 0xFF;
    const compressed = await pipe(big, new CompressionStream(format));
    const back = await pipe(compressed, new DecompressionStream(format));
    eq(back.length, big.length);
    eq(back.every((b, i) => b === big[i]), true, "same bytes");
  });
  await test(`${format}: corrupt data is a TypeError`, () =>
    rejects("TypeError", pipe(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), new DecompressionStream(format))));
  await test(`${format}: truncated data is a TypeError`, () =>
    rejects("TypeError", pipe(new Uint8Array(bytes.slice(0, bytes.length - 3)), new DecompressionStream(format))));
  await test(`${format}: data after the end is a TypeError`, () =>
    rejects("TypeError", pipe(new Uint8Array([...bytes, 1, 2]), new DecompressionStream(format))));
}
await test("unsupported formats and missing arguments are TypeErrors", () => {
  for (const f of ["brotli", "GZIP", "", "zlib"]) {
    let thrown = null;
    try { new CompressionStream(f); } catch (e) { thrown = e; }
    eq(thrown && thrown.name, "TypeError", f);
  }
  let thrown = null;
  try { new DecompressionStream(); } catch (e) { thrown = e; }
  eq(thrown && thrown.name, "TypeError", "no argument");
});
await test("chunks must be BufferSource", () => {
  const cs = new CompressionStream("gzip");
  const read = cs.readable.getReader().read();  // someone reads: the transform runs
  const writer = cs.writable.getWriter();
  return Promise.all([rejects("TypeError", writer.write("a string")), rejects("TypeError", read)]);
});
await test("interface shape", () => {
  for (const C of [CompressionStream, DecompressionStream]) {
    eq(C.length, 1, C.name + ".length");
    eq(Object.prototype.toString.call(new C("gzip")), `[object ${C.name}]`);
    eq(Object.getOwnPropertyDescriptor(C.prototype, "readable").enumerable, true);
    let thrown = null;
    try { Object.getOwnPropertyDescriptor(C.prototype, "readable").get.call({}); } catch (e) { thrown = e; }
    eq(thrown && thrown.name, "TypeError", "brand check");
  }
});
console.log(passed + " passed, " + failed + " failed");
