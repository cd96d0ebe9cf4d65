// NANO runtime: the Body mixin of Request and Response (Fetch Standard §5.3,
// https://fetch.spec.whatwg.org/#body-mixin), before streams exist.
//
// Classic script evaluated once while the startup snapshot is built; its
// completion value is a function the host calls as `fn(nano, global)`.
// Needs nano.webidl and nano.fetch (headers.js); uses nano.encoding
// (encodeUTF8 / decodeUTF8) and nano.url when they are there, else the
// TextEncoder, TextDecoder and URLSearchParams globals.
// Installs no global: it puts `nano.fetch.body` for request.js and response.js.
//
// A body is a BodyRecord. Until something asks for its stream, `source` is
// the whole content: a string (the body is its UTF-8 encoding, made only when
// bytes are asked for) or a Uint8Array, and `used` stands for "the body's
// stream is disturbed". `shared` says that a clone holds the same
// Uint8Array: such bytes are copied before they are handed out, others are
// handed out without a copy. Once the `body` attribute is read, or when the
// body was made from a ReadableStream, `stream` holds the content instead
// (nano.streams) and disturbed/locked come from it. The common cases
// (text(), json() of a buffered body) never make a stream. blob() and
// formData() use nano.blob (file/blob.js) and nano.formData
// (file/form_data.js), loaded later, which register their body source kinds
// with nano.fetch.body.registerExtractor(...).
(function (nano, global) {
  "use strict";

  const webidl = nano.webidl;
  const converters = webidl.converters;
  const fetch = nano.fetch;

  const FunctionPrototype = Function.prototype;
  const ReflectApply = Reflect.apply;
  const uncurryThis = (fn) => ReflectApply(FunctionPrototype.bind, FunctionPrototype.call, [fn]);
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectFreeze = Object.freeze;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const RegExpPrototypeExec = uncurryThis(RegExp.prototype.exec);
  const JSONParse = JSON.parse;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromiseReject = Promise.reject.bind(Promise);
  const PromisePrototypeThen = Promise.prototype.then;
  const TypeErrorCtor = TypeError;
  const Uint8ArrayCtor = Uint8Array;
  const ArrayBufferCtor = ArrayBuffer;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
  const TypedArrayPrototypeSubarray = uncurryThis(TypedArrayPrototype.subarray);
  const TypedArrayPrototypeGetBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
  const TypedArrayPrototypeGetByteOffset = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteOffset").get;
  const TypedArrayPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteLength").get;
  const ArrayBufferPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;

  // Fallbacks when nano.encoding is not there (captured now: apps may replace them).
  const TextEncoderCtor = global.TextEncoder;
  const TextDecoderCtor = global.TextDecoder;
  const TextEncoderPrototypeEncode = TextEncoderCtor !== undefined ? TextEncoderCtor.prototype.encode : undefined;
  const TextDecoderPrototypeDecode = TextDecoderCtor !== undefined ? TextDecoderCtor.prototype.decode : undefined;
  let fallbackEncoder = null;
  let fallbackDecoder = null;

  // URLSearchParams: through nano.url (url.js), else recognised by its own
  // brand-checking toString.
  const nanoURL = nano.url !== undefined && typeof nano.url.isSearchParams === "function" ? nano.url : null;
  const URLSearchParamsCtor = global.URLSearchParams;
  const URLSearchParamsPrototypeToString = URLSearchParamsCtor !== undefined
    ? URLSearchParamsCtor.prototype.toString : undefined;

  // ---------------------------------------------------------------------------
  // UTF-8
  // ---------------------------------------------------------------------------

  function encodeUTF8(string) {
    const encoding = nano.encoding;
    if (encoding !== undefined && typeof encoding.encodeUTF8 === "function") return encoding.encodeUTF8(string);
    if (fallbackEncoder === null) fallbackEncoder = new TextEncoderCtor();
    return ReflectApply(TextEncoderPrototypeEncode, fallbackEncoder, [string]);
  }

  // Whether nano.encoding.decodeUTF8 strips a leading BOM itself (found out once).
  let decodeStripsBOM;

  // "UTF-8 decode": strips one leading BOM, replaces invalid sequences.
  function decodeUTF8(bytes) {
    const encoding = nano.encoding;
    const hasBOM = ReflectApply(TypedArrayPrototypeGetByteLength, bytes, []) >= 3 &&
      bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF;
    if (encoding !== undefined && typeof encoding.decodeUTF8 === "function") {
      if (decodeStripsBOM === undefined) {
        decodeStripsBOM = encoding.decodeUTF8(new Uint8ArrayCtor([0xEF, 0xBB, 0xBF])) === "";
      }
      if (hasBOM && !decodeStripsBOM) return encoding.decodeUTF8(TypedArrayPrototypeSubarray(bytes, 3));
      return encoding.decodeUTF8(bytes);
    }
    if (fallbackDecoder === null) fallbackDecoder = new TextDecoderCtor(); // ignoreBOM false: strips it
    return ReflectApply(TextDecoderPrototypeDecode, fallbackDecoder, [bytes]);
  }

  // The text of a string body: what UTF-8 encoding then decoding would give
  // (the string is already a USVString; only the BOM goes).
  function textOfString(string) {
    return string.length > 0 && StringPrototypeCharCodeAt(string, 0) === 0xFEFF
      ? StringPrototypeSlice(string, 1) : string;
  }

  // ---------------------------------------------------------------------------
  // Bodies
  // ---------------------------------------------------------------------------

  const S = nano.streams;

  class BodyRecord {
    constructor(source, shared) {
      this.source = source; // string | Uint8Array | null (once consumed, or when `stream` holds it)
      this.used = false;
      this.shared = shared;
      this.stream = null; // the body's ReadableStream, once there is one
      // `source` is a Uint8Array nothing outside this record can reach (a
      // copy made here): once sent, its memory may be let go at once.
      this.owned = false;
    }
  }
  // Not reachable by apps; keep `new BodyRecord` immune to prototype changes.
  Object.setPrototypeOf(BodyRecord.prototype, null);

  function bodyFromBytes(bytes) {
    return new BodyRecord(bytes, false);
  }

  function bodyFromString(string) {
    return new BodyRecord(string, false);
  }

  function bodyFromStream(stream) {
    const body = new BodyRecord(null, false);
    body.stream = stream;
    return body;
  }

  // The body's stream ("body" attribute), made from the buffered content the
  // first time it is asked for.
  function streamOf(body) {
    if (body.stream !== null) return body.stream;
    const source = body.source;
    body.source = null;
    let bytes;
    if (source === null) bytes = new Uint8ArrayCtor(0);
    else if (typeof source === "string") bytes = encodeUTF8(source);
    else bytes = body.shared ? copyBytes(source) : source;
    body.stream = S.readableStreamFromBytes(bytes);
    if (body.used) {
      // Consumed before anyone looked: a disturbed, closed stream.
      S.cancel(body.stream, undefined);
    }
    return body.stream;
  }

  function isDisturbed(body) {
    return body.stream !== null ? S.isDisturbed(body.stream) : body.used;
  }

  // Source kinds added by later runtime files (ReadableStream, Blob, FormData):
  // { is(V) -> boolean, extract(V, keepalive) -> { body, type } }.
  const extractors = [];
  function registerExtractor(extractor) {
    ArrayPrototypePush(extractors, extractor);
  }

  function isURLSearchParams(V) {
    if (nanoURL !== null) return nanoURL.isSearchParams(V);
    if (URLSearchParamsPrototypeToString === undefined) return false;
    try {
      ReflectApply(URLSearchParamsPrototypeToString, V, []);
      return true;
    } catch {
      return false;
    }
  }

  // WebIDL conversion of a BodyInit union value (not null). Platform objects
  // and buffers are kept as they are (their bytes are copied when extracted),
  // anything else becomes a USVString.
  function convertBodyInit(V, prefix, context) {
    if (typeof V === "object" && V !== null) {
      for (let i = 0; i < extractors.length; i++) {
        if (extractors[i].is(V)) return V;
      }
      if (isURLSearchParams(V)) return V;
      if (webidl.isArrayBuffer(V)) return V;
      if (webidl.isArrayBufferView(V)) return converters.ArrayBufferView(V, prefix, context);
    }
    return toUSVString(V, prefix, context);
  }

  // WebIDL USVString. Bodies can be large: a regular expression finds out
  // first (at once for a one-byte string) whether there is any surrogate.
  const surrogateRegExp = /[\uD800-\uDFFF]/;
  function toUSVString(V, prefix, context) {
    const s = typeof V === "string" ? V : converters.DOMString(V, prefix, context);
    return RegExpPrototypeExec(surrogateRegExp, s) === null ? s : webidl.toWellFormed(s);
  }

  // https://fetch.spec.whatwg.org/#concept-bodyinit-extract, for a converted
  // BodyInit: returns { body, type } (type is a string or null).
  function extractBody(object, keepalive) {
    if (typeof object === "string") {
      return { body: bodyFromString(object), type: "text/plain;charset=UTF-8" };
    }
    for (let i = 0; i < extractors.length; i++) {
      if (extractors[i].is(object)) return extractors[i].extract(object, keepalive);
    }
    if (isURLSearchParams(object)) {
      return {
        body: bodyFromString(nanoURL !== null
          ? nanoURL.urlencodedSerialize(nanoURL.getSearchParamsList(object))
          : ReflectApply(URLSearchParamsPrototypeToString, object, [])),
        type: "application/x-www-form-urlencoded;charset=UTF-8",
      };
    }
    // BufferSource: "a copy of the bytes held by object".
    let view;
    try {
      view = webidl.getBufferSourceBytes(object);
    } catch {
      view = new Uint8ArrayCtor(0); // a detached buffer holds no bytes
    }
    const body = bodyFromBytes(copyBytes(view));
    body.owned = true;
    return { body, type: null };
  }

  // "clone a body": both keep the same content (strings and our Uint8Arrays
  // are never written to), which from now on is handed out only as copies.
  function cloneBody(body) {
    if (body.stream !== null) {
      // "clone a body": tee the stream; each side keeps one branch.
      const branches = S.tee(body.stream);
      body.stream = branches[0];
      return bodyFromStream(branches[1]);
    }
    body.shared = true;
    return new BodyRecord(body.source, true);
  }

  // The body moved into a new Request ("create a proxy"): the old one is
  // disturbed.
  function transferBody(body) {
    const moved = new BodyRecord(body.source, body.shared);
    moved.stream = body.stream;
    moved.owned = body.owned;
    body.used = true;
    body.source = null;
    body.stream = null;
    return moved;
  }

  // The body's length in bytes (the string's UTF-8 length); null for a stream.
  function bodyLength(body) {
    if (body.stream !== null) return null;
    const source = body.source;
    if (typeof source !== "string") return ReflectApply(TypedArrayPrototypeGetByteLength, source, []);
    let length = 0;
    for (let i = 0; i < source.length; i++) {
      const c = StringPrototypeCharCodeAt(source, i);
      if (c < 0x80) length += 1;
      else if (c < 0x800) length += 2;
      else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < source.length) {
        const d = StringPrototypeCharCodeAt(source, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { length += 4; i++; } else length += 3;
      } else length += 3;
    }
    return length;
  }

  // V8 zeroes a new Uint8Array before it is overwritten: for a large copy
  // that costs as much as the copy, so those are made natively (undefined
  // while the snapshot is made: no ops run then).
  const opsCopyBytes = nano.ops !== undefined ? nano.ops.copyBytes : undefined;
  function copyBytes(view) {
    const length = ReflectApply(TypedArrayPrototypeGetByteLength, view, []);
    if (length >= 4096 && opsCopyBytes !== undefined) {
      const copy = opsCopyBytes(view);
      if (copy !== undefined) return copy;
    }
    const copy = new Uint8ArrayCtor(length);
    TypedArrayPrototypeSet(copy, view);
    return copy;
  }

  // Takes the content of a body that is being consumed, as a Uint8Array the
  // caller may give away.
  function takeBytes(body) {
    const source = body.source;
    body.source = null;
    if (typeof source === "string") return encodeUTF8(source);
    return body.shared ? copyBytes(source) : source;
  }

  // An ArrayBuffer holding exactly `bytes` (which the caller owns): its own
  // buffer when it spans the whole of it, else a copy.
  function arrayBufferOf(bytes) {
    const buffer = ReflectApply(TypedArrayPrototypeGetBuffer, bytes, []);
    const length = ReflectApply(TypedArrayPrototypeGetByteLength, bytes, []);
    if (ReflectApply(TypedArrayPrototypeGetByteOffset, bytes, []) === 0 &&
        ReflectApply(ArrayBufferPrototypeGetByteLength, buffer, []) === length) {
      return buffer;
    }
    return ReflectApply(TypedArrayPrototypeGetBuffer, copyBytes(bytes), []);
  }

  // A plain Uint8Array over the whole of its own buffer, holding `bytes`.
  function uint8ArrayOf(bytes) {
    const buffer = arrayBufferOf(bytes);
    return new Uint8ArrayCtor(buffer);
  }

  const KIND_ARRAY_BUFFER = 0;
  const KIND_BYTES = 1;
  const KIND_JSON = 2;
  const KIND_TEXT = 3;
  const KIND_BLOB = 4;
  const KIND_FORM_DATA = 5;

  // The header list of a Request's or Response's state, names lower-case.
  function stateHeaderList(state) {
    if (state.headers !== null) return fetch.headers.list(state.headers);
    if (state.rawHeaderNames === true) {
      state.headerList = fetch.hostHeaderList(state.headerList);
      state.rawHeaderNames = false;
    }
    return state.headerList;
  }

  // The convertBytesToJSValue steps of blob() and formData().
  function convertToBlobOrFormData(state, bytes, kind) {
    nano.load("file");
    const mimeType = nano.blob.extractMIMEType(stateHeaderList(state)); // null: failure
    if (kind === KIND_BLOB) {
      return nano.blob.createBlob(bytes, mimeType === null ? "" : nano.blob.serializeMIMEType(mimeType));
    }
    if (mimeType !== null && mimeType.essence === "multipart/form-data") {
      return nano.formData.parseMultipart(bytes, mimeType);
    }
    if (mimeType !== null && mimeType.essence === "application/x-www-form-urlencoded") {
      return nano.formData.parseUrlencoded(bytes);
    }
    throw new TypeErrorCtor("Could not parse content as FormData: its Content-Type is neither multipart/form-data nor application/x-www-form-urlencoded.");
  }

  // The convertBytesToJSValue step of each consuming method, for a body (or
  // null for an empty body).
  function convert(body, kind, state) {
    if (kind === KIND_BLOB || kind === KIND_FORM_DATA) {
      return convertToBlobOrFormData(state, body === null ? new Uint8ArrayCtor(0) : takeBytes(body), kind);
    }
    if (body === null) {
      switch (kind) {
        case KIND_ARRAY_BUFFER: return new ArrayBufferCtor(0);
        case KIND_BYTES: return new Uint8ArrayCtor(0);
        case KIND_JSON: return JSONParse("");
        default: return "";
      }
    }
    if (kind === KIND_TEXT || kind === KIND_JSON) {
      const source = body.source;
      body.source = null;
      // Decoding only reads the bytes: no copy even when a clone shares them.
      const text = typeof source === "string" ? textOfString(source) : decodeUTF8(source);
      return kind === KIND_TEXT ? text : JSONParse(text);
    }
    const bytes = takeBytes(body);
    return kind === KIND_BYTES ? uint8ArrayOf(bytes) : arrayBufferOf(bytes);
  }

  // https://fetch.spec.whatwg.org/#concept-body-consume (and "unusable").
  function consume(state, kind, method, iface) {
    const body = state.body;
    if (body !== null && isUnusable(body)) {
      const why = isDisturbed(body) ? "body stream already read" : "body stream is locked";
      return PromiseReject(new TypeErrorCtor(`Failed to execute '${method}' on '${iface}': ${why}`));
    }
    if (body !== null && body.stream !== null) {
      // Read the stream to its end, then convert what it gave.
      return ReflectApply(PromisePrototypeThen, S.readAllBytes(body.stream), [
        (bytes) => convert(new BodyRecord(bytes, false), kind, state),
      ]);
    }
    if (body !== null) body.used = true;
    let value;
    try {
      value = convert(body, kind, state);
    } catch (error) {
      return PromiseReject(error);
    }
    return PromiseResolve(value);
  }

  // Installs bodyUsed, arrayBuffer(), blob(), bytes(), formData(), json(),
  // text() on `proto`.
  // getState(o) returns the object's internal state ({ body, ... }) or
  // undefined when o is not an instance of the interface.
  function installBodyMixin(proto, iface, getState) {
    const members = {
      get body() {
        const state = getState(this);
        if (state === undefined) throw webidl.illegalInvocation();
        return state.body === null ? null : streamOf(state.body);
      },
      get bodyUsed() {
        const state = getState(this);
        if (state === undefined) throw webidl.illegalInvocation();
        const body = state.body;
        return body !== null && isDisturbed(body);
      },
      arrayBuffer() {
        const state = getState(this);
        if (state === undefined) return PromiseReject(webidl.illegalInvocation());
        return consume(state, KIND_ARRAY_BUFFER, "arrayBuffer", iface);
      },
      blob() {
        const state = getState(this);
        if (state === undefined) return PromiseReject(webidl.illegalInvocation());
        return consume(state, KIND_BLOB, "blob", iface);
      },
      bytes() {
        const state = getState(this);
        if (state === undefined) return PromiseReject(webidl.illegalInvocation());
        return consume(state, KIND_BYTES, "bytes", iface);
      },
      formData() {
        const state = getState(this);
        if (state === undefined) return PromiseReject(webidl.illegalInvocation());
        return consume(state, KIND_FORM_DATA, "formData", iface);
      },
      json() {
        const state = getState(this);
        if (state === undefined) return PromiseReject(webidl.illegalInvocation());
        return consume(state, KIND_JSON, "json", iface);
      },
      text() {
        const state = getState(this);
        if (state === undefined) return PromiseReject(webidl.illegalInvocation());
        return consume(state, KIND_TEXT, "text", iface);
      },
    };
    const names = ["body", "bodyUsed", "arrayBuffer", "blob", "bytes", "formData", "json", "text"];
    for (let i = 0; i < names.length; i++) {
      const desc = ObjectGetOwnPropertyDescriptor(members, names[i]);
      desc.enumerable = true;
      ObjectDefineProperty(proto, names[i], desc);
    }
  }

  // "unusable": the body is non-null and disturbed (or locked).
  function isUnusable(body) {
    if (body === null) return false;
    if (body.stream !== null) return S.isDisturbed(body.stream) || S.isLocked(body.stream);
    return body.used;
  }

  // A ReadableStream as BodyInit: the body is the stream itself.
  registerExtractor({
    is: (V) => S.isReadableStream(V),
    extract(V, keepalive) {
      if (keepalive) throw new TypeErrorCtor("A keepalive request cannot have a ReadableStream body.");
      if (S.isDisturbed(V) || S.isLocked(V)) {
        throw new TypeErrorCtor("The ReadableStream body is locked or has already been read.");
      }
      return { body: bodyFromStream(V), type: null };
    },
  });

  fetch.body = ObjectFreeze({
    BodyRecord,
    bodyFromBytes,
    bodyFromString,
    bodyFromStream,
    streamOf,
    isDisturbed,
    convertBodyInit,
    toUSVString,
    extractBody,
    cloneBody,
    transferBody,
    bodyLength,
    isUnusable,
    installBodyMixin,
    copyBytes,
    registerExtractor,
    encodeUTF8,
    decodeUTF8,
  });
});
