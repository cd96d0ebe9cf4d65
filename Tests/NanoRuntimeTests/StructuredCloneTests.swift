import XCTest

/// structuredClone: the HTML algorithm's types, cycles, errors, Blob/File and
/// DOMException, ArrayBuffer transfer, and DataCloneError for the rest.
final class StructuredCloneTests: XCTestCase {
    func testStructuredClone() throws {
        let r = try runModule(["main.js": #"""
const a = { n: 1, s: "x", d: new Date(5), r: /a+/gi, m: new Map([[1, { k: 2 }]]), set: new Set([1, 2]), arr: [1, , 3], big: 10n, u8: new Uint8Array([1, 2, 3]), nested: { deep: true } };
a.self = a;
const c = structuredClone(a);
console.log(c !== a, c.self === c, c.d.getTime(), c.r.source + c.r.flags, c.m.get(1).k, [...c.set], c.arr.length, 1 in c.arr, c.big, c.u8, c.nested !== a.nested);
const e = structuredClone(new RangeError("bad", { cause: 42 }));
console.log(e instanceof RangeError, e.message, e.cause, typeof e.stack);
for (const bad of [() => {}, Symbol("s"), new WeakMap(), Promise.resolve(), new Headers(), new Proxy({}, {}), new URL("http://x/")]) {
  try { structuredClone(bad); console.log("no error for", bad); } catch (err) { console.log(err.name, err.message); }
}
const buf = new Uint8Array([9, 8, 7]).buffer;
const moved = structuredClone({ buf }, { transfer: [buf] });
console.log(buf.byteLength, new Uint8Array(moved.buf));
try { structuredClone(buf, { transfer: [buf] }); } catch (err) { console.log(err.name, err.message); }
const blob = structuredClone(new File(["hi"], "a.txt", { type: "text/plain" }));
console.log(blob instanceof File, blob.name, blob.type, await blob.text());
const de = structuredClone(new DOMException("m", "AbortError"));
console.log(de instanceof DOMException, de.name, de.message, de.code);
console.log(structuredClone(new Number(3)) instanceof Number, structuredClone(null), structuredClone(undefined));
try { structuredClone(); } catch (err) { console.log(err.constructor.name); }
"""#])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, #"""
true true 5 a+gi 2 [ 1, 2 ] 3 false 10n Uint8Array(3) [ 1, 2, 3 ] true
true bad 42 string
DataCloneError A function could not be cloned.
DataCloneError Symbol(s) could not be cloned.
DataCloneError WeakMap could not be cloned.
DataCloneError Promise could not be cloned.
DataCloneError Headers could not be cloned.
DataCloneError A Proxy could not be cloned.
DataCloneError URL could not be cloned.
0 Uint8Array(3) [ 9, 8, 7 ]
DataCloneError ArrayBuffer at index 0 is already detached.
true a.txt text/plain hi
true AbortError m 20
true null undefined
TypeError

"""#)
    }
}
