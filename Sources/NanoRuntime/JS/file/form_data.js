// NANO runtime: `FormData` (XMLHttpRequest Standard §4.3,
// https://xhr.spec.whatwg.org/#interface-formdata), without a form element,
// with the multipart/form-data encoding (HTML §4.10.21.8, RFC 7578) and
// parsing (for Body's formData()).
//
// Classic script evaluated once while the startup snapshot is built; its
// completion value is a function the host calls as `fn(nano, global)`,
// which registers the lazy part "file" (core/core.js).
// Needs nano.webidl, nano.fetch (body.js), nano.blob (blob.js) and nano.url
// (url.js). Installs the global `FormData`, registers a FormData body
// extractor, and puts `nano.formData`.
//
// An entry list is an array of [name, value] arrays; value is a string (a
// USVString) or a File.
(function (nano, global) {
  "use strict";
  nano.defineLazyGlobal("FormData", "file");
  // The body runs on first use (nano.load("file")), see core/core.js.
  nano.lazy("file", function (nano, global) {
  "use strict";

  const webidl = nano.webidl;
  const converters = webidl.converters;
  const B = nano.fetch.body;
  const blob = nano.blob;

  const FunctionPrototype = Function.prototype;
  const ReflectApply = Reflect.apply;
  const uncurryThis = (fn) => ReflectApply(FunctionPrototype.bind, FunctionPrototype.call, [fn]);
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const NumberPrototypeToString = uncurryThis(Number.prototype.toString);
  const MathRandom = Math.random;
  const MathFloor = Math.floor;
  const DateNow = Date.now;
  const StringFromCharCode = String.fromCharCode;
  const TypeErrorCtor = TypeError;
  const Uint8ArrayCtor = Uint8Array;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
  const TypedArrayPrototypeGetBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
  const TypedArrayPrototypeGetByteOffset = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteOffset").get;
  const TypedArrayPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteLength").get;

  const byteLength = (u8) => ReflectApply(TypedArrayPrototypeGetByteLength, u8, []);
  function subarray(bytes, start, end) {
    return new Uint8ArrayCtor(ReflectApply(TypedArrayPrototypeGetBuffer, bytes, []),
      ReflectApply(TypedArrayPrototypeGetByteOffset, bytes, []) + start, end - start);
  }

  const kInternal = Symbol("internal");

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

  // ---------------------------------------------------------------------------
  // FormData
  // ---------------------------------------------------------------------------

  // https://xhr.spec.whatwg.org/#create-an-entry (name already a USVString;
  // value a USVString or a Blob; filename a USVString or undefined).
  function createEntry(name, value, filename) {
    if (typeof value !== "string") {
      if (!blob.isFile(value)) {
        value = blob.createFile(blob.bytesOf(value), "blob", blob.typeOf(value), DateNow());
      }
      if (filename !== undefined) {
        value = blob.createFile(blob.bytesOf(value), filename, blob.typeOf(value), blob.lastModifiedOf(value));
      }
    }
    return [name, value];
  }

  // The overloads of append() and set(): (USVString, USVString) and
  // (USVString, Blob, optional USVString).
  function convertEntryArguments(args, method) {
    const prefix = `Failed to execute '${method}' on 'FormData'`;
    const count = args.length;
    webidl.requiredArguments(count, 2, prefix);
    const name = converters.USVString(args[0], prefix, "parameter 1");
    const value = args[1];
    if (count >= 3) {
      if (!blob.isBlob(value)) throw new TypeErrorCtor(`${prefix}: parameter 2 is not of type 'Blob'.`);
      const filename = args[2] === undefined ? undefined : converters.USVString(args[2], prefix, "parameter 3");
      return createEntry(name, value, filename);
    }
    if (blob.isBlob(value)) return createEntry(name, value, undefined);
    return createEntry(name, converters.USVString(value, prefix, "parameter 2"), undefined);
  }

  let getList;
  let isFormData;

  class FormData {
    #list = [];

    constructor(form = undefined, submitter = undefined) {
      if (form === kInternal) {
        this.#list = submitter;
        return;
      }
      const prefix = "Failed to construct 'FormData'";
      if (form !== undefined) throw new TypeErrorCtor(`${prefix}: parameter 1 is not of type 'HTMLFormElement'.`);
      if (submitter !== undefined && submitter !== null) {
        throw new TypeErrorCtor(`${prefix}: parameter 2 is not of type 'HTMLElement'.`);
      }
    }

    append(name, value) {
      if (!isFormData(this)) throw webidl.illegalInvocation();
      ArrayPrototypePush(this.#list, convertEntryArguments(arguments, "append"));
    }

    delete(name) {
      if (!isFormData(this)) throw webidl.illegalInvocation();
      const prefix = "Failed to execute 'delete' on 'FormData'";
      webidl.requiredArguments(arguments.length, 1, prefix);
      name = converters.USVString(name, prefix, "parameter 1");
      const list = this.#list;
      let j = 0;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] !== name) list[j++] = list[i];
      }
      list.length = j;
    }

    get(name) {
      if (!isFormData(this)) throw webidl.illegalInvocation();
      const prefix = "Failed to execute 'get' on 'FormData'";
      webidl.requiredArguments(arguments.length, 1, prefix);
      name = converters.USVString(name, prefix, "parameter 1");
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name) return list[i][1];
      }
      return null;
    }

    getAll(name) {
      if (!isFormData(this)) throw webidl.illegalInvocation();
      const prefix = "Failed to execute 'getAll' on 'FormData'";
      webidl.requiredArguments(arguments.length, 1, prefix);
      name = converters.USVString(name, prefix, "parameter 1");
      const list = this.#list;
      const result = [];
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name) ArrayPrototypePush(result, list[i][1]);
      }
      return result;
    }

    has(name) {
      if (!isFormData(this)) throw webidl.illegalInvocation();
      const prefix = "Failed to execute 'has' on 'FormData'";
      webidl.requiredArguments(arguments.length, 1, prefix);
      name = converters.USVString(name, prefix, "parameter 1");
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name) return true;
      }
      return false;
    }

    set(name, value) {
      if (!isFormData(this)) throw webidl.illegalInvocation();
      const entry = convertEntryArguments(arguments, "set");
      const list = this.#list;
      const key = entry[0];
      let found = false;
      let j = 0;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === key) {
          if (found) continue;
          found = true;
          list[j++] = entry;
        } else {
          list[j++] = list[i];
        }
      }
      list.length = j;
      if (!found) ArrayPrototypePush(list, entry);
    }

    static {
      isFormData = (o) => typeof o === "object" && o !== null && #list in o;
      getList = (o) => o.#list;
    }
  }

  webidl.definePairIterable(FormData, "FormData", getList, isFormData);
  webidl.configureInterface(FormData, "FormData");
  ObjectDefineProperty(FormData, "length", { value: 0 });

  nano.defineGlobal("FormData", FormData);

  function newFormData(list) {
    return new FormData(kInternal, list);
  }

  // ---------------------------------------------------------------------------
  // multipart/form-data encoding
  // (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart/form-data-encoding-algorithm)
  // ---------------------------------------------------------------------------

  // Replaces CR not followed by LF, and LF not preceded by CR, by CRLF.
  function normalizeLineBreaks(s) {
    let result = "";
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c === 0x0D) {
        if (i + 1 < s.length && StringPrototypeCharCodeAt(s, i + 1) === 0x0A) { i++; continue; }
      } else if (c !== 0x0A || (i > 0 && StringPrototypeCharCodeAt(s, i - 1) === 0x0D)) {
        continue;
      }
      result += StringPrototypeSlice(s, start, i) + "\r\n";
      start = i + 1;
    }
    return start === 0 ? s : result + StringPrototypeSlice(s, start);
  }

  // RFC 7578 field names and filenames: LF, CR and `"` percent-encoded.
  function escapeName(s) {
    let result = "";
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c !== 0x0A && c !== 0x0D && c !== 0x22) continue;
      result += StringPrototypeSlice(s, start, i) + (c === 0x0A ? "%0A" : c === 0x0D ? "%0D" : "%22");
      start = i + 1;
    }
    return start === 0 ? s : result + StringPrototypeSlice(s, start);
  }

  function randomHex(digits) {
    let s = "";
    for (let i = 0; i < digits; i++) s += NumberPrototypeToString(MathFloor(MathRandom() * 16), 16);
    return s;
  }

  // serializeMultipart(formData or entry list) -> { bytes, contentType }.
  function serializeMultipart(fdOrList) {
    const list = isFormData(fdOrList) ? getList(fdOrList) : fdOrList;
    const boundary = "----NanoFormBoundary" + randomHex(24);
    const chunks = [];
    let total = 0;
    let text = "";
    const flushText = () => {
      if (text === "") return;
      const bytes = B.encodeUTF8(text);
      ArrayPrototypePush(chunks, bytes);
      total += byteLength(bytes);
      text = "";
    };
    for (let i = 0; i < list.length; i++) {
      const name = list[i][0];
      const value = list[i][1];
      text += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" +
        escapeName(normalizeLineBreaks(name)) + "\"";
      if (typeof value === "string") {
        text += "\r\n\r\n" + normalizeLineBreaks(value) + "\r\n";
      } else {
        const type = blob.typeOf(value);
        text += "; filename=\"" + escapeName(blob.nameOf(value)) + "\"\r\nContent-Type: " +
          (type !== "" ? type : "application/octet-stream") + "\r\n\r\n";
        flushText();
        const bytes = blob.bytesOf(value);
        ArrayPrototypePush(chunks, bytes);
        total += byteLength(bytes);
        text = "\r\n";
      }
    }
    text += "--" + boundary + "--\r\n";
    flushText();
    const result = new Uint8ArrayCtor(total);
    let offset = 0;
    for (let i = 0; i < chunks.length; i++) {
      TypedArrayPrototypeSet(result, chunks[i], offset);
      offset += byteLength(chunks[i]);
    }
    return { bytes: result, contentType: "multipart/form-data; boundary=" + boundary };
  }

  // ---------------------------------------------------------------------------
  // multipart/form-data parsing (RFC 7578, as the Fetch Standard's
  // formData() asks; the steps follow the "multipart/form-data parser"
  // proposed for the Fetch Standard).
  // ---------------------------------------------------------------------------

  function malformed(why) {
    return new TypeErrorCtor(`Failed to parse multipart/form-data body: ${why}`);
  }

  // Bytes [start, end) as a string of code units 0-255 ("isomorphic decode").
  function isomorphicDecode(bytes, start, end) {
    let s = "";
    for (let i = start; i < end; i += 4096) {
      const stop = end < i + 4096 ? end : i + 4096;
      let chunk = "";
      for (let j = i; j < stop; j++) chunk += StringFromCharCode(bytes[j]);
      s += chunk;
    }
    return s;
  }

  function startsWithAt(bytes, length, position, pattern) {
    if (position + pattern.length > length) return false;
    for (let i = 0; i < pattern.length; i++) if (bytes[position + i] !== pattern[i]) return false;
    return true;
  }

  function indexOf(bytes, length, pattern, from) {
    const first = pattern[0];
    const last = length - pattern.length;
    outer: for (let i = from; i <= last; i++) {
      if (bytes[i] !== first) continue;
      for (let j = 1; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
      return i;
    }
    return -1;
  }

  // Undoes escapeName (%0A, %0D, %22; upper-case hex as browsers send it).
  function unescapeName(s) {
    let result = "";
    let start = 0;
    for (let i = 0; i + 2 < s.length; i++) {
      if (s[i] !== "%") continue;
      const code = StringPrototypeSlice(s, i + 1, i + 3);
      const c = code === "0A" ? "\n" : code === "0D" ? "\r" : code === "22" ? "\"" : null;
      if (c === null) continue;
      result += StringPrototypeSlice(s, start, i) + c;
      start = i + 3;
      i += 2;
    }
    return start === 0 ? s : result + StringPrototypeSlice(s, start);
  }

  // Parses a Content-Disposition value: { name, filename } (filename null
  // when absent), or null when it is not `form-data` with a name.
  function parseContentDisposition(value) {
    const length = value.length;
    let position = 0;
    while (position < length && value[position] !== ";") position++;
    const kind = asciiLower(trimOWS(StringPrototypeSlice(value, 0, position)));
    if (kind !== "form-data") return null;
    let name = null;
    let filename = null;
    while (position < length) {
      position++; // ";"
      while (position < length && (value[position] === " " || value[position] === "\t")) position++;
      const keyStart = position;
      while (position < length && value[position] !== "=" && value[position] !== ";") position++;
      const key = asciiLower(trimOWS(StringPrototypeSlice(value, keyStart, position)));
      if (position >= length || value[position] === ";") continue;
      position++; // "="
      while (position < length && (value[position] === " " || value[position] === "\t")) position++;
      let v;
      if (value[position] === "\"") {
        position++;
        const valueStart = position;
        while (position < length && value[position] !== "\"") position++;
        if (position >= length) return null;
        v = StringPrototypeSlice(value, valueStart, position);
        position++;
        while (position < length && value[position] !== ";") position++;
      } else {
        const valueStart = position;
        while (position < length && value[position] !== ";") position++;
        v = trimOWS(StringPrototypeSlice(value, valueStart, position));
      }
      if (key === "name" && name === null) name = unescapeName(v);
      else if (key === "filename" && filename === null) filename = unescapeName(v);
    }
    if (name === null) return null;
    return { name, filename };
  }

  function trimOWS(s) {
    let start = 0;
    let end = s.length;
    while (start < end && (s[start] === " " || s[start] === "\t")) start++;
    while (end > start && (s[end - 1] === " " || s[end - 1] === "\t")) end--;
    return StringPrototypeSlice(s, start, end);
  }

  function asciiBytes(s) {
    const out = [];
    for (let i = 0; i < s.length; i++) ArrayPrototypePush(out, StringPrototypeCharCodeAt(s, i));
    return out;
  }

  // parseMultipart(bytes, contentType) -> FormData; contentType is the
  // Content-Type value (a string) or a parsed MIME type record. Throws a
  // TypeError on malformed input.
  function parseMultipart(bytes, contentType) {
    const mime = typeof contentType === "string" ? blob.parseMIMEType(contentType) : contentType;
    if (mime === null || mime.essence !== "multipart/form-data") throw malformed("not multipart/form-data");
    const boundaryString = blob.getMIMEParameter(mime, "boundary");
    if (boundaryString === null || boundaryString === "" || boundaryString.length > 70) {
      throw malformed("no valid boundary parameter");
    }
    for (let i = 0; i < boundaryString.length; i++) {
      const c = StringPrototypeCharCodeAt(boundaryString, i);
      if (c > 0x7F) throw malformed("no valid boundary parameter");
    }
    const length = byteLength(bytes);
    const dashBoundary = asciiBytes("--" + boundaryString);
    const delimiter = asciiBytes("\r\n--" + boundaryString);
    const list = [];
    let position = 0;
    // Tolerate blank lines before the first boundary.
    while (position + 1 < length && bytes[position] === 0x0D && bytes[position + 1] === 0x0A) position += 2;
    if (!startsWithAt(bytes, length, position, dashBoundary)) throw malformed("does not start with the boundary");
    position += dashBoundary.length;
    while (true) {
      // After a boundary: "--" ends the body, else CRLF and a part follow.
      if (position + 1 < length && bytes[position] === 0x2D && bytes[position + 1] === 0x2D) break;
      // Transport padding (RFC 2046): spaces and tabs before the CRLF.
      while (position < length && (bytes[position] === 0x20 || bytes[position] === 0x09)) position++;
      if (!(position + 1 < length && bytes[position] === 0x0D && bytes[position + 1] === 0x0A)) {
        throw malformed("expected CRLF after a boundary");
      }
      position += 2;
      // Header fields.
      let disposition = null;
      let contentTypeValue = null;
      while (true) {
        if (position + 1 < length && bytes[position] === 0x0D && bytes[position + 1] === 0x0A) {
          position += 2;
          break;
        }
        let lineEnd = position;
        while (lineEnd + 1 < length && !(bytes[lineEnd] === 0x0D && bytes[lineEnd + 1] === 0x0A)) lineEnd++;
        if (lineEnd + 1 >= length) throw malformed("unterminated header section");
        const line = isomorphicDecode(bytes, position, lineEnd);
        position = lineEnd + 2;
        let colon = 0;
        while (colon < line.length && line[colon] !== ":") colon++;
        if (colon === 0 || colon === line.length) throw malformed("invalid header line");
        const headerName = asciiLower(StringPrototypeSlice(line, 0, colon));
        for (let i = 0; i < headerName.length; i++) {
          const c = StringPrototypeCharCodeAt(headerName, i);
          if (c <= 0x20 || c >= 0x7F) throw malformed("invalid header name");
        }
        const headerValue = trimOWS(StringPrototypeSlice(line, colon + 1));
        if (headerName === "content-disposition") {
          disposition = parseContentDisposition(headerValue);
          if (disposition === null) throw malformed("invalid Content-Disposition");
        } else if (headerName === "content-type") {
          contentTypeValue = headerValue;
        }
      }
      if (disposition === null) throw malformed("a part has no Content-Disposition");
      const end = indexOf(bytes, length, delimiter, position);
      if (end < 0) throw malformed("missing closing boundary");
      const body = subarray(bytes, position, end);
      position = end + delimiter.length;
      const name = decodeWithoutBOM(disposition.name);
      if (disposition.filename !== null) {
        // Header values are bytes: names and filenames are UTF-8 in them.
        const filename = decodeWithoutBOM(disposition.filename);
        const type = contentTypeValue !== null ? contentTypeValue : "text/plain";
        ArrayPrototypePush(list, [name, blob.createFile(copyBytes(body), filename, type, DateNow())]);
      } else {
        ArrayPrototypePush(list, [name, utf8DecodeWithoutBOM(body)]);
      }
    }
    return newFormData(list);
  }

  // A string of code units 0-255 taken as UTF-8 bytes, decoded (BOM kept).
  function decodeWithoutBOM(isomorphic) {
    const bytes = new Uint8ArrayCtor(isomorphic.length);
    for (let i = 0; i < isomorphic.length; i++) bytes[i] = StringPrototypeCharCodeAt(isomorphic, i);
    return utf8DecodeWithoutBOM(bytes);
  }

  function utf8DecodeWithoutBOM(bytes) {
    const encoding = nano.encoding;
    if (encoding !== undefined && typeof encoding.decodeUTF8WithoutBOM === "function") {
      return encoding.decodeUTF8WithoutBOM(bytes);
    }
    return nano.url.utf8Decode(bytes);
  }

  function copyBytes(view) {
    const copy = new Uint8ArrayCtor(byteLength(view));
    TypedArrayPrototypeSet(copy, view);
    return copy;
  }

  // parseUrlencoded(bytes) -> FormData (application/x-www-form-urlencoded).
  function parseUrlencoded(bytes) {
    const pairs = nano.url.urlencodedParse(bytes);
    const list = [];
    for (let i = 0; i < pairs.length; i++) ArrayPrototypePush(list, [pairs[i][0], pairs[i][1]]);
    return newFormData(list);
  }

  // A FormData body: its multipart/form-data serialization.
  B.registerExtractor(ObjectFreeze({
    is: isFormData,
    extract(fd) {
      const result = serializeMultipart(fd);
      return { body: B.bodyFromBytes(result.bytes), type: result.contentType };
    },
  }));

  nano.formData = ObjectFreeze({
    FormData,
    isFormData,
    // The entry list of a FormData object (live: do not mutate).
    entries: (fd) => getList(fd),
    // A new FormData owning `list` (an array of [name, string | File]).
    create: (list = []) => newFormData(list),
    serializeMultipart,
    parseMultipart,
    parseUrlencoded,
  });
  });
});
