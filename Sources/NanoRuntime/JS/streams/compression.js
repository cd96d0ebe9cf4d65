// NANO runtime: CompressionStream and DecompressionStream (Compression
// Standard, https://compression.spec.whatwg.org/): gzip, deflate and
// deflate-raw on zlib (native ops zlibNew / zlibWrite / zlibFinish /
// zlibFree, Ops/CompressionOps.swift). Bad or truncated compressed data
// errors the stream with a TypeError.
(function (nano, global) {
  "use strict";
  nano.defineLazyGlobal("CompressionStream", "compression");
  nano.defineLazyGlobal("DecompressionStream", "compression");
  // The body runs on first use (nano.load("compression")), see core/core.js.
  nano.lazy("compression", function (nano, global) {
  "use strict";
  nano.load("transform");  // createTransformStream and friends on nano.streams
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const ops = nano.ops;
  const { createTransformStream, transformEnqueue, transformReadable, transformWritable } = nano.streams;
  const TypeErrorCtor = TypeError;
  const formats = { __proto__: null, "deflate": true, "deflate-raw": true, "gzip": true };

  function isObj(o) { return typeof o === "object" && o !== null; }

  // The zlib stream of one CompressionStream / DecompressionStream.
  function makeTransform(format, decompress) {
    const handle = ops.zlibNew(format, decompress);
    const what = decompress ? "DecompressionStream" : "CompressionStream";
    return createTransformStream((chunk, controller) => {
      if (!webidl.isArrayBuffer(chunk) && !webidl.isArrayBufferView(chunk)) {
        ops.zlibFree(handle);
        throw new TypeErrorCtor(`${what}: a chunk must be an ArrayBuffer or ArrayBufferView`);
      }
      let out;
      try {
        out = ops.zlibWrite(handle, chunk);
      } catch (error) {
        ops.zlibFree(handle);
        throw error;
      }
      if (out.length > 0) transformEnqueue(controller, out);
    }, (controller) => {
      const out = ops.zlibFinish(handle);
      if (out.length > 0) transformEnqueue(controller, out);
    });
  }

  function checkFormat(format, what) {
    format = converters.DOMString(format, `Failed to construct '${what}'`, "parameter 1");
    if (formats[format] !== true) {
      throw new TypeErrorCtor(`Failed to construct '${what}': Unsupported compression format: '${format}'`);
    }
    return format;
  }

  let compressionState;
  class CompressionStream {
    #transform;
    constructor(format) {
      webidl.requiredArguments(arguments.length, 1, "Failed to construct 'CompressionStream'");
      this.#transform = makeTransform(checkFormat(format, "CompressionStream"), false);
    }
    get readable() { return transformReadable(compressionState(this)); }
    get writable() { return transformWritable(compressionState(this)); }
    static {
      compressionState = (o) => {
        if (isObj(o) && #transform in o) return o.#transform;
        throw webidl.illegalInvocation();
      };
    }
  }

  let decompressionState;
  class DecompressionStream {
    #transform;
    constructor(format) {
      webidl.requiredArguments(arguments.length, 1, "Failed to construct 'DecompressionStream'");
      this.#transform = makeTransform(checkFormat(format, "DecompressionStream"), true);
    }
    get readable() { return transformReadable(decompressionState(this)); }
    get writable() { return transformWritable(decompressionState(this)); }
    static {
      decompressionState = (o) => {
        if (isObj(o) && #transform in o) return o.#transform;
        throw webidl.illegalInvocation();
      };
    }
  }

  for (const C of [CompressionStream, DecompressionStream]) {
    for (const name of ["readable", "writable"]) {
      const desc = Object.getOwnPropertyDescriptor(C.prototype, name);
      desc.enumerable = true;
      Object.defineProperty(C.prototype, name, desc);
    }
    Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
    nano.defineGlobal(C.name, C);
  }
  });
});
