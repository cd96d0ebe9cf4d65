// NANO runtime: Streams Standard (https://streams.spec.whatwg.org/) part 1 of 5: queuing strategies,
// queue-with-sizes, promise and buffer helpers shared (via nano.streams) by the later stream files.
(function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const uncurryThis = webidl.uncurryThis;
  const FunctionPrototypeCall = uncurryThis(Function.prototype.call);
  const ArrayPrototypeSlice = uncurryThis(Array.prototype.slice);
  const PromiseCtor = Promise;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromiseReject = Promise.reject.bind(Promise);
  const PromisePrototypeThen = uncurryThis(Promise.prototype.then);
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ArrayBufferCtor = ArrayBuffer;
  const ArrayBufferByteLength = uncurryThis(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get);
  const ArrayBufferSlice = uncurryThis(ArrayBuffer.prototype.slice);
  const Uint8ArrayCtor = Uint8Array;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const NumberIsNaN = Number.isNaN;
  const toDouble = converters["unrestricted double"];

  // A FIFO list with O(1) amortized shift, immune to patched Array.prototype methods.
  class List {
    constructor() { this.a = []; this.h = 0; this.n = 0; }
  }
  // Internal records get a null [[Prototype]] so that accessors an app defines on
  // Object.prototype never see (or break) the assignments to their slots.
  function nullProto(C) { ObjectSetPrototypeOf(C.prototype, null); return C; }
  nullProto(List);
  function listPush(l, v) { l.a[l.h + l.n] = v; l.n++; }
  function listShift(l) {
    const a = l.a;
    const h = l.h;
    const v = a[h];
    a[h] = undefined;
    if (--l.n === 0) l.h = 0;
    else if ((l.h = h + 1) > 1023 && l.h > l.n) { l.a = ArrayPrototypeSlice(a, l.h, l.h + l.n); l.h = 0; }
    return v;
  }
  function listPeek(l) { return l.a[l.h]; }
  function listClear(l) { l.a = []; l.h = 0; l.n = 0; }
  // listTake(l) -> the items as an array, leaving l empty.
  function listTake(l) {
    const out = ArrayPrototypeSlice(l.a, l.h, l.h + l.n);
    listClear(l);
    return out;
  }

  // Promises. `new PromiseCtor(capture)` leaves the resolving functions in `capturedResolve`
  // / `capturedReject`, so no executor closure is allocated per promise.
  let capturedResolve;
  let capturedReject;
  function capture(resolve, reject) { capturedResolve = resolve; capturedReject = reject; }
  class Deferred {
    constructor() {
      this.promise = new PromiseCtor(capture);
      this.resolve = capturedResolve;
      this.reject = capturedReject;
    }
  }
  // A Deferred is "pending" while its resolve is defined; settle it with these.
  function resolveSlot(d, v) {
    const r = d.resolve;
    if (r !== undefined) { d.resolve = d.reject = undefined; r(v); }
  }
  function rejectSlot(d, e) {
    const r = d.reject;
    if (r !== undefined) { d.resolve = d.reject = undefined; r(e); }
  }
  function resolvedSlot() { const d = new Deferred(); resolveSlot(d, undefined); return d; }
  function rejectedSlot(e) { const d = new Deferred(); rejectSlot(d, e); setHandled(d.promise); return d; }
  nullProto(Deferred);
  function noop() {}
  function setHandled(p) { PromisePrototypeThen(p, undefined, noop); return p; }
  function rejectedHandled(e) { return setHandled(PromiseReject(e)); }
  const resolvedUndefined = PromiseResolve(undefined); // only for promises never exposed
  function returnUndefined() {}

  // "invoke" a callback returning Promise<T>: exceptions become a rejected promise.
  function invokePromise0(fn, thisArg) {
    try { return PromiseResolve(FunctionPrototypeCall(fn, thisArg)); } catch (e) { return PromiseReject(e); }
  }
  function invokePromise1(fn, thisArg, a) {
    try { return PromiseResolve(FunctionPrototypeCall(fn, thisArg, a)); } catch (e) { return PromiseReject(e); }
  }
  function invokePromise2(fn, thisArg, a, b) {
    try { return PromiseResolve(FunctionPrototypeCall(fn, thisArg, a, b)); } catch (e) { return PromiseReject(e); }
  }

  // Queue-with-sizes: container.queue (List of value, size pairs) and container.queueTotalSize.
  function isNonNegativeNumber(v) { return typeof v === "number" && !NumberIsNaN(v) && v >= 0; }
  function DequeueValue(c) {
    const q = c.queue;
    const value = listShift(q);
    c.queueTotalSize -= listShift(q);
    if (c.queueTotalSize < 0) c.queueTotalSize = 0;
    return value;
  }
  function EnqueueValueWithSize(c, value, size) {
    if (!isNonNegativeNumber(size) || size === Infinity) {
      throw new RangeErrorCtor("The return value of a queuing strategy's size function must be a finite, non-NaN, non-negative number.");
    }
    listPush(c.queue, value);
    listPush(c.queue, size);
    c.queueTotalSize += size;
  }
  function PeekQueueValue(c) { return listPeek(c.queue); }
  function ResetQueue(c) { listClear(c.queue); c.queueTotalSize = 0; }

  const convertQueuingStrategy = webidl.createDictionaryConverter("QueuingStrategy", [
    { key: "highWaterMark", converter: toDouble },
    { key: "size", converter: converters.Function },
  ]);
  function ExtractHighWaterMark(strategy, defaultHWM) {
    const hwm = strategy.highWaterMark;
    if (hwm === undefined) return defaultHWM;
    if (NumberIsNaN(hwm) || hwm < 0) throw new RangeErrorCtor("Invalid highWaterMark");
    return hwm;
  }
  // The size algorithm is kept as the user's function (or undefined for "return 1").
  function ExtractSizeAlgorithm(strategy) { return strategy.size; }
  function callSize(size, chunk) {
    return toDouble(FunctionPrototypeCall(size, undefined, chunk));
  }

  // ArrayBuffers. nano.transferArrayBuffer(buffer) is the host's detach-and-move.
  function isDetachedBuffer(buffer) {
    if (ArrayBufferByteLength(buffer) !== 0) return false;
    try { new Uint8ArrayCtor(buffer); return false; } catch { return true; }
  }
  function TransferArrayBuffer(buffer) {
    if (isDetachedBuffer(buffer)) throw new TypeErrorCtor("The ArrayBuffer is detached.");
    try {
      return nano.transferArrayBuffer(buffer);
    } catch {
      throw new TypeErrorCtor("The ArrayBuffer cannot be transferred.");
    }
  }
  function CloneArrayBuffer(buffer, byteOffset, byteLength) {
    return ArrayBufferSlice(buffer, byteOffset, byteOffset + byteLength);
  }
  function newArrayBuffer(n) { return new ArrayBufferCtor(n); }

  // Queuing strategies ---------------------------------------------------------------------
  const convertQueuingStrategyInit = webidl.createDictionaryConverter("QueuingStrategyInit", [
    { key: "highWaterMark", converter: toDouble, required: true },
  ]);
  const byteLengthSize = { size: (chunk) => chunk.byteLength }.size;
  const countSize = { size: () => 1 }.size;

  let isBLQS;
  class ByteLengthQueuingStrategy {
    #hwm;
    constructor(init) {
      const prefix = "Failed to construct 'ByteLengthQueuingStrategy'";
      this.#hwm = convertQueuingStrategyInit(init, prefix, "parameter 1").highWaterMark;
    }
    get highWaterMark() {
      if (!isBLQS(this)) throw webidl.illegalInvocation();
      return this.#hwm;
    }
    get size() {
      if (!isBLQS(this)) throw webidl.illegalInvocation();
      return byteLengthSize;
    }
    static { isBLQS = (o) => typeof o === "object" && o !== null && #hwm in o; }
  }
  webidl.configureInterface(ByteLengthQueuingStrategy);

  let isCQS;
  class CountQueuingStrategy {
    #hwm;
    constructor(init) {
      const prefix = "Failed to construct 'CountQueuingStrategy'";
      this.#hwm = convertQueuingStrategyInit(init, prefix, "parameter 1").highWaterMark;
    }
    get highWaterMark() {
      if (!isCQS(this)) throw webidl.illegalInvocation();
      return this.#hwm;
    }
    get size() {
      if (!isCQS(this)) throw webidl.illegalInvocation();
      return countSize;
    }
    static { isCQS = (o) => typeof o === "object" && o !== null && #hwm in o; }
  }
  webidl.configureInterface(CountQueuingStrategy);

  // Adds an `async iterable`-style or other non-enumerable own data property.
  function defineHidden(o, key, value) {
    ObjectDefineProperty(o, key, { value, writable: true, enumerable: false, configurable: true });
  }

  nano.streams = {
    __proto__: null,
    ByteLengthQueuingStrategy,
    CountQueuingStrategy,
    // Shared internals for the other stream files.
    util: {
      __proto__: null,
      nullProto, List, listPush, listShift, listPeek, listClear, listTake,
      Deferred, resolveSlot, rejectSlot, resolvedSlot, rejectedSlot, noop, setHandled, rejectedHandled, resolvedUndefined, returnUndefined,
      invokePromise0, invokePromise1, invokePromise2,
      DequeueValue, EnqueueValueWithSize, PeekQueueValue, ResetQueue,
      convertQueuingStrategy, ExtractHighWaterMark, ExtractSizeAlgorithm, callSize,
      isDetachedBuffer, TransferArrayBuffer, CloneArrayBuffer, newArrayBuffer, defineHidden,
      PromiseResolve, PromiseReject, PromisePrototypeThen, FunctionPrototypeCall,
    },
  };

  nano.defineGlobal("ByteLengthQueuingStrategy", ByteLengthQueuingStrategy);
  nano.defineGlobal("CountQueuingStrategy", CountQueuingStrategy);
});
