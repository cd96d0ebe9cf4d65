import XCTest

/// The runtime's lazy parts (core/core.js): SubtleCrypto, Blob/File/FormData,
/// TransformStream, compression and text streams, structuredClone, data:
/// URLs, the IDNA tables, the legacy text decoders and console's inspect are
/// not in the snapshot; each loads on first use, in the app's own
/// isolate. An app must not be able to tell, beyond a lazy global's property
/// descriptor before its first read.
final class LazyPartsTests: XCTestCase {
    func testEveryLazyGlobalWorksOnFirstUse() throws {
        let r = try runModule(["main.js": """
            const out = [];
            const names = ["SubtleCrypto", "CryptoKey", "Blob", "File", "FormData", "CompressionStream",
                           "DecompressionStream", "TextEncoderStream", "TextDecoderStream", "structuredClone",
                           "TransformStream", "TransformStreamDefaultController", "WritableStream",
                           "WritableStreamDefaultWriter", "WritableStreamDefaultController"];
            // (all read first: loading a part installs all of its globals)
            const descriptors = names.map((name) => Object.getOwnPropertyDescriptor(globalThis, name));
            for (const [i, name] of names.entries()) {
              const before = descriptors[i];
              const value = globalThis[name];
              const after = Object.getOwnPropertyDescriptor(globalThis, name);
              out.push(`${name}:${typeof before.get}>${typeof value}:${after.writable}/${after.enumerable}/${after.configurable}`);
            }
            console.log(out.join(" "));
            """])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, [
            "SubtleCrypto:function>function:true/false/true", "CryptoKey:function>function:true/false/true",
            "Blob:function>function:true/false/true", "File:function>function:true/false/true",
            "FormData:function>function:true/false/true", "CompressionStream:function>function:true/false/true",
            "DecompressionStream:function>function:true/false/true", "TextEncoderStream:function>function:true/false/true",
            "TextDecoderStream:function>function:true/false/true", "structuredClone:function>function:true/false/true",
            "TransformStream:function>function:true/false/true", "TransformStreamDefaultController:function>function:true/false/true",
            "WritableStream:function>function:true/false/true", "WritableStreamDefaultWriter:function>function:true/false/true",
            "WritableStreamDefaultController:function>function:true/false/true",
        ].joined(separator: " ") + "\n")
    }

    /// Parts load from the runtime's own paths too, not only from globals.
    func testPartsLoadFromWithinTheRuntime() throws {
        let r = try runModule(["main.js": """
            const out = [];
            // crypto.subtle (not the SubtleCrypto global) loads "subtle".
            const digest = await crypto.subtle.digest("SHA-256", new Uint8Array([97, 98, 99]));
            out.push(new Uint8Array(digest)[0], crypto.subtle === crypto.subtle, crypto.subtle instanceof SubtleCrypto);
            // Response.blob() and formData() load "file" before Blob is read.
            const blob = await new Response("hi", { headers: { "content-type": "text/plain" } }).blob();
            out.push(blob.type, await blob.text(), blob instanceof Blob);
            const form = await new Response("a=1&b=2", { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
            out.push(form.get("b"), form instanceof FormData);
            // fetch() of a data: URL loads "data_url".
            const response = await fetch("data:text/plain;base64,aGVsbG8=");
            out.push(response.headers.get("content-type"), await response.text());
            // A host that is not plain ASCII loads "idna".
            out.push(new URL("http://münchen.de/").host, new URL("http://xn--mnchen-3ya.DE/").host);
            // Response.clone() tees its stream, cloning each chunk: "structured_clone".
            const original = new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([116, 101, 101])); c.close(); } }));
            const copy = original.clone();
            out.push(await original.text(), await copy.text());
            // pipeTo() loads "writable" for its destination's internals.
            const written = [];
            await new Blob(["pipe"]).stream().pipeTo(new WritableStream({ write(c) { written.push(c.length); } }));
            out.push(written.join());
            // A TextDecoder for a legacy encoding loads "legacy_encodings".
            out.push(new TextDecoder("windows-1252").decode(new Uint8Array([0x80])));
            // console.log of an object loads "inspect" (captured below).
            console.log(out.join(" "));
            console.log({ a: [1, { b: 2 }] }, "%d%%", 5);
            """])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "186 true true text/plain hi true 2 true text/plain hello xn--mnchen-3ya.de xn--mnchen-3ya.de tee tee 4 €\n{ a: [ 1, { b: 2 } ] } %d%% 5\n")
    }

    /// An app that replaced or deleted a lazy global before its part loaded
    /// keeps what it made when the part loads through another path.
    func testAnAppsOwnGlobalSurvivesItsPartLoading() throws {
        let r = try runModule(["main.js": """
            globalThis.Blob = "mine";
            delete globalThis.FormData;
            SubtleCrypto = 7;  // a plain assignment at top level
            await new Response("x", { headers: { "content-type": "text/plain" } }).blob();
            await crypto.subtle.digest("SHA-1", new Uint8Array(1));
            console.log(Blob, "FormData" in globalThis, SubtleCrypto, typeof File, typeof CryptoKey);
            const d = Object.getOwnPropertyDescriptor(globalThis, "Blob");
            console.log(d.writable, d.enumerable, d.configurable);
            """])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "mine false 7 function function\ntrue false true\n")
    }

    /// Each isolate loads its own copy: one app's use leaves another's
    /// untouched.
    func testAPartLoadedInOneIsolateIsNotLoadedInAnother() throws {
        let first = try runModule(["main.js": "new Blob([]); console.log(typeof Object.getOwnPropertyDescriptor(globalThis, 'Blob').value)"])
        let second = try runModule(["main.js": "console.log(typeof Object.getOwnPropertyDescriptor(globalThis, 'Blob').get)"])
        XCTAssertEqual(first.stdout, "function\n")
        XCTAssertEqual(second.stdout, "function\n")
    }
}
