// NANO runtime: the Fetch Standard's data: URL processor
// (https://fetch.spec.whatwg.org/#data-url-processor), for fetch("data:...").
//
// Classic script evaluated once while the startup snapshot is built; its
// completion value is a function the host calls as `fn(nano, global)`,
// which registers the lazy part "data_url" (core/core.js).
// Needs nano.url, nano.base64 and nano.blob (MIME type parsing). Puts
// nano.fetch.processDataURL(record) -> { mimeType, body } or null (failure):
// mimeType is a MIME type record (nano.blob.serializeMIMEType), body a
// Uint8Array.
(function (nano, global) {
  "use strict";
  // The body runs on first use (nano.load("data_url")), see core/core.js.
  nano.lazy("data_url", function (nano, global) {
  "use strict";
  nano.load("file");  // MIME type parsing
  const FunctionPrototype = Function.prototype;
  const ReflectApply = Reflect.apply;
  const uncurryThis = (fn) => ReflectApply(FunctionPrototype.bind, FunctionPrototype.call, [fn]);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringPrototypeIndexOf = uncurryThis(String.prototype.indexOf);
  const StringFromCharCode = String.fromCharCode;
  const Uint8ArrayFrom = Uint8Array.from.bind(Uint8Array);

  const isASCIIWhitespace = (c) => c === 0x09 || c === 0x0A || c === 0x0C || c === 0x0D || c === 0x20;

  function stripASCIIWhitespace(s) {
    let start = 0;
    let end = s.length;
    while (start < end && isASCIIWhitespace(StringPrototypeCharCodeAt(s, start))) start++;
    while (end > start && isASCIIWhitespace(StringPrototypeCharCodeAt(s, end - 1))) end--;
    return StringPrototypeSlice(s, start, end);
  }

  // Where `;` + spaces + "base64" (ASCII case-insensitive) ends the MIME
  // type: the index of that `;`, or -1.
  function base64Suffix(mimeType) {
    const n = mimeType.length;
    if (n < 6) return -1;
    const tail = StringPrototypeSlice(mimeType, n - 6);
    let lower = "";
    for (let i = 0; i < 6; i++) {
      const c = StringPrototypeCharCodeAt(tail, i);
      lower += StringFromCharCode(c >= 0x41 && c <= 0x5A ? c + 0x20 : c);
    }
    if (lower !== "base64") return -1;
    let i = n - 7;
    while (i >= 0 && StringPrototypeCharCodeAt(mimeType, i) === 0x20) i--;
    return i >= 0 && StringPrototypeCharCodeAt(mimeType, i) === 0x3B ? i : -1;
  }

  function isomorphicDecode(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      const end = i + 8192 < bytes.length ? i + 8192 : bytes.length;
      let chunk = "";
      for (let j = i; j < end; j++) chunk += StringFromCharCode(bytes[j]);
      s += chunk;
    }
    return s;
  }

  function processDataURL(record) {
    const url = nano.url;
    // 2-3: the URL serialized without its fragment, minus "data:".
    const input = StringPrototypeSlice(url.serialize(record, true), 5);
    // 4-6: the MIME type is what comes before the first comma.
    const comma = StringPrototypeIndexOf(input, ",");
    if (comma < 0) return null;
    let mimeType = stripASCIIWhitespace(StringPrototypeSlice(input, 0, comma));
    // 7-8: the body, percent-decoded.
    let body = url.percentDecodeString(StringPrototypeSlice(input, comma + 1));
    // 9: base64.
    const semicolon = base64Suffix(mimeType);
    if (semicolon >= 0) {
      const decoded = nano.base64.decode(isomorphicDecode(body));
      if (decoded === null) return null;
      body = decoded;
      mimeType = StringPrototypeSlice(mimeType, 0, semicolon);
    } else {
      body = Uint8ArrayFrom(body);
    }
    // 10-12.
    if (StringPrototypeCharCodeAt(mimeType, 0) === 0x3B) mimeType = "text/plain" + mimeType;
    let record2 = nano.blob.parseMIMEType(mimeType);
    if (record2 === null) record2 = nano.blob.parseMIMEType("text/plain;charset=US-ASCII");
    return { mimeType: record2, body };
  }

  nano.fetch.processDataURL = processDataURL;
  });
});
