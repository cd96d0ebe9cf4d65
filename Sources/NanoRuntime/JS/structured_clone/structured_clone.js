// structuredClone(value, { transfer }) - the HTML structured clone algorithm
// (StructuredSerializeWithTransfer then StructuredDeserializeWithTransfer),
// done as one recursive copy with a memory map, which is observably the same
// within one realm. Serializable platform objects: Blob, File, DOMException,
// CryptoKey.
// Transferable: ArrayBuffer (detached in the source). Anything else that is a
// platform object, a function, a symbol, a proxy or an object with other
// internal slots is a DataCloneError.
(function (nano, global) {
  "use strict";
  nano.defineLazyGlobal("structuredClone", "structured_clone");
  // The body runs on first use (nano.load("structured_clone")), see core/core.js.
  nano.lazy("structured_clone", function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const natives = nano.v8;
  const DOMExceptionCtor = nano.DOMException;
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectPrototypeToString = Object.prototype.toString;
  const ObjectPrototypePropertyIsEnumerable = Object.prototype.propertyIsEnumerable;
  const ArrayIsArray = Array.isArray;
  const MapCtor = Map;
  const SetCtor = Set;
  const MapGet = Map.prototype.get;
  const MapSet = Map.prototype.set;
  const MapHas = Map.prototype.has;
  const MapForEach = Map.prototype.forEach;
  const SetAdd = Set.prototype.add;
  const SetForEach = Set.prototype.forEach;
  const SetHas = Set.prototype.has;
  const DateCtor = Date;
  const DateGetTime = Date.prototype.getTime;
  const RegExpCtor = RegExp;
  const RegExpSource = ObjectGetOwnPropertyDescriptor(RegExp.prototype, "source").get;
  const RegExpFlags = ObjectGetOwnPropertyDescriptor(RegExp.prototype, "flags").get;
  const ArrayBufferCtor = ArrayBuffer;
  const ArrayBufferSlice = ArrayBuffer.prototype.slice;
  const ArrayBufferByteLength = ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayToStringTag = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const TypedArrayBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
  const TypedArrayByteOffset = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteOffset").get;
  const TypedArrayLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "length").get;
  const DataViewCtor = DataView;
  const DataViewBuffer = ObjectGetOwnPropertyDescriptor(DataView.prototype, "buffer").get;
  const DataViewByteOffset = ObjectGetOwnPropertyDescriptor(DataView.prototype, "byteOffset").get;
  const DataViewByteLength = ObjectGetOwnPropertyDescriptor(DataView.prototype, "byteLength").get;
  const BooleanValueOf = Boolean.prototype.valueOf;
  const NumberValueOf = Number.prototype.valueOf;
  const StringValueOf = String.prototype.valueOf;
  const BigIntValueOf = BigInt.prototype.valueOf;
  const ObjectCtor = Object;
  const StringCtor = String;
  const TypedArrays = {
    __proto__: null,
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  const ErrorCtors = {
    __proto__: null,
    Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError,
  };

  function dataCloneError(message) {
    return new DOMExceptionCtor(message, "DataCloneError");
  }

  // `fn.call(value)` succeeds only for objects with that internal slot.
  function hasSlot(getter, value) {
    try {
      ReflectApply(getter, value, []);
      return true;
    } catch {
      return false;
    }
  }

  // Interfaces of the runtime whose objects are not serializable: a
  // platform object of one of them is a DataCloneError (checked by brand,
  // through the prototype chain captured at load, not by instanceof).
  const platformPrototypes = [];
  for (const name of ["EventTarget", "Event", "AbortController", "Headers", "Request", "Response", "URL",
    "URLSearchParams", "TextEncoder", "TextDecoder", "FormData", "Crypto", "SubtleCrypto", "Performance",
    "Navigator"]) {
    const C = global[name];
    if (typeof C === "function") platformPrototypes[platformPrototypes.length] = C.prototype;
  }
  function isOtherPlatformObject(value) {
    let proto = ObjectGetPrototypeOf(value);
    while (proto !== null) {
      for (let i = 0; i < platformPrototypes.length; i++) {
        if (proto === platformPrototypes[i]) return true;
      }
      proto = ObjectGetPrototypeOf(proto);
    }
    return false;
  }

  function cloneBuffer(buffer, memory) {
    if (!hasSlot(ArrayBufferByteLength, buffer)) throw dataCloneError("A SharedArrayBuffer could not be cloned.");
    const copy = ReflectApply(ArrayBufferSlice, buffer, [0]);
    ReflectApply(MapSet, memory, [buffer, copy]);
    return copy;
  }

  function clone(value, memory) {
    const type = typeof value;
    if (type === "symbol") throw dataCloneError(StringCtor(value.description === undefined ? "Symbol()" : "Symbol(" + value.description + ")") + " could not be cloned.");
    if (value === null || (type !== "object" && type !== "function")) return value;
    if (ReflectApply(MapHas, memory, [value])) return ReflectApply(MapGet, memory, [value]);
    if (type === "function") throw dataCloneError("A function could not be cloned.");
    if (natives.isProxy(value)) throw dataCloneError("A Proxy could not be cloned.");

    let out;
    if (hasSlot(BooleanValueOf, value)) out = ObjectCtor(ReflectApply(BooleanValueOf, value, []));
    else if (hasSlot(NumberValueOf, value)) out = ObjectCtor(ReflectApply(NumberValueOf, value, []));
    else if (hasSlot(BigIntValueOf, value)) out = ObjectCtor(ReflectApply(BigIntValueOf, value, []));
    else if (hasSlot(StringValueOf, value)) out = ObjectCtor(ReflectApply(StringValueOf, value, []));
    else if (hasSlot(DateGetTime, value)) out = new DateCtor(ReflectApply(DateGetTime, value, []));
    else if (hasSlot(RegExpSource, value)) {
      out = new RegExpCtor(ReflectApply(RegExpSource, value, []), ReflectApply(RegExpFlags, value, []));
    } else if (hasSlot(ArrayBufferByteLength, value) || ReflectApply(ObjectPrototypeToString, value, []) === "[object SharedArrayBuffer]") {
      return cloneBuffer(value, memory);
    } else if (ArrayBufferIsView(value)) {
      const tag = ReflectApply(TypedArrayToStringTag, value, []);
      if (tag !== undefined) {
        const buffer = ReflectApply(TypedArrayBuffer, value, []);
        const bufferClone = clone(buffer, memory);
        out = new TypedArrays[tag](bufferClone, ReflectApply(TypedArrayByteOffset, value, []), ReflectApply(TypedArrayLength, value, []));
      } else {
        const bufferClone = clone(ReflectApply(DataViewBuffer, value, []), memory);
        out = new DataViewCtor(bufferClone, ReflectApply(DataViewByteOffset, value, []), ReflectApply(DataViewByteLength, value, []));
      }
    } else if (hasSlot(MapHas, value)) {
      out = new MapCtor();
      ReflectApply(MapSet, memory, [value, out]);
      const entries = [];
      ReflectApply(MapForEach, value, [(v, k) => { entries[entries.length] = k; entries[entries.length] = v; }]);
      for (let i = 0; i < entries.length; i += 2) {
        ReflectApply(MapSet, out, [clone(entries[i], memory), clone(entries[i + 1], memory)]);
      }
      return out;
    } else if (hasSlot(SetHas, value)) {
      out = new SetCtor();
      ReflectApply(MapSet, memory, [value, out]);
      const items = [];
      ReflectApply(SetForEach, value, [(v) => { items[items.length] = v; }]);
      for (let i = 0; i < items.length; i++) ReflectApply(SetAdd, out, [clone(items[i], memory)]);
      return out;
    } else if (nano.blob !== undefined && nano.blob.isBlob(value)) {
      const b = nano.blob;
      out = b.isFile(value)
        ? b.createFile(b.bytesOf(value), b.nameOf(value), b.typeOf(value), b.lastModifiedOf(value))
        : b.createBlob(b.bytesOf(value), b.typeOf(value));
    } else if (nano.subtle !== undefined && nano.subtle.isCryptoKey(value)) {
      // (no CryptoKey exists before the lazy part "subtle" is loaded)
      out = nano.subtle.cloneCryptoKey(value);
    } else if (DOMExceptionCtor !== undefined && isDOMException(value)) {
      const fields = nano.serializeDOMException(value);
      out = new DOMExceptionCtor(fields.message, fields.name);
    } else if (isError(value)) {
      // HTML: name among the standard error constructors (else "Error"),
      // message if an own data property; plus the stack, as engines do.
      let name = value.name;
      if (ErrorCtors[name] === undefined) name = "Error";
      const messageDesc = ObjectGetOwnPropertyDescriptor(value, "message");
      out = messageDesc !== undefined && "value" in messageDesc
        ? new ErrorCtors[name](StringCtor(messageDesc.value))
        : new ErrorCtors[name]();
      const stack = ObjectGetOwnPropertyDescriptor(value, "stack");
      if (stack !== undefined && "value" in stack && typeof stack.value === "string") out.stack = stack.value;
      ReflectApply(MapSet, memory, [value, out]);
      const causeDesc = ObjectGetOwnPropertyDescriptor(value, "cause");
      if (causeDesc !== undefined && "value" in causeDesc) out.cause = clone(causeDesc.value, memory);
      return out;
    } else if (ArrayIsArray(value)) {
      out = new Array(value.length);
      ReflectApply(MapSet, memory, [value, out]);
      copyProperties(value, out, memory);
      return out;
    } else if (isOtherPlatformObject(value)) {
      throw dataCloneError(objectName(value) + " could not be cloned.");
    } else {
      const tag = ReflectApply(ObjectPrototypeToString, value, []);
      if (tag !== "[object Object]" && tag !== "[object Arguments]" && tag !== "[object Error]") {
        // Promise, WeakMap, WeakSet, WeakRef, generators, module namespaces...
        if (!isPlainEnough(value)) throw dataCloneError(objectName(value) + " could not be cloned.");
      }
      out = {};
      ReflectApply(MapSet, memory, [value, out]);
      copyProperties(value, out, memory);
      return out;
    }
    ReflectApply(MapSet, memory, [value, out]);
    return out;
  }

  // Own enumerable string-keyed properties, read with [[Get]] in key order.
  function copyProperties(from, to, memory) {
    const keys = ReflectOwnKeys(from);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key === "symbol") continue;
      if (!ReflectApply(ObjectPrototypePropertyIsEnumerable, from, [key])) continue;
      const v = from[key];
      to[key] = clone(v, memory);
    }
  }

  const WeakMapHas = WeakMap.prototype.has;
  const WeakSetHas = WeakSet.prototype.has;
  const WeakRefDeref = WeakRef.prototype.deref;
  const PromiseThen = Promise.prototype.then;
  function isPlainEnough(value) {
    // Objects with internal slots the algorithm does not know are refused.
    if (hasSlot(WeakMapHas, value) || hasSlot(WeakSetHas, value) || hasSlot(WeakRefDeref, value)) return false;
    try {
      ReflectApply(PromiseThen, value, [undefined, undefined]);
      return false;
    } catch {
      // not a promise
    }
    const tag = ReflectApply(ObjectPrototypeToString, value, []);
    return tag !== "[object Generator]" && tag !== "[object AsyncGenerator]" && tag !== "[object Module]";
  }

  // Objects with [[ErrorData]] are the ones Object.prototype.toString calls
  // "[object Error]" (Error.prototype has no @@toStringTag).
  function isError(value) {
    return ReflectApply(ObjectPrototypeToString, value, []) === "[object Error]";
  }

  function isDOMException(value) {
    try {
      nano.serializeDOMException(value);
      return true;
    } catch {
      return false;
    }
  }

  function objectName(value) {
    try {
      const proto = ObjectGetPrototypeOf(value);
      const C = proto !== null ? proto.constructor : undefined;
      if (typeof C === "function" && typeof C.name === "string" && C.name !== "") return C.name;
    } catch {
      // fall through
    }
    return "The object";
  }

  function structuredClone(value, options = undefined) {
    webidl.requiredArguments(arguments.length, 1, "Failed to execute 'structuredClone' on 'Window'");
    let transfer = [];
    if (options !== undefined && options !== null) {
      if (typeof options !== "object" && typeof options !== "function") {
        throw new TypeError("Failed to execute 'structuredClone' on 'Window': The provided value is not of type 'StructuredSerializeOptions'.");
      }
      const list = options.transfer;
      if (list !== undefined) {
        if (list === null || typeof list !== "object" || typeof list[Symbol.iterator] !== "function") {
          throw new TypeError("Failed to execute 'structuredClone' on 'Window': The provided value cannot be converted to a sequence.");
        }
        transfer = [];
        for (const item of list) {
          if (item === null || (typeof item !== "object" && typeof item !== "function")) {
            throw new TypeError("Failed to execute 'structuredClone' on 'Window': Value at index " + transfer.length + " is not of type 'object'.");
          }
          transfer[transfer.length] = item;
        }
      }
    }
    const memory = new MapCtor();
    const seen = new SetCtor();
    for (let i = 0; i < transfer.length; i++) {
      const item = transfer[i];
      if (!hasSlot(ArrayBufferByteLength, item)) {
        throw dataCloneError("Value at index " + i + " does not have a transferable type.");
      }
      if (ReflectApply(SetHas, seen, [item])) {
        throw dataCloneError("ArrayBuffer at index " + i + " is a duplicate of an earlier ArrayBuffer.");
      }
      ReflectApply(SetAdd, seen, [item]);
      try {
        ReflectApply(ArrayBufferSlice, item, [0, 0]); // throws for a detached buffer
      } catch {
        throw dataCloneError("ArrayBuffer at index " + i + " is already detached.");
      }
    }
    // Transferred buffers move: the clone gets their bytes, the source is detached.
    for (let i = 0; i < transfer.length; i++) {
      const item = transfer[i];
      ReflectApply(MapSet, memory, [item, ReflectApply(ArrayBufferSlice, item, [0])]);
    }
    const result = clone(value, memory);
    for (let i = 0; i < transfer.length; i++) {
      if (!natives.detachArrayBuffer(transfer[i])) {
        throw dataCloneError("ArrayBuffer at index " + i + " could not be transferred.");
      }
    }
    return result;
  }

  nano.structuredClone = structuredClone;
  nano.defineGlobal("structuredClone", structuredClone);
  });
});
