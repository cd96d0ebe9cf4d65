// NANO runtime: `Blob` and `File` (File API, https://w3c.github.io/FileAPI/),
// plus MIME type parsing
// (MIME Sniffing §4) for the Body mixin's blob() and formData().
//
// Classic script evaluated once while the startup snapshot is built; its
// completion value is a function the host calls as `fn(nano, global)`,
// which registers the lazy part "file" (core/core.js).
// Needs nano.webidl and nano.fetch (headers.js, body.js). Installs the globals
// `Blob` and `File`, registers a Blob body extractor, and puts `nano.blob`.
//
// A Blob holds a Uint8Array that is never written to once the Blob exists:
// slices are subarrays of it, and a Blob made from a single Blob shares it.
(function (nano, global) {
  "use strict";
  nano.defineLazyGlobal("Blob", "file");
  nano.defineLazyGlobal("File", "file");
  // The body runs on first use (nano.load("file")), see core/core.js.
  nano.lazy("file", function (nano, global) {
  "use strict";

  const webidl = nano.webidl;
  const converters = webidl.converters;
  const B = nano.fetch.body;
  const H = nano.fetch.headers;

  const FunctionPrototype = Function.prototype;
  const ReflectApply = Reflect.apply;
  const uncurryThis = (fn) => ReflectApply(FunctionPrototype.bind, FunctionPrototype.call, [fn]);
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringFromCharCode = String.fromCharCode;
  const RegExpPrototypeExec = uncurryThis(RegExp.prototype.exec);
  const MathMax = Math.max;
  const MathMin = Math.min;
  const DateNow = Date.now;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromiseReject = Promise.reject.bind(Promise);
  const TypeErrorCtor = TypeError;
  const Uint8ArrayCtor = Uint8Array;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
  const TypedArrayPrototypeGetByteOffset = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteOffset").get;
  const TypedArrayPrototypeGetBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
  const TypedArrayPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteLength").get;

  const byteLength = (u8) => ReflectApply(TypedArrayPrototypeGetByteLength, u8, []);
  const kInternal = Symbol("internal");
  const EMPTY = new Uint8ArrayCtor(0);

  // bytes[start, start + length) as a new view on the same buffer (not
  // through %TypedArray%.prototype.subarray, which looks up a species).
  function subarray(bytes, start, length) {
    return new Uint8ArrayCtor(ReflectApply(TypedArrayPrototypeGetBuffer, bytes, []),
      ReflectApply(TypedArrayPrototypeGetByteOffset, bytes, []) + start, length);
  }

  function copyOf(bytes) {
    const copy = new Uint8ArrayCtor(byteLength(bytes));
    TypedArrayPrototypeSet(copy, bytes);
    return copy;
  }

  // ---------------------------------------------------------------------------
  // Conversions
  // ---------------------------------------------------------------------------

  // ASCII lower-case (String.prototype.toLowerCase also maps non-ASCII code
  // points, some of them to ASCII ones).
  function asciiLower(s) {
    let result = "";
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c >= 0x41 && c <= 0x5A) {
        result += StringPrototypeSlice(s, start, i) + StringFromCharCode(c + 0x20);
        start = i + 1;
      }
    }
    return start === 0 ? s : result + StringPrototypeSlice(s, start);
  }

  // A type from the options or slice(): "" when a code unit is outside
  // U+0020..U+007E, else ASCII lower-cased.
  const badTypeRegExp = /[^\x20-\x7E]/;
  function normalizeType(t) {
    if (RegExpPrototypeExec(badTypeRegExp, t) !== null) return "";
    return asciiLower(t);
  }

  const convertEndingType = webidl.createEnumConverter("EndingType", ["transparent", "native"]);
  const blobPropertyBagMembers = [
    { key: "endings", converter: convertEndingType, defaultValue: "transparent" },
    { key: "type", converter: converters.DOMString, defaultValue: "" },
  ];
  const convertBlobPropertyBag = webidl.createDictionaryConverter("BlobPropertyBag", blobPropertyBagMembers);
  const convertFilePropertyBag = webidl.createDictionaryConverter("FilePropertyBag", blobPropertyBagMembers, [
    { key: "lastModified", converter: converters["long long"] },
  ]);

  // BlobPart = (BufferSource or Blob or USVString), in a sequence.
  function convertBlobPart(V, prefix, context) {
    if (typeof V === "object" && V !== null) {
      if (isBlob(V)) return V;
      if (webidl.isArrayBuffer(V)) return V;
      if (webidl.isArrayBufferView(V)) return converters.ArrayBufferView(V, prefix, context);
    }
    return converters.USVString(V, prefix, context);
  }
  const convertBlobParts = webidl.createSequenceConverter(convertBlobPart);

  // "convert line endings to native" (LF on this host).
  function toNativeLineEndings(s) {
    let result = "";
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      if (StringPrototypeCharCodeAt(s, i) !== 0x0D) continue;
      result += StringPrototypeSlice(s, start, i) + "\n";
      if (i + 1 < s.length && StringPrototypeCharCodeAt(s, i + 1) === 0x0A) i++;
      start = i + 1;
    }
    return start === 0 ? s : result + StringPrototypeSlice(s, start);
  }

  // "process blob parts": the bytes of the parts, as a Uint8Array that may be
  // shared with a Blob part (never written to).
  function processBlobParts(parts, endings) {
    const chunks = [];
    let total = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      let bytes;
      if (typeof part === "string") {
        bytes = B.encodeUTF8(endings === "native" ? toNativeLineEndings(part) : part);
      } else if (isBlob(part)) {
        bytes = blobBytes(part);
      } else {
        bytes = webidl.copyBufferSourceBytes(part); // a detached buffer gives none
      }
      ArrayPrototypePush(chunks, bytes);
      total += byteLength(bytes);
    }
    if (chunks.length === 0) return EMPTY;
    if (chunks.length === 1) return chunks[0]; // a Blob's bytes, or our own new array
    const result = new Uint8ArrayCtor(total);
    let offset = 0;
    for (let i = 0; i < chunks.length; i++) {
      TypedArrayPrototypeSet(result, chunks[i], offset);
      offset += byteLength(chunks[i]);
    }
    return result;
  }

  // ---------------------------------------------------------------------------
  // Blob
  // ---------------------------------------------------------------------------

  let blobBytes;
  let blobType;
  let isBlob;
  let newBlob;

  class Blob {
    #bytes;
    #type;

    constructor(blobParts = undefined, options = undefined) {
      const prefix = "Failed to construct 'Blob'";
      if (blobParts === kInternal) {
        // new Blob(kInternal, [bytes, type]) from createBlob / slice.
        this.#bytes = options[0];
        this.#type = options[1];
        return;
      }
      const parts = blobParts === undefined ? [] : convertBlobParts(blobParts, prefix, "parameter 1");
      const opts = convertBlobPropertyBag(options, prefix, "parameter 2");
      this.#bytes = processBlobParts(parts, opts.endings);
      this.#type = normalizeType(opts.type);
    }

    get size() {
      if (!isBlob(this)) throw webidl.illegalInvocation();
      return byteLength(this.#bytes);
    }

    get type() {
      if (!isBlob(this)) throw webidl.illegalInvocation();
      return this.#type;
    }

    slice(start = undefined, end = undefined, contentType = undefined) {
      if (!isBlob(this)) throw webidl.illegalInvocation();
      const prefix = "Failed to execute 'slice' on 'Blob'";
      const clamp = { clamp: true };
      const size = byteLength(this.#bytes);
      let relativeStart = 0;
      if (start !== undefined) {
        const s = converters["long long"](start, prefix, "parameter 1", clamp);
        relativeStart = s < 0 ? MathMax(size + s, 0) : MathMin(s, size);
      }
      let relativeEnd = size;
      if (end !== undefined) {
        const e = converters["long long"](end, prefix, "parameter 2", clamp);
        relativeEnd = e < 0 ? MathMax(size + e, 0) : MathMin(e, size);
      }
      let type = "";
      if (contentType !== undefined) type = normalizeType(converters.DOMString(contentType, prefix, "parameter 3"));
      const span = MathMax(relativeEnd - relativeStart, 0);
      return newBlob(subarray(this.#bytes, relativeStart, span), type);
    }

    // A byte stream of the Blob's bytes, 64 KB per chunk, each a copy (the
    // reader owns it; the Blob's bytes stay as they are).
    stream() {
      if (!isBlob(this)) throw webidl.illegalInvocation();
      const S = nano.streams;
      const bytes = this.#bytes;
      const length = byteLength(bytes);
      let offset = 0;
      return S.createReadableStream((controller) => {
        if (offset < length) {
          const end = MathMin(offset + 65536, length);
          S.enqueue(controller, copyOf(subarray(bytes, offset, end - offset)));
          offset = end;
        }
        if (offset >= length) S.close(controller);
      }, undefined, 0);
    }

    text() {
      if (!isBlob(this)) return PromiseReject(webidl.illegalInvocation());
      return PromiseResolve(B.decodeUTF8(this.#bytes));
    }

    arrayBuffer() {
      if (!isBlob(this)) return PromiseReject(webidl.illegalInvocation());
      return PromiseResolve(ReflectApply(TypedArrayPrototypeGetBuffer, copyOf(this.#bytes), []));
    }

    bytes() {
      if (!isBlob(this)) return PromiseReject(webidl.illegalInvocation());
      return PromiseResolve(copyOf(this.#bytes));
    }

    static {
      isBlob = (o) => typeof o === "object" && o !== null && #bytes in o;
      blobBytes = (o) => o.#bytes;
      blobType = (o) => o.#type;
    }
  }
  newBlob = (bytes, type) => new Blob(kInternal, [bytes, type]);

  // ---------------------------------------------------------------------------
  // File
  // ---------------------------------------------------------------------------

  let isFile;
  let fileName;
  let fileLastModified;
  let newFile;

  class File extends Blob {
    #name;
    #lastModified;

    constructor(fileBits, fileName, options = undefined) {
      if (fileBits === kInternal) {
        // new File(kInternal, [bytes, type], [name, lastModified])
        super(kInternal, fileName);
        this.#name = options[0];
        this.#lastModified = options[1];
        return;
      }
      const prefix = "Failed to construct 'File'";
      webidl.requiredArguments(arguments.length, 2, prefix);
      const parts = convertBlobParts(fileBits, prefix, "parameter 1");
      const name = converters.USVString(fileName, prefix, "parameter 2");
      const opts = convertFilePropertyBag(options, prefix, "parameter 3");
      super(kInternal, [processBlobParts(parts, opts.endings), normalizeType(opts.type)]);
      this.#name = name;
      this.#lastModified = opts.lastModified !== undefined ? opts.lastModified : DateNow();
    }

    get name() {
      if (!isFile(this)) throw webidl.illegalInvocation();
      return this.#name;
    }

    get lastModified() {
      if (!isFile(this)) throw webidl.illegalInvocation();
      return this.#lastModified;
    }

    static {
      isFile = (o) => typeof o === "object" && o !== null && #name in o;
      fileName = (o) => o.#name;
      fileLastModified = (o) => o.#lastModified;
    }
  }
  newFile = (bytes, name, type, lastModified) => new File(kInternal, [bytes, type], [name, lastModified]);

  webidl.configureInterface(Blob, "Blob");
  webidl.configureInterface(File, "File");
  // The IDL lengths: Blob(optional, optional) is 0; File(fileBits, fileName, optional) is 2.
  ObjectDefineProperty(Blob, "length", { value: 0 });
  ObjectDefineProperty(File, "length", { value: 2 });
  ObjectDefineProperty(Blob.prototype.slice, "length", { value: 0 });

  nano.defineGlobal("Blob", Blob);
  nano.defineGlobal("File", File);

  // ---------------------------------------------------------------------------
  // MIME types (https://mimesniff.spec.whatwg.org/#parsing-a-mime-type)
  // A MIME type record: { type, subtype, essence, parameters: [[name, value], ...] }.
  // ---------------------------------------------------------------------------

  function isHTTPWhitespace(c) { return c === 0x0A || c === 0x0D || c === 0x09 || c === 0x20; }
  function isTokenCodePoint(c) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) ||
      c === 0x21 || c === 0x23 || c === 0x24 || c === 0x25 || c === 0x26 || c === 0x27 ||
      c === 0x2A || c === 0x2B || c === 0x2D || c === 0x2E || c === 0x5E || c === 0x5F ||
      c === 0x60 || c === 0x7C || c === 0x7E;
  }
  function isQuotedStringTokenCodePoint(c) {
    return c === 0x09 || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
  }
  function allOf(s, pred) {
    for (let i = 0; i < s.length; i++) if (!pred(StringPrototypeCharCodeAt(s, i))) return false;
    return true;
  }

  function parseMIMEType(input) {
    let start = 0;
    let end = input.length;
    while (start < end && isHTTPWhitespace(StringPrototypeCharCodeAt(input, start))) start++;
    while (end > start && isHTTPWhitespace(StringPrototypeCharCodeAt(input, end - 1))) end--;
    const s = StringPrototypeSlice(input, start, end);
    const length = s.length;
    let position = 0;
    while (position < length && StringPrototypeCharCodeAt(s, position) !== 0x2F) position++;
    const type = StringPrototypeSlice(s, 0, position);
    if (type === "" || !allOf(type, isTokenCodePoint)) return null;
    if (position >= length) return null;
    position++;
    const subtypeStart = position;
    while (position < length && StringPrototypeCharCodeAt(s, position) !== 0x3B) position++;
    let subtypeEnd = position;
    while (subtypeEnd > subtypeStart && isHTTPWhitespace(StringPrototypeCharCodeAt(s, subtypeEnd - 1))) subtypeEnd--;
    const subtype = StringPrototypeSlice(s, subtypeStart, subtypeEnd);
    if (subtype === "" || !allOf(subtype, isTokenCodePoint)) return null;
    const record = {
      __proto__: null,
      type: asciiLower(type),
      subtype: asciiLower(subtype),
      essence: "",
      parameters: [],
    };
    record.essence = record.type + "/" + record.subtype;
    while (position < length) {
      position++; // U+003B (;)
      while (position < length && isHTTPWhitespace(StringPrototypeCharCodeAt(s, position))) position++;
      const nameStart = position;
      while (position < length) {
        const c = StringPrototypeCharCodeAt(s, position);
        if (c === 0x3B || c === 0x3D) break;
        position++;
      }
      const name = asciiLower(StringPrototypeSlice(s, nameStart, position));
      if (position < length) {
        if (StringPrototypeCharCodeAt(s, position) === 0x3B) continue;
        position++; // U+003D (=)
      }
      if (position >= length) break;
      let value;
      if (StringPrototypeCharCodeAt(s, position) === 0x22) {
        // "collect an HTTP quoted string" with extract-value true.
        value = "";
        position++;
        while (true) {
          const chunkStart = position;
          while (position < length) {
            const c = StringPrototypeCharCodeAt(s, position);
            if (c === 0x22 || c === 0x5C) break;
            position++;
          }
          value += StringPrototypeSlice(s, chunkStart, position);
          if (position >= length) break;
          const quoteOrBackslash = StringPrototypeCharCodeAt(s, position);
          position++;
          if (quoteOrBackslash === 0x5C) {
            if (position >= length) { value += "\\"; break; }
            value += s[position];
            position++;
          } else {
            break;
          }
        }
        while (position < length && StringPrototypeCharCodeAt(s, position) !== 0x3B) position++;
      } else {
        const valueStart = position;
        while (position < length && StringPrototypeCharCodeAt(s, position) !== 0x3B) position++;
        let valueEnd = position;
        while (valueEnd > valueStart && isHTTPWhitespace(StringPrototypeCharCodeAt(s, valueEnd - 1))) valueEnd--;
        value = StringPrototypeSlice(s, valueStart, valueEnd);
        if (value === "") continue;
      }
      if (name !== "" && allOf(name, isTokenCodePoint) && allOf(value, isQuotedStringTokenCodePoint) &&
          getParameter(record, name) === null) {
        ArrayPrototypePush(record.parameters, [name, value]);
      }
    }
    return record;
  }

  function getParameter(record, name) {
    const params = record.parameters;
    for (let i = 0; i < params.length; i++) if (params[i][0] === name) return params[i][1];
    return null;
  }

  function setParameter(record, name, value) {
    const params = record.parameters;
    for (let i = 0; i < params.length; i++) {
      if (params[i][0] === name) { params[i][1] = value; return; }
    }
    ArrayPrototypePush(params, [name, value]);
  }

  function serializeMIMEType(record) {
    let result = record.essence;
    const params = record.parameters;
    for (let i = 0; i < params.length; i++) {
      let value = params[i][1];
      if (value === "" || !allOf(value, isTokenCodePoint)) {
        let quoted = "\"";
        for (let j = 0; j < value.length; j++) {
          const c = value[j];
          quoted += c === "\"" || c === "\\" ? "\\" + c : c;
        }
        value = quoted + "\"";
      }
      result += ";" + params[i][0] + "=" + value;
    }
    return result;
  }

  // https://fetch.spec.whatwg.org/#concept-header-extract-mime-type, for a
  // flat header list with lower-case names: a MIME type record or null.
  function extractMIMEType(headerList) {
    const combined = H.listGet(headerList, "content-type");
    if (combined === null) return null;
    const values = H.getDecodeAndSplit(combined);
    let charset = null;
    let essence = null;
    let mimeType = null;
    for (let i = 0; i < values.length; i++) {
      const temporary = parseMIMEType(values[i]);
      if (temporary === null || temporary.essence === "*/*") continue;
      mimeType = temporary;
      if (mimeType.essence !== essence) {
        charset = getParameter(mimeType, "charset");
        essence = mimeType.essence;
      } else if (getParameter(mimeType, "charset") === null && charset !== null) {
        setParameter(mimeType, "charset", charset);
      }
    }
    return mimeType;
  }

  // ---------------------------------------------------------------------------
  // Internals
  // ---------------------------------------------------------------------------

  // A Blob body: its bytes, shared (BodyRecord's `shared` makes them copied
  // before they are handed out), and its type when not empty.
  B.registerExtractor(ObjectFreeze({
    is: isBlob,
    extract(blob) {
      const type = blobType(blob);
      return { body: new B.BodyRecord(blobBytes(blob), true), type: type === "" ? null : type };
    },
  }));

  nano.blob = ObjectFreeze({
    Blob,
    File,
    isBlob,
    isFile,
    // The bytes of a Blob: a Uint8Array that must not be written to.
    bytesOf: (blob) => blobBytes(blob),
    typeOf: (blob) => blobType(blob),
    nameOf: (file) => fileName(file),
    lastModifiedOf: (file) => fileLastModified(file),
    // createBlob(bytes, type): a Blob adopting `bytes` (no longer to be written to).
    createBlob: (bytes, type = "") => newBlob(bytes, type),
    // createFile(bytes, name, type, lastModified = Date.now()): likewise a File.
    createFile: (bytes, name, type = "", lastModified = undefined) =>
      newFile(bytes, name, type, lastModified === undefined ? DateNow() : lastModified),
    // parseMIMEType(string) -> { type, subtype, essence, parameters } or null.
    parseMIMEType,
    serializeMIMEType,
    getMIMEParameter: getParameter,
    // extractMIMEType(flat lower-case header list) -> MIME type record or null.
    extractMIMEType,
  });
  });
});
