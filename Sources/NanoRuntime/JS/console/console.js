// NANO runtime: console + inspect.
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
//
// `inspect` follows the output format of Node.js' util.inspect (defaults:
// depth 2, breakLength 80, compact 3, no colors) and `console` follows the
// Node.js console (format specifiers, groups, counters, timers, table).
//
// Every built-in that is used after load time is captured here, so that an
// application that later replaces e.g. `Object.keys` or
// `Array.prototype.join` does not break console output.
(function (nano, global) {
  "use strict";

  // ---------------------------------------------------------------------------
  // Captured built-ins
  // ---------------------------------------------------------------------------

  const FunctionPrototype = Function.prototype;
  const FunctionPrototypeCall = FunctionPrototype.call;
  const FunctionPrototypeBind = FunctionPrototype.bind;
  const ReflectApply = Reflect.apply;
  // uncurryThis(fn)(thisArg, ...args) === fn.call(thisArg, ...args)
  const uncurryThis = (fn) => ReflectApply(FunctionPrototypeBind, FunctionPrototypeCall, [fn]);

  const ReflectOwnKeys = Reflect.ownKeys;

  const ObjectCtor = Object;
  const FunctionCtor = Function;
  const TypeErrorCtor = TypeError;
  const ObjectPrototype = Object.prototype;
  const ObjectKeys = Object.keys;
  const ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
  const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectIs = Object.is;
  const ObjectPrototypeHasOwnProperty = uncurryThis(ObjectPrototype.hasOwnProperty);
  const ObjectPrototypePropertyIsEnumerable = uncurryThis(ObjectPrototype.propertyIsEnumerable);
  const ObjectPrototypeToString = uncurryThis(ObjectPrototype.toString);
  const FunctionPrototypeToString = uncurryThis(FunctionPrototype.toString);
  const FunctionPrototypeSymbolHasInstance = uncurryThis(FunctionPrototype[Symbol.hasInstance]);

  const ArrayIsArray = Array.isArray;
  const ArrayPrototype = Array.prototype;
  const ArrayPrototypeJoin = uncurryThis(ArrayPrototype.join);
  const ArrayPrototypeMap = uncurryThis(ArrayPrototype.map);
  const ArrayPrototypePush = uncurryThis(ArrayPrototype.push);
  const ArrayPrototypePop = uncurryThis(ArrayPrototype.pop);
  const ArrayPrototypeSlice = uncurryThis(ArrayPrototype.slice);
  const ArrayPrototypeSplice = uncurryThis(ArrayPrototype.splice);
  const ArrayPrototypeSort = uncurryThis(ArrayPrototype.sort);
  const ArrayPrototypeIndexOf = uncurryThis(ArrayPrototype.indexOf);
  const ArrayPrototypeIncludes = uncurryThis(ArrayPrototype.includes);
  const ArrayPrototypeUnshift = uncurryThis(ArrayPrototype.unshift);

  const StringCtor = String;
  const StringPrototype = String.prototype;
  const StringPrototypeSlice = uncurryThis(StringPrototype.slice);
  const StringPrototypeIndexOf = uncurryThis(StringPrototype.indexOf);
  const StringPrototypeLastIndexOf = uncurryThis(StringPrototype.lastIndexOf);
  const StringPrototypeIncludes = uncurryThis(StringPrototype.includes);
  const StringPrototypeStartsWith = uncurryThis(StringPrototype.startsWith);
  const StringPrototypeEndsWith = uncurryThis(StringPrototype.endsWith);
  const StringPrototypeRepeat = uncurryThis(StringPrototype.repeat);
  const StringPrototypeSplit = uncurryThis(StringPrototype.split);
  const StringPrototypeCharCodeAt = uncurryThis(StringPrototype.charCodeAt);
  const StringPrototypeCodePointAt = uncurryThis(StringPrototype.codePointAt);
  const StringPrototypePadStart = uncurryThis(StringPrototype.padStart);
  const StringPrototypePadEnd = uncurryThis(StringPrototype.padEnd);
  const StringPrototypeToUpperCase = uncurryThis(StringPrototype.toUpperCase);
  const StringPrototypeNormalize = uncurryThis(StringPrototype.normalize);
  const StringPrototypeValueOf = uncurryThis(StringPrototype.valueOf);

  const RegExpCtor = RegExp;
  const RegExpPrototype = RegExp.prototype;
  const RegExpPrototypeExec = uncurryThis(RegExpPrototype.exec);
  const RegExpPrototypeToString = uncurryThis(RegExpPrototype.toString);
  const RegExpPrototypeSymbolReplace = uncurryThis(RegExpPrototype[Symbol.replace]);
  const RegExpPrototypeGetGlobal = uncurryThis(ObjectGetOwnPropertyDescriptor(RegExpPrototype, "global").get);

  const NumberCtor = Number;
  const NumberIsNaN = Number.isNaN;
  const NumberIsFinite = Number.isFinite;
  const NumberParseInt = Number.parseInt;
  const NumberParseFloat = Number.parseFloat;
  const NumberPrototypeValueOf = uncurryThis(Number.prototype.valueOf);
  const NumberPrototypeToString = uncurryThis(Number.prototype.toString);
  const NumberPrototypeToFixed = uncurryThis(Number.prototype.toFixed);
  const BooleanPrototypeValueOf = uncurryThis(Boolean.prototype.valueOf);
  const BigIntPrototypeValueOf = uncurryThis(BigInt.prototype.valueOf);
  const SymbolPrototypeToString = uncurryThis(Symbol.prototype.toString);
  const SymbolPrototypeValueOf = uncurryThis(Symbol.prototype.valueOf);
  const SymbolIterator = Symbol.iterator;
  const SymbolToStringTag = Symbol.toStringTag;
  const SymbolToPrimitive = Symbol.toPrimitive;

  const DatePrototypeGetTime = uncurryThis(Date.prototype.getTime);
  const DatePrototypeToISOString = uncurryThis(Date.prototype.toISOString);
  const DatePrototypeToString = uncurryThis(Date.prototype.toString);

  const ErrorCtor = Error;
  const ErrorPrototypeToString = uncurryThis(Error.prototype.toString);
  const ErrorCaptureStackTrace = Error.captureStackTrace;
  const RangeErrorCtor = RangeError;

  const JSONStringify = JSON.stringify;
  const MathMin = Math.min;
  const MathMax = Math.max;
  const MathFloor = Math.floor;
  const MathRound = Math.round;
  const MathSqrt = Math.sqrt;
  const MathTrunc = Math.trunc;

  const MapCtor = Map;
  const MapPrototype = Map.prototype;
  const MapPrototypeGet = uncurryThis(MapPrototype.get);
  const MapPrototypeSet = uncurryThis(MapPrototype.set);
  const MapPrototypeHas = uncurryThis(MapPrototype.has);
  const MapPrototypeDelete = uncurryThis(MapPrototype.delete);
  const MapPrototypeEntries = uncurryThis(MapPrototype.entries);
  const MapPrototypeGetSize = uncurryThis(ObjectGetOwnPropertyDescriptor(MapPrototype, "size").get);
  const SetCtor = Set;
  const SetPrototype = Set.prototype;
  const SetPrototypeHas = uncurryThis(SetPrototype.has);
  const SetPrototypeAdd = uncurryThis(SetPrototype.add);
  const SetPrototypeValues = uncurryThis(SetPrototype.values);
  const SetPrototypeGetSize = uncurryThis(ObjectGetOwnPropertyDescriptor(SetPrototype, "size").get);
  const MapIteratorPrototype = ObjectGetPrototypeOf(new MapCtor()[SymbolIterator]());
  const SetIteratorPrototype = ObjectGetPrototypeOf(new SetCtor()[SymbolIterator]());
  const MapIteratorPrototypeNext = uncurryThis(MapIteratorPrototype.next);
  const SetIteratorPrototypeNext = uncurryThis(SetIteratorPrototype.next);
  const WeakMapPrototypeHas = uncurryThis(WeakMap.prototype.has);
  const WeakSetPrototypeHas = uncurryThis(WeakSet.prototype.has);

  const Uint8ArrayCtor = Uint8Array;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeGetSymbolToStringTag =
    uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get);
  const TypedArrayPrototypeGetLength =
    uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "length").get);
  const ArrayBufferPrototypeGetByteLength =
    uncurryThis(ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get);
  const SharedArrayBufferPrototypeGetByteLength = typeof SharedArrayBuffer === "function" ?
    uncurryThis(ObjectGetOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get) :
    undefined;
  const DataViewPrototypeGetBuffer =
    uncurryThis(ObjectGetOwnPropertyDescriptor(DataView.prototype, "buffer").get);
  const typedArrayConstructors = {
    __proto__: null,
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
    Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };

  const PromisePrototype = Promise.prototype;
  const AsyncFunctionPrototype = ObjectGetPrototypeOf(async function () {});
  const GeneratorFunctionPrototype = ObjectGetPrototypeOf(function* () {});
  const AsyncGeneratorFunctionPrototype = ObjectGetPrototypeOf(async function* () {});
  const ObjectPrototypeIsPrototypeOf = uncurryThis(ObjectPrototype.isPrototypeOf);

  // Host helpers are looked up at call time (the objects are captured). If a
  // `nano.v8` helper is missing, promises print as plain objects and proxies
  // are inspected like ordinary objects.
  const ops = nano.ops;
  const v8 = nano.v8;
  function v8Helper(name) {
    const fn = v8 !== undefined && v8 !== null ? v8[name] : undefined;
    return typeof fn === "function" ? fn : undefined;
  }
  function promiseState(promise) {
    const fn = v8Helper("promiseState");
    return fn === undefined ? -1 : ReflectApply(fn, v8, [promise]);
  }
  function promiseResult(promise) {
    const fn = v8Helper("promiseResult");
    return fn === undefined ? undefined : ReflectApply(fn, v8, [promise]);
  }
  function isProxy(value) {
    const fn = v8Helper("isProxy");
    return fn !== undefined && ReflectApply(fn, v8, [value]) === true;
  }

  function print(text, stream) {
    ReflectApply(ops.print, ops, [text, stream]);
  }

  // Everything from here to "console" below (type checks, inspect, format,
  // table rendering: most of this file) is the lazy part "inspect"
  // (core/core.js). It uses the built-ins captured above, at start-up, and
  // loads with the first console call that has more to format than plain
  // strings.
  let inspectPart = null;
  function loadedInspect() {
    if (inspectPart === null) nano.load("inspect");
    return inspectPart;
  }
  nano.lazy("inspect", function () {
  // ---------------------------------------------------------------------------
  // Type checks (brand checks through captured built-in accessors)
  // ---------------------------------------------------------------------------

  function isMap(v) {
    try { MapPrototypeGetSize(v); return true; } catch { return false; }
  }
  function isSet(v) {
    try { SetPrototypeGetSize(v); return true; } catch { return false; }
  }
  function isWeakMap(v) {
    try { WeakMapPrototypeHas(v, ObjectPrototype); return true; } catch { return false; }
  }
  function isWeakSet(v) {
    try { WeakSetPrototypeHas(v, ObjectPrototype); return true; } catch { return false; }
  }
  function isDate(v) {
    try { DatePrototypeGetTime(v); return true; } catch { return false; }
  }
  function isRegExp(v) {
    try { return typeof RegExpPrototypeGetGlobal(v) === "boolean"; } catch { return false; }
  }
  function isTypedArray(v) {
    return TypedArrayPrototypeGetSymbolToStringTag(v) !== undefined;
  }
  function isArrayBuffer(v) {
    try { ArrayBufferPrototypeGetByteLength(v); return true; } catch { return false; }
  }
  function isSharedArrayBuffer(v) {
    if (SharedArrayBufferPrototypeGetByteLength === undefined) return false;
    try { SharedArrayBufferPrototypeGetByteLength(v); return true; } catch { return false; }
  }
  function isAnyArrayBuffer(v) {
    return isArrayBuffer(v) || isSharedArrayBuffer(v);
  }
  function isDataView(v) {
    try { DataViewPrototypeGetBuffer(v); return true; } catch { return false; }
  }
  function isNumberObject(v) {
    try { NumberPrototypeValueOf(v); return true; } catch { return false; }
  }
  function isStringObject(v) {
    try { StringPrototypeValueOf(v); return true; } catch { return false; }
  }
  function isBooleanObject(v) {
    try { BooleanPrototypeValueOf(v); return true; } catch { return false; }
  }
  function isBigIntObject(v) {
    try { BigIntPrototypeValueOf(v); return true; } catch { return false; }
  }
  function isSymbolObject(v) {
    try { SymbolPrototypeValueOf(v); return true; } catch { return false; }
  }
  function isBoxedPrimitive(v) {
    return isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
      isBigIntObject(v) || isSymbolObject(v);
  }
  function isPromise(v) {
    if (ObjectPrototypeToString(v) !== "[object Promise]" &&
        !ObjectPrototypeIsPrototypeOf(PromisePrototype, v)) {
      return false;
    }
    try {
      const state = promiseState(v);
      return state === 0 || state === 1 || state === 2;
    } catch {
      return false;
    }
  }
  function isError(v) {
    return ObjectPrototypeToString(v) === "[object Error]" || isInstanceof(v, ErrorCtor);
  }
  function isArgumentsObject(v) {
    return ObjectPrototypeToString(v) === "[object Arguments]" &&
      v[SymbolToStringTag] === undefined;
  }
  function isModuleNamespaceObject(v) {
    if (ObjectGetPrototypeOf(v) !== null) return false;
    const desc = ObjectGetOwnPropertyDescriptor(v, SymbolToStringTag);
    return desc !== undefined && desc.value === "Module" && desc.writable === false &&
      desc.enumerable === false && desc.configurable === false;
  }
  function isMapIterator(v) {
    return ObjectGetPrototypeOf(v) === MapIteratorPrototype;
  }
  function isSetIterator(v) {
    return ObjectGetPrototypeOf(v) === SetIteratorPrototype;
  }
  function isAsyncFunction(v) {
    return ObjectPrototypeIsPrototypeOf(AsyncFunctionPrototype, v) ||
      ObjectPrototypeIsPrototypeOf(AsyncGeneratorFunctionPrototype, v);
  }
  function isGeneratorFunction(v) {
    return ObjectPrototypeIsPrototypeOf(GeneratorFunctionPrototype, v) ||
      ObjectPrototypeIsPrototypeOf(AsyncGeneratorFunctionPrototype, v);
  }
  function isInstanceof(object, ctor) {
    try { return object instanceof ctor; } catch { return false; }
  }
  function isStackOverflowError(err) {
    return isInstanceof(err, RangeErrorCtor) && err.message === "Maximum call stack size exceeded";
  }

  // Approximation of V8's JSReceiver::GetConstructorName, used for objects
  // whose prototype chain does not expose a named constructor. V8 first uses
  // the constructor recorded in the object's map (not observable from JS;
  // approximated for functions and arrays), then a `Symbol.toStringTag` data
  // property found on the prototype chain, and falls back to "Object".
  function internalGetConstructorName(value) {
    if (typeof value === "function") return "Function";
    if (ArrayIsArray(value)) return "Array";
    let obj = value;
    try {
      while (obj !== null) {
        const desc = ObjectGetOwnPropertyDescriptor(obj, SymbolToStringTag);
        if (desc !== undefined) {
          if (ObjectPrototypeHasOwnProperty(desc, "value") && typeof desc.value === "string") {
            return desc.value;
          }
          break;
        }
        obj = ObjectGetPrototypeOf(obj);
      }
    } catch {
      // Proxy traps may throw.
    }
    return "Object";
  }

  // Index keys of arrays and typed arrays: canonical numeric strings < 2**32 - 1.
  function isArrayIndex(key) {
    if (typeof key !== "string" || RegExpPrototypeExec(numberRegExp, key) === null) return false;
    return +key < 4294967295;
  }

  function getOwnNonIndexProperties(value, showHidden) {
    const names = showHidden ? ObjectGetOwnPropertyNames(value) : ObjectKeys(value);
    const keys = [];
    for (let i = 0; i < names.length; i++) {
      if (!isArrayIndex(names[i])) ArrayPrototypePush(keys, names[i]);
    }
    const symbols = ObjectGetOwnPropertySymbols(value);
    for (let i = 0; i < symbols.length; i++) {
      if (showHidden || ObjectPrototypePropertyIsEnumerable(value, symbols[i])) {
        ArrayPrototypePush(keys, symbols[i]);
      }
    }
    return keys;
  }

  // Globals that look like constructors (`Object`, `Map`, ...).
  const builtInObjects = new SetCtor();
  {
    const names = ObjectGetOwnPropertyNames(global);
    for (let i = 0; i < names.length; i++) {
      if (RegExpPrototypeExec(/^[A-Z][a-zA-Z0-9]+$/, names[i]) !== null) {
        SetPrototypeAdd(builtInObjects, names[i]);
      }
    }
  }

  // ---------------------------------------------------------------------------
  // inspect
  // ---------------------------------------------------------------------------

  const inspectDefaultOptions = {
    showHidden: false,
    depth: 2,
    colors: false,
    customInspect: true,
    showProxy: false,
    maxArrayLength: 100,
    maxStringLength: 10000,
    breakLength: 80,
    compact: 3,
    sorted: false,
    getters: false,
    numericSeparator: false,
  };

  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;
  const kMinLineLength = 16;

  /* eslint-disable no-control-regex */
  const strEscapeSequencesRegExp = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const strEscapeSequencesRegExpSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  /* eslint-enable no-control-regex */
  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const classRegExp = /^(\s+[^(]*?)\s*{/;
  const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;
  const ansiRegExp = new RegExpCtor(
    "[\\u001B\\u009B][[\\]()#;?]*" +
    "(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*" +
    "|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?" +
    "(?:\\u0007|\\u001B\\u005C|\\u009C))" +
    "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?" +
    "[\\dA-PR-TZcf-nq-uy=><~]))", "g");

  // Escapes for control characters, the single quote and the backslash.
  const meta = [];
  for (let i = 0; i < 0xa0; i++) {
    let s = "";
    if (i < 0x20 || (i >= 0x7f && i <= 0x9f)) {
      s = "\\x" + StringPrototypePadStart(
        StringPrototypeToUpperCase(NumberPrototypeToString(i, 16)), 2, "0");
    }
    meta[i] = s;
  }
  meta[8] = "\\b";
  meta[9] = "\\t";
  meta[10] = "\\n";
  meta[12] = "\\f";
  meta[13] = "\\r";
  meta[39] = "\\'";
  meta[92] = "\\\\";

  // Escapes control characters, the backslash, lone surrogates and (unless
  // `singleQuote` is not 39) the single quote. Written as a loop instead of a
  // RegExp replace so that it does not depend on RegExp.prototype.exec.
  function escapeString(str, singleQuote) {
    let result = "";
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const point = StringPrototypeCharCodeAt(str, i);
      if (point === singleQuote || point === 92 || point < 32 || (point > 126 && point < 160)) {
        result += StringPrototypeSlice(str, last, i) + meta[point];
        last = i + 1;
      } else if (point >= 0xd800 && point <= 0xdfff) {
        if (point <= 0xdbff && i + 1 < str.length) {
          const next = StringPrototypeCharCodeAt(str, i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            i++;
            continue;
          }
        }
        result += `${StringPrototypeSlice(str, last, i)}\\u${NumberPrototypeToString(point, 16)}`;
        last = i + 1;
      }
    }
    if (last === 0) return str;
    if (last !== str.length) {
      result += StringPrototypeSlice(str, last);
    }
    return result;
  }

  function addQuotes(str, quotes) {
    if (quotes === -1) return `"${str}"`;
    if (quotes === -2) return `\`${str}\``;
    return `'${str}'`;
  }

  // Quote a string the way Node does: single quotes by default, double quotes
  // if the string contains single quotes (but no double quotes), backticks if
  // it contains both (but no backticks / `${`); escape control characters.
  function strEscape(str) {
    let escapeTest = strEscapeSequencesRegExp;
    let singleQuote = 39;
    if (StringPrototypeIncludes(str, "'")) {
      if (!StringPrototypeIncludes(str, '"')) {
        singleQuote = -1;
      } else if (!StringPrototypeIncludes(str, "`") && !StringPrototypeIncludes(str, "${")) {
        singleQuote = -2;
      }
      if (singleQuote !== 39) {
        escapeTest = strEscapeSequencesRegExpSingle;
      }
    }
    if (str.length < 5000 && RegExpPrototypeExec(escapeTest, str) === null) {
      return addQuotes(str, singleQuote);
    }
    return addQuotes(escapeString(str, singleQuote), singleQuote);
  }

  function stripVTControlCharacters(str) {
    if (!StringPrototypeIncludes(str, "\u001b") && !StringPrototypeIncludes(str, "\u009b")) {
      return str;
    }
    ansiRegExp.lastIndex = 0;
    return RegExpPrototypeSymbolReplace(ansiRegExp, str, "");
  }

  function isFullWidthCodePoint(code) {
    return code >= 0x1100 && (
      code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) ||
      (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1b000 && code <= 0x1b001) ||
      (code >= 0x1f200 && code <= 0x1f251) ||
      (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x20000 && code <= 0x3fffd)
    );
  }

  function isZeroWidthCodePoint(code) {
    return code <= 0x1F ||
      (code >= 0x7F && code <= 0x9F) ||
      (code >= 0x300 && code <= 0x36F) ||
      (code >= 0x200B && code <= 0x200F) ||
      (code >= 0x20D0 && code <= 0x20FF) ||
      (code >= 0xFE00 && code <= 0xFE0F) ||
      (code >= 0xFE20 && code <= 0xFE2F) ||
      (code >= 0xE0100 && code <= 0xE01EF);
  }

  // Number of terminal columns needed to display `str`.
  function getStringWidth(str, removeControlChars = true) {
    if (removeControlChars) str = stripVTControlCharacters(str);
    let width = 0;
    let i = 0;
    // Fast path for ASCII.
    for (; i < str.length; i++) {
      const code = StringPrototypeCharCodeAt(str, i);
      if (code >= 127) break;
      if (code >= 32) width++;
    }
    if (i === str.length) return width;
    str = StringPrototypeNormalize(StringPrototypeSlice(str, i), "NFC");
    for (let j = 0; j < str.length; j++) {
      const code = StringPrototypeCodePointAt(str, j);
      if (code > 0xffff) j++;
      if (isFullWidthCodePoint(code)) {
        width += 2;
      } else if (!isZeroWidthCodePoint(code)) {
        width++;
      }
    }
    return width;
  }

  function join(output, separator) {
    return ArrayPrototypeJoin(output, separator);
  }

  function inspect(value, opts) {
    const ctx = {
      budget: { __proto__: null },
      indentationLvl: 0,
      seen: [],
      currentDepth: 0,
      circular: undefined,
      showHidden: inspectDefaultOptions.showHidden,
      depth: inspectDefaultOptions.depth,
      colors: inspectDefaultOptions.colors,
      customInspect: inspectDefaultOptions.customInspect,
      showProxy: inspectDefaultOptions.showProxy,
      maxArrayLength: inspectDefaultOptions.maxArrayLength,
      maxStringLength: inspectDefaultOptions.maxStringLength,
      breakLength: inspectDefaultOptions.breakLength,
      compact: inspectDefaultOptions.compact,
      sorted: inspectDefaultOptions.sorted,
      getters: inspectDefaultOptions.getters,
      numericSeparator: inspectDefaultOptions.numericSeparator,
    };
    if (arguments.length > 1) {
      // Legacy signature: inspect(value, showHidden, depth, colors)
      if (arguments.length > 2 && arguments[2] !== undefined) {
        ctx.depth = arguments[2];
      }
      if (typeof opts === "boolean") {
        ctx.showHidden = opts;
      } else if (opts !== null && typeof opts === "object") {
        const optKeys = ObjectKeys(opts);
        for (let i = 0; i < optKeys.length; i++) {
          const key = optKeys[i];
          if (ObjectPrototypeHasOwnProperty(inspectDefaultOptions, key)) {
            ctx[key] = opts[key];
          }
        }
      }
    }
    // Colors are not supported by this runtime.
    ctx.colors = false;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0);
  }

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== "object" && typeof value !== "function") {
      return formatPrimitive(value, ctx);
    }
    if (value === null) {
      return "null";
    }
    if (isProxy(value)) {
      // The target is not reachable from JS; inspect through the proxy, but
      // detect revoked proxies (every trap throws).
      try {
        ObjectGetPrototypeOf(value);
      } catch {
        return "<Revoked Proxy>";
      }
    }
    if (ArrayPrototypeIncludes(ctx.seen, value)) {
      let index = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new MapCtor();
        MapPrototypeSet(ctx.circular, value, index);
      } else {
        index = MapPrototypeGet(ctx.circular, value);
        if (index === undefined) {
          index = MapPrototypeGetSize(ctx.circular) + 1;
          MapPrototypeSet(ctx.circular, value, index);
        }
      }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  function getConstructorName(obj, ctx, recurseTimes, protoProps) {
    let firstProto;
    const tmp = obj;
    while (obj) {
      if (obj === ObjectPrototype || obj === FunctionPrototype) {
        const ctor = obj === ObjectPrototype ? ObjectCtor : FunctionCtor;
        if (FunctionPrototypeSymbolHasInstance(ctor, tmp)) {
          if (protoProps !== undefined && firstProto !== obj) {
            addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
          }
          return obj === ObjectPrototype ? "Object" : "Function";
        }
      }
      const descriptor = ObjectGetOwnPropertyDescriptor(obj, "constructor");
      if (descriptor !== undefined &&
          typeof descriptor.value === "function" &&
          descriptor.value.name !== "" &&
          isInstanceof(tmp, descriptor.value)) {
        if (protoProps !== undefined &&
            (firstProto !== obj || !SetPrototypeHas(builtInObjects, descriptor.value.name))) {
          addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
        }
        return StringCtor(descriptor.value.name);
      }
      obj = ObjectGetPrototypeOf(obj);
      if (firstProto === undefined) {
        firstProto = obj;
      }
    }
    if (firstProto === null) {
      return null;
    }
    const res = internalGetConstructorName(tmp);
    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      return `${res} <Complex prototype>`;
    }
    const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
    if (protoConstr === null) {
      return `${res} <${inspect(firstProto, {
        __proto__: null,
        showHidden: ctx.showHidden,
        maxArrayLength: ctx.maxArrayLength,
        maxStringLength: ctx.maxStringLength,
        breakLength: ctx.breakLength,
        compact: ctx.compact,
        sorted: ctx.sorted,
        getters: ctx.getters,
        numericSeparator: ctx.numericSeparator,
        depth: -1,
      })}>`;
    }
    return `${res} <${protoConstr}>`;
  }

  // Adds user defined prototype properties to `output` (showHidden only).
  function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
    let depth = 0;
    let keys;
    let keySet;
    do {
      if (depth !== 0 || main === obj) {
        obj = ObjectGetPrototypeOf(obj);
        if (obj === null) return;
        const descriptor = ObjectGetOwnPropertyDescriptor(obj, "constructor");
        if (descriptor !== undefined &&
            typeof descriptor.value === "function" &&
            SetPrototypeHas(builtInObjects, descriptor.value.name)) {
          return;
        }
      }
      if (depth === 0) {
        keySet = new SetCtor();
      } else {
        for (let i = 0; i < keys.length; i++) SetPrototypeAdd(keySet, keys[i]);
      }
      keys = ReflectOwnKeys(obj);
      ArrayPrototypePush(ctx.seen, main);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (key === "constructor" ||
            ObjectPrototypeHasOwnProperty(main, key) ||
            (depth !== 0 && SetPrototypeHas(keySet, key))) {
          continue;
        }
        const desc = ObjectGetOwnPropertyDescriptor(obj, key);
        if (typeof desc.value === "function") continue;
        ArrayPrototypePush(output, formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main));
      }
      ArrayPrototypePop(ctx.seen);
    } while (++depth !== 3);
  }

  function getPrefix(constructor, tag, fallback, size = "") {
    if (constructor === null) {
      if (tag !== "" && fallback !== tag) {
        return `[${fallback}${size}: null prototype] [${tag}] `;
      }
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== "" && constructor !== tag) {
      return `${constructor}${size} [${tag}] `;
    }
    return `${constructor}${size} `;
  }

  function getKeys(value, showHidden) {
    let keys;
    const symbols = ObjectGetOwnPropertySymbols(value);
    if (showHidden) {
      keys = ObjectGetOwnPropertyNames(value);
      for (let i = 0; i < symbols.length; i++) ArrayPrototypePush(keys, symbols[i]);
    } else {
      try {
        keys = ObjectKeys(value);
      } catch {
        // Module namespace objects with uninitialized bindings.
        keys = ObjectGetOwnPropertyNames(value);
      }
      for (let i = 0; i < symbols.length; i++) {
        if (ObjectPrototypePropertyIsEnumerable(value, symbols[i])) {
          ArrayPrototypePush(keys, symbols[i]);
        }
      }
    }
    return keys;
  }

  function getCtxStyle(value, constructor, tag) {
    let fallback = "";
    if (constructor === null) {
      fallback = internalGetConstructorName(value);
      if (fallback === tag) fallback = "Object";
    }
    return getPrefix(constructor, tag, fallback);
  }

  function getEmptyFormatArray() {
    return [];
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let keys;
    let protoProps;
    if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) {
      protoProps = [];
    }
    const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
    if (protoProps !== undefined && protoProps.length === 0) {
      protoProps = undefined;
    }

    let tag = value[SymbolToStringTag];
    // Only list the tag in case it's non-enumerable / not an own property.
    if (typeof tag !== "string" ||
        (tag !== "" &&
         (ctx.showHidden ? ObjectPrototypeHasOwnProperty : ObjectPrototypePropertyIsEnumerable)(
           value, SymbolToStringTag))) {
      tag = "";
    }
    let base = "";
    let formatter = getEmptyFormatArray;
    let braces;
    let noIterator = true;
    let extrasType = kObjectType;

    if (SymbolIterator in value || constructor === null) {
      noIterator = false;
      if (ArrayIsArray(value)) {
        const prefix = (constructor !== "Array" || tag !== "") ?
          getPrefix(constructor, tag, "Array", `(${value.length})`) : "";
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        braces = [`${prefix}[`, "]"];
        if (value.length === 0 && keys.length === 0 && protoProps === undefined) {
          return `${braces[0]}]`;
        }
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (isSet(value)) {
        const size = SetPrototypeGetSize(value);
        const prefix = getPrefix(constructor, tag, "Set", `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = formatSet;
        if (size === 0 && keys.length === 0 && protoProps === undefined) {
          return `${prefix}{}`;
        }
        braces = [`${prefix}{`, "}"];
      } else if (isMap(value)) {
        const size = MapPrototypeGetSize(value);
        const prefix = getPrefix(constructor, tag, "Map", `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = formatMap;
        if (size === 0 && keys.length === 0 && protoProps === undefined) {
          return `${prefix}{}`;
        }
        braces = [`${prefix}{`, "}"];
      } else if (isTypedArray(value)) {
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        let bound = value;
        let fallback = "";
        if (constructor === null) {
          fallback = TypedArrayPrototypeGetSymbolToStringTag(value);
          bound = new typedArrayConstructors[fallback](value);
        }
        const size = TypedArrayPrototypeGetLength(value);
        const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
        braces = [`${prefix}[`, "]"];
        if (size === 0 && keys.length === 0 && !ctx.showHidden) {
          return `${braces[0]}]`;
        }
        formatter = (ctx, v, recurseTimes) => formatTypedArray(bound, size, ctx, recurseTimes);
        extrasType = kArrayExtrasType;
      } else if (isMapIterator(value)) {
        keys = getKeys(value, ctx.showHidden);
        braces = getIteratorBraces("Map", tag);
        formatter = formatIterator;
      } else if (isSetIterator(value)) {
        keys = getKeys(value, ctx.showHidden);
        braces = getIteratorBraces("Set", tag);
        formatter = formatIterator;
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, ctx.showHidden);
      braces = ["{", "}"];
      if (typeof value === "function") {
        base = getFunctionBase(value, constructor, tag);
        if (keys.length === 0 && protoProps === undefined) {
          return base;
        }
      } else if (constructor === "Object") {
        if (isArgumentsObject(value)) {
          braces[0] = "[Arguments] {";
        } else if (tag !== "") {
          braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
        }
        if (keys.length === 0 && protoProps === undefined) {
          return `${braces[0]}}`;
        }
      } else if (isRegExp(value)) {
        base = RegExpPrototypeToString(constructor !== null ? value : new RegExpCtor(value));
        const prefix = getPrefix(constructor, tag, "RegExp");
        if (prefix !== "RegExp ") base = `${prefix}${base}`;
        if ((keys.length === 0 && protoProps === undefined) ||
            (recurseTimes > ctx.depth && ctx.depth !== null)) {
          return base;
        }
      } else if (isDate(value)) {
        base = NumberIsNaN(DatePrototypeGetTime(value)) ?
          DatePrototypeToString(value) :
          DatePrototypeToISOString(value);
        const prefix = getPrefix(constructor, tag, "Date");
        if (prefix !== "Date ") base = `${prefix}${base}`;
        if (keys.length === 0 && protoProps === undefined) {
          return base;
        }
      } else if (isError(value)) {
        base = formatError(value, constructor, tag, ctx, keys);
        if (keys.length === 0 && protoProps === undefined) {
          return base;
        }
      } else if (isAnyArrayBuffer(value)) {
        const arrayType = isArrayBuffer(value) ? "ArrayBuffer" : "SharedArrayBuffer";
        const prefix = getPrefix(constructor, tag, arrayType);
        if (typedArray === undefined) {
          formatter = formatArrayBuffer;
        } else if (keys.length === 0 && protoProps === undefined) {
          return prefix + `{ byteLength: ${formatNumber(value.byteLength, false)} }`;
        }
        braces[0] = `${prefix}{`;
        ArrayPrototypeUnshift(keys, "byteLength");
      } else if (isDataView(value)) {
        braces[0] = `${getPrefix(constructor, tag, "DataView")}{`;
        ArrayPrototypeUnshift(keys, "byteLength", "byteOffset", "buffer");
      } else if (isPromise(value)) {
        braces[0] = `${getPrefix(constructor, tag, "Promise")}{`;
        formatter = formatPromise;
      } else if (isWeakSet(value)) {
        braces[0] = `${getPrefix(constructor, tag, "WeakSet")}{`;
        formatter = formatWeakCollection;
      } else if (isWeakMap(value)) {
        braces[0] = `${getPrefix(constructor, tag, "WeakMap")}{`;
        formatter = formatWeakCollection;
      } else if (isModuleNamespaceObject(value)) {
        braces[0] = `${getPrefix(constructor, tag, "Module")}{`;
        const nsKeys = keys;
        keys = [];
        formatter = (ctx, value, recurseTimes) =>
          formatNamespaceObject(nsKeys, ctx, value, recurseTimes);
      } else if (isBoxedPrimitive(value)) {
        base = getBoxedBase(value, ctx, keys, constructor, tag);
        if (keys.length === 0 && protoProps === undefined) {
          return base;
        }
      } else {
        if (keys.length === 0 && protoProps === undefined) {
          return `${getCtxStyle(value, constructor, tag)}{}`;
        }
        braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
      }
    }

    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      let constructorName = StringPrototypeSlice(getCtxStyle(value, constructor, tag), 0, -1);
      if (constructor !== null) constructorName = `[${constructorName}]`;
      return constructorName;
    }
    recurseTimes += 1;

    ArrayPrototypePush(ctx.seen, value);
    ctx.currentDepth = recurseTimes;
    let output;
    const indentationLvl = ctx.indentationLvl;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keys.length; i++) {
        ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
      if (protoProps !== undefined) {
        for (let i = 0; i < protoProps.length; i++) ArrayPrototypePush(output, protoProps[i]);
      }
    } catch (err) {
      if (!isStackOverflowError(err)) throw err;
      const constructorName = StringPrototypeSlice(getCtxStyle(value, constructor, tag), 0, -1);
      ArrayPrototypePop(ctx.seen);
      ctx.indentationLvl = indentationLvl;
      return `[${constructorName}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`;
    }
    if (ctx.circular !== undefined) {
      const index = MapPrototypeGet(ctx.circular, value);
      if (index !== undefined) {
        const reference = `<ref *${index}>`;
        if (ctx.compact !== true) {
          base = base === "" ? reference : `${reference} ${base}`;
        } else {
          braces[0] = `${reference} ${braces[0]}`;
        }
      }
    }
    ArrayPrototypePop(ctx.seen);

    if (ctx.sorted) {
      const comparator = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) {
        ArrayPrototypeSort(output, comparator);
      } else if (keys.length > 1) {
        const sorted = ArrayPrototypeSort(
          ArrayPrototypeSlice(output, output.length - keys.length), comparator);
        ArrayPrototypeUnshift(sorted, output, output.length - keys.length, keys.length);
        ReflectApply(ArrayPrototypeSplice, null, sorted);
      }
    }

    const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
    const budget = ctx.budget[ctx.indentationLvl] || 0;
    const newLength = budget + res.length;
    ctx.budget[ctx.indentationLvl] = newLength;
    if (newLength > 2 ** 27) {
      ctx.depth = -1;
    }
    return res;
  }

  function getIteratorBraces(type, tag) {
    if (tag !== `${type} Iterator`) {
      if (tag !== "") tag += "] [";
      tag += `${type} Iterator`;
    }
    return [`[${tag}] {`, "}"];
  }

  // Iterators can not be previewed without consuming them.
  function formatIterator(ctx) {
    return ["<items unknown>"];
  }

  function getBoxedBase(value, ctx, keys, constructor, tag) {
    let fn;
    let type;
    if (isNumberObject(value)) {
      fn = NumberPrototypeValueOf;
      type = "Number";
    } else if (isStringObject(value)) {
      fn = StringPrototypeValueOf;
      type = "String";
      // Drop the index keys of boxed strings.
      ArrayPrototypeSplice(keys, 0, StringPrototypeValueOf(value).length);
    } else if (isBooleanObject(value)) {
      fn = BooleanPrototypeValueOf;
      type = "Boolean";
    } else if (isBigIntObject(value)) {
      fn = BigIntPrototypeValueOf;
      type = "BigInt";
    } else {
      fn = SymbolPrototypeValueOf;
      type = "Symbol";
    }
    let base = `[${type}`;
    if (type !== constructor) {
      if (constructor === null) {
        base += " (null prototype)";
      } else {
        base += ` (${constructor})`;
      }
    }
    base += `: ${formatPrimitive(fn(value), ctx)}]`;
    if (tag !== "" && tag !== constructor) {
      base += ` [${tag}]`;
    }
    return base;
  }

  function getClassBase(value, constructor, tag) {
    const hasName = ObjectPrototypeHasOwnProperty(value, "name");
    const name = (hasName && value.name) || "(anonymous)";
    let base = `class ${name}`;
    if (constructor !== "Function" && constructor !== null) {
      base += ` [${constructor}]`;
    }
    if (tag !== "" && constructor !== tag) {
      base += ` [${tag}]`;
    }
    if (constructor !== null) {
      const superName = ObjectGetPrototypeOf(value).name;
      if (superName) {
        base += ` extends ${superName}`;
      }
    } else {
      base += " extends [null prototype]";
    }
    return `[${base}]`;
  }

  function getFunctionBase(value, constructor, tag) {
    let stringified = "";
    try {
      stringified = FunctionPrototypeToString(value);
    } catch {
      // Proxies of non-function objects, etc.
    }
    if (StringPrototypeStartsWith(stringified, "class") &&
        StringPrototypeEndsWith(stringified, "}")) {
      const slice = StringPrototypeSlice(stringified, 5, -1);
      const bracketIndex = StringPrototypeIndexOf(slice, "{");
      if (bracketIndex !== -1) {
        stripCommentsRegExp.lastIndex = 0;
        if (!StringPrototypeIncludes(StringPrototypeSlice(slice, 0, bracketIndex), "(") ||
            RegExpPrototypeExec(classRegExp,
              RegExpPrototypeSymbolReplace(stripCommentsRegExp, slice, "")) !== null) {
          return getClassBase(value, constructor, tag);
        }
      }
    }
    let type = "Function";
    if (isGeneratorFunction(value)) {
      type = `Generator${type}`;
    }
    if (isAsyncFunction(value)) {
      type = `Async${type}`;
    }
    let base = `[${type}`;
    if (constructor === null) {
      base += " (null prototype)";
    }
    if (value.name === "") {
      base += " (anonymous)";
    } else {
      base += `: ${value.name}`;
    }
    base += "]";
    if (constructor !== type && constructor !== null) {
      base += ` ${constructor}`;
    }
    if (tag !== "" && constructor !== tag) {
      base += ` [${tag}]`;
    }
    return base;
  }

  function identicalSequenceRange(a, b) {
    for (let i = 0; i < a.length - 3; i++) {
      const pos = ArrayPrototypeIndexOf(b, a[i]);
      if (pos !== -1) {
        const rest = b.length - pos;
        if (rest > 3) {
          let len = 1;
          const maxLen = MathMin(a.length - i, rest);
          while (maxLen > len && a[i + len] === b[pos + len]) {
            len++;
          }
          if (len > 3) {
            return { len, offset: i };
          }
        }
      }
    }
    return { len: 0, offset: 0 };
  }

  function getStackString(error) {
    return error.stack ? StringCtor(error.stack) : ErrorPrototypeToString(error);
  }

  function getStackFrames(ctx, err, stack) {
    const frames = StringPrototypeSplit(stack, "\n");
    let cause;
    try {
      cause = err.cause;
    } catch {
      // A throwing `cause` getter is ignored.
    }
    // Remove stack frames identical to frames in cause.
    if (cause != null && isError(cause)) {
      const causeStack = getStackString(cause);
      const causeStackStart = StringPrototypeIndexOf(causeStack, "\n    at");
      if (causeStackStart !== -1) {
        const causeFrames = StringPrototypeSplit(
          StringPrototypeSlice(causeStack, causeStackStart + 1), "\n");
        const { len, offset } = identicalSequenceRange(frames, causeFrames);
        if (len > 0) {
          const skipped = len - 2;
          const msg = `    ... ${skipped} lines matching cause stack trace ...`;
          ArrayPrototypeSplice(frames, offset + 1, skipped, msg);
        }
      }
    }
    return frames;
  }

  function improveStack(stack, constructor, name, tag) {
    // A stack trace may contain arbitrary data. Only manipulate the output
    // for "regular errors" (errors that "look normal").
    let len = name.length;
    if (constructor === null ||
        (StringPrototypeEndsWith(name, "Error") &&
         StringPrototypeStartsWith(stack, name) &&
         (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
      let fallback = "Error";
      if (constructor === null) {
        const start = RegExpPrototypeExec(/^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/, stack) ||
          RegExpPrototypeExec(/^([a-z_A-Z0-9-]*Error)$/, stack);
        fallback = (start && start[1]) || "";
        len = fallback.length;
        fallback = fallback || "Error";
      }
      const prefix = StringPrototypeSlice(getPrefix(constructor, tag, fallback), 0, -1);
      if (name !== prefix) {
        if (StringPrototypeIncludes(prefix, name)) {
          if (len === 0) {
            stack = `${prefix}: ${stack}`;
          } else {
            stack = `${prefix}${StringPrototypeSlice(stack, len)}`;
          }
        } else {
          stack = `${prefix} [${name}]${StringPrototypeSlice(stack, len)}`;
        }
      }
    }
    return stack;
  }

  function removeDuplicateErrorKeys(ctx, keys, err, stack) {
    if (!ctx.showHidden && keys.length !== 0) {
      const names = ["name", "message", "stack"];
      for (let i = 0; i < names.length; i++) {
        const index = ArrayPrototypeIndexOf(keys, names[i]);
        // Only hide the property in case it's part of the original stack.
        if (index !== -1 && StringPrototypeIncludes(stack, err[names[i]])) {
          ArrayPrototypeSplice(keys, index, 1);
        }
      }
    }
  }

  function formatError(err, constructor, tag, ctx, keys) {
    const name = err.name != null ? StringCtor(err.name) : "Error";
    let stack = getStackString(err);
    removeDuplicateErrorKeys(ctx, keys, err, stack);
    if ("cause" in err && (keys.length === 0 || !ArrayPrototypeIncludes(keys, "cause"))) {
      ArrayPrototypePush(keys, "cause");
    }
    // Print errors aggregated into AggregateError.
    if (ArrayIsArray(err.errors) &&
        (keys.length === 0 || !ArrayPrototypeIncludes(keys, "errors"))) {
      ArrayPrototypePush(keys, "errors");
    }
    stack = improveStack(stack, constructor, name, tag);

    // Ignore the error message if it's contained in the stack.
    let pos = (err.message && StringPrototypeIndexOf(stack, err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
    // Wrap the error in brackets in case it has no stack trace.
    const stackStart = StringPrototypeIndexOf(stack, "\n    at", pos);
    if (stackStart === -1) {
      stack = `[${stack}]`;
    } else {
      const lines = getStackFrames(ctx, err, StringPrototypeSlice(stack, stackStart + 1));
      stack = `${StringPrototypeSlice(stack, 0, stackStart)}\n${join(lines, "\n")}`;
    }
    // The message and the stack have to be indented as well.
    if (ctx.indentationLvl !== 0) {
      const indentation = StringPrototypeRepeat(" ", ctx.indentationLvl);
      stack = join(StringPrototypeSplit(stack, "\n"), `\n${indentation}`);
    }
    return stack;
  }

  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) {
      // This makes sure the "... n more items" part is not taken into account.
      outputLength--;
    }
    const separatorSpace = 2; // Add 1 for the space and 1 for the separator.
    const dataLen = [];
    for (; i < outputLength; i++) {
      const len = getStringWidth(output[i], ctx.colors);
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    // Check if at least three entries fit next to each other and prevent
    // grouping of arrays that contain entries of very different length.
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      const approxCharHeights = 2.5;
      const averageBias = MathSqrt(actualMax - totalLength / output.length);
      const biasedMax = MathMax(actualMax - 3 - averageBias, 1);
      const columns = MathMin(
        MathRound(MathSqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
        MathFloor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) {
        return output;
      }
      const tmp = [];
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineMaxLength = 0;
        for (let j = i; j < output.length; j += columns) {
          if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
        }
        maxLineLength[i] = lineMaxLength + separatorSpace;
      }
      let order = StringPrototypePadStart;
      if (value !== undefined) {
        for (let i = 0; i < output.length; i++) {
          if (typeof value[i] !== "number" && typeof value[i] !== "bigint") {
            order = StringPrototypePadEnd;
            break;
          }
        }
      }
      for (let i = 0; i < outputLength; i += columns) {
        const max = MathMin(i + columns, outputLength);
        let str = "";
        let j = i;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
          str += order(`${output[j]}, `, padding, " ");
        }
        if (order === StringPrototypePadStart) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
          str += StringPrototypePadStart(output[j], padding, " ");
        } else {
          str += output[j];
        }
        ArrayPrototypePush(tmp, str);
      }
      if (ctx.maxArrayLength < output.length) {
        ArrayPrototypePush(tmp, output[outputLength]);
      }
      output = tmp;
    }
    return output;
  }

  function addNumericSeparator(integerString) {
    let result = "";
    let i = integerString.length;
    const start = integerString[0] === "-" ? 1 : 0;
    for (; i >= start + 4; i -= 3) {
      result = `_${StringPrototypeSlice(integerString, i - 3, i)}${result}`;
    }
    return i === integerString.length ?
      integerString :
      `${StringPrototypeSlice(integerString, 0, i)}${result}`;
  }

  function addNumericSeparatorEnd(integerString) {
    let result = "";
    let i = 0;
    for (; i < integerString.length - 3; i += 3) {
      result += `${StringPrototypeSlice(integerString, i, i + 3)}_`;
    }
    return i === 0 ? integerString : `${result}${StringPrototypeSlice(integerString, i)}`;
  }

  function remainingText(remaining) {
    return `... ${remaining} more item${remaining > 1 ? "s" : ""}`;
  }

  function formatNumber(number, numericSeparator) {
    if (!numericSeparator) {
      if (ObjectIs(number, -0)) return "-0";
      return `${number}`;
    }
    const numberString = StringCtor(number);
    const integer = MathTrunc(number);
    if (integer === number) {
      if (!NumberIsFinite(number) || StringPrototypeIncludes(numberString, "e")) {
        return numberString;
      }
      return addNumericSeparator(numberString);
    }
    if (NumberIsNaN(number)) return numberString;
    const decimalIndex = StringPrototypeIndexOf(numberString, ".");
    const integerPart = StringPrototypeSlice(numberString, 0, decimalIndex);
    const fractionalPart = StringPrototypeSlice(numberString, decimalIndex + 1);
    return `${addNumericSeparator(integerPart)}.${addNumericSeparatorEnd(fractionalPart)}`;
  }

  function formatBigInt(bigint, numericSeparator) {
    const string = StringCtor(bigint);
    if (!numericSeparator) return `${string}n`;
    return `${addNumericSeparator(string)}n`;
  }

  // Like value.split(/(?<=\n)/): split after each line feed.
  function splitAfterNewlines(value) {
    const lines = [];
    let start = 0;
    for (;;) {
      const index = StringPrototypeIndexOf(value, "\n", start);
      if (index === -1 || index === value.length - 1) break;
      ArrayPrototypePush(lines, StringPrototypeSlice(value, start, index + 1));
      start = index + 1;
    }
    ArrayPrototypePush(lines, StringPrototypeSlice(value, start));
    return lines;
  }

  function formatPrimitive(value, ctx) {
    if (typeof value === "string") {
      let trailer = "";
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = StringPrototypeSlice(value, 0, ctx.maxStringLength);
        trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
      }
      if (ctx.compact !== true &&
          value.length > kMinLineLength &&
          value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        const lines = splitAfterNewlines(value);
        return join(ArrayPrototypeMap(lines, (line) => strEscape(line)),
          ` +\n${StringPrototypeRepeat(" ", ctx.indentationLvl + 2)}`) + trailer;
      }
      return strEscape(value) + trailer;
    }
    if (typeof value === "number") return formatNumber(value, ctx.numericSeparator);
    if (typeof value === "bigint") return formatBigInt(value, ctx.numericSeparator);
    if (typeof value === "boolean") return `${value}`;
    if (typeof value === "undefined") return "undefined";
    return SymbolPrototypeToString(value);
  }

  function formatNamespaceObject(keys, ctx, value, recurseTimes) {
    const output = [];
    for (let i = 0; i < keys.length; i++) {
      try {
        output[i] = formatProperty(ctx, value, recurseTimes, keys[i], kObjectType);
      } catch {
        // Uninitialized binding (TDZ).
        const tmp = { [keys[i]]: "" };
        output[i] = formatProperty(ctx, tmp, recurseTimes, keys[i], kObjectType);
        const pos = StringPrototypeLastIndexOf(output[i], " ");
        output[i] = StringPrototypeSlice(output[i], 0, pos + 1) + "<uninitialized>";
      }
    }
    return output;
  }

  // The array is sparse and/or has extra keys.
  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = ObjectKeys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      // Arrays can only have up to 2^32 - 1 entries.
      if (tmp > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (RegExpPrototypeExec(numberRegExp, key) === null) break;
        const emptyItems = tmp - index;
        const ending = emptyItems > 1 ? "s" : "";
        ArrayPrototypePush(output, `<${emptyItems} empty item${ending}>`);
        index = tmp;
        if (output.length === maxLength) break;
      }
      ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) {
        const ending = remaining > 1 ? "s" : "";
        ArrayPrototypePush(output, `<${remaining} empty item${ending}>`);
      }
    } else if (remaining > 0) {
      ArrayPrototypePush(output, remainingText(remaining));
    }
    return output;
  }

  function hexByte(b) {
    return b < 16 ? `0${NumberPrototypeToString(b, 16)}` : NumberPrototypeToString(b, 16);
  }

  function formatArrayBuffer(ctx, value) {
    let buffer;
    try {
      buffer = new Uint8ArrayCtor(value);
    } catch {
      return ["(detached)"];
    }
    const length = TypedArrayPrototypeGetLength(buffer);
    const max = MathMin(ctx.maxArrayLength, length);
    let str = "";
    for (let i = 0; i < max; i++) {
      str += (i === 0 ? "" : " ") + hexByte(buffer[i]);
    }
    const remaining = length - ctx.maxArrayLength;
    if (remaining > 0) {
      str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
    }
    return [`[Uint8Contents]: <${str}>`];
  }

  function formatArray(ctx, value, recurseTimes) {
    const valLen = value.length;
    const len = MathMin(MathMax(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output = [];
    for (let i = 0; i < len; i++) {
      // Special handle sparse arrays.
      if (!ObjectPrototypeHasOwnProperty(value, i)) {
        return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      }
      ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) {
      ArrayPrototypePush(output, remainingText(remaining));
    }
    return output;
  }

  function formatTypedArray(value, length, ctx, recurseTimes) {
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    const isNumberElement = length > 0 && typeof value[0] === "number";
    for (let i = 0; i < maxLength; ++i) {
      output[i] = isNumberElement ?
        formatNumber(value[i], ctx.numericSeparator) :
        formatBigInt(value[i], ctx.numericSeparator);
    }
    if (remaining > 0) {
      output[maxLength] = remainingText(remaining);
    }
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      const names = ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"];
      for (let i = 0; i < names.length; i++) {
        const str = formatValue(ctx, value[names[i]], recurseTimes, true);
        ArrayPrototypePush(output, `[${names[i]}]: ${str}`);
      }
      ctx.indentationLvl -= 2;
    }
    return output;
  }

  function formatSet(ctx, value, recurseTimes) {
    const length = SetPrototypeGetSize(value);
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    ctx.indentationLvl += 2;
    const iterator = SetPrototypeValues(value);
    for (let i = 0; i < maxLength; i++) {
      const step = SetIteratorPrototypeNext(iterator);
      if (step.done) break;
      ArrayPrototypePush(output, formatValue(ctx, step.value, recurseTimes));
    }
    if (remaining > 0) {
      ArrayPrototypePush(output, remainingText(remaining));
    }
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(ctx, value, recurseTimes) {
    const length = MapPrototypeGetSize(value);
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    ctx.indentationLvl += 2;
    const iterator = MapPrototypeEntries(value);
    for (let i = 0; i < maxLength; i++) {
      const step = MapIteratorPrototypeNext(iterator);
      if (step.done) break;
      const entry = step.value;
      ArrayPrototypePush(output,
        `${formatValue(ctx, entry[0], recurseTimes)} => ${formatValue(ctx, entry[1], recurseTimes)}`);
    }
    if (remaining > 0) {
      ArrayPrototypePush(output, remainingText(remaining));
    }
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatWeakCollection() {
    return ["<items unknown>"];
  }

  function formatPromise(ctx, value, recurseTimes) {
    const state = promiseState(value);
    if (state === 0) {
      return ["<pending>"];
    }
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, promiseResult(value), recurseTimes);
    ctx.indentationLvl -= 2;
    return [state === 2 ? `<rejected> ${str}` : str];
  }

  function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
    let name, str;
    let extra = " ";
    desc = desc || ObjectGetOwnPropertyDescriptor(value, key) ||
      { value: value[key], enumerable: true };
    if (desc.value !== undefined) {
      const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < getStringWidth(str, ctx.colors)) {
        extra = `\n${StringPrototypeRepeat(" ", ctx.indentationLvl)}`;
      }
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? "Getter/Setter" : "Getter";
      if (ctx.getters && (ctx.getters === true ||
            (ctx.getters === "get" && desc.set === undefined) ||
            (ctx.getters === "set" && desc.set !== undefined))) {
        try {
          const tmp = ReflectApply(desc.get, original, []);
          ctx.indentationLvl += 2;
          if (tmp === null) {
            str = `[${label}: null]`;
          } else if (typeof tmp === "object") {
            str = `[${label}] ${formatValue(ctx, tmp, recurseTimes)}`;
          } else {
            str = `[${label}: ${formatPrimitive(tmp, ctx)}]`;
          }
          ctx.indentationLvl -= 2;
        } catch (err) {
          str = `[${label}: <Inspection threw (${err.message})>]`;
        }
      } else {
        str = `[${label}]`;
      }
    } else if (desc.set !== undefined) {
      str = "[Setter]";
    } else {
      str = "undefined";
    }
    if (type === kArrayType) {
      return str;
    }
    if (typeof key === "symbol") {
      name = `[${escapeString(SymbolPrototypeToString(key), 39)}]`;
    } else if (key === "__proto__") {
      name = "['__proto__']";
    } else if (desc.enumerable === false) {
      name = `[${escapeString(key, 39)}]`;
    } else if (RegExpPrototypeExec(keyStrRegExp, key) !== null) {
      name = key;
    } else {
      name = strEscape(key);
    }
    return `${name}:${extra}${str}`;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    // Each entry is separated by at least a comma. Thus, we start with a total
    // length of at least `output.length`. In addition, some cases have a
    // whitespace in-between each other that is added to the total as well.
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    // Do not line up properties on the same line if `base` contains line breaks.
    return base === "" || !StringPrototypeIncludes(base, "\n");
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === "number" && ctx.compact >= 1) {
        // Memorize the original output length. In case the output is grouped,
        // prevent lining up the entries on a single line.
        const entries = output.length;
        // Group array elements together if the array contains at least six
        // separate entries.
        if (extrasType === kArrayExtrasType && entries > 6) {
          output = groupArrayElements(ctx, output, value);
        }
        // Consolidate all entries of the local most inner depth up to
        // `ctx.compact`, as long as the properties are smaller than
        // `ctx.breakLength`.
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joinedOutput = join(output, ", ");
            if (!StringPrototypeIncludes(joinedOutput, "\n")) {
              return `${base ? `${base} ` : ""}${braces[0]} ${joinedOutput} ${braces[1]}`;
            }
          }
        }
      }
      // Line up each entry on an individual line.
      const indentation = `\n${StringPrototypeRepeat(" ", ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ` +
        `${join(output, `,${indentation}  `)}${indentation}${braces[1]}`;
    }
    // compact === true: line up all entries on a single line in case the
    // entries do not exceed `breakLength`.
    if (isBelowBreakLength(ctx, output, 0, base)) {
      return `${braces[0]}${base ? ` ${base}` : ""} ${join(output, ", ")} ` + braces[1];
    }
    const indentation = StringPrototypeRepeat(" ", ctx.indentationLvl);
    const ln = base === "" && braces[0].length === 1 ?
      " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
    return `${braces[0]}${ln}${join(output, `,\n${indentation}  `)} ${braces[1]}`;
  }

  // ---------------------------------------------------------------------------
  // format (util.format semantics)
  // ---------------------------------------------------------------------------

  function hasBuiltInToString(value) {
    // Prevent triggering proxy traps.
    if (isProxy(value)) return true;

    let hasOwnToString = ObjectPrototypeHasOwnProperty;
    let hasOwnToPrimitive = ObjectPrototypeHasOwnProperty;

    // Count objects without `toString` and `Symbol.toPrimitive` function as built-in.
    if (typeof value.toString !== "function") {
      if (typeof value[SymbolToPrimitive] !== "function") {
        return true;
      } else if (ObjectPrototypeHasOwnProperty(value, SymbolToPrimitive)) {
        return false;
      }
      hasOwnToString = returnFalse;
    } else if (ObjectPrototypeHasOwnProperty(value, "toString")) {
      return false;
    } else if (typeof value[SymbolToPrimitive] !== "function") {
      hasOwnToPrimitive = returnFalse;
    } else if (ObjectPrototypeHasOwnProperty(value, SymbolToPrimitive)) {
      return false;
    }

    // Find the object that has the `toString` or `Symbol.toPrimitive` property
    // as own property in the prototype chain.
    let pointer = value;
    do {
      pointer = ObjectGetPrototypeOf(pointer);
    } while (!hasOwnToString(pointer, "toString") &&
             !hasOwnToPrimitive(pointer, SymbolToPrimitive));

    const descriptor = ObjectGetOwnPropertyDescriptor(pointer, "constructor");
    return descriptor !== undefined &&
      typeof descriptor.value === "function" &&
      SetPrototypeHas(builtInObjects, descriptor.value.name);
  }

  function returnFalse() {
    return false;
  }

  function firstErrorLine(error) {
    return StringPrototypeSplit(error.message, "\n", 1)[0];
  }

  let circularErrorMessage;
  function tryStringify(arg) {
    try {
      return JSONStringify(arg);
    } catch (err) {
      if (!circularErrorMessage) {
        try {
          const a = {};
          a.a = a;
          JSONStringify(a);
        } catch (circularError) {
          circularErrorMessage = firstErrorLine(circularError);
        }
      }
      if (err.name === "TypeError" && firstErrorLine(err) === circularErrorMessage) {
        return "[Circular]";
      }
      throw err;
    }
  }

  function shallowCopy(source, extra) {
    const result = {};
    if (source !== undefined && source !== null) {
      const keys = ObjectKeys(source);
      for (let i = 0; i < keys.length; i++) result[keys[i]] = source[keys[i]];
    }
    const extraKeys = ObjectKeys(extra);
    for (let i = 0; i < extraKeys.length; i++) result[extraKeys[i]] = extra[extraKeys[i]];
    return result;
  }

  function formatWithOptionsInternal(inspectOptions, args) {
    const first = args[0];
    let a = 0;
    let str = "";
    let joinStr = "";
    const numericSeparator = inspectOptions !== undefined && inspectOptions !== null &&
      inspectOptions.numericSeparator !== undefined ?
      inspectOptions.numericSeparator : inspectDefaultOptions.numericSeparator;

    if (typeof first === "string") {
      if (args.length === 1) {
        return first;
      }
      let tempStr;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (StringPrototypeCharCodeAt(first, i) === 37) { // '%'
          const nextChar = StringPrototypeCharCodeAt(first, ++i);
          if (a + 1 !== args.length) {
            switch (nextChar) {
              case 115: { // 's'
                const tempArg = args[++a];
                if (typeof tempArg === "number") {
                  tempStr = formatNumber(tempArg, numericSeparator);
                } else if (typeof tempArg === "bigint") {
                  tempStr = formatBigInt(tempArg, numericSeparator);
                } else if (typeof tempArg !== "object" ||
                           tempArg === null ||
                           !hasBuiltInToString(tempArg)) {
                  tempStr = StringCtor(tempArg);
                } else {
                  tempStr = inspect(tempArg, shallowCopy(inspectOptions, {
                    compact: 3,
                    colors: false,
                    depth: 0,
                  }));
                }
                break;
              }
              case 106: // 'j'
                tempStr = tryStringify(args[++a]);
                break;
              case 100: { // 'd'
                const tempNum = args[++a];
                if (typeof tempNum === "bigint") {
                  tempStr = formatBigInt(tempNum, numericSeparator);
                } else if (typeof tempNum === "symbol") {
                  tempStr = "NaN";
                } else {
                  tempStr = formatNumber(NumberCtor(tempNum), numericSeparator);
                }
                break;
              }
              case 79: // 'O'
                tempStr = inspect(args[++a], inspectOptions);
                break;
              case 111: // 'o'
                tempStr = inspect(args[++a], shallowCopy(inspectOptions, {
                  showHidden: true,
                  showProxy: true,
                  depth: 4,
                }));
                break;
              case 105: { // 'i'
                const tempInteger = args[++a];
                if (typeof tempInteger === "bigint") {
                  tempStr = formatBigInt(tempInteger, numericSeparator);
                } else if (typeof tempInteger === "symbol") {
                  tempStr = "NaN";
                } else {
                  tempStr = formatNumber(NumberParseInt(tempInteger), numericSeparator);
                }
                break;
              }
              case 102: { // 'f'
                const tempFloat = args[++a];
                if (typeof tempFloat === "symbol") {
                  tempStr = "NaN";
                } else {
                  tempStr = formatNumber(NumberParseFloat(tempFloat), numericSeparator);
                }
                break;
              }
              case 99: // 'c'
                a += 1;
                tempStr = "";
                break;
              case 37: // '%'
                str += StringPrototypeSlice(first, lastPos, i);
                lastPos = i + 1;
                continue;
              default: // Any other character is not a correct placeholder.
                continue;
            }
            if (lastPos !== i - 1) {
              str += StringPrototypeSlice(first, lastPos, i - 1);
            }
            str += tempStr;
            lastPos = i + 1;
          } else if (nextChar === 37) {
            str += StringPrototypeSlice(first, lastPos, i);
            lastPos = i + 1;
          }
        }
      }
      if (lastPos !== 0) {
        a++;
        joinStr = " ";
        if (lastPos < first.length) {
          str += StringPrototypeSlice(first, lastPos);
        }
      }
    }

    while (a < args.length) {
      const value = args[a];
      str += joinStr;
      str += typeof value !== "string" ? inspect(value, inspectOptions) : value;
      joinStr = " ";
      a++;
    }
    return str;
  }

  function format(...args) {
    return formatWithOptionsInternal(undefined, args);
  }

  function formatWithOptions(inspectOptions, ...args) {
    return formatWithOptionsInternal(inspectOptions, args);
  }

  // ---------------------------------------------------------------------------
  // Table rendering (console.table)
  // ---------------------------------------------------------------------------

  const tableChars = {
    middleMiddle: "\u2500",
    rowMiddle: "\u253c",
    topRight: "\u2510",
    topLeft: "\u250c",
    leftMiddle: "\u251c",
    topMiddle: "\u252c",
    bottomRight: "\u2518",
    bottomLeft: "\u2514",
    bottomMiddle: "\u2534",
    rightMiddle: "\u2524",
    left: "\u2502 ",
    right: " \u2502",
    middle: " \u2502 ",
  };

  function renderRow(row, columnWidths) {
    let out = tableChars.left;
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      const len = getStringWidth(cell);
      const needed = columnWidths[i] - len;
      out += cell + StringPrototypeRepeat(" ", needed);
      if (i !== row.length - 1) out += tableChars.middle;
    }
    out += tableChars.right;
    return out;
  }

  function renderTable(head, columns) {
    const rows = [];
    const columnWidths = ArrayPrototypeMap(head, (h) => getStringWidth(h));
    let longestColumn = 0;
    for (let i = 0; i < columns.length; i++) {
      longestColumn = MathMax(longestColumn, columns[i].length);
    }
    for (let i = 0; i < head.length; i++) {
      const column = columns[i];
      for (let j = 0; j < longestColumn; j++) {
        if (rows[j] === undefined) rows[j] = [];
        const value = rows[j][i] = ObjectPrototypeHasOwnProperty(column, j) ? column[j] : "";
        const width = columnWidths[i] || 0;
        const counted = getStringWidth(value);
        columnWidths[i] = MathMax(width, counted);
      }
    }
    const divider = ArrayPrototypeMap(columnWidths,
      (w) => StringPrototypeRepeat(tableChars.middleMiddle, w + 2));
    let result = tableChars.topLeft +
      join(divider, tableChars.topMiddle) +
      tableChars.topRight + "\n" +
      renderRow(head, columnWidths) + "\n" +
      tableChars.leftMiddle +
      join(divider, tableChars.rowMiddle) +
      tableChars.rightMiddle + "\n";
    for (let i = 0; i < rows.length; i++) {
      result += `${renderRow(rows[i], columnWidths)}\n`;
    }
    result += tableChars.bottomLeft +
      join(divider, tableChars.bottomMiddle) +
      tableChars.bottomRight;
    return result;
  }

  inspect.defaultOptions = inspectDefaultOptions;
  inspect.format = format;
  inspect.formatWithOptions = formatWithOptions;
  inspect.getStringWidth = getStringWidth;
  inspect.stripVTControlCharacters = stripVTControlCharacters;
  inspectPart = {
    formatWithOptionsInternal, inspect, join, isMap, isSet, isTypedArray, renderTable, shallowCopy,
  };
  });

  // ---------------------------------------------------------------------------
  // console
  // ---------------------------------------------------------------------------

  // util.format of plain strings needs no inspect: one string is itself,
  // several (the first without a "%") are joined by spaces.
  function formatWithOptionsInternal(inspectOptions, args) {
    const count = args.length;
    if (count === 1 && typeof args[0] === "string") return args[0];
    let plain = count > 0 && typeof args[0] === "string" && !StringPrototypeIncludes(args[0], "%");
    for (let i = 1; plain && i < count; i++) plain = typeof args[i] === "string";
    if (!plain) return loadedInspect().formatWithOptionsInternal(inspectOptions, args);
    let text = args[0];
    for (let i = 1; i < count; i++) text += " " + args[i];
    return text;
  }
  function inspect(value, options) { return loadedInspect().inspect(value, options); }
  function join(list, separator) { return loadedInspect().join(list, separator); }
  function isMap(value) { return loadedInspect().isMap(value); }
  function isSet(value) { return loadedInspect().isSet(value); }
  function isTypedArray(value) { return loadedInspect().isTypedArray(value); }
  function renderTable(head, columns) { return loadedInspect().renderTable(head, columns); }
  function shallowCopy(source, target) { return loadedInspect().shallowCopy(source, target); }

  const kStdout = 1;
  const kStderr = 2;
  const kGroupIndentationWidth = 2;
  const kSecond = 1000;
  const kMinute = 60 * kSecond;
  const kHour = 60 * kMinute;

  let groupIndent = "";
  const counts = new MapCtor();
  const timers = new MapCtor();

  function writeToConsole(stream, string) {
    if (groupIndent.length !== 0) {
      if (StringPrototypeIncludes(string, "\n")) {
        string = join(StringPrototypeSplit(string, "\n"), `\n${groupIndent}`);
      }
      string = groupIndent + string;
    }
    print(string + "\n", stream);
  }

  // Like Node, some methods forward to the current `console.log` /
  // `console.warn` / `console.error` so that replacing those intercepts all
  // output of that kind.
  function callConsoleMethod(name, stream, args) {
    const fn = consoleObject[name];
    if (typeof fn === "function" && fn !== defaultMethods[name]) {
      ReflectApply(fn, consoleObject, args);
    } else {
      writeToConsole(stream, formatWithOptionsInternal(undefined, args));
    }
  }

  function emitWarning(message) {
    writeToConsole(kStderr, `Warning: ${message}`);
  }

  function pad(value) {
    return StringPrototypePadStart(`${value}`, 2, "0");
  }

  function formatTime(ms) {
    let hours = 0;
    let minutes = 0;
    let seconds = 0;
    if (ms >= kSecond) {
      if (ms >= kMinute) {
        if (ms >= kHour) {
          hours = MathFloor(ms / kHour);
          ms = ms % kHour;
        }
        minutes = MathFloor(ms / kMinute);
        ms = ms % kMinute;
      }
      seconds = ms / kSecond;
    }
    if (hours !== 0 || minutes !== 0) {
      const parts = StringPrototypeSplit(NumberPrototypeToFixed(seconds, 3), ".");
      const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
      return `${res}:${pad(parts[0])}.${parts[1]} (${hours !== 0 ? "h:m" : ""}m:ss.mmm)`;
    }
    if (seconds !== 0) {
      return `${NumberPrototypeToFixed(seconds, 3)}s`;
    }
    return `${NumberCtor(NumberPrototypeToFixed(ms, 3))}ms`;
  }

  function timeLogImpl(name, label, data) {
    const start = MapPrototypeGet(timers, label);
    if (start === undefined) {
      emitWarning(`No such label '${label}' for console.${name}()`);
      return false;
    }
    const ms = ReflectApply(ops.monotonicNow, ops, []) - start;
    const formatted = formatTime(ms);
    const args = ["%s: %s", label, formatted];
    if (data !== undefined) {
      for (let i = 0; i < data.length; i++) ArrayPrototypePush(args, data[i]);
    }
    callConsoleMethod("log", kStdout, args);
    return true;
  }

  const keyKey = "Key";
  const valuesKey = "Values";
  const indexKey = "(index)";
  const iterKey = "(iteration index)";

  function isArrayLike(v) {
    return ArrayIsArray(v) || isTypedArray(v);
  }

  function tableInspect(v) {
    const depth = v !== null &&
      typeof v === "object" &&
      !isArrayLike(v) &&
      ObjectKeys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
  }

  function getIndexArray(length) {
    const result = [];
    for (let i = 0; i < length; i++) ArrayPrototypePush(result, tableInspect(i));
    return result;
  }

  function consoleTable(tabularData, properties) {
    if (properties !== undefined && !ArrayIsArray(properties)) {
      throw new TypeErrorCtor(
        'The "properties" argument must be an instance of Array.');
    }
    if (tabularData === null || typeof tabularData !== "object") {
      callConsoleMethod("log", kStdout, [tabularData]);
      return;
    }
    const final = (k, v) => callConsoleMethod("log", kStdout, [renderTable(k, v)]);

    if (isMap(tabularData)) {
      const keys = [];
      const values = [];
      let length = 0;
      const iterator = MapPrototypeEntries(tabularData);
      for (;;) {
        const step = MapIteratorPrototypeNext(iterator);
        if (step.done) break;
        ArrayPrototypePush(keys, tableInspect(step.value[0]));
        ArrayPrototypePush(values, tableInspect(step.value[1]));
        length++;
      }
      return final([iterKey, keyKey, valuesKey], [getIndexArray(length), keys, values]);
    }

    if (isSet(tabularData)) {
      const values = [];
      let length = 0;
      const iterator = SetPrototypeValues(tabularData);
      for (;;) {
        const step = SetIteratorPrototypeNext(iterator);
        if (step.done) break;
        ArrayPrototypePush(values, tableInspect(step.value));
        length++;
      }
      return final([iterKey, valuesKey], [getIndexArray(length), values]);
    }

    const map = { __proto__: null };
    let hasPrimitives = false;
    const valuesKeyArray = [];
    const indexKeyArray = ObjectKeys(tabularData);
    for (let i = 0; i < indexKeyArray.length; i++) {
      const item = tabularData[indexKeyArray[i]];
      const primitive = item === null ||
        (typeof item !== "function" && typeof item !== "object");
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = tableInspect(item);
      } else {
        const keys = properties || ObjectKeys(item);
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k];
          if (map[key] === undefined || map[key] === null) map[key] = [];
          if ((primitive && properties) || !ObjectPrototypeHasOwnProperty(item, key)) {
            map[key][i] = "";
          } else {
            map[key][i] = tableInspect(item[key]);
          }
        }
      }
    }
    const keys = ObjectKeys(map);
    const values = ArrayPrototypeMap(keys, (k) => map[k]);
    if (hasPrimitives) {
      ArrayPrototypePush(keys, valuesKey);
      ArrayPrototypePush(values, valuesKeyArray);
    }
    ArrayPrototypeUnshift(keys, indexKey);
    ArrayPrototypeUnshift(values, indexKeyArray);
    return final(keys, values);
  }

  const consoleObject = {
    log(...args) {
      writeToConsole(kStdout, formatWithOptionsInternal(undefined, args));
    },
    warn(...args) {
      writeToConsole(kStderr, formatWithOptionsInternal(undefined, args));
    },
    dir(object, options) {
      writeToConsole(kStdout, inspect(object, shallowCopy(options, {})));
    },
    time(label = "default") {
      label = `${label}`;
      if (MapPrototypeHas(timers, label)) {
        emitWarning(`Label '${label}' already exists for console.time()`);
        return;
      }
      MapPrototypeSet(timers, label, ReflectApply(ops.monotonicNow, ops, []));
    },
    timeEnd(label = "default") {
      label = `${label}`;
      if (timeLogImpl("timeEnd", label)) {
        MapPrototypeDelete(timers, label);
      }
    },
    timeLog(label = "default", ...data) {
      label = `${label}`;
      timeLogImpl("timeLog", label, data);
    },
    trace: function trace(...args) {
      const err = {
        name: "Trace",
        message: formatWithOptionsInternal(undefined, args),
      };
      if (typeof ErrorCaptureStackTrace === "function") {
        ReflectApply(ErrorCaptureStackTrace, ErrorCtor, [err, trace]);
      } else {
        // Fallback: drop the first frame (this function).
        const stack = StringCtor(new ErrorCtor().stack);
        const lines = StringPrototypeSplit(stack, "\n");
        ArrayPrototypeSplice(lines, 0, 2);
        err.stack = `${ErrorPrototypeToString(err)}\n${join(lines, "\n")}`;
      }
      callConsoleMethod("error", kStderr, [err.stack]);
    },
    assert(expression, ...args) {
      if (!expression) {
        args[0] = `Assertion failed${args.length === 0 ? "" : `: ${args[0]}`}`;
        callConsoleMethod("warn", kStderr, args);
      }
    },
    clear() {
      // Output is not a TTY as far as this runtime knows; nothing to do.
    },
    count(label = "default") {
      label = `${label}`;
      let count = MapPrototypeGet(counts, label);
      if (count === undefined) {
        count = 1;
      } else {
        count++;
      }
      MapPrototypeSet(counts, label, count);
      callConsoleMethod("log", kStdout, [`${label}: ${count}`]);
    },
    countReset(label = "default") {
      label = `${label}`;
      if (!MapPrototypeHas(counts, label)) {
        emitWarning(`Count for '${label}' does not exist`);
        return;
      }
      MapPrototypeDelete(counts, label);
    },
    group(...data) {
      if (data.length > 0) {
        callConsoleMethod("log", kStdout, data);
      }
      groupIndent += StringPrototypeRepeat(" ", kGroupIndentationWidth);
    },
    groupEnd() {
      groupIndent = StringPrototypeSlice(groupIndent, 0,
        MathMax(0, groupIndent.length - kGroupIndentationWidth));
    },
    table(tabularData, properties) {
      consoleTable(tabularData, properties);
    },
    debug(...args) {
      writeToConsole(kStdout, formatWithOptionsInternal(undefined, args));
    },
    info(...args) {
      writeToConsole(kStdout, formatWithOptionsInternal(undefined, args));
    },
    dirxml(...args) {
      writeToConsole(kStdout, formatWithOptionsInternal(undefined, args));
    },
    error(...args) {
      writeToConsole(kStderr, formatWithOptionsInternal(undefined, args));
    },
    groupCollapsed(...data) {
      if (data.length > 0) {
        callConsoleMethod("log", kStdout, data);
      }
      groupIndent += StringPrototypeRepeat(" ", kGroupIndentationWidth);
    },
    profile() {},
    profileEnd() {},
    timeStamp() {},
  };
  const defaultMethods = { __proto__: null };
  {
    const names = ObjectKeys(consoleObject);
    for (let i = 0; i < names.length; i++) defaultMethods[names[i]] = consoleObject[names[i]];
  }
  ObjectDefineProperty(consoleObject, SymbolToStringTag, {
    __proto__: null,
    value: "console",
    writable: false,
    enumerable: false,
    configurable: true,
  });

  nano.defineGlobal("console", consoleObject);
});
