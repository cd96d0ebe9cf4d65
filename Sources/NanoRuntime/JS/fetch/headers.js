// NANO runtime: `Headers` (Fetch Standard §5.2, https://fetch.spec.whatwg.org/#headers-class).
//
// Classic script evaluated once while the startup snapshot is built; its
// completion value is a function the host calls as `fn(nano, global)`.
// Needs nano.webidl. Creates `nano.fetch` and puts there the Headers
// internals used by body.js, request.js and response.js (load order:
// headers.js, body.js, request.js, response.js).
//
// A header list is a flat array [name0, value0, name1, value1, ...] in list
// order. Names are stored byte-lowercased: the Headers API never exposes the
// case of a stored name (iteration lower-cases, get/has compare
// case-insensitively), so lower-casing once on insertion is equivalent to the
// spec's case-preserving list and makes every lookup an exact comparison.
(function (nano, global) {
  "use strict";

  const webidl = nano.webidl;
  const converters = webidl.converters;
  const makeException = webidl.makeException;
  const requiredArguments = webidl.requiredArguments;
  const illegalInvocation = webidl.illegalInvocation;

  const FunctionPrototype = Function.prototype;
  const ReflectApply = Reflect.apply;
  const uncurryThis = (fn) => ReflectApply(FunctionPrototype.bind, FunctionPrototype.call, [fn]);
  const ObjectCreate = Object.create;
  const ObjectFreeze = Object.freeze;
  const ObjectPrototypePropertyIsEnumerable = uncurryThis(Object.prototype.propertyIsEnumerable);
  const ReflectOwnKeys = Reflect.ownKeys;
  const ObjectKeys = Object.keys;
  const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
  const isProxy = nano.v8.isProxy;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const ArrayPrototypeSort = uncurryThis(Array.prototype.sort);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringPrototypeIndexOf = uncurryThis(String.prototype.indexOf);
  const StringPrototypeToLowerCase = uncurryThis(String.prototype.toLowerCase);
  const RegExpPrototypeExec = uncurryThis(RegExp.prototype.exec);
  const SymbolIterator = Symbol.iterator;
  const TypeErrorCtor = TypeError;

  const fetch = nano.fetch !== undefined ? nano.fetch : (nano.fetch = ObjectCreate(null));

  // Which forbidden-header filters the guards apply. The Fetch Standard's
  // filtering is that of a browser (a user agent with CORS and a cookie
  // store). NANO is a server runtime without either, like Workers, Deno and
  // Node, and WinterTC's Fetch for server runtimes lets such a runtime drop
  // both filters: an app must be able to answer with `Set-Cookie` and to
  // forward `Cookie` or `Host`. The filters stay implemented behind these
  // flags.
  const policy = fetch.policy !== undefined ? fetch.policy : (fetch.policy = {
    forbiddenRequestHeaders: false,
    forbiddenResponseHeaders: false,
  });

  // ---------------------------------------------------------------------------
  // Header names and values (https://fetch.spec.whatwg.org/#concept-header)
  // ---------------------------------------------------------------------------

  // Negated classes: exec() finds nothing (and allocates nothing) for the
  // valid strings that are the common case.
  const nonTokenRegExp = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/;
  const invalidValueRegExp = /[\0\r\n]/;
  const nonByteRegExp = /[^\x00-\xFF]/;

  // A header name is a `token` (RFC 9110).
  function isHeaderName(name) {
    return name.length !== 0 && RegExpPrototypeExec(nonTokenRegExp, name) === null;
  }

  // WebIDL ByteString: a DOMString whose code units are all below 0x100.
  function toByteString(V, prefix, context) {
    const s = typeof V === "string" ? V : converters.DOMString(V, prefix, context);
    if (RegExpPrototypeExec(nonByteRegExp, s) !== null) {
      throw makeException(TypeErrorCtor, "is not a valid ByteString.", prefix, context);
    }
    return s;
  }

  // A header value after normalisation: no NUL, CR or LF (leading and
  // trailing HTTP whitespace are already gone).
  function isHeaderValue(value) {
    return RegExpPrototypeExec(invalidValueRegExp, value) === null;
  }

  function isHTTPWhitespace(c) {
    return c === 0x20 || c === 0x09 || c === 0x0A || c === 0x0D;
  }

  // "To normalize a byte sequence potentialValue, remove any leading and
  // trailing HTTP whitespace bytes from potentialValue."
  function normalizeValue(value) {
    const length = value.length;
    let start = 0;
    let end = length;
    while (start < end && isHTTPWhitespace(StringPrototypeCharCodeAt(value, start))) start++;
    while (end > start && isHTTPWhitespace(StringPrototypeCharCodeAt(value, end - 1))) end--;
    return start === 0 && end === length ? value : StringPrototypeSlice(value, start, end);
  }

  function isHTTPTabOrSpace(c) {
    return c === 0x20 || c === 0x09;
  }

  function trimHTTPTabOrSpace(s) {
    let start = 0;
    let end = s.length;
    while (start < end && isHTTPTabOrSpace(StringPrototypeCharCodeAt(s, start))) start++;
    while (end > start && isHTTPTabOrSpace(StringPrototypeCharCodeAt(s, end - 1))) end--;
    return StringPrototypeSlice(s, start, end);
  }

  const lower = StringPrototypeToLowerCase; // header names are ASCII: byte-lowercase

  // ---------------------------------------------------------------------------
  // Forbidden and safelisted headers
  // ---------------------------------------------------------------------------

  const forbiddenRequestHeaderNames = ObjectCreate(null);
  {
    const names = [
      "accept-charset", "accept-encoding", "access-control-request-headers",
      "access-control-request-method", "connection", "content-length", "cookie",
      "cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin", "referer",
      "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via",
    ];
    for (let i = 0; i < names.length; i++) forbiddenRequestHeaderNames[names[i]] = true;
  }

  // https://fetch.spec.whatwg.org/#forbidden-method
  function isForbiddenMethod(method) {
    const m = lower(method);
    return m === "connect" || m === "trace" || m === "track";
  }

  // "collect an HTTP quoted string" with extract-value false: returns the end
  // position (the quoted string is input[start, end)).
  function collectQuotedString(input, position) {
    const length = input.length;
    position++; // the opening U+0022
    while (true) {
      while (position < length) {
        const c = StringPrototypeCharCodeAt(input, position);
        if (c === 0x22 || c === 0x5C) break;
        position++;
      }
      if (position >= length) break;
      const quoteOrBackslash = StringPrototypeCharCodeAt(input, position);
      position++;
      if (quoteOrBackslash === 0x5C) {
        if (position >= length) break;
        position++;
      } else {
        break;
      }
    }
    return position;
  }

  // "getting, decoding, and splitting" a header value.
  function getDecodeAndSplit(input) {
    const values = [];
    const length = input.length;
    let position = 0;
    let temporaryValue = "";
    while (true) {
      const start = position;
      while (position < length) {
        const c = StringPrototypeCharCodeAt(input, position);
        if (c === 0x22 || c === 0x2C) break;
        position++;
      }
      temporaryValue += StringPrototypeSlice(input, start, position);
      if (position < length && StringPrototypeCharCodeAt(input, position) === 0x22) {
        const end = collectQuotedString(input, position);
        temporaryValue += StringPrototypeSlice(input, position, end);
        position = end;
        if (position < length) continue;
      }
      ArrayPrototypePush(values, trimHTTPTabOrSpace(temporaryValue));
      temporaryValue = "";
      if (position >= length) return values;
      position++; // U+002C
    }
  }

  // https://fetch.spec.whatwg.org/#forbidden-request-header (lname is lower-case)
  function isForbiddenRequestHeader(lname, value) {
    if (forbiddenRequestHeaderNames[lname] === true) return true;
    if (StringPrototypeSlice(lname, 0, 6) === "proxy-" || StringPrototypeSlice(lname, 0, 4) === "sec-") return true;
    if (lname === "x-http-method" || lname === "x-http-method-override" || lname === "x-method-override") {
      const methods = getDecodeAndSplit(value);
      for (let i = 0; i < methods.length; i++) {
        if (isForbiddenMethod(methods[i])) return true;
      }
    }
    return false;
  }

  // https://fetch.spec.whatwg.org/#forbidden-response-header-name
  function isForbiddenResponseHeaderName(lname) {
    return lname === "set-cookie" || lname === "set-cookie2";
  }

  // https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte
  function hasCORSUnsafeRequestHeaderByte(value) {
    for (let i = 0; i < value.length; i++) {
      const c = StringPrototypeCharCodeAt(value, i);
      if ((c < 0x20 && c !== 0x09) || c === 0x22 || c === 0x28 || c === 0x29 || c === 0x3A ||
          c === 0x3C || c === 0x3E || c === 0x3F || c === 0x40 || c === 0x5B || c === 0x5C ||
          c === 0x5D || c === 0x7B || c === 0x7D || c === 0x7F) {
        return true;
      }
    }
    return false;
  }

  function isTokenCodePoint(c) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) ||
      c === 0x21 || c === 0x23 || c === 0x24 || c === 0x25 || c === 0x26 || c === 0x27 ||
      c === 0x2A || c === 0x2B || c === 0x2D || c === 0x2E || c === 0x5E || c === 0x5F ||
      c === 0x60 || c === 0x7C || c === 0x7E;
  }

  // The essence of a MIME type ("parse a MIME type", MIME Sniffing §4.4), or
  // null on failure. Parameters cannot make parsing fail, so they are skipped.
  function mimeTypeEssence(input) {
    const s = normalizeValue(input);
    const length = s.length;
    let position = 0;
    while (position < length && StringPrototypeCharCodeAt(s, position) !== 0x2F) {
      if (!isTokenCodePoint(StringPrototypeCharCodeAt(s, position))) return null;
      position++;
    }
    if (position === 0 || position >= length) return null;
    const type = StringPrototypeSlice(s, 0, position);
    position++;
    const subtypeStart = position;
    while (position < length && StringPrototypeCharCodeAt(s, position) !== 0x3B) position++;
    let subtypeEnd = position;
    while (subtypeEnd > subtypeStart && isHTTPWhitespace(StringPrototypeCharCodeAt(s, subtypeEnd - 1))) subtypeEnd--;
    if (subtypeEnd === subtypeStart) return null;
    for (let i = subtypeStart; i < subtypeEnd; i++) {
      if (!isTokenCodePoint(StringPrototypeCharCodeAt(s, i))) return null;
    }
    return lower(type) + "/" + lower(StringPrototypeSlice(s, subtypeStart, subtypeEnd));
  }

  function isASCIIDigit(c) { return c >= 0x30 && c <= 0x39; }
  function isASCIIAlpha(c) { return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A); }

  // "parse a single range header value" given value and allowWhitespace:
  // returns [start|null, end|null] or null on failure.
  function parseSingleRangeHeaderValue(data, allowWhitespace) {
    const length = data.length;
    let position = 0;
    while (position < length && isASCIIAlpha(StringPrototypeCharCodeAt(data, position))) position++;
    if (lower(StringPrototypeSlice(data, 0, position)) !== "bytes") return null;
    const skip = () => {
      if (allowWhitespace) while (position < length && isHTTPTabOrSpace(StringPrototypeCharCodeAt(data, position))) position++;
    };
    skip();
    if (position >= length || StringPrototypeCharCodeAt(data, position) !== 0x3D) return null;
    position++;
    skip();
    let start = position;
    while (position < length && isASCIIDigit(StringPrototypeCharCodeAt(data, position))) position++;
    const rangeStart = StringPrototypeSlice(data, start, position);
    const rangeStartValue = rangeStart === "" ? null : +rangeStart;
    skip();
    if (position >= length || StringPrototypeCharCodeAt(data, position) !== 0x2D) return null;
    position++;
    skip();
    start = position;
    while (position < length && isASCIIDigit(StringPrototypeCharCodeAt(data, position))) position++;
    const rangeEnd = StringPrototypeSlice(data, start, position);
    const rangeEndValue = rangeEnd === "" ? null : +rangeEnd;
    if (position < length) return null;
    if (rangeEndValue === null && rangeStartValue === null) return null;
    if (rangeStartValue !== null && rangeEndValue !== null && rangeStartValue > rangeEndValue) return null;
    return [rangeStartValue, rangeEndValue];
  }

  // https://fetch.spec.whatwg.org/#cors-safelisted-request-header (lname is lower-case)
  function isCORSSafelistedRequestHeader(lname, value) {
    if (value.length > 128) return false;
    switch (lname) {
      case "accept":
        if (hasCORSUnsafeRequestHeaderByte(value)) return false;
        break;
      case "accept-language":
      case "content-language":
        for (let i = 0; i < value.length; i++) {
          const c = StringPrototypeCharCodeAt(value, i);
          if (!(isASCIIDigit(c) || isASCIIAlpha(c) || c === 0x20 || c === 0x2A || c === 0x2C ||
                c === 0x2D || c === 0x2E || c === 0x3B || c === 0x3D)) {
            return false;
          }
        }
        break;
      case "content-type": {
        if (hasCORSUnsafeRequestHeaderByte(value)) return false;
        const essence = mimeTypeEssence(value);
        if (essence !== "application/x-www-form-urlencoded" && essence !== "multipart/form-data" &&
            essence !== "text/plain") {
          return false;
        }
        break;
      }
      case "range": {
        const range = parseSingleRangeHeaderValue(value, false);
        if (range === null || range[0] === null) return false;
        break;
      }
      default:
        return false;
    }
    return true;
  }

  function isNoCORSSafelistedRequestHeaderName(lname) {
    return lname === "accept" || lname === "accept-language" || lname === "content-language" ||
      lname === "content-type";
  }

  function isPrivilegedNoCORSRequestHeaderName(lname) {
    return lname === "range";
  }

  function isNoCORSSafelistedRequestHeader(lname, value) {
    return isNoCORSSafelistedRequestHeaderName(lname) && isCORSSafelistedRequestHeader(lname, value);
  }

  // ---------------------------------------------------------------------------
  // Header list operations (https://fetch.spec.whatwg.org/#concept-header-list)
  // `lname` is always lower-case.
  // ---------------------------------------------------------------------------

  function listContains(list, lname) {
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === lname) return true;
    }
    return false;
  }

  // "get": the values joined with ", ", or null.
  function listGet(list, lname) {
    let result = null;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === lname) result = result === null ? list[i + 1] : result + ", " + list[i + 1];
    }
    return result;
  }

  function listAppend(list, lname, value) {
    ArrayPrototypePush(list, lname, value);
  }

  function listDelete(list, lname) {
    const length = list.length;
    let j = 0;
    for (let i = 0; i < length; i += 2) {
      if (list[i] === lname) continue;
      if (i !== j) {
        list[j] = list[i];
        list[j + 1] = list[i + 1];
      }
      j += 2;
    }
    list.length = j;
  }

  function listSet(list, lname, value) {
    const length = list.length;
    let found = false;
    let j = 0;
    for (let i = 0; i < length; i += 2) {
      if (list[i] === lname) {
        if (found) continue;
        found = true;
        list[i + 1] = value;
      }
      if (i !== j) {
        list[j] = list[i];
        list[j + 1] = list[i + 1];
      }
      j += 2;
    }
    list.length = j;
    if (!found) ArrayPrototypePush(list, lname, value);
  }

  // A header list the host passed as one "name\0value\0..." string (HTTP
  // allows no NUL in either). An indexOf loop, not split("\0"): V8's split
  // of a fresh (not internalized) string goes through the runtime and looks
  // up Symbol.split on the separator, twice the time for a few headers.
  function splitHostList(block) {
    const list = [];
    if (block === "") return list;
    let start = 0;
    for (;;) {
      const end = StringPrototypeIndexOf(block, "\0", start);
      if (end === -1) {
        ArrayPrototypePush(list, StringPrototypeSlice(block, start));
        return list;
      }
      ArrayPrototypePush(list, StringPrototypeSlice(block, start, end));
      start = end + 1;
    }
  }

  // Lower-cases the names of a header list received from the host, in place.
  function lowerNamesInPlace(list) {
    for (let i = 0; i < list.length; i += 2) list[i] = lower(list[i]);
  }

  // "sort and combine": [[name, value], ...] sorted by name, values of the
  // same name combined with ", " except `set-cookie`, whose values stay apart.
  function sortAndCombine(list) {
    const length = list.length;
    const order = [];
    for (let i = 0; i < length; i += 2) ArrayPrototypePush(order, i);
    // Array.prototype.sort is stable: headers of one name keep list order.
    ArrayPrototypeSort(order, (a, b) => {
      const x = list[a];
      const y = list[b];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const pairs = [];
    for (let k = 0; k < order.length; k++) {
      const name = list[order[k]];
      let value = list[order[k] + 1];
      if (name !== "set-cookie") {
        while (k + 1 < order.length && list[order[k + 1]] === name) {
          k++;
          value = value + ", " + list[order[k] + 1];
        }
      }
      ArrayPrototypePush(pairs, [name, value]);
    }
    return pairs;
  }

  // ---------------------------------------------------------------------------
  // HeadersInit: (sequence<sequence<ByteString>> or record<ByteString, ByteString>)
  // Converted to { sequence: boolean, pairs: [[name, value], ...] }.
  // ---------------------------------------------------------------------------

  const convertByteStringSequence = webidl.createSequenceConverter(toByteString);

  // record<ByteString, ByteString> as [[key, value], ...]. Keys of one object
  // are distinct strings and ByteString conversion keeps strings as they are,
  // so no key can repeat. [[GetOwnProperty]] is done by propertyIsEnumerable
  // (the same single trap call on a Proxy, without a descriptor object).
  //
  // An ordinary object (not a Proxy, whose traps must each run in order)
  // gets its string keys from Object.keys, which reads V8's cached key list
  // where Reflect.ownKeys collects them afresh (0.02 µs against 0.2 for an
  // object literal), and its symbol keys apart: any enumerable one is a
  // TypeError, as its ByteString conversion would be.
  function convertByteStringRecord(V, prefix, context) {
    const pairs = [];
    if (!isProxy(V)) {
      const names = ObjectKeys(V);
      for (let i = 0; i < names.length; i++) {
        const key = names[i];
        // A getter met earlier may have removed or hidden this one.
        if (i > 0 && !ObjectPrototypePropertyIsEnumerable(V, key)) continue;
        ArrayPrototypePush(pairs, [toByteString(key, prefix, context), toByteString(V[key], prefix, context)]);
      }
      // Symbols come after the strings in [[OwnPropertyKeys]].
      const symbols = ObjectGetOwnPropertySymbols(V);
      for (let i = 0; i < symbols.length; i++) {
        if (ObjectPrototypePropertyIsEnumerable(V, symbols[i])) toByteString(symbols[i], prefix, context);
      }
      return pairs;
    }
    const keys = ReflectOwnKeys(V);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!ObjectPrototypePropertyIsEnumerable(V, key)) continue;
      const typedKey = toByteString(key, prefix, context);
      ArrayPrototypePush(pairs, [typedKey, toByteString(V[key], prefix, context)]);
    }
    return pairs;
  }

  function convertHeadersInit(V, prefix, context) {
    if ((typeof V !== "object" || V === null) && typeof V !== "function") {
      throw makeException(TypeErrorCtor,
        "is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.", prefix, context);
    }
    // Union conversion: a sequence if V has @@iterator (GetMethod), else a record.
    const method = V[SymbolIterator];
    if (method === undefined || method === null) {
      return { sequence: false, pairs: convertByteStringRecord(V, prefix, context) };
    }
    if (typeof method !== "function") {
      throw makeException(TypeErrorCtor, "has a Symbol.iterator that is not callable.", prefix, context);
    }
    // "Creating a sequence from an iterable" with the method already got.
    const iterator = ReflectApply(method, V, []);
    if ((typeof iterator !== "object" || iterator === null) && typeof iterator !== "function") {
      throw makeException(TypeErrorCtor, "can not be converted to sequence (its iterator is not an object).", prefix, context);
    }
    const next = iterator.next;
    const pairs = [];
    for (let i = 0; ; i++) {
      const step = ReflectApply(next, iterator, []);
      if ((typeof step !== "object" || step === null) && typeof step !== "function") {
        throw makeException(TypeErrorCtor, "can not be converted to sequence (iterator result is not an object).", prefix, context);
      }
      if (step.done) break;
      const ctx = context === undefined ? `element ${i}` : `${context}, element ${i}`;
      ArrayPrototypePush(pairs, convertByteStringSequence(step.value, prefix, ctx));
    }
    return { sequence: true, pairs };
  }

  // ---------------------------------------------------------------------------
  // The Headers interface
  // ---------------------------------------------------------------------------

  const kInternal = ObjectFreeze(ObjectCreate(null)); // constructor token for internal creation

  let isHeaders;
  let headersList;
  let headersGuard;
  let setHeadersGuard;
  let appendHeader;
  let fillHeaders;
  let emptyHeaders;
  let appendToHeaderList;
  let getPairs;
  let adoptHeaderList;

  class Headers {
    #list;
    #guard;
    #pairs = null; // cached "sort and combine" of #list, reset on every change

    constructor(init = undefined) {
      this.#list = [];
      this.#guard = "none";
      if (init === kInternal) return;
      if (init !== undefined) {
        const prefix = "Failed to construct 'Headers'";
        fillHeaders(this, convertHeadersInit(init, prefix, "parameter 1"), prefix);
      }
    }

    append(name, value) {
      if (!isHeaders(this)) throw illegalInvocation();
      const prefix = "Failed to execute 'append' on 'Headers'";
      requiredArguments(arguments.length, 2, prefix);
      name = toByteString(name, prefix, "parameter 1");
      value = toByteString(value, prefix, "parameter 2");
      appendHeader(this, name, value, prefix);
    }

    delete(name) {
      if (!isHeaders(this)) throw illegalInvocation();
      const prefix = "Failed to execute 'delete' on 'Headers'";
      requiredArguments(arguments.length, 1, prefix);
      name = toByteString(name, prefix, "parameter 1");
      const lname = validate(this.#guard, name, "", prefix);
      if (lname === null) return;
      if (this.#guard === "request-no-cors" && !isNoCORSSafelistedRequestHeaderName(lname) &&
          !isPrivilegedNoCORSRequestHeaderName(lname)) {
        return;
      }
      const list = this.#list;
      if (!listContains(list, lname)) return;
      listDelete(list, lname);
      this.#pairs = null;
      if (this.#guard === "request-no-cors") removePrivilegedNoCORSRequestHeaders(list);
    }

    get(name) {
      if (!isHeaders(this)) throw illegalInvocation();
      const prefix = "Failed to execute 'get' on 'Headers'";
      requiredArguments(arguments.length, 1, prefix);
      name = toByteString(name, prefix, "parameter 1");
      if (!isHeaderName(name)) throw new TypeErrorCtor(`${prefix}: Invalid name`);
      return listGet(this.#list, lower(name));
    }

    getSetCookie() {
      if (!isHeaders(this)) throw illegalInvocation();
      const list = this.#list;
      const values = [];
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === "set-cookie") ArrayPrototypePush(values, list[i + 1]);
      }
      return values;
    }

    has(name) {
      if (!isHeaders(this)) throw illegalInvocation();
      const prefix = "Failed to execute 'has' on 'Headers'";
      requiredArguments(arguments.length, 1, prefix);
      name = toByteString(name, prefix, "parameter 1");
      if (!isHeaderName(name)) throw new TypeErrorCtor(`${prefix}: Invalid name`);
      return listContains(this.#list, lower(name));
    }

    set(name, value) {
      if (!isHeaders(this)) throw illegalInvocation();
      const prefix = "Failed to execute 'set' on 'Headers'";
      requiredArguments(arguments.length, 2, prefix);
      name = toByteString(name, prefix, "parameter 1");
      value = toByteString(value, prefix, "parameter 2");
      value = normalizeValue(value);
      const lname = validate(this.#guard, name, value, prefix);
      if (lname === null) return;
      if (this.#guard === "request-no-cors" && !isNoCORSSafelistedRequestHeader(lname, value)) return;
      const list = this.#list;
      listSet(list, lname, value);
      this.#pairs = null;
      if (this.#guard === "request-no-cors") removePrivilegedNoCORSRequestHeaders(list);
    }

    static {
      isHeaders = (o) => typeof o === "object" && o !== null && #list in o;
      headersList = (h) => h.#list;
      headersGuard = (h) => h.#guard;
      setHeadersGuard = (h, guard) => { h.#guard = guard; };
      adoptHeaderList = (h, list) => { h.#list = list; h.#pairs = null; };
      getPairs = (h) => {
        let pairs = h.#pairs;
        if (pairs === null) pairs = h.#pairs = sortAndCombine(h.#list);
        return pairs;
      };

      // https://fetch.spec.whatwg.org/#concept-headers-append
      appendHeader = (h, name, value, prefix) => {
        value = normalizeValue(value);
        const lname = validate(h.#guard, name, value, prefix);
        if (lname === null) return;
        const list = h.#list;
        if (h.#guard === "request-no-cors") {
          const current = listGet(list, lname);
          const temporaryValue = current === null ? value : current + ", " + value;
          if (!isNoCORSSafelistedRequestHeader(lname, temporaryValue)) return;
        }
        listAppend(list, lname, value);
        h.#pairs = null;
        if (h.#guard === "request-no-cors") removePrivilegedNoCORSRequestHeaders(list);
      };

      // https://fetch.spec.whatwg.org/#concept-headers-fill
      fillHeaders = (h, init, prefix) => {
        h.#pairs = null;
        if (h.#guard !== "request-no-cors") return fillList(h.#list, h.#guard, init, prefix);
        // no-cors: each header is checked against those before it (appendHeader).
        const pairs = init.pairs;
        for (let i = 0; i < pairs.length; i++) {
          const header = pairs[i];
          if (init.sequence && header.length !== 2) {
            throw new TypeErrorCtor(`${prefix}: Invalid value (each header must be a [name, value] pair of 2 items, not ${header.length})`);
          }
          appendHeader(h, header[0], header[1], prefix);
        }
      };

      emptyHeaders = (h) => {
        h.#list.length = 0;
        h.#pairs = null;
      };

      // Appends to the header list itself, without validation or guard.
      appendToHeaderList = (h, lname, value) => {
        listAppend(h.#list, lname, value);
        h.#pairs = null;
      };
    }
  }

  // https://fetch.spec.whatwg.org/#headers-validate: returns the lower-cased
  // name, or null for "return false"; throws for an invalid name or value or
  // an immutable guard.
  function validate(guard, name, value, prefix) {
    if (!isHeaderName(name)) throw new TypeErrorCtor(`${prefix}: Invalid name`);
    if (!isHeaderValue(value)) throw new TypeErrorCtor(`${prefix}: Invalid value`);
    if (guard === "immutable") throw new TypeErrorCtor(`${prefix}: Headers are immutable`);
    const lname = lower(name);
    if (guard === "request" && policy.forbiddenRequestHeaders && isForbiddenRequestHeader(lname, value)) return null;
    if (guard === "response" && policy.forbiddenResponseHeaders && isForbiddenResponseHeaderName(lname)) return null;
    return lname;
  }

  // "fill" into a header list: a Headers object's, or one no Headers object
  // wraps yet (a new Response's, which then needs none made only to fill
  // it). Not for the "request-no-cors" guard.
  function fillList(list, guard, init, prefix) {
    const pairs = init.pairs;
    for (let i = 0; i < pairs.length; i++) {
      const header = pairs[i];
      if (init.sequence && header.length !== 2) {
        throw new TypeErrorCtor(`${prefix}: Invalid value (each header must be a [name, value] pair of 2 items, not ${header.length})`);
      }
      const value = normalizeValue(header[1]);
      const lname = validate(guard, header[0], value, prefix);
      if (lname !== null) listAppend(list, lname, value);
    }
  }

  function removePrivilegedNoCORSRequestHeaders(list) {
    listDelete(list, "range");
  }

  webidl.definePairIterable(Headers, "Headers", getPairs, (o) => isHeaders(o));
  webidl.configureInterface(Headers, "Headers");
  nano.defineGlobal("Headers", Headers);

  // A Headers object over `list` (adopted, not copied; names lower-case).
  function createHeaders(list, guard) {
    const headers = new Headers(kInternal);
    adoptHeaderList(headers, list);
    setHeadersGuard(headers, guard);
    return headers;
  }

  fetch.headers = ObjectFreeze({
    Headers,
    isHeaders,
    createHeaders,
    list: headersList,
    guard: headersGuard,
    setGuard: setHeadersGuard,
    append: appendHeader,
    fill: fillHeaders,
    fillList,
    empty: emptyHeaders,
    appendToList: appendToHeaderList,
    convertInit: convertHeadersInit,
    listContains,
    listGet,
    lowerNamesInPlace,
    splitHostList,
    isHeaderName,
    isHeaderValue,
    normalizeValue,
    isForbiddenMethod,
    isForbiddenRequestHeader,
    isForbiddenResponseHeaderName,
    isCORSSafelistedRequestHeader,
    parseSingleRangeHeaderValue,
    mimeTypeEssence,
    getDecodeAndSplit,
  });
});
