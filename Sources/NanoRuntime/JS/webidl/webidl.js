// NANO runtime: shared WebIDL helpers (https://webidl.spec.whatwg.org/).
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
// It installs no global; it puts `nano.webidl` for the later runtime files.
//
// Conventions used by every converter: `converter(value, prefix, context, opts)`
//   prefix  - "Failed to execute 'append' on 'Headers'" (the operation)
//   context - "parameter 1" / "member 'signal' of RequestInit" (the value)
//   opts    - { enforceRange, clamp, treatNullAsEmptyString, allowShared }
// Errors are TypeErrors whose message reads `${prefix}: ${context} ...`.
(function (nano, global) {
  "use strict";

  // ---------------------------------------------------------------------------
  // Captured built-ins
  // ---------------------------------------------------------------------------
  const FunctionPrototype = Function.prototype;
  const ReflectApply = Reflect.apply;
  // uncurryThis(fn)(thisArg, ...args) === fn.call(thisArg, ...args), immune to later patching.
  const uncurryThis = (fn) => ReflectApply(FunctionPrototype.bind, FunctionPrototype.call, [fn]);

  const ObjectCreate = Object.create;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const WeakSetCtor = WeakSet;
  const WeakSetPrototypeAdd = uncurryThis(WeakSet.prototype.add);
  const WeakSetPrototypeHas = uncurryThis(WeakSet.prototype.has);
  const ReflectOwnKeys = Reflect.ownKeys;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const ArrayPrototypeSort = uncurryThis(Array.prototype.sort);
  const StringCtor = String;
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const NumberCtor = Number;
  const NumberIsNaN = Number.isNaN;
  const NumberIsFinite = Number.isFinite;
  const MathFloor = Math.floor;
  const MathTrunc = Math.trunc;
  const MathMin = Math.min;
  const MathMax = Math.max;
  const MathFround = Math.fround;
  const BigIntCtor = BigInt;
  const BigIntAsIntN = BigInt.asIntN;
  const BigIntAsUintN = BigInt.asUintN;
  const TypeErrorCtor = TypeError;
  const MapCtor = Map;
  const MapPrototypeGet = uncurryThis(Map.prototype.get);
  const MapPrototypeSet = uncurryThis(Map.prototype.set);
  const SymbolIterator = Symbol.iterator;
  const SymbolToStringTag = Symbol.toStringTag;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const ArrayBufferPrototypeGetByteLength =
    ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const SharedArrayBufferPrototypeGetByteLength = typeof SharedArrayBuffer === "function"
    ? ObjectGetOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get
    : undefined;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeGetSymbolToStringTag =
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get;
  const TypedArrayPrototypeGetBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
  const TypedArrayPrototypeGetByteOffset = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteOffset").get;
  const TypedArrayPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteLength").get;
  const DataViewPrototypeGetBuffer = ObjectGetOwnPropertyDescriptor(DataView.prototype, "buffer").get;
  const DataViewPrototypeGetByteOffset = ObjectGetOwnPropertyDescriptor(DataView.prototype, "byteOffset").get;
  const DataViewPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(DataView.prototype, "byteLength").get;
  const Uint8ArrayCtor = Uint8Array;
  const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
  const IteratorPrototype = ObjectGetPrototypeOf(ObjectGetPrototypeOf([][SymbolIterator]()));

  // ---------------------------------------------------------------------------
  // Errors
  // ---------------------------------------------------------------------------

  // makeException(ErrorType, message, prefix, context) -> Error "prefix: context message"
  function makeException(ErrorType, message, prefix, context) {
    let text = message;
    if (context !== undefined) text = `${context} ${text}`;
    if (prefix !== undefined) text = `${prefix}: ${text}`;
    return new ErrorType(text);
  }

  // illegalInvocation() -> TypeError("Illegal invocation"), for a wrong `this`.
  function illegalInvocation() {
    return new TypeErrorCtor("Illegal invocation");
  }

  // illegalConstructor() -> TypeError("Illegal constructor"), for interfaces without a constructor.
  function illegalConstructor() {
    return new TypeErrorCtor("Illegal constructor");
  }

  // requiredArguments(count, required, prefix): throws Chrome's TypeError when count < required.
  function requiredArguments(count, required, prefix) {
    if (count < required) {
      const noun = required === 1 ? "argument" : "arguments";
      throw new TypeErrorCtor(`${prefix}: ${required} ${noun} required, but only ${count} present.`);
    }
  }

  // brandCheck(value, isBrand): throws TypeError "Illegal invocation" unless isBrand(value).
  function brandCheck(value, isBrand) {
    if (!isBrand(value)) throw illegalInvocation();
    return value;
  }

  // createBrand() -> { add(o), has(o), check(o) }: a WeakSet-backed brand for objects
  // without private fields (prefer `#field in o` inside a class).
  function createBrand() {
    const set = new WeakSetCtor();
    const has = (o) => ((typeof o === "object" && o !== null) || typeof o === "function" ? WeakSetPrototypeHas(set, o) : false);
    return ObjectFreeze({
      add(o) { WeakSetPrototypeAdd(set, o); return o; },
      has,
      check(o) { if (!has(o)) throw illegalInvocation(); return o; },
    });
  }

  // ---------------------------------------------------------------------------
  // Strings
  // ---------------------------------------------------------------------------

  // toWellFormed(string) -> string with lone surrogates replaced by U+FFFD.
  function toWellFormed(string) {
    const length = string.length;
    let result = "";
    let start = 0;
    for (let i = 0; i < length; i++) {
      const c = StringPrototypeCharCodeAt(string, i);
      if (c < 0xD800 || c > 0xDFFF) continue;
      if (c <= 0xDBFF && i + 1 < length) {
        const d = StringPrototypeCharCodeAt(string, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { i++; continue; }
      }
      result += StringPrototypeSlice(string, start, i) + "\uFFFD";
      start = i + 1;
    }
    if (start === 0) return string;
    return result + StringPrototypeSlice(string, start);
  }

  // isWellFormed(string) -> true when the string has no lone surrogate.
  function isWellFormed(string) {
    const length = string.length;
    for (let i = 0; i < length; i++) {
      const c = StringPrototypeCharCodeAt(string, i);
      if (c < 0xD800 || c > 0xDFFF) continue;
      if (c > 0xDBFF || i + 1 >= length) return false;
      const d = StringPrototypeCharCodeAt(string, i + 1);
      if (d < 0xDC00 || d > 0xDFFF) return false;
      i++;
    }
    return true;
  }

  // ---------------------------------------------------------------------------
  // Buffers
  // ---------------------------------------------------------------------------

  // isArrayBuffer(v) -> true for an ArrayBuffer (not a SharedArrayBuffer), detached or not.
  function isArrayBuffer(v) {
    if (typeof v !== "object" || v === null) return false;
    // Views are the common non-buffer here; a throw (what the brand check
    // below does for them) costs an Error with a stack.
    if (ArrayBufferIsView(v)) return false;
    try { ReflectApply(ArrayBufferPrototypeGetByteLength, v, []); return true; } catch { return false; }
  }

  // isSharedArrayBuffer(v) -> true for a SharedArrayBuffer.
  function isSharedArrayBuffer(v) {
    if (SharedArrayBufferPrototypeGetByteLength === undefined) return false;
    if (typeof v !== "object" || v === null || ArrayBufferIsView(v)) return false;
    try { ReflectApply(SharedArrayBufferPrototypeGetByteLength, v, []); return true; } catch { return false; }
  }

  // isTypedArray(v) -> true for any %TypedArray% instance.
  function isTypedArray(v) {
    return ReflectApply(TypedArrayPrototypeGetSymbolToStringTag, v, []) !== undefined;
  }

  // isUint8Array(v) -> true for a Uint8Array instance (the real class, not a look-alike).
  function isUint8Array(v) {
    return ReflectApply(TypedArrayPrototypeGetSymbolToStringTag, v, []) === "Uint8Array";
  }

  // isArrayBufferView(v) -> true for a TypedArray or a DataView.
  function isArrayBufferView(v) {
    return ArrayBufferIsView(v);
  }

  // viewBuffer(view) -> the (Shared)ArrayBuffer under a TypedArray or DataView.
  function viewBuffer(view) {
    return isTypedArray(view)
      ? ReflectApply(TypedArrayPrototypeGetBuffer, view, [])
      : ReflectApply(DataViewPrototypeGetBuffer, view, []);
  }

  // viewByteOffset(view) / viewByteLength(view): byteOffset / byteLength of a TypedArray or DataView.
  function viewByteOffset(view) {
    return isTypedArray(view)
      ? ReflectApply(TypedArrayPrototypeGetByteOffset, view, [])
      : ReflectApply(DataViewPrototypeGetByteOffset, view, []);
  }
  function viewByteLength(view) {
    if (isTypedArray(view)) return ReflectApply(TypedArrayPrototypeGetByteLength, view, []);
    try {
      return ReflectApply(DataViewPrototypeGetByteLength, view, []);
    } catch {
      return 0; // a DataView over a detached buffer
    }
  }

  // arrayBufferByteLength(buffer) -> byteLength of an ArrayBuffer or SharedArrayBuffer.
  function arrayBufferByteLength(buffer) {
    if (isArrayBuffer(buffer)) return ReflectApply(ArrayBufferPrototypeGetByteLength, buffer, []);
    return ReflectApply(SharedArrayBufferPrototypeGetByteLength, buffer, []);
  }

  // getBufferSourceBytes(source) -> a Uint8Array VIEW (not a copy) of an ArrayBuffer,
  // SharedArrayBuffer or ArrayBufferView; a detached buffer gives an empty array.
  function getBufferSourceBytes(source) {
    if (isArrayBuffer(source) || isSharedArrayBuffer(source)) {
      const length = arrayBufferByteLength(source);
      if (length === 0) return new Uint8ArrayCtor(0); // empty or detached
      return new Uint8ArrayCtor(source, 0, length);
    }
    if (ArrayBufferIsView(source)) {
      const buffer = viewBuffer(source);
      const length = viewByteLength(source);
      if (length === 0) return new Uint8ArrayCtor(0);
      return new Uint8ArrayCtor(buffer, viewByteOffset(source), length);
    }
    throw new TypeErrorCtor("The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.");
  }

  // copyBufferSourceBytes(source) -> a new Uint8Array holding a copy of the bytes
  // ("get a copy of the bytes held by the buffer source").
  function copyBufferSourceBytes(source) {
    const view = getBufferSourceBytes(source);
    const copy = new Uint8ArrayCtor(ReflectApply(TypedArrayPrototypeGetByteLength, view, []));
    TypedArrayPrototypeSet(copy, view);
    return copy;
  }

  // ---------------------------------------------------------------------------
  // Converters (https://webidl.spec.whatwg.org/#js-type-mapping)
  // ---------------------------------------------------------------------------
  const converters = ObjectCreate(null);

  // any: the value itself.
  converters.any = (V) => V;

  // undefined: always undefined.
  converters.undefined = () => undefined;

  // boolean: ToBoolean.
  converters.boolean = (V) => !!V;

  // ToNumber, throwing the WebIDL TypeError for Symbols and BigInts.
  function toNumber(V, prefix, context) {
    if (typeof V === "bigint") throw makeException(TypeErrorCtor, "is a BigInt and cannot be converted to a number.", prefix, context);
    if (typeof V === "symbol") throw makeException(TypeErrorCtor, "is a Symbol and cannot be converted to a number.", prefix, context);
    return NumberCtor(V);
  }

  // Round to the nearest integer, ties to even (for [Clamp]).
  function roundTiesToEven(x) {
    const floor = MathFloor(x);
    const diff = x - floor;
    if (diff < 0.5) return floor;
    if (diff > 0.5) return floor + 1;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  // ConvertToInt(V, bitLength, signedness) (https://webidl.spec.whatwg.org/#abstract-opdef-converttoint)
  function makeIntegerConverter(typeName, bitLength, unsigned) {
    let lowerBound, upperBound;
    if (bitLength === 64) {
      upperBound = 2 ** 53 - 1;
      lowerBound = unsigned ? 0 : -(2 ** 53) + 1;
    } else if (unsigned) {
      lowerBound = 0;
      upperBound = 2 ** bitLength - 1;
    } else {
      lowerBound = -(2 ** (bitLength - 1));
      upperBound = 2 ** (bitLength - 1) - 1;
    }
    const twoToTheBitLength = 2 ** bitLength;
    const twoToOneLessThanTheBitLength = 2 ** (bitLength - 1);

    return function convertInteger(V, prefix, context, opts) {
      let x = toNumber(V, prefix, context);
      if (x === 0) x = 0; // -0 -> +0
      if (opts !== undefined && opts.enforceRange) {
        if (!NumberIsFinite(x)) {
          throw makeException(TypeErrorCtor, `is not a finite number.`, prefix, context);
        }
        x = MathTrunc(x);
        if (x < lowerBound || x > upperBound) {
          throw makeException(TypeErrorCtor, `is outside the '${typeName}' value range [${lowerBound}, ${upperBound}].`, prefix, context);
        }
        return x === 0 ? 0 : x;
      }
      if (!NumberIsNaN(x) && opts !== undefined && opts.clamp) {
        x = MathMin(MathMax(x, lowerBound), upperBound);
        x = roundTiesToEven(x);
        return x === 0 ? 0 : x;
      }
      if (!NumberIsFinite(x) || x === 0) return 0;
      x = MathTrunc(x);
      if (x >= lowerBound && x <= upperBound) return x === 0 ? 0 : x;
      if (bitLength === 64) {
        const n = unsigned ? BigIntAsUintN(64, BigIntCtor(x)) : BigIntAsIntN(64, BigIntCtor(x));
        return NumberCtor(n);
      }
      if (bitLength === 32) return unsigned ? x >>> 0 : x | 0;
      // 8 and 16 bits: x mod 2^bitLength, then into the signed range if needed.
      x = x - MathFloor(x / twoToTheBitLength) * twoToTheBitLength;
      if (!unsigned && x >= twoToOneLessThanTheBitLength) return x - twoToTheBitLength;
      return x;
    };
  }

  // byte, octet, short, unsigned short, long, unsigned long, long long, unsigned long long:
  // ConvertToInt with opts.enforceRange ([EnforceRange]) / opts.clamp ([Clamp]).
  converters.byte = makeIntegerConverter("byte", 8, false);
  converters.octet = makeIntegerConverter("octet", 8, true);
  converters.short = makeIntegerConverter("short", 16, false);
  converters["unsigned short"] = makeIntegerConverter("unsigned short", 16, true);
  converters.long = makeIntegerConverter("long", 32, false);
  converters["unsigned long"] = makeIntegerConverter("unsigned long", 32, true);
  converters["long long"] = makeIntegerConverter("long long", 64, false);
  converters["unsigned long long"] = makeIntegerConverter("unsigned long long", 64, true);

  // float: ToNumber, finite, and representable as a float32.
  converters.float = (V, prefix, context) => {
    const x = toNumber(V, prefix, context);
    if (!NumberIsFinite(x)) throw makeException(TypeErrorCtor, "is not a finite floating-point value.", prefix, context);
    if (x === 0) return x;
    const y = MathFround(x);
    if (!NumberIsFinite(y)) throw makeException(TypeErrorCtor, "is outside the range of a single-precision floating-point value.", prefix, context);
    return y;
  };

  // unrestricted float: ToNumber then float32 rounding.
  converters["unrestricted float"] = (V, prefix, context) => MathFround(toNumber(V, prefix, context));

  // double: ToNumber, must be finite.
  converters.double = (V, prefix, context) => {
    const x = toNumber(V, prefix, context);
    if (!NumberIsFinite(x)) throw makeException(TypeErrorCtor, "is not a finite floating-point value.", prefix, context);
    return x;
  };

  // unrestricted double: ToNumber.
  converters["unrestricted double"] = (V, prefix, context) => toNumber(V, prefix, context);

  // DOMString: ToString (Symbols throw); opts.treatNullAsEmptyString for [LegacyNullToEmptyString].
  converters.DOMString = (V, prefix, context, opts) => {
    if (typeof V === "string") return V;
    if (V === null && opts !== undefined && opts.treatNullAsEmptyString) return "";
    if (typeof V === "symbol") {
      throw makeException(TypeErrorCtor, "is a Symbol and cannot be converted to a string.", prefix, context);
    }
    return StringCtor(V);
  };

  // ByteString: DOMString whose code units are all <= 0xFF.
  converters.ByteString = (V, prefix, context, opts) => {
    const x = converters.DOMString(V, prefix, context, opts);
    for (let i = 0; i < x.length; i++) {
      if (StringPrototypeCharCodeAt(x, i) > 0xFF) {
        throw makeException(TypeErrorCtor, "is not a valid ByteString.", prefix, context);
      }
    }
    return x;
  };

  // USVString: DOMString with lone surrogates replaced by U+FFFD.
  converters.USVString = (V, prefix, context, opts) =>
    toWellFormed(converters.DOMString(V, prefix, context, opts));

  // object: any JS object (functions included).
  converters.object = (V, prefix, context) => {
    if ((typeof V !== "object" || V === null) && typeof V !== "function") {
      throw makeException(TypeErrorCtor, "is not an object.", prefix, context);
    }
    return V;
  };

  // Function (callback function type): must be callable.
  converters.Function = (V, prefix, context) => {
    if (typeof V !== "function") {
      throw makeException(TypeErrorCtor, "is not a function.", prefix, context);
    }
    return V;
  };

  // ArrayBuffer: an ArrayBuffer; opts.allowShared also accepts a SharedArrayBuffer.
  converters.ArrayBuffer = (V, prefix, context, opts) => {
    if (isArrayBuffer(V)) return V;
    if (opts !== undefined && opts.allowShared && isSharedArrayBuffer(V)) return V;
    throw makeException(TypeErrorCtor, "is not of type 'ArrayBuffer'.", prefix, context);
  };

  // ArrayBufferView: a TypedArray or DataView not backed by a SharedArrayBuffer (unless opts.allowShared).
  converters.ArrayBufferView = (V, prefix, context, opts) => {
    if (!ArrayBufferIsView(V)) {
      throw makeException(TypeErrorCtor, "is not of type 'ArrayBufferView'.", prefix, context);
    }
    if (!(opts !== undefined && opts.allowShared) && isSharedArrayBuffer(viewBuffer(V))) {
      throw makeException(TypeErrorCtor, "is a view on a SharedArrayBuffer, which is not allowed.", prefix, context);
    }
    return V;
  };

  // Uint8Array: a Uint8Array not backed by a SharedArrayBuffer (unless opts.allowShared).
  converters.Uint8Array = (V, prefix, context, opts) => {
    if (!isUint8Array(V)) {
      throw makeException(TypeErrorCtor, "is not of type 'Uint8Array'.", prefix, context);
    }
    if (!(opts !== undefined && opts.allowShared) && isSharedArrayBuffer(viewBuffer(V))) {
      throw makeException(TypeErrorCtor, "is a view on a SharedArrayBuffer, which is not allowed.", prefix, context);
    }
    return V;
  };

  // BufferSource: (ArrayBufferView or ArrayBuffer); opts.allowShared for AllowSharedBufferSource.
  converters.BufferSource = (V, prefix, context, opts) => {
    if (ArrayBufferIsView(V)) return converters.ArrayBufferView(V, prefix, context, opts);
    if (isArrayBuffer(V)) return V;
    if (opts !== undefined && opts.allowShared && isSharedArrayBuffer(V)) return V;
    throw makeException(TypeErrorCtor, "is not of type '(ArrayBuffer or ArrayBufferView)'.", prefix, context);
  };

  // AllowSharedBufferSource: BufferSource that also accepts shared memory.
  converters.AllowSharedBufferSource = (V, prefix, context) =>
    converters.BufferSource(V, prefix, context, { allowShared: true });

  // ---------------------------------------------------------------------------
  // Converter factories
  // ---------------------------------------------------------------------------

  // createNullableConverter(converter) -> converter for T? (null and undefined give null).
  function createNullableConverter(converter) {
    return (V, prefix, context, opts) => (V === null || V === undefined ? null : converter(V, prefix, context, opts));
  }

  // createEnumConverter(name, values) -> converter for an IDL enum (DOMString in `values`, else TypeError).
  function createEnumConverter(name, values) {
    const set = new MapCtor();
    for (let i = 0; i < values.length; i++) MapPrototypeSet(set, values[i], true);
    return (V, prefix, context) => {
      const S = converters.DOMString(V, prefix, context);
      if (MapPrototypeGet(set, S) !== true) {
        throw makeException(TypeErrorCtor, `The provided value '${S}' is not a valid enum value of type ${name}.`, prefix, undefined);
      }
      return S;
    };
  }

  // createInterfaceConverter(name, isBrand) -> converter for an interface type (TypeError unless isBrand(V)).
  function createInterfaceConverter(name, isBrand) {
    return (V, prefix, context) => {
      if (!isBrand(V)) throw makeException(TypeErrorCtor, `is not of type '${name}'.`, prefix, context);
      return V;
    };
  }

  // createSequenceConverter(converter) -> converter for sequence<T> (iterates with V[Symbol.iterator], as WebIDL says).
  function createSequenceConverter(converter) {
    return (V, prefix, context, opts) => {
      if ((typeof V !== "object" || V === null) && typeof V !== "function") {
        throw makeException(TypeErrorCtor, "can not be converted to sequence.", prefix, context);
      }
      const method = V[SymbolIterator];
      if (typeof method !== "function") {
        throw makeException(TypeErrorCtor, "can not be converted to sequence.", prefix, context);
      }
      const iterator = ReflectApply(method, V, []);
      if ((typeof iterator !== "object" || iterator === null) && typeof iterator !== "function") {
        throw makeException(TypeErrorCtor, "can not be converted to sequence (its iterator is not an object).", prefix, context);
      }
      const next = iterator.next;
      const result = [];
      for (let i = 0; ; i++) {
        const step = ReflectApply(next, iterator, []);
        if ((typeof step !== "object" || step === null) && typeof step !== "function") {
          throw makeException(TypeErrorCtor, "can not be converted to sequence (iterator result is not an object).", prefix, context);
        }
        if (step.done) break;
        const ctx = context === undefined ? `element ${i}` : `${context}, element ${i}`;
        ArrayPrototypePush(result, converter(step.value, prefix, ctx, opts));
      }
      return result;
    };
  }

  // createRecordConverter(keyConverter, valueConverter) -> converter for record<K, V>;
  // returns an ARRAY of [key, value] pairs in property order (later duplicates overwrite in place).
  function createRecordConverter(keyConverter, valueConverter) {
    return (V, prefix, context, opts) => {
      if ((typeof V !== "object" || V === null) && typeof V !== "function") {
        throw makeException(TypeErrorCtor, "can not be converted to a record.", prefix, context);
      }
      const result = [];
      const index = new MapCtor();
      const keys = ReflectOwnKeys(V);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const desc = ReflectGetOwnPropertyDescriptor(V, key);
        if (desc === undefined || !desc.enumerable) continue;
        const typedKey = keyConverter(key, prefix, context, opts);
        const typedValue = valueConverter(V[key], prefix, context, opts);
        const at = MapPrototypeGet(index, typedKey);
        if (at !== undefined) {
          result[at][1] = typedValue;
        } else {
          MapPrototypeSet(index, typedKey, result.length);
          ArrayPrototypePush(result, [typedKey, typedValue]);
        }
      }
      return result;
    };
  }

  // createDictionaryConverter(name, ...memberLists) -> converter for a dictionary.
  // Each list holds { key, converter, defaultValue?, required?, opts? } of one dictionary
  // of the inheritance chain, least derived first; members are read in lexicographic order
  // per dictionary. The result is an object with nothing in its prototype chain holding the
  // members that are present (converted) or have a default; absent members without a
  // default are left out.
  function createDictionaryConverter(name, ...memberLists) {
    const members = [];
    for (let l = 0; l < memberLists.length; l++) {
      const list = [];
      const src = memberLists[l];
      for (let i = 0; i < src.length; i++) ArrayPrototypePush(list, src[i]);
      ArrayPrototypeSort(list, (a, b) => (a.key === b.key ? 0 : a.key < b.key ? -1 : 1));
      for (let i = 0; i < list.length; i++) {
        const m = list[i];
        ArrayPrototypePush(members, {
          __proto__: null,
          key: m.key,
          converter: m.converter,
          defaultValue: m.defaultValue,
          required: !!m.required,
          opts: m.opts,
          context: `member '${m.key}' of ${name}`,
        });
      }
    }
    let hasRequired = false;
    for (let i = 0; i < members.length; i++) if (members[i].required) hasRequired = true;
    // Results are made by `new DictionaryResult()`: fast-mode objects whose
    // shape V8 caches (Object.create(null) makes a slow, dictionary-mode
    // object, and every read of a member from it a hash lookup), yet with no
    // Object.prototype behind them (a member polluted there is never read).
    function DictionaryResult() {}
    DictionaryResult.prototype = ObjectFreeze(ObjectCreate(null));
    return function convertDictionary(V, prefix, context, opts) {
      const type = typeof V;
      if (type !== "undefined" && V !== null && type !== "object" && type !== "function") {
        throw makeException(TypeErrorCtor, `can not be converted to '${name}' (not an object).`, prefix, context);
      }
      const result = new DictionaryResult();
      const isEmpty = V === undefined || V === null;
      if (isEmpty && !hasRequired) {
        for (let i = 0; i < members.length; i++) {
          const m = members[i];
          if (m.defaultValue !== undefined) result[m.key] = m.defaultValue;
        }
        return result;
      }
      for (let i = 0; i < members.length; i++) {
        const m = members[i];
        const value = isEmpty ? undefined : V[m.key];
        if (value !== undefined) {
          result[m.key] = m.converter(value, prefix, m.context, m.opts);
        } else if (m.defaultValue !== undefined) {
          result[m.key] = m.defaultValue;
        } else if (m.required) {
          throw makeException(TypeErrorCtor, `Required member '${m.key}' is undefined.`, prefix,
            context !== undefined ? `${context} (${name})` : name);
        }
      }
      return result;
    };
  }

  // ---------------------------------------------------------------------------
  // Interfaces
  // ---------------------------------------------------------------------------

  // configureInterface(Class, name = Class.name): make the prototype's (and the static)
  // operations/attributes enumerable as WebIDL does, and define prototype[@@toStringTag] = name.
  function configureInterface(Class, name = Class.name) {
    const proto = Class.prototype;
    const keys = ReflectOwnKeys(proto);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === "constructor" || typeof key === "symbol") continue;
      const desc = ObjectGetOwnPropertyDescriptor(proto, key);
      if (desc.configurable && !desc.enumerable) {
        desc.enumerable = true;
        ObjectDefineProperty(proto, key, desc);
      }
    }
    const staticKeys = ReflectOwnKeys(Class);
    for (let i = 0; i < staticKeys.length; i++) {
      const key = staticKeys[i];
      if (key === "prototype" || key === "name" || key === "length" || typeof key === "symbol") continue;
      const desc = ObjectGetOwnPropertyDescriptor(Class, key);
      if (desc.configurable && !desc.enumerable) {
        desc.enumerable = true;
        ObjectDefineProperty(Class, key, desc);
      }
    }
    ObjectDefineProperty(proto, SymbolToStringTag, {
      value: name, writable: false, enumerable: false, configurable: true,
    });
    return Class;
  }

  // defineConstants(Class, { NAME: value, ... }): WebIDL constants on the interface object
  // and its prototype (writable: false, enumerable: true, configurable: false).
  function defineConstants(Class, constants) {
    const keys = ReflectOwnKeys(constants);
    for (let i = 0; i < keys.length; i++) {
      const desc = { value: constants[keys[i]], writable: false, enumerable: true, configurable: false };
      ObjectDefineProperty(Class, keys[i], desc);
      ObjectDefineProperty(Class.prototype, keys[i], desc);
    }
  }

  // createInterfaceIterator(name, getPairs) -> { prototype, create(target, kind) }:
  // the "default iterator object" machinery of a pair iterator. prototype is the
  // "<name> Iterator" prototype (inherits %IteratorPrototype%, has `next`); getPairs(target)
  // returns the current array of [key, value] pairs (re-read at each next()), kind is
  // "key", "value" or "key+value".
  function createInterfaceIterator(name, getPairs) {
    let isIterator;
    class InterfaceIterator {
      #target;
      #kind;
      #index = 0;
      constructor(target, kind) {
        this.#target = target;
        this.#kind = kind;
      }
      next() {
        if (!isIterator(this)) {
          throw new TypeErrorCtor(`Failed to execute 'next' on '${name} Iterator': Illegal invocation`);
        }
        const pairs = getPairs(this.#target);
        const index = this.#index;
        if (index >= pairs.length) return { value: undefined, done: true };
        this.#index = index + 1;
        const pair = pairs[index];
        let value;
        if (this.#kind === "key") value = pair[0];
        else if (this.#kind === "value") value = pair[1];
        else value = [pair[0], pair[1]];
        return { value, done: false };
      }
      static {
        isIterator = (o) => typeof o === "object" && o !== null && #target in o;
      }
    }
    const prototype = InterfaceIterator.prototype;
    delete prototype.constructor;
    ObjectSetPrototypeOf(prototype, IteratorPrototype);
    const nextDesc = ObjectGetOwnPropertyDescriptor(prototype, "next");
    nextDesc.enumerable = true;
    ObjectDefineProperty(prototype, "next", nextDesc);
    ObjectDefineProperty(prototype, SymbolToStringTag, {
      value: `${name} Iterator`, writable: false, enumerable: false, configurable: true,
    });
    return ObjectFreeze({
      prototype,
      create(target, kind) { return new InterfaceIterator(target, kind); },
    });
  }

  // definePairIterable(Class, name, getPairs, isBrand): installs entries/keys/values/forEach
  // and @@iterator (=== entries) on Class.prototype for `iterable<K, V>`; returns the iterator
  // prototype. Call before configureInterface (or it leaves these enumerable anyway).
  function definePairIterable(Class, name, getPairs, isBrand) {
    const iter = createInterfaceIterator(name, getPairs);
    const proto = Class.prototype;
    const methods = {
      entries() {
        if (!isBrand(this)) throw new TypeErrorCtor(`Failed to execute 'entries' on '${name}': Illegal invocation`);
        return iter.create(this, "key+value");
      },
      keys() {
        if (!isBrand(this)) throw new TypeErrorCtor(`Failed to execute 'keys' on '${name}': Illegal invocation`);
        return iter.create(this, "key");
      },
      values() {
        if (!isBrand(this)) throw new TypeErrorCtor(`Failed to execute 'values' on '${name}': Illegal invocation`);
        return iter.create(this, "value");
      },
      forEach(callback, thisArg = undefined) {
        const prefix = `Failed to execute 'forEach' on '${name}'`;
        if (!isBrand(this)) throw new TypeErrorCtor(`${prefix}: Illegal invocation`);
        requiredArguments(arguments.length, 1, prefix);
        converters.Function(callback, prefix, "parameter 1");
        let pairs = getPairs(this);
        for (let i = 0; i < pairs.length; i++) {
          const pair = pairs[i];
          ReflectApply(callback, thisArg, [pair[1], pair[0], this]);
          pairs = getPairs(this);
        }
      },
    };
    const names = ["entries", "keys", "values", "forEach"];
    for (let i = 0; i < names.length; i++) {
      ObjectDefineProperty(proto, names[i], {
        value: methods[names[i]], writable: true, enumerable: true, configurable: true,
      });
    }
    ObjectDefineProperty(proto, SymbolIterator, {
      value: methods.entries, writable: true, enumerable: false, configurable: true,
    });
    return iter.prototype;
  }

  // Every export is documented where it is defined above.
  nano.webidl = ObjectFreeze({
    converters,
    makeException,
    illegalInvocation,
    illegalConstructor,
    requiredArguments,
    brandCheck,
    createBrand,
    toWellFormed,
    isWellFormed,
    isArrayBuffer,
    isSharedArrayBuffer,
    isTypedArray,
    isUint8Array,
    isArrayBufferView,
    viewBuffer,
    viewByteOffset,
    viewByteLength,
    getBufferSourceBytes,
    copyBufferSourceBytes,
    createNullableConverter,
    createEnumConverter,
    createInterfaceConverter,
    createSequenceConverter,
    createRecordConverter,
    createDictionaryConverter,
    configureInterface,
    defineConstants,
    createInterfaceIterator,
    definePairIterable,
    uncurryThis,
  });
});
