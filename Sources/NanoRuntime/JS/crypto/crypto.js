// NANO runtime: Web Crypto, the random and digest parts
// (https://w3c.github.io/webcrypto/).
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
//
// partial interface mixin WindowOrWorkerGlobalScope {
//   [SameObject] readonly attribute Crypto crypto;
// };
// [Exposed=(Window,Worker)]
// interface Crypto {
//   [SecureContext] readonly attribute SubtleCrypto subtle;
//   ArrayBufferView getRandomValues(ArrayBufferView array);
//   [SecureContext] DOMString randomUUID();
// };
// [SecureContext, Exposed=(Window,Worker)]
// interface SubtleCrypto {
//   Promise<ArrayBuffer> digest(AlgorithmIdentifier algorithm, BufferSource data);
//   // encrypt, decrypt, sign, verify, generateKey, deriveKey, deriveBits,
//   // importKey, exportKey, wrapKey, unwrapKey: not implemented yet.
// };
// typedef (object or DOMString) AlgorithmIdentifier;
// dictionary Algorithm { required DOMString name; };
//
// Native ops: nano.ops.randomFill(view) fills the view's bytes in place from
// the OS CSPRNG; nano.ops.digest(name, bytes) -> Uint8Array of the digest
// (computed synchronously; the promise is resolved right away).
(function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const uncurryThis = webidl.uncurryThis;
  const ops = nano.ops;
  const DOMException = nano.DOMException;

  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectFreeze = Object.freeze;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const PromiseCtor = Promise;
  const PromiseReject = Promise.reject;
  const Uint8ArrayCtor = Uint8Array;
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const SymbolToStringTag = Symbol.toStringTag;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeGetSymbolToStringTag =
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get;
  const TypedArrayPrototypeGetBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
  const TypedArrayPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteLength").get;

  // isSharedView(view) -> true when the view is over a SharedArrayBuffer. A
  // view's buffer is an ArrayBuffer or a SharedArrayBuffer, so this needs no
  // SharedArrayBuffer intrinsic (which the snapshot may be built without).
  function isSharedView(view) {
    return !webidl.isArrayBuffer(webidl.viewBuffer(view));
  }

  // A promise rejected with `reason`, made with the captured %Promise%.
  function rejected(reason) {
    return ReflectApply(PromiseReject, PromiseCtor, [reason]);
  }

  // ---------------------------------------------------------------------------
  // Randomness
  // ---------------------------------------------------------------------------
  const kMaxRandomBytes = 65536;
  // The integer typed arrays getRandomValues accepts (by [[TypedArrayName]],
  // so subclasses and arrays from other realms count, look-alikes do not).
  const integerArrayNames = {
    __proto__: null,
    Int8Array: true,
    Uint8Array: true,
    Uint8ClampedArray: true,
    Int16Array: true,
    Uint16Array: true,
    Int32Array: true,
    Uint32Array: true,
    BigInt64Array: true,
    BigUint64Array: true,
  };

  // A pool of random bytes for randomUUID, refilled from the OS as it runs
  // out. It starts empty (and is created lazily), so no random byte is ever
  // baked into the startup snapshot and shared by isolates.
  const kPoolSize = 4096;
  let pool = null;
  let poolIndex = kPoolSize;

  const hex = [];
  for (let i = 0; i < 256; i++) hex[i] = (i < 16 ? "0" : "") + i.toString(16);
  ObjectFreeze(hex);

  // RFC 9562 (formerly RFC 4122) version 4 UUID, lower case.
  function randomUUIDString() {
    if (poolIndex + 16 > kPoolSize) {
      if (pool === null) pool = new Uint8ArrayCtor(kPoolSize);
      ops.randomFill(pool);
      poolIndex = 0;
    }
    const p = pool;
    const i = poolIndex;
    poolIndex = i + 16;
    const b6 = (p[i + 6] & 0x0f) | 0x40; // version 4
    const b8 = (p[i + 8] & 0x3f) | 0x80; // variant 10xx
    const uuid =
      hex[p[i]] + hex[p[i + 1]] + hex[p[i + 2]] + hex[p[i + 3]] + "-" +
      hex[p[i + 4]] + hex[p[i + 5]] + "-" +
      hex[b6] + hex[p[i + 7]] + "-" +
      hex[b8] + hex[p[i + 9]] + "-" +
      hex[p[i + 10]] + hex[p[i + 11]] + hex[p[i + 12]] +
      hex[p[i + 13]] + hex[p[i + 14]] + hex[p[i + 15]];
    // Wipe the bytes used, so the pool never holds a UUID already handed out.
    for (let j = i; j < i + 16; j++) p[j] = 0;
    return uuid;
  }

  // ---------------------------------------------------------------------------
  // Algorithm normalization (https://w3c.github.io/webcrypto/#algorithm-normalization)
  // ---------------------------------------------------------------------------

  // The registered algorithms of the "digest" operation; each has the type
  // "None" (the Algorithm dictionary itself).
  const digestAlgorithms = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];

  const convertAlgorithm = webidl.createDictionaryConverter("Algorithm", [
    { key: "name", converter: converters.DOMString, required: true },
  ]);

  // ASCII case-insensitive match of two strings.
  function asciiCaseInsensitiveMatch(a, b) {
    const length = a.length;
    if (length !== b.length) return false;
    for (let i = 0; i < length; i++) {
      let x = StringPrototypeCharCodeAt(a, i);
      let y = StringPrototypeCharCodeAt(b, i);
      if (x >= 0x41 && x <= 0x5a) x += 0x20;
      if (y >= 0x41 && y <= 0x5a) y += 0x20;
      if (x !== y) return false;
    }
    return true;
  }

  // normalizeAlgorithm(alg, registered, prefix) -> { name } | throws
  // (TypeError from the dictionary conversion, NotSupportedError DOMException
  // for an unrecognized name). alg is an object or a string.
  function normalizeAlgorithm(alg, registered, prefix) {
    if (typeof alg === "string") alg = { name: alg };
    const initial = convertAlgorithm(alg, prefix, "parameter 1");
    const algName = initial.name;
    let name;
    for (let i = 0; i < registered.length; i++) {
      if (asciiCaseInsensitiveMatch(registered[i], algName)) {
        name = registered[i];
        break;
      }
    }
    if (name === undefined) {
      throw new DOMException("Unrecognized algorithm name", "NotSupportedError");
    }
    // "Convert alg to the IDL dictionary type desiredType" (Algorithm again),
    // then set its name to the registered spelling.
    const normalized = convertAlgorithm(alg, prefix, "parameter 1");
    normalized.name = name;
    return normalized;
  }

  // ---------------------------------------------------------------------------
  // SubtleCrypto
  // ---------------------------------------------------------------------------
  const kInternal = Symbol("crypto.internal");
  let isSubtleCrypto;

  class SubtleCrypto {
    #brand;

    constructor(token = undefined) {
      if (token !== kInternal) throw webidl.illegalConstructor();
      this.#brand = true;
    }

    // Promise<ArrayBuffer> digest(AlgorithmIdentifier algorithm, BufferSource data);
    digest(algorithm, data) {
      const prefix = "Failed to execute 'digest' on 'SubtleCrypto'";
      // A promise-returning operation reports every error as a rejection.
      try {
        if (!isSubtleCrypto(this)) throw webidl.illegalInvocation();
        webidl.requiredArguments(arguments.length, 2, prefix);
        // AlgorithmIdentifier: (object or DOMString).
        if (!(typeof algorithm === "object" && algorithm !== null) && typeof algorithm !== "function") {
          algorithm = converters.DOMString(algorithm, prefix, "parameter 1");
        }
        // BufferSource (no [AllowShared]), then "get a copy of the bytes".
        if (!webidl.isArrayBuffer(data) && !webidl.isArrayBufferView(data)) {
          throw webidl.makeException(TypeErrorCtor,
            "is not of type '(ArrayBuffer or ArrayBufferView)'.", prefix, "parameter 2");
        }
        if (webidl.isArrayBufferView(data) && isSharedView(data)) {
          throw webidl.makeException(TypeErrorCtor,
            "is a view on a SharedArrayBuffer, which is not allowed.", prefix, "parameter 2");
        }
        const bytes = webidl.copyBufferSourceBytes(data);
        const normalized = normalizeAlgorithm(algorithm, digestAlgorithms, prefix);
        const result = ops.digest(normalized.name, bytes);
        const buffer = ReflectApply(TypedArrayPrototypeGetBuffer, result, []);
        return new PromiseCtor((resolve) => resolve(buffer));
      } catch (error) {
        return rejected(error);
      }
    }

    static {
      isSubtleCrypto = (o) => typeof o === "object" && o !== null && #brand in o;
    }
  }
  webidl.configureInterface(SubtleCrypto);

  // ---------------------------------------------------------------------------
  // Crypto
  // ---------------------------------------------------------------------------
  let isCrypto;

  class Crypto {
    #subtle;

    constructor(token = undefined) {
      if (token !== kInternal) throw webidl.illegalConstructor();
      this.#subtle = new SubtleCrypto(kInternal);
    }

    get subtle() {
      if (!isCrypto(this)) throw webidl.illegalInvocation();
      return this.#subtle;
    }

    // ArrayBufferView getRandomValues(ArrayBufferView array);
    getRandomValues(array) {
      const prefix = "Failed to execute 'getRandomValues' on 'Crypto'";
      if (!isCrypto(this)) throw webidl.illegalInvocation();
      webidl.requiredArguments(arguments.length, 1, prefix);
      if (!webidl.isArrayBufferView(array)) {
        throw webidl.makeException(TypeErrorCtor, "is not of type 'ArrayBufferView'.", prefix, "parameter 1");
      }
      if (isSharedView(array)) {
        throw webidl.makeException(TypeErrorCtor,
          "is a view on a SharedArrayBuffer, which is not allowed.", prefix, "parameter 1");
      }
      const typeName = ReflectApply(TypedArrayPrototypeGetSymbolToStringTag, array, []);
      if (typeName === undefined || integerArrayNames[typeName] !== true) {
        throw new DOMException(
          `${prefix}: The provided ArrayBufferView is of type '${typeName === undefined ? "DataView" : typeName}', which is not an integer array type.`,
          "TypeMismatchError");
      }
      const byteLength = ReflectApply(TypedArrayPrototypeGetByteLength, array, []);
      if (byteLength > kMaxRandomBytes) {
        throw new DOMException(
          `${prefix}: The ArrayBufferView's byte length (${byteLength}) exceeds the number of bytes of entropy available via this API (${kMaxRandomBytes}).`,
          "QuotaExceededError");
      }
      if (byteLength > 0) ops.randomFill(array);
      return array;
    }

    // DOMString randomUUID();
    randomUUID() {
      if (!isCrypto(this)) throw webidl.illegalInvocation();
      return randomUUIDString();
    }

    static {
      isCrypto = (o) => typeof o === "object" && o !== null && #subtle in o;
    }
  }
  webidl.configureInterface(Crypto);

  const crypto = new Crypto(kInternal);

  nano.defineGlobal("Crypto", Crypto);
  nano.defineGlobal("SubtleCrypto", SubtleCrypto);
  // [SameObject] readonly attribute Crypto crypto: a getter (named "get crypto")
  // without a setter, enumerable and configurable, on the global object.
  const cryptoGetter = ObjectGetOwnPropertyDescriptor({
    get crypto() {
      if (this !== undefined && this !== null && this !== global) throw webidl.illegalInvocation();
      return crypto;
    },
  }, "crypto").get;
  ObjectDefineProperty(global, "crypto", {
    get: cryptoGetter,
    set: undefined,
    enumerable: true,
    configurable: true,
  });

  // For other runtime files (e.g. a future full SubtleCrypto).
  nano.crypto = ObjectFreeze({
    crypto,
    isCrypto,
    isSubtleCrypto,
    normalizeAlgorithm,
    randomUUID: randomUUIDString,
    // randomFill(view): the raw op, without the quota check.
    randomFill: (view) => ops.randomFill(view),
  });
});
