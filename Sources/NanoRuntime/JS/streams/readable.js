// NANO runtime: Streams Standard part 3 of 5: ReadableStream, its readers, controllers, BYOB
// request, tee, pipeTo/pipeThrough, async iteration and ReadableStream.from.
//
// Internals on nano.streams for fetch bodies and native I/O (they never touch user-patchable
// prototypes; `stream` is a public ReadableStream, `controller` the public controller object):
//   isReadableStream(v), isDisturbed(stream), isLocked(stream), isErrored(stream), isClosed(stream)
//   createReadableStream(pull, cancel, highWaterMark = 0, readWhole) -> byte ReadableStream for a
//     native source: pull(controller) / cancel(reason) return a promise or undefined; pull is called
//     (once at a time) whenever the stream wants more. readWhole() (optional) returns a promise of
//     all the source's bytes as one Uint8Array, or undefined when it cannot: readAllBytes uses it
//     on a stream nothing was read from yet. createDefaultReadableStream(pull, cancel, hwm = 1,
//     size) is the same for a non-byte stream.
//   readableStreamFromBytes(u8) -> byte stream holding u8 (not copied: the stream owns it), closed.
//   readAllBytes(stream) -> Promise<Uint8Array> (fetch's "fully read"; non-Uint8Array chunk -> TypeError)
//   tee(stream) -> [branch1, branch2] (ReadableStreamTee with cloneForBranch2 = true)
//   getReader(stream) -> internal reader (throws TypeError if locked); read(reader) ->
//     Promise<{value, done}>; releaseLock(reader); cancel(streamOrReader, reason) -> Promise
//   errorStream(stream, e); enqueue(controller, chunk); close(controller); error(controller, e);
//     desiredSize(controller) (enqueue/close are no-ops once the stream is closing/closed/errored;
//     enqueue on a byte controller transfers the chunk's buffer)
//   pipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) -> Promise
(function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const streams = nano.streams;
  const {
    List, listPush, listShift, listPeek, listTake, Deferred, resolveSlot, rejectSlot, resolvedSlot,
    rejectedSlot, setHandled, noop, resolvedUndefined, returnUndefined, invokePromise1,
    DequeueValue, EnqueueValueWithSize, ResetQueue, convertQueuingStrategy, ExtractHighWaterMark,
    ExtractSizeAlgorithm, callSize, isDetachedBuffer, TransferArrayBuffer, CloneArrayBuffer,
    newArrayBuffer, defineHidden, PromiseResolve, PromiseReject, PromisePrototypeThen,
    FunctionPrototypeCall,
    nullProto,
  } = streams.util;
  // WritableStream is the lazy part "writable" (core/core.js): only piping
  // reaches it from here, through these.
  function writable() {
    if (streams.getWritableStreamState === undefined) nano.load("writable");
    return streams;
  }
  const getWritableStreamState = (o) => writable().getWritableStreamState(o);
  const convertWritableStream = (V, prefix, context) => writable().convertWritableStream(V, prefix, context);
  const IsWritableStreamLocked = (s) => writable().IsWritableStreamLocked(s);
  const AcquireWritableStreamDefaultWriter = (s) => writable().AcquireWritableStreamDefaultWriter(s);
  const WritableStreamAbort = (s, reason) => writable().WritableStreamAbort(s, reason);
  const WritableStreamCloseQueuedOrInFlight = (s) => writable().WritableStreamCloseQueuedOrInFlight(s);
  const WritableStreamDefaultWriterCloseWithErrorPropagation =
    (w) => writable().WritableStreamDefaultWriterCloseWithErrorPropagation(w);
  const WritableStreamDefaultWriterRelease = (w) => writable().WritableStreamDefaultWriterRelease(w);
  const WritableStreamDefaultWriterWrite = (w, chunk) => writable().WritableStreamDefaultWriterWrite(w, chunk);
  const abort = nano.abort;
  const uncurryThis = webidl.uncurryThis;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const Uint8ArrayCtor = Uint8Array;
  const DataViewCtor = DataView;
  const MathMin = Math.min;
  const SymbolAsyncIterator = Symbol.asyncIterator;
  const SymbolIterator = Symbol.iterator;
  const SymbolToStringTag = Symbol.toStringTag;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayTag = uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get);
  const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
  const TypedArrayByteLength = uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, "byteLength").get);
  const ArrayBufferByteLength = uncurryThis(ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get);
  const { viewBuffer, viewByteOffset, viewByteLength, isUint8Array } = webidl;
  const AsyncIteratorPrototype = ObjectGetPrototypeOf(ObjectGetPrototypeOf(async function* () {}).prototype);
  const INTERNAL = Symbol("internal");
  const END = ObjectFreeze({ __proto__: null });

  const viewConstructors = { __proto__: null };
  {
    const names = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
      "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "Float16Array"];
    for (let i = 0; i < names.length; i++) {
      const ctor = global[names[i]];
      if (typeof ctor === "function") viewConstructors[names[i]] = ctor;
    }
  }

  function isObj(o) { return typeof o === "object" && o !== null; }
  function isObject(o) { return (typeof o === "object" && o !== null) || typeof o === "function"; }
  function typeError(message) { return new TypeErrorCtor(message); }
  function microtask(fn) { PromisePrototypeThen(resolvedUndefined, fn); }

  // Dictionaries ---------------------------------------------------------------------------
  const convertUnderlyingSource = webidl.createDictionaryConverter("UnderlyingSource", [
    { key: "autoAllocateChunkSize", converter: converters["unsigned long long"], opts: { __proto__: null, enforceRange: true } },
    { key: "cancel", converter: converters.Function },
    { key: "pull", converter: converters.Function },
    { key: "start", converter: converters.Function },
    { key: "type", converter: webidl.createEnumConverter("ReadableStreamType", ["bytes"]) },
  ]);
  const convertGetReaderOptions = webidl.createDictionaryConverter("ReadableStreamGetReaderOptions", [
    { key: "mode", converter: webidl.createEnumConverter("ReadableStreamReaderMode", ["byob"]) },
  ]);
  const convertIteratorOptions = webidl.createDictionaryConverter("ReadableStreamIteratorOptions", [
    { key: "preventCancel", converter: converters.boolean, defaultValue: false },
  ]);
  const convertBYOBReadOptions = webidl.createDictionaryConverter("ReadableStreamBYOBReaderReadOptions", [
    { key: "min", converter: converters["unsigned long long"], defaultValue: 1, opts: { __proto__: null, enforceRange: true } },
  ]);
  const convertStreamPipeOptions = webidl.createDictionaryConverter("StreamPipeOptions", [
    { key: "preventAbort", converter: converters.boolean, defaultValue: false },
    { key: "preventCancel", converter: converters.boolean, defaultValue: false },
    { key: "preventClose", converter: converters.boolean, defaultValue: false },
    { key: "signal", converter: webidl.createInterfaceConverter("AbortSignal", abort.isAbortSignal) },
  ]);

  // Records --------------------------------------------------------------------------------
  class StreamState {
    constructor() {
      this.state = "readable";
      this.reader = undefined;
      this.storedError = undefined;
      this.disturbed = false;
      this.controller = undefined;
      this.obj = undefined;
    }
  }
  nullProto(StreamState);
  class ReaderState {
    constructor(byob) {
      this.stream = undefined;
      this.closed = undefined; // Deferred
      this.requests = new List(); // [[readRequests]] or [[readIntoRequests]]
      this.byob = byob;
      this.obj = undefined;
    }
  }
  nullProto(ReaderState);
  class ControllerState {
    constructor(stream, byte) {
      this.stream = stream;
      this.byte = byte;
      this.queue = new List();
      this.queueTotalSize = 0;
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.hwm = 0;
      this.size = undefined;
      this.user = false; // algorithms are the underlying source's methods (called with `source` as this)
      this.source = undefined;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.byobRequest = null;
      this.pendingPullIntos = byte ? new List() : undefined;
      this.autoAllocateChunkSize = undefined;
      this.obj = undefined;
      this.onPullFulfilled = undefined;
      this.onPullRejected = undefined;
      this.readWhole = undefined; // native sources only: see readWhole below
    }
  }
  nullProto(ControllerState);
  class ByteQueueEntry {
    constructor(buffer, byteOffset, byteLength) {
      this.buffer = buffer;
      this.byteOffset = byteOffset;
      this.byteLength = byteLength;
    }
  }
  nullProto(ByteQueueEntry);
  class PullIntoDescriptor {
    constructor(buffer, byteOffset, byteLength, minimumFill, elementSize, viewConstructor, readerType) {
      this.buffer = buffer;
      this.bufferByteLength = ArrayBufferByteLength(buffer);
      this.byteOffset = byteOffset;
      this.byteLength = byteLength;
      this.bytesFilled = 0;
      this.minimumFill = minimumFill;
      this.elementSize = elementSize;
      this.viewConstructor = viewConstructor;
      this.readerType = readerType;
    }
  }
  nullProto(PullIntoDescriptor);
  class BYOBRequestState {
    constructor(controller, view) {
      this.controller = controller;
      this.view = view;
      this.obj = undefined;
    }
  }
  nullProto(BYOBRequestState);

  // Read requests: objects with chunk(value) / close(value) / error(e) steps.
  class PromiseReadRequest extends Deferred {
    chunk(value) { this.resolve({ value, done: false }); }
    close(value) { this.resolve({ value, done: true }); }
    error(e) { this.reject(e); }
  }

  // Interfaces ------------------------------------------------------------------------------
  let rsState;
  let pendingReader; // the record getReader() hands to the reader constructors
  class ReadableStream {
    #s;
    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === INTERNAL) { this.#s = strategy; strategy.obj = this; return; }
      const prefix = "Failed to construct 'ReadableStream'";
      if (underlyingSource !== undefined) converters.object(underlyingSource, prefix, "parameter 1");
      strategy = convertQueuingStrategy(strategy, prefix, "parameter 2");
      const source = underlyingSource === undefined ? null : underlyingSource;
      const dict = convertUnderlyingSource(source, prefix, "parameter 1");
      const s = new StreamState();
      s.obj = this;
      this.#s = s;
      if (dict.type === "bytes") {
        if (strategy.size !== undefined) throw new RangeErrorCtor(`${prefix}: The strategy for a byte stream cannot have a size function`);
        const hwm = ExtractHighWaterMark(strategy, 0);
        SetUpReadableByteStreamControllerFromUnderlyingSource(s, source, dict, hwm);
      } else {
        const size = ExtractSizeAlgorithm(strategy);
        const hwm = ExtractHighWaterMark(strategy, 1);
        SetUpReadableStreamDefaultControllerFromUnderlyingSource(s, source, dict, hwm, size);
      }
    }
    static from(asyncIterable) {
      return ReadableStreamFromIterable(asyncIterable).obj;
    }
    get locked() {
      return IsReadableStreamLocked(rsState(this));
    }
    cancel(reason = undefined) {
      const s = rsState(this, true);
      if (s === undefined) return PromiseReject(webidl.illegalInvocation());
      if (IsReadableStreamLocked(s)) return PromiseReject(typeError("Cannot cancel a stream that already has a reader"));
      return ReadableStreamCancel(s, reason);
    }
    getReader(options = undefined) {
      const s = rsState(this);
      options = convertGetReaderOptions(options, "Failed to execute 'getReader' on 'ReadableStream'", "parameter 1");
      if (options.mode === undefined) {
        pendingReader = AcquireReadableStreamDefaultReader(s);
        return new ReadableStreamDefaultReader(INTERNAL);
      }
      pendingReader = AcquireReadableStreamBYOBReader(s);
      return new ReadableStreamBYOBReader(INTERNAL);
    }
    pipeThrough(transform, options = undefined) {
      const s = rsState(this);
      const prefix = "Failed to execute 'pipeThrough' on 'ReadableStream'";
      transform = convertReadableWritablePair(transform, prefix, "parameter 1");
      options = convertStreamPipeOptions(options, prefix, "parameter 2");
      if (IsReadableStreamLocked(s)) throw typeError(`${prefix}: The ReadableStream is locked`);
      const dest = getWritableStreamState(transform.writable);
      if (IsWritableStreamLocked(dest)) throw typeError(`${prefix}: The WritableStream is locked`);
      const promise = ReadableStreamPipeTo(s, dest, options.preventClose, options.preventAbort, options.preventCancel, options.signal);
      setHandled(promise);
      return transform.readable;
    }
    pipeTo(destination, options = undefined) {
      const s = rsState(this, true);
      if (s === undefined) return PromiseReject(webidl.illegalInvocation());
      const prefix = "Failed to execute 'pipeTo' on 'ReadableStream'";
      let dest;
      try {
        dest = getWritableStreamState(convertWritableStream(destination, prefix, "parameter 1"));
        options = convertStreamPipeOptions(options, prefix, "parameter 2");
      } catch (e) {
        return PromiseReject(e);
      }
      if (IsReadableStreamLocked(s)) return PromiseReject(typeError(`${prefix}: The ReadableStream is locked`));
      if (IsWritableStreamLocked(dest)) return PromiseReject(typeError(`${prefix}: The WritableStream is locked`));
      return ReadableStreamPipeTo(s, dest, options.preventClose, options.preventAbort, options.preventCancel, options.signal);
    }
    tee() {
      const branches = ReadableStreamTee(rsState(this), false);
      return [branches[0].obj, branches[1].obj];
    }
    values(options = undefined) {
      const s = rsState(this);
      options = convertIteratorOptions(options, "Failed to execute 'values' on 'ReadableStream'", "parameter 1");
      const reader = AcquireReadableStreamDefaultReader(s);
      return new ReadableStreamAsyncIterator(INTERNAL, new IteratorState(reader, options.preventCancel));
    }
    static {
      rsState = (o, soft) => {
        if (isObj(o) && #s in o) return o.#s;
        if (soft) return undefined;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(ReadableStream);
  defineHidden(ReadableStream.prototype, SymbolAsyncIterator, ReadableStream.prototype.values);
  const isReadableStream = (o) => rsState(o, true) !== undefined;
  const convertReadableStream = webidl.createInterfaceConverter("ReadableStream", isReadableStream);
  const convertReadableWritablePair = webidl.createDictionaryConverter("ReadableWritablePair", [
    { key: "readable", converter: convertReadableStream, required: true },
    { key: "writable", converter: convertWritableStream, required: true },
  ]);

  let defaultReaderState;
  class ReadableStreamDefaultReader {
    #r;
    constructor(stream) {
      if (stream === INTERNAL) {
        const r = pendingReader;
        pendingReader = undefined;
        r.obj = this;
        this.#r = r;
        return;
      }
      const s = rsState(convertReadableStream(stream, "Failed to construct 'ReadableStreamDefaultReader'", "parameter 1"));
      const r = new ReaderState(false);
      r.obj = this;
      this.#r = r;
      SetUpReadableStreamDefaultReader(r, s);
    }
    get closed() {
      const r = defaultReaderState(this, true);
      if (r === undefined) return PromiseReject(webidl.illegalInvocation());
      return r.closed.promise;
    }
    cancel(reason = undefined) {
      const r = defaultReaderState(this, true);
      if (r === undefined) return PromiseReject(webidl.illegalInvocation());
      if (r.stream === undefined) return PromiseReject(typeError("This readable stream reader has been released and cannot be used to cancel its previous owner stream"));
      return ReadableStreamCancel(r.stream, reason);
    }
    read() {
      const r = defaultReaderState(this, true);
      if (r === undefined) return PromiseReject(webidl.illegalInvocation());
      if (r.stream === undefined) return PromiseReject(typeError("This readable stream reader has been released and cannot be used to read from its previous owner stream"));
      const request = new PromiseReadRequest();
      ReadableStreamDefaultReaderRead(r, request);
      return request.promise;
    }
    releaseLock() {
      const r = defaultReaderState(this);
      if (r.stream === undefined) return;
      ReadableStreamDefaultReaderRelease(r);
    }
    static {
      defaultReaderState = (o, soft) => {
        if (isObj(o) && #r in o) return o.#r;
        if (soft) return undefined;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(ReadableStreamDefaultReader);

  let byobReaderState;
  class ReadableStreamBYOBReader {
    #r;
    constructor(stream) {
      if (stream === INTERNAL) {
        const r = pendingReader;
        pendingReader = undefined;
        r.obj = this;
        this.#r = r;
        return;
      }
      const s = rsState(convertReadableStream(stream, "Failed to construct 'ReadableStreamBYOBReader'", "parameter 1"));
      const r = new ReaderState(true);
      r.obj = this;
      this.#r = r;
      SetUpReadableStreamBYOBReader(r, s);
    }
    get closed() {
      const r = byobReaderState(this, true);
      if (r === undefined) return PromiseReject(webidl.illegalInvocation());
      return r.closed.promise;
    }
    cancel(reason = undefined) {
      const r = byobReaderState(this, true);
      if (r === undefined) return PromiseReject(webidl.illegalInvocation());
      if (r.stream === undefined) return PromiseReject(typeError("This readable stream reader has been released and cannot be used to cancel its previous owner stream"));
      return ReadableStreamCancel(r.stream, reason);
    }
    read(view, options = undefined) {
      const r = byobReaderState(this, true);
      if (r === undefined) return PromiseReject(webidl.illegalInvocation());
      const prefix = "Failed to execute 'read' on 'ReadableStreamBYOBReader'";
      try {
        view = converters.ArrayBufferView(view, prefix, "parameter 1");
        options = convertBYOBReadOptions(options, prefix, "parameter 2");
      } catch (e) {
        return PromiseReject(e);
      }
      const byteLength = viewByteLength(view);
      if (byteLength === 0) return PromiseReject(typeError(`${prefix}: This readable stream reader cannot be used to read as the view has byte length equal to 0`));
      const buffer = viewBuffer(view);
      if (ArrayBufferByteLength(buffer) === 0) {
        return PromiseReject(typeError(`${prefix}: This readable stream reader cannot be used to read as the viewed array buffer is ${isDetachedBuffer(buffer) ? "detached" : "empty"}`));
      }
      const min = options.min;
      if (min === 0) return PromiseReject(typeError(`${prefix}: options.min must be greater than 0`));
      const tag = TypedArrayTag(view);
      if (tag !== undefined) {
        if (min > byteLength / viewConstructors[tag].BYTES_PER_ELEMENT) return PromiseReject(new RangeErrorCtor(`${prefix}: options.min must be less than or equal to view's length`));
      } else if (min > byteLength) {
        return PromiseReject(new RangeErrorCtor(`${prefix}: options.min must be less than or equal to view's byteLength`));
      }
      if (r.stream === undefined) return PromiseReject(typeError("This readable stream reader has been released and cannot be used to read from its previous owner stream"));
      const request = new PromiseReadRequest();
      ReadableStreamBYOBReaderRead(r, view, min, request);
      return request.promise;
    }
    releaseLock() {
      const r = byobReaderState(this);
      if (r.stream === undefined) return;
      ReadableStreamBYOBReaderRelease(r);
    }
    static {
      byobReaderState = (o, soft) => {
        if (isObj(o) && #r in o) return o.#r;
        if (soft) return undefined;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(ReadableStreamBYOBReader);

  let defaultControllerState;
  class ReadableStreamDefaultController {
    #c;
    constructor(key = undefined, c = undefined) {
      if (key !== INTERNAL) throw webidl.illegalConstructor();
      this.#c = c;
    }
    get desiredSize() {
      return ReadableStreamDefaultControllerGetDesiredSize(defaultControllerState(this));
    }
    close() {
      const c = defaultControllerState(this);
      if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(c)) throw typeError("The stream is not in a state that permits close");
      ReadableStreamDefaultControllerClose(c);
    }
    enqueue(chunk = undefined) {
      const c = defaultControllerState(this);
      if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(c)) throw typeError("The stream is not in a state that permits enqueue");
      ReadableStreamDefaultControllerEnqueue(c, chunk);
    }
    error(e = undefined) {
      ReadableStreamDefaultControllerError(defaultControllerState(this), e);
    }
    static {
      defaultControllerState = (o, soft) => {
        if (isObj(o) && #c in o) return o.#c;
        if (soft) return undefined;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(ReadableStreamDefaultController);

  let byteControllerState;
  class ReadableByteStreamController {
    #c;
    constructor(key = undefined, c = undefined) {
      if (key !== INTERNAL) throw webidl.illegalConstructor();
      this.#c = c;
    }
    get byobRequest() {
      const request = ReadableByteStreamControllerGetBYOBRequest(byteControllerState(this));
      return request === null ? null : request.obj;
    }
    get desiredSize() {
      return ReadableByteStreamControllerGetDesiredSize(byteControllerState(this));
    }
    close() {
      const c = byteControllerState(this);
      if (c.closeRequested) throw typeError("The stream has already been closed; do not close it again!");
      if (c.stream.state !== "readable") throw typeError("The stream is not in the readable state and cannot be closed");
      ReadableByteStreamControllerClose(c);
    }
    enqueue(chunk) {
      const c = byteControllerState(this);
      const prefix = "Failed to execute 'enqueue' on 'ReadableByteStreamController'";
      chunk = converters.ArrayBufferView(chunk, prefix, "parameter 1");
      if (viewByteLength(chunk) === 0) throw typeError(`${prefix}: chunk must have non-zero byteLength`);
      if (ArrayBufferByteLength(viewBuffer(chunk)) === 0) throw typeError(`${prefix}: chunk's buffer must have non-zero byteLength`);
      if (c.closeRequested) throw typeError(`${prefix}: stream is closed or draining`);
      if (c.stream.state !== "readable") throw typeError(`${prefix}: The stream is not in the readable state and cannot be enqueued to`);
      ReadableByteStreamControllerEnqueue(c, chunk);
    }
    error(e = undefined) {
      ReadableByteStreamControllerError(byteControllerState(this), e);
    }
    static {
      byteControllerState = (o, soft) => {
        if (isObj(o) && #c in o) return o.#c;
        if (soft) return undefined;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(ReadableByteStreamController);

  let byobRequestState;
  class ReadableStreamBYOBRequest {
    #q;
    constructor(key = undefined, q = undefined) {
      if (key !== INTERNAL) throw webidl.illegalConstructor();
      this.#q = q;
    }
    get view() {
      return byobRequestState(this).view;
    }
    respond(bytesWritten) {
      const q = byobRequestState(this);
      const prefix = "Failed to execute 'respond' on 'ReadableStreamBYOBRequest'";
      bytesWritten = converters["unsigned long long"](bytesWritten, prefix, "parameter 1", { __proto__: null, enforceRange: true });
      if (q.controller === undefined) throw typeError(`${prefix}: This BYOB request has been invalidated`);
      if (isDetachedBuffer(viewBuffer(q.view))) throw typeError(`${prefix}: The BYOB request's buffer has been detached and so cannot be used as a response`);
      ReadableByteStreamControllerRespond(q.controller, bytesWritten);
    }
    respondWithNewView(view) {
      const q = byobRequestState(this);
      const prefix = "Failed to execute 'respondWithNewView' on 'ReadableStreamBYOBRequest'";
      view = converters.ArrayBufferView(view, prefix, "parameter 1");
      if (q.controller === undefined) throw typeError(`${prefix}: This BYOB request has been invalidated`);
      if (isDetachedBuffer(viewBuffer(view))) throw typeError(`${prefix}: The given view's buffer has been detached and so cannot be used as a response`);
      ReadableByteStreamControllerRespondWithNewView(q.controller, view);
    }
    static {
      byobRequestState = (o) => {
        if (isObj(o) && #q in o) return o.#q;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(ReadableStreamBYOBRequest);

  // Async iteration ----------------------------------------------------------------------------
  class IteratorState {
    constructor(reader, preventCancel) {
      this.reader = reader;
      this.preventCancel = preventCancel;
      this.ongoing = null;
      this.finished = false;
      this.nextSteps = () => iteratorNextSteps(this);
      this.onFulfilled = (next) => {
        this.ongoing = null;
        if (next === END) {
          this.finished = true;
          return { value: undefined, done: true };
        }
        return { value: next, done: false };
      };
      this.onRejected = (reason) => {
        this.ongoing = null;
        this.finished = true;
        throw reason;
      };
    }
  }
  nullProto(IteratorState);
  class IteratorReadRequest extends Deferred {
    constructor(reader) {
      super();
      this.reader = reader;
    }
    chunk(value) { this.resolve(value); }
    close() {
      ReadableStreamDefaultReaderRelease(this.reader);
      this.resolve(END);
    }
    error(e) {
      ReadableStreamDefaultReaderRelease(this.reader);
      this.reject(e);
    }
  }
  function iteratorNextSteps(it) {
    if (it.finished) return PromiseResolve({ value: undefined, done: true });
    const request = new IteratorReadRequest(it.reader);
    ReadableStreamDefaultReaderRead(it.reader, request);
    return PromisePrototypeThen(request.promise, it.onFulfilled, it.onRejected);
  }
  function iteratorReturn(it, value) {
    const reader = it.reader;
    if (!it.preventCancel) {
      const result = ReadableStreamCancel(reader.stream, value);
      ReadableStreamDefaultReaderRelease(reader);
      return result;
    }
    ReadableStreamDefaultReaderRelease(reader);
    return PromiseResolve(undefined);
  }

  let iteratorState;
  class ReadableStreamAsyncIterator {
    #it;
    constructor(key, it) {
      this.#it = it;
    }
    next() {
      const it = iteratorState(this);
      if (it === undefined) return PromiseReject(typeError("next() called on an object that is not a ReadableStream async iterator"));
      it.ongoing = it.ongoing !== null
        ? PromisePrototypeThen(it.ongoing, it.nextSteps, it.nextSteps)
        : iteratorNextSteps(it);
      return it.ongoing;
    }
    return(value) {
      const it = iteratorState(this);
      if (it === undefined) return PromiseReject(typeError("return() called on an object that is not a ReadableStream async iterator"));
      const returnSteps = () => {
        if (it.finished) return PromiseResolve({ value, done: true });
        it.finished = true;
        return iteratorReturn(it, value);
      };
      it.ongoing = it.ongoing !== null ? PromisePrototypeThen(it.ongoing, returnSteps, returnSteps) : returnSteps();
      return PromisePrototypeThen(it.ongoing, () => ({ value, done: true }));
    }
    static {
      iteratorState = (o) => (isObj(o) && #it in o ? o.#it : undefined);
    }
  }
  {
    const proto = ReadableStreamAsyncIterator.prototype;
    delete proto.constructor;
    ObjectSetPrototypeOf(proto, AsyncIteratorPrototype);
    const names = ["next", "return"];
    for (let i = 0; i < names.length; i++) {
      const desc = ObjectGetOwnPropertyDescriptor(proto, names[i]);
      desc.enumerable = true;
      ObjectDefineProperty(proto, names[i], desc);
    }
    ObjectDefineProperty(proto, SymbolToStringTag, { value: "ReadableStream AsyncIterator", writable: false, enumerable: false, configurable: true });
  }

  // ReadableStream.from ---------------------------------------------------------------------------
  function getMethod(v, key) {
    const fn = v[key];
    if (fn === undefined || fn === null) return undefined;
    if (typeof fn !== "function") throw typeError(`${typeof key === "symbol" ? key.description : key} is not a function`);
    return fn;
  }
  // Async-from-sync iterator continuation: {value, done} with the value awaited; a rejected value
  // closes the sync iterator (unless done).
  function asyncFromSyncContinuation(result, iterator) {
    const done = !!result.done;
    const value = result.value;
    let wrapper;
    try {
      wrapper = PromiseResolve(value);
    } catch (e) {
      if (!done) closeSyncIterator(iterator);
      throw e;
    }
    return PromisePrototypeThen(wrapper, (v) => ({ value: v, done }), (e) => {
      if (!done) closeSyncIterator(iterator);
      throw e;
    });
  }
  function closeSyncIterator(iterator) {
    try {
      const fn = getMethod(iterator, "return");
      if (fn !== undefined) FunctionPrototypeCall(fn, iterator);
    } catch {}
  }
  function ReadableStreamFromIterable(asyncIterable) {
    let sync = false;
    let method = getMethod(asyncIterable, SymbolAsyncIterator);
    if (method === undefined) {
      method = getMethod(asyncIterable, SymbolIterator);
      if (method === undefined) throw typeError("Failed to execute 'from' on 'ReadableStream': The provided value is not iterable");
      sync = true;
    }
    const iterator = FunctionPrototypeCall(method, asyncIterable);
    if (!isObject(iterator)) throw typeError("Failed to execute 'from' on 'ReadableStream': The iterator is not an object");
    const nextMethod = iterator.next;
    let s;
    const onNext = (iterResult) => {
      if (!isObject(iterResult)) throw typeError("The promise returned by the iterator.next() method must fulfill with an object");
      if (iterResult.done) ReadableStreamDefaultControllerClose(s.controller);
      else ReadableStreamDefaultControllerEnqueue(s.controller, iterResult.value);
    };
    const onReturn = (iterResult) => {
      if (!isObject(iterResult)) throw typeError("The promise returned by the iterator.return() method must fulfill with an object");
    };
    const pull = () => {
      let nextResult;
      try {
        nextResult = FunctionPrototypeCall(nextMethod, iterator);
        if (sync) {
          if (!isObject(nextResult)) throw typeError("The iterator.next() method must return an object");
          nextResult = asyncFromSyncContinuation(nextResult, iterator);
        }
      } catch (e) {
        return PromiseReject(e);
      }
      return PromisePrototypeThen(PromiseResolve(nextResult), onNext);
    };
    const cancel = (reason) => {
      let returnResult;
      try {
        const returnMethod = getMethod(iterator, "return");
        if (returnMethod === undefined) {
          if (!sync) return PromiseResolve(undefined);
          returnResult = { value: reason, done: true };
        } else {
          returnResult = FunctionPrototypeCall(returnMethod, iterator, reason);
          if (sync) {
            if (!isObject(returnResult)) throw typeError("The iterator.return() method must return an object");
            returnResult = asyncFromSyncContinuation(returnResult, iterator);
          }
        }
      } catch (e) {
        return PromiseReject(e);
      }
      return PromisePrototypeThen(PromiseResolve(returnResult), onReturn);
    };
    s = CreateReadableStream(returnUndefined, pull, cancel, 0);
    return s;
  }

  // Readable stream abstract operations -------------------------------------------------------
  function AcquireReadableStreamBYOBReader(s) {
    const r = new ReaderState(true);
    SetUpReadableStreamBYOBReader(r, s);
    return r;
  }
  function AcquireReadableStreamDefaultReader(s) {
    const r = new ReaderState(false);
    SetUpReadableStreamDefaultReader(r, s);
    return r;
  }

  // CreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm = 1, size) -> the
  // stream record. pull(controllerObject) and cancel(reason) return promises.
  function CreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm = 1, size = undefined) {
    const s = new StreamState();
    new ReadableStream(INTERNAL, s);
    const c = new ControllerState(s, false);
    SetUpReadableStreamDefaultController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, size, false, undefined);
    return s;
  }
  function CreateReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm = 0) {
    const s = new StreamState();
    new ReadableStream(INTERNAL, s);
    const c = new ControllerState(s, true);
    SetUpReadableByteStreamController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, undefined, false, undefined);
    return s;
  }

  function IsReadableStreamLocked(s) { return s.reader !== undefined; }

  // Piping ---------------------------------------------------------------------------------------
  class PipeState {
    constructor(source, dest, preventClose, preventAbort, preventCancel, signal) {
      this.source = source;
      this.dest = dest;
      this.preventClose = preventClose;
      this.preventAbort = preventAbort;
      this.preventCancel = preventCancel;
      this.signal = signal;
      this.reader = undefined;
      this.writer = undefined;
      this.shuttingDown = false;
      this.currentWrite = resolvedUndefined;
      this.deferred = new Deferred();
      this.abortAlgorithm = undefined;
      this.onReady = () => {
        if (!this.shuttingDown) ReadableStreamDefaultReaderRead(this.reader, this);
      };
    }
    // Read request steps.
    chunk(chunk) {
      this.currentWrite = PromisePrototypeThen(WritableStreamDefaultWriterWrite(this.writer, chunk), undefined, noop);
      pipeStep(this);
    }
    close() {}
    error() {}
  }
  nullProto(PipeState);
  function pipeStep(p) {
    if (p.shuttingDown) return;
    PromisePrototypeThen(p.writer.ready.promise, p.onReady, noop);
  }
  function pipeWaitForWritesToFinish(p) {
    const oldCurrentWrite = p.currentWrite;
    return PromisePrototypeThen(oldCurrentWrite, () => (oldCurrentWrite !== p.currentWrite ? pipeWaitForWritesToFinish(p) : undefined));
  }
  function pipeShutdownWithAction(p, action, originalIsError, originalError) {
    if (p.shuttingDown) return;
    p.shuttingDown = true;
    const doTheRest = () => {
      PromisePrototypeThen(action(), () => pipeFinalize(p, originalIsError, originalError), (e) => pipeFinalize(p, true, e));
    };
    if (p.dest.state === "writable" && !WritableStreamCloseQueuedOrInFlight(p.dest)) {
      PromisePrototypeThen(pipeWaitForWritesToFinish(p), doTheRest);
    } else {
      doTheRest();
    }
  }
  function pipeShutdown(p, isError, error) {
    if (p.shuttingDown) return;
    p.shuttingDown = true;
    if (p.dest.state === "writable" && !WritableStreamCloseQueuedOrInFlight(p.dest)) {
      PromisePrototypeThen(pipeWaitForWritesToFinish(p), () => pipeFinalize(p, isError, error));
    } else {
      pipeFinalize(p, isError, error);
    }
  }
  function pipeFinalize(p, isError, error) {
    WritableStreamDefaultWriterRelease(p.writer);
    ReadableStreamDefaultReaderRelease(p.reader);
    if (p.signal !== undefined) abort.removeAlgorithm(p.signal, p.abortAlgorithm);
    if (isError) p.deferred.reject(error);
    else p.deferred.resolve(undefined);
  }
  function waitForAll(promises) {
    let remaining = promises.length;
    if (remaining === 0) return PromiseResolve(undefined);
    const d = new Deferred();
    const onFulfilled = () => { if (--remaining === 0) d.resolve(undefined); };
    for (let i = 0; i < promises.length; i++) PromisePrototypeThen(promises[i], onFulfilled, d.reject);
    return d.promise;
  }

  function ReadableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const p = new PipeState(source, dest, preventClose, preventAbort, preventCancel, signal);
    p.reader = AcquireReadableStreamDefaultReader(source);
    p.writer = AcquireWritableStreamDefaultWriter(dest);
    source.disturbed = true;
    if (signal !== undefined) {
      p.abortAlgorithm = () => {
        const error = abort.getReason(signal);
        pipeShutdownWithAction(p, () => {
          const promises = [];
          if (!preventAbort) promises[promises.length] = dest.state === "writable" ? WritableStreamAbort(dest, error) : PromiseResolve(undefined);
          if (!preventCancel) promises[promises.length] = source.state === "readable" ? ReadableStreamCancel(source, error) : PromiseResolve(undefined);
          return waitForAll(promises);
        }, true, error);
      };
      if (abort.isAborted(signal)) {
        p.abortAlgorithm();
        return p.deferred.promise;
      }
      abort.addAlgorithm(signal, p.abortAlgorithm);
    }
    // Errors must be propagated forward.
    const onSourceErrored = (storedError) => {
      if (!preventAbort) pipeShutdownWithAction(p, () => WritableStreamAbort(dest, storedError), true, storedError);
      else pipeShutdown(p, true, storedError);
    };
    if (source.state === "errored") onSourceErrored(source.storedError);
    else PromisePrototypeThen(p.reader.closed.promise, undefined, onSourceErrored);
    // Errors must be propagated backward.
    const onDestErrored = (storedError) => {
      if (!preventCancel) pipeShutdownWithAction(p, () => ReadableStreamCancel(source, storedError), true, storedError);
      else pipeShutdown(p, true, storedError);
    };
    if (dest.state === "errored") onDestErrored(dest.storedError);
    else PromisePrototypeThen(p.writer.closed.promise, undefined, onDestErrored);
    // Closing must be propagated forward.
    const onSourceClosed = () => {
      if (!preventClose) pipeShutdownWithAction(p, () => WritableStreamDefaultWriterCloseWithErrorPropagation(p.writer));
      else pipeShutdown(p);
    };
    if (source.state === "closed") onSourceClosed();
    else PromisePrototypeThen(p.reader.closed.promise, onSourceClosed, noop);
    // Closing must be propagated backward.
    if (WritableStreamCloseQueuedOrInFlight(dest) || dest.state === "closed") {
      const destClosed = typeError("the destination writable stream closed before all data could be piped to it");
      if (!preventCancel) pipeShutdownWithAction(p, () => ReadableStreamCancel(source, destClosed), true, destClosed);
      else pipeShutdown(p, true, destClosed);
    }
    pipeStep(p);
    return p.deferred.promise;
  }

  // Tee -------------------------------------------------------------------------------------------
  class TeeState {
    constructor(stream, reader) {
      this.stream = stream;
      this.reader = reader;
      this.reading = false;
      this.readAgain = false;
      this.readAgainForBranch1 = false;
      this.readAgainForBranch2 = false;
      this.canceled1 = false;
      this.canceled2 = false;
      this.reason1 = undefined;
      this.reason2 = undefined;
      this.branch1 = undefined;
      this.branch2 = undefined;
      this.cancelPromise = new Deferred();
      this.cloneForBranch2 = false;
      this.pendingChunk = undefined;
      this.forBranch2 = false; // the BYOB branch of the pending BYOB read
      this.pull1 = undefined;
      this.pull2 = undefined;
      this.onChunk = undefined; // the microtasks of the chunk steps
      this.onDefaultChunk = undefined;
      this.onBYOBChunk = undefined;
    }
  }
  nullProto(TeeState);
  function resolveWithPromise(d, promise) {
    PromisePrototypeThen(promise, d.resolve, d.reject);
  }

  function ReadableStreamTee(s, cloneForBranch2) {
    if (s.controller.byte) return ReadableByteStreamTee(s);
    return ReadableStreamDefaultTee(s, cloneForBranch2);
  }

  class DefaultTeeReadRequest {
    constructor(t) { this.t = t; }
    chunk(chunk) {
      this.t.pendingChunk = chunk;
      microtask(this.t.onChunk);
    }
    close() {
      const t = this.t;
      t.reading = false;
      if (!t.canceled1) ReadableStreamDefaultControllerClose(t.branch1.controller);
      if (!t.canceled2) ReadableStreamDefaultControllerClose(t.branch2.controller);
      if (!t.canceled1 || !t.canceled2) t.cancelPromise.resolve(undefined);
    }
    error() { this.t.reading = false; }
  }
  nullProto(DefaultTeeReadRequest);

  function ReadableStreamDefaultTee(s, cloneForBranch2) {
    const reader = AcquireReadableStreamDefaultReader(s);
    const t = new TeeState(s, reader);
    t.cloneForBranch2 = cloneForBranch2;
    const readRequest = new DefaultTeeReadRequest(t);
    t.onChunk = () => {
      const chunk = t.pendingChunk;
      t.pendingChunk = undefined;
      t.readAgain = false;
      let chunk2 = chunk;
      if (!t.canceled2 && t.cloneForBranch2) {
        try {
          nano.load("structured_clone");
          chunk2 = nano.structuredClone(chunk);
        } catch (e) {
          ReadableStreamDefaultControllerError(t.branch1.controller, e);
          ReadableStreamDefaultControllerError(t.branch2.controller, e);
          resolveWithPromise(t.cancelPromise, ReadableStreamCancel(s, e));
          return;
        }
      }
      if (!t.canceled1) ReadableStreamDefaultControllerEnqueue(t.branch1.controller, chunk);
      if (!t.canceled2) ReadableStreamDefaultControllerEnqueue(t.branch2.controller, chunk2);
      t.reading = false;
      if (t.readAgain) pullAlgorithm();
    };
    const pullAlgorithm = () => {
      if (t.reading) {
        t.readAgain = true;
        return resolvedUndefined;
      }
      t.reading = true;
      ReadableStreamDefaultReaderRead(reader, readRequest);
      return resolvedUndefined;
    };
    const cancel1Algorithm = (reason) => {
      t.canceled1 = true;
      t.reason1 = reason;
      if (t.canceled2) resolveWithPromise(t.cancelPromise, ReadableStreamCancel(s, [t.reason1, t.reason2]));
      return t.cancelPromise.promise;
    };
    const cancel2Algorithm = (reason) => {
      t.canceled2 = true;
      t.reason2 = reason;
      if (t.canceled1) resolveWithPromise(t.cancelPromise, ReadableStreamCancel(s, [t.reason1, t.reason2]));
      return t.cancelPromise.promise;
    };
    t.branch1 = CreateReadableStream(returnUndefined, pullAlgorithm, cancel1Algorithm);
    t.branch2 = CreateReadableStream(returnUndefined, pullAlgorithm, cancel2Algorithm);
    PromisePrototypeThen(reader.closed.promise, undefined, (r) => {
      ReadableStreamDefaultControllerError(t.branch1.controller, r);
      ReadableStreamDefaultControllerError(t.branch2.controller, r);
      if (!t.canceled1 || !t.canceled2) t.cancelPromise.resolve(undefined);
    });
    return [t.branch1, t.branch2];
  }

  function CloneAsUint8Array(view) {
    return new Uint8ArrayCtor(CloneArrayBuffer(viewBuffer(view), viewByteOffset(view), viewByteLength(view)));
  }

  class ByteTeeDefaultReadRequest {
    constructor(t) { this.t = t; }
    chunk(chunk) {
      this.t.pendingChunk = chunk;
      microtask(this.t.onDefaultChunk);
    }
    close() {
      const t = this.t;
      t.reading = false;
      const c1 = t.branch1.controller;
      const c2 = t.branch2.controller;
      if (!t.canceled1) ReadableByteStreamControllerClose(c1);
      if (!t.canceled2) ReadableByteStreamControllerClose(c2);
      if (c1.pendingPullIntos.n > 0) ReadableByteStreamControllerRespond(c1, 0);
      if (c2.pendingPullIntos.n > 0) ReadableByteStreamControllerRespond(c2, 0);
      if (!t.canceled1 || !t.canceled2) t.cancelPromise.resolve(undefined);
    }
    error() { this.t.reading = false; }
  }
  nullProto(ByteTeeDefaultReadRequest);
  class ByteTeeReadIntoRequest {
    constructor(t) { this.t = t; }
    chunk(chunk) {
      this.t.pendingChunk = chunk;
      microtask(this.t.onBYOBChunk);
    }
    close(chunk) {
      const t = this.t;
      t.reading = false;
      const byobBranch = t.forBranch2 ? t.branch2 : t.branch1;
      const otherBranch = t.forBranch2 ? t.branch1 : t.branch2;
      const byobCanceled = t.forBranch2 ? t.canceled2 : t.canceled1;
      const otherCanceled = t.forBranch2 ? t.canceled1 : t.canceled2;
      if (!byobCanceled) ReadableByteStreamControllerClose(byobBranch.controller);
      if (!otherCanceled) ReadableByteStreamControllerClose(otherBranch.controller);
      if (chunk !== undefined) {
        if (!byobCanceled) ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
        if (!otherCanceled && otherBranch.controller.pendingPullIntos.n > 0) ReadableByteStreamControllerRespond(otherBranch.controller, 0);
      }
      if (!byobCanceled || !otherCanceled) t.cancelPromise.resolve(undefined);
    }
    error() { this.t.reading = false; }
  }
  nullProto(ByteTeeReadIntoRequest);

  function ReadableByteStreamTee(s) {
    const t = new TeeState(s, AcquireReadableStreamDefaultReader(s));
    const defaultRequest = new ByteTeeDefaultReadRequest(t);
    const intoRequest = new ByteTeeReadIntoRequest(t);
    const forwardReaderError = (thisReader) => {
      PromisePrototypeThen(thisReader.closed.promise, undefined, (r) => {
        if (thisReader !== t.reader) return;
        ReadableByteStreamControllerError(t.branch1.controller, r);
        ReadableByteStreamControllerError(t.branch2.controller, r);
        if (!t.canceled1 || !t.canceled2) t.cancelPromise.resolve(undefined);
      });
    };
    const afterChunk = () => {
      t.reading = false;
      if (t.readAgainForBranch1) t.pull1();
      else if (t.readAgainForBranch2) t.pull2();
    };
    t.onDefaultChunk = () => {
      const chunk = t.pendingChunk;
      t.pendingChunk = undefined;
      t.readAgainForBranch1 = false;
      t.readAgainForBranch2 = false;
      let chunk2 = chunk;
      if (!t.canceled1 && !t.canceled2) {
        try {
          chunk2 = CloneAsUint8Array(chunk);
        } catch (e) {
          ReadableByteStreamControllerError(t.branch1.controller, e);
          ReadableByteStreamControllerError(t.branch2.controller, e);
          resolveWithPromise(t.cancelPromise, ReadableStreamCancel(s, e));
          return;
        }
      }
      if (!t.canceled1) ReadableByteStreamControllerEnqueue(t.branch1.controller, chunk);
      if (!t.canceled2) ReadableByteStreamControllerEnqueue(t.branch2.controller, chunk2);
      afterChunk();
    };
    t.onBYOBChunk = () => {
      const chunk = t.pendingChunk;
      t.pendingChunk = undefined;
      t.readAgainForBranch1 = false;
      t.readAgainForBranch2 = false;
      const byobBranch = t.forBranch2 ? t.branch2 : t.branch1;
      const otherBranch = t.forBranch2 ? t.branch1 : t.branch2;
      const byobCanceled = t.forBranch2 ? t.canceled2 : t.canceled1;
      const otherCanceled = t.forBranch2 ? t.canceled1 : t.canceled2;
      if (!otherCanceled) {
        let clonedChunk;
        try {
          clonedChunk = CloneAsUint8Array(chunk);
        } catch (e) {
          ReadableByteStreamControllerError(byobBranch.controller, e);
          ReadableByteStreamControllerError(otherBranch.controller, e);
          resolveWithPromise(t.cancelPromise, ReadableStreamCancel(s, e));
          return;
        }
        if (!byobCanceled) ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
        ReadableByteStreamControllerEnqueue(otherBranch.controller, clonedChunk);
      } else if (!byobCanceled) {
        ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
      }
      afterChunk();
    };
    const pullWithDefaultReader = () => {
      if (t.reader.byob) {
        ReadableStreamBYOBReaderRelease(t.reader);
        t.reader = AcquireReadableStreamDefaultReader(s);
        forwardReaderError(t.reader);
      }
      ReadableStreamDefaultReaderRead(t.reader, defaultRequest);
    };
    const pullWithBYOBReader = (view, forBranch2) => {
      if (!t.reader.byob) {
        ReadableStreamDefaultReaderRelease(t.reader);
        t.reader = AcquireReadableStreamBYOBReader(s);
        forwardReaderError(t.reader);
      }
      t.forBranch2 = forBranch2;
      ReadableStreamBYOBReaderRead(t.reader, view, 1, intoRequest);
    };
    t.pull1 = () => {
      if (t.reading) {
        t.readAgainForBranch1 = true;
        return resolvedUndefined;
      }
      t.reading = true;
      const byobRequest = ReadableByteStreamControllerGetBYOBRequest(t.branch1.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, false);
      return resolvedUndefined;
    };
    t.pull2 = () => {
      if (t.reading) {
        t.readAgainForBranch2 = true;
        return resolvedUndefined;
      }
      t.reading = true;
      const byobRequest = ReadableByteStreamControllerGetBYOBRequest(t.branch2.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, true);
      return resolvedUndefined;
    };
    const cancel1Algorithm = (reason) => {
      t.canceled1 = true;
      t.reason1 = reason;
      if (t.canceled2) resolveWithPromise(t.cancelPromise, ReadableStreamCancel(s, [t.reason1, t.reason2]));
      return t.cancelPromise.promise;
    };
    const cancel2Algorithm = (reason) => {
      t.canceled2 = true;
      t.reason2 = reason;
      if (t.canceled1) resolveWithPromise(t.cancelPromise, ReadableStreamCancel(s, [t.reason1, t.reason2]));
      return t.cancelPromise.promise;
    };
    t.branch1 = CreateReadableByteStream(returnUndefined, t.pull1, cancel1Algorithm);
    t.branch2 = CreateReadableByteStream(returnUndefined, t.pull2, cancel2Algorithm);
    forwardReaderError(t.reader);
    return [t.branch1, t.branch2];
  }

  // Interfacing with controllers ----------------------------------------------------------------
  function ReadableStreamAddReadRequest(s, readRequest) { listPush(s.reader.requests, readRequest); }

  function ReadableStreamCancel(s, reason) {
    s.disturbed = true;
    if (s.state === "closed") return PromiseResolve(undefined);
    if (s.state === "errored") return PromiseReject(s.storedError);
    ReadableStreamClose(s);
    const r = s.reader;
    if (r !== undefined && r.byob) {
      const requests = listTake(r.requests);
      for (let i = 0; i < requests.length; i++) requests[i].close(undefined);
    }
    // [[CancelSteps]]
    const c = s.controller;
    if (c.byte) ReadableByteStreamControllerClearPendingPullIntos(c);
    ResetQueue(c);
    const fn = c.cancelAlgorithm;
    const sourceCancelPromise = fn === undefined ? resolvedUndefined : c.user ? invokePromise1(fn, c.source, reason) : fn(reason);
    ReadableStreamControllerClearAlgorithms(c);
    return PromisePrototypeThen(sourceCancelPromise, returnUndefined);
  }

  function ReadableStreamClose(s) {
    s.state = "closed";
    const r = s.reader;
    if (r === undefined) return;
    resolveSlot(r.closed, undefined);
    if (!r.byob) {
      const requests = listTake(r.requests);
      for (let i = 0; i < requests.length; i++) requests[i].close(undefined);
    }
  }

  function ReadableStreamError(s, e) {
    s.state = "errored";
    s.storedError = e;
    const r = s.reader;
    if (r === undefined) return;
    rejectSlot(r.closed, e);
    setHandled(r.closed.promise);
    ReadableStreamReaderErrorRequests(r, e);
  }

  function ReadableStreamFulfillReadRequest(s, chunk, done) {
    const request = listShift(s.reader.requests);
    if (done) request.close(undefined);
    else request.chunk(chunk);
  }
  function ReadableStreamFulfillReadIntoRequest(s, chunk, done) {
    const request = listShift(s.reader.requests);
    if (done) request.close(chunk);
    else request.chunk(chunk);
  }
  function ReadableStreamGetNumReadRequests(s) { return s.reader.requests.n; }
  function ReadableStreamHasBYOBReader(s) { return s.reader !== undefined && s.reader.byob; }
  function ReadableStreamHasDefaultReader(s) { return s.reader !== undefined && !s.reader.byob; }

  // Readers -------------------------------------------------------------------------------------
  function ReadableStreamReaderGenericInitialize(r, s) {
    r.stream = s;
    s.reader = r;
    if (s.state === "readable") r.closed = new Deferred();
    else if (s.state === "closed") r.closed = resolvedSlot();
    else r.closed = rejectedSlot(s.storedError);
  }
  function ReadableStreamReaderGenericRelease(r) {
    const s = r.stream;
    const e = typeError("Releasing reader");
    if (s.state === "readable") rejectSlot(r.closed, e);
    else r.closed = rejectedSlot(e);
    setHandled(r.closed.promise);
    // [[ReleaseSteps]]
    const c = s.controller;
    if (c.byte && c.pendingPullIntos.n > 0) {
      const first = listPeek(c.pendingPullIntos);
      first.readerType = "none";
      c.pendingPullIntos = new List();
      listPush(c.pendingPullIntos, first);
    }
    s.reader = undefined;
    r.stream = undefined;
  }
  function ReadableStreamReaderErrorRequests(r, e) {
    const requests = listTake(r.requests);
    for (let i = 0; i < requests.length; i++) requests[i].error(e);
  }
  function ReadableStreamBYOBReaderRead(r, view, min, readIntoRequest) {
    const s = r.stream;
    s.disturbed = true;
    if (s.state === "errored") readIntoRequest.error(s.storedError);
    else ReadableByteStreamControllerPullInto(s.controller, view, min, readIntoRequest);
  }
  function ReadableStreamBYOBReaderRelease(r) {
    ReadableStreamReaderGenericRelease(r);
    ReadableStreamReaderErrorRequests(r, typeError("Releasing reader"));
  }
  function ReadableStreamDefaultReaderRead(r, readRequest) {
    const s = r.stream;
    s.disturbed = true;
    if (s.state === "closed") readRequest.close(undefined);
    else if (s.state === "errored") readRequest.error(s.storedError);
    else if (s.controller.byte) ReadableByteStreamControllerPullSteps(s.controller, readRequest);
    else ReadableStreamDefaultControllerPullSteps(s.controller, readRequest);
  }
  function ReadableStreamDefaultReaderRelease(r) {
    ReadableStreamReaderGenericRelease(r);
    ReadableStreamReaderErrorRequests(r, typeError("Releasing reader"));
  }
  function SetUpReadableStreamBYOBReader(r, s) {
    if (IsReadableStreamLocked(s)) throw typeError("Cannot create a reader for a locked ReadableStream");
    if (!s.controller.byte) throw typeError("Cannot create a BYOB reader for a stream that is not a byte stream");
    ReadableStreamReaderGenericInitialize(r, s);
  }
  function SetUpReadableStreamDefaultReader(r, s) {
    if (IsReadableStreamLocked(s)) throw typeError("Cannot create a reader for a locked ReadableStream");
    ReadableStreamReaderGenericInitialize(r, s);
  }

  // Controllers (shared) -------------------------------------------------------------------------
  function ReadableStreamControllerClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
    c.size = undefined;
  }
  function ReadableStreamControllerCallPullIfNeeded(c) {
    if (!(c.byte ? ReadableByteStreamControllerShouldCallPull(c) : ReadableStreamDefaultControllerShouldCallPull(c))) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    const fn = c.pullAlgorithm;
    const pullPromise = fn === undefined ? resolvedUndefined : c.user ? invokePromise1(fn, c.source, c.obj) : fn(c.obj);
    PromisePrototypeThen(pullPromise, c.onPullFulfilled, c.onPullRejected);
  }
  function setUpController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, user, source) {
    c.hwm = hwm;
    c.user = user;
    c.source = source;
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    c.onPullFulfilled = () => {
      c.pulling = false;
      if (c.pullAgain) {
        c.pullAgain = false;
        ReadableStreamControllerCallPullIfNeeded(c);
      }
    };
    c.onPullRejected = c.byte
      ? (e) => { ReadableByteStreamControllerError(c, e); }
      : (e) => { ReadableStreamDefaultControllerError(c, e); };
    s.controller = c;
    const startResult = user
      ? (startAlgorithm === undefined ? undefined : FunctionPrototypeCall(startAlgorithm, source, c.obj))
      : startAlgorithm();
    PromisePrototypeThen(PromiseResolve(startResult), () => {
      c.started = true;
      ReadableStreamControllerCallPullIfNeeded(c);
    }, c.onPullRejected);
  }

  // Default controllers --------------------------------------------------------------------------
  function ReadableStreamDefaultControllerPullSteps(c, readRequest) {
    const s = c.stream;
    if (c.queue.n > 0) {
      const chunk = DequeueValue(c);
      if (c.closeRequested && c.queue.n === 0) {
        ReadableStreamControllerClearAlgorithms(c);
        ReadableStreamClose(s);
      } else {
        ReadableStreamControllerCallPullIfNeeded(c);
      }
      readRequest.chunk(chunk);
    } else {
      ReadableStreamAddReadRequest(s, readRequest);
      ReadableStreamControllerCallPullIfNeeded(c);
    }
  }
  function ReadableStreamDefaultControllerShouldCallPull(c) {
    const s = c.stream;
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(c) || !c.started) return false;
    if (IsReadableStreamLocked(s) && ReadableStreamGetNumReadRequests(s) > 0) return true;
    return ReadableStreamDefaultControllerGetDesiredSize(c) > 0;
  }
  function ReadableStreamDefaultControllerClose(c) {
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.n === 0) {
      ReadableStreamControllerClearAlgorithms(c);
      ReadableStreamClose(c.stream);
    }
  }
  function ReadableStreamDefaultControllerEnqueue(c, chunk) {
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(c)) return;
    const s = c.stream;
    if (IsReadableStreamLocked(s) && ReadableStreamGetNumReadRequests(s) > 0) {
      ReadableStreamFulfillReadRequest(s, chunk, false);
    } else {
      let chunkSize = 1;
      if (c.size !== undefined) {
        try {
          chunkSize = callSize(c.size, chunk);
        } catch (e) {
          ReadableStreamDefaultControllerError(c, e);
          throw e;
        }
      }
      try {
        EnqueueValueWithSize(c, chunk, chunkSize);
      } catch (e) {
        ReadableStreamDefaultControllerError(c, e);
        throw e;
      }
    }
    ReadableStreamControllerCallPullIfNeeded(c);
  }
  function ReadableStreamDefaultControllerError(c, e) {
    const s = c.stream;
    if (s.state !== "readable") return;
    ResetQueue(c);
    ReadableStreamControllerClearAlgorithms(c);
    ReadableStreamError(s, e);
  }
  function ReadableStreamDefaultControllerGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return c.hwm - c.queueTotalSize;
  }
  function ReadableStreamDefaultControllerHasBackpressure(c) {
    return !ReadableStreamDefaultControllerShouldCallPull(c);
  }
  function ReadableStreamDefaultControllerCanCloseOrEnqueue(c) {
    return !c.closeRequested && c.stream.state === "readable";
  }
  function SetUpReadableStreamDefaultController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, size, user, source) {
    c.obj = new ReadableStreamDefaultController(INTERNAL, c);
    c.size = size;
    setUpController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, user, source);
  }
  function SetUpReadableStreamDefaultControllerFromUnderlyingSource(s, source, dict, hwm, size) {
    const c = new ControllerState(s, false);
    SetUpReadableStreamDefaultController(s, c, dict.start, dict.pull, dict.cancel, hwm, size, true, source);
  }

  // Byte stream controllers ----------------------------------------------------------------------
  function ReadableByteStreamControllerPullSteps(c, readRequest) {
    const s = c.stream;
    if (c.queueTotalSize > 0) {
      ReadableByteStreamControllerFillReadRequestFromQueue(c, readRequest);
      return;
    }
    const autoAllocateChunkSize = c.autoAllocateChunkSize;
    if (autoAllocateChunkSize !== undefined) {
      let buffer;
      try {
        buffer = newArrayBuffer(autoAllocateChunkSize);
      } catch (e) {
        readRequest.error(e);
        return;
      }
      listPush(c.pendingPullIntos, new PullIntoDescriptor(buffer, 0, autoAllocateChunkSize, 1, 1, Uint8ArrayCtor, "default"));
    }
    ReadableStreamAddReadRequest(s, readRequest);
    ReadableStreamControllerCallPullIfNeeded(c);
  }
  function ReadableByteStreamControllerClearPendingPullIntos(c) {
    ReadableByteStreamControllerInvalidateBYOBRequest(c);
    c.pendingPullIntos = new List();
  }
  function ReadableByteStreamControllerClose(c) {
    const s = c.stream;
    if (c.closeRequested || s.state !== "readable") return;
    if (c.queueTotalSize > 0) {
      c.closeRequested = true;
      return;
    }
    if (c.pendingPullIntos.n > 0) {
      const first = listPeek(c.pendingPullIntos);
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = typeError("Insufficient bytes to fill elements in the given buffer");
        ReadableByteStreamControllerError(c, e);
        throw e;
      }
    }
    ReadableStreamControllerClearAlgorithms(c);
    ReadableStreamClose(s);
  }
  function ReadableByteStreamControllerCommitPullIntoDescriptor(s, pullIntoDescriptor) {
    const done = s.state === "closed";
    const filledView = ReadableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
    if (pullIntoDescriptor.readerType === "default") ReadableStreamFulfillReadRequest(s, filledView, done);
    else ReadableStreamFulfillReadIntoRequest(s, filledView, done);
  }
  function ReadableByteStreamControllerConvertPullIntoDescriptor(d) {
    const buffer = TransferArrayBuffer(d.buffer);
    return new d.viewConstructor(buffer, d.byteOffset, d.bytesFilled / d.elementSize);
  }
  function ReadableByteStreamControllerEnqueue(c, chunk) {
    const s = c.stream;
    if (c.closeRequested || s.state !== "readable") return;
    const buffer = viewBuffer(chunk);
    const byteOffset = viewByteOffset(chunk);
    const byteLength = viewByteLength(chunk);
    if (isDetachedBuffer(buffer)) throw typeError("chunk's buffer is detached and so cannot be enqueued");
    const transferredBuffer = TransferArrayBuffer(buffer);
    if (c.pendingPullIntos.n > 0) {
      const first = listPeek(c.pendingPullIntos);
      if (isDetachedBuffer(first.buffer)) throw typeError("The BYOB request's buffer has been detached and so cannot be filled with an enqueued chunk");
      ReadableByteStreamControllerInvalidateBYOBRequest(c);
      first.buffer = TransferArrayBuffer(first.buffer);
      if (first.readerType === "none") ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(c, first);
    }
    if (ReadableStreamHasDefaultReader(s)) {
      ReadableByteStreamControllerProcessReadRequestsUsingQueue(c);
      if (ReadableStreamGetNumReadRequests(s) === 0) {
        ReadableByteStreamControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
      } else {
        if (c.pendingPullIntos.n > 0) ReadableByteStreamControllerShiftPendingPullInto(c);
        ReadableStreamFulfillReadRequest(s, new Uint8ArrayCtor(transferredBuffer, byteOffset, byteLength), false);
      }
    } else if (ReadableStreamHasBYOBReader(s)) {
      ReadableByteStreamControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
      const filled = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(c);
      for (let i = 0; i < filled.length; i++) ReadableByteStreamControllerCommitPullIntoDescriptor(s, filled[i]);
    } else {
      ReadableByteStreamControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
    }
    ReadableStreamControllerCallPullIfNeeded(c);
  }
  function ReadableByteStreamControllerEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
    listPush(c.queue, new ByteQueueEntry(buffer, byteOffset, byteLength));
    c.queueTotalSize += byteLength;
  }
  function ReadableByteStreamControllerEnqueueClonedChunkToQueue(c, buffer, byteOffset, byteLength) {
    let clone;
    try {
      clone = CloneArrayBuffer(buffer, byteOffset, byteLength);
    } catch (e) {
      ReadableByteStreamControllerError(c, e);
      throw e;
    }
    ReadableByteStreamControllerEnqueueChunkToQueue(c, clone, 0, byteLength);
  }
  function ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(c, d) {
    if (d.bytesFilled > 0) ReadableByteStreamControllerEnqueueClonedChunkToQueue(c, d.buffer, d.byteOffset, d.bytesFilled);
    ReadableByteStreamControllerShiftPendingPullInto(c);
  }
  function ReadableByteStreamControllerFillHeadPullIntoDescriptor(c, size, d) {
    d.bytesFilled += size;
  }
  function ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(c, d) {
    const maxBytesToCopy = MathMin(c.queueTotalSize, d.byteLength - d.bytesFilled);
    const maxBytesFilled = d.bytesFilled + maxBytesToCopy;
    let totalBytesToCopyRemaining = maxBytesToCopy;
    let ready = false;
    const remainderBytes = maxBytesFilled % d.elementSize;
    const maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= d.minimumFill) {
      totalBytesToCopyRemaining = maxAlignedBytes - d.bytesFilled;
      ready = true;
    }
    const queue = c.queue;
    while (totalBytesToCopyRemaining > 0) {
      const head = listPeek(queue);
      const bytesToCopy = MathMin(totalBytesToCopyRemaining, head.byteLength);
      const destStart = d.byteOffset + d.bytesFilled;
      TypedArrayPrototypeSet(new Uint8ArrayCtor(d.buffer, destStart, bytesToCopy),
        new Uint8ArrayCtor(head.buffer, head.byteOffset, bytesToCopy));
      if (head.byteLength === bytesToCopy) {
        listShift(queue);
      } else {
        head.byteOffset += bytesToCopy;
        head.byteLength -= bytesToCopy;
      }
      c.queueTotalSize -= bytesToCopy;
      ReadableByteStreamControllerFillHeadPullIntoDescriptor(c, bytesToCopy, d);
      totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
  }
  function ReadableByteStreamControllerFillReadRequestFromQueue(c, readRequest) {
    const entry = listShift(c.queue);
    c.queueTotalSize -= entry.byteLength;
    ReadableByteStreamControllerHandleQueueDrain(c);
    readRequest.chunk(new Uint8ArrayCtor(entry.buffer, entry.byteOffset, entry.byteLength));
  }
  function ReadableByteStreamControllerGetBYOBRequest(c) {
    if (c.byobRequest === null && c.pendingPullIntos.n > 0) {
      const first = listPeek(c.pendingPullIntos);
      const view = new Uint8ArrayCtor(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const q = new BYOBRequestState(c, view);
      q.obj = new ReadableStreamBYOBRequest(INTERNAL, q);
      c.byobRequest = q;
    }
    return c.byobRequest;
  }
  function ReadableByteStreamControllerGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return c.hwm - c.queueTotalSize;
  }
  function ReadableByteStreamControllerHandleQueueDrain(c) {
    if (c.queueTotalSize === 0 && c.closeRequested) {
      ReadableStreamControllerClearAlgorithms(c);
      ReadableStreamClose(c.stream);
    } else {
      ReadableStreamControllerCallPullIfNeeded(c);
    }
  }
  function ReadableByteStreamControllerInvalidateBYOBRequest(c) {
    const q = c.byobRequest;
    if (q === null) return;
    q.controller = undefined;
    q.view = null;
    c.byobRequest = null;
  }
  function ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(c) {
    const filled = [];
    while (c.pendingPullIntos.n > 0) {
      if (c.queueTotalSize === 0) break;
      const d = listPeek(c.pendingPullIntos);
      if (ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(c, d)) {
        ReadableByteStreamControllerShiftPendingPullInto(c);
        filled[filled.length] = d;
      }
    }
    return filled;
  }
  function ReadableByteStreamControllerProcessReadRequestsUsingQueue(c) {
    const requests = c.stream.reader.requests;
    while (requests.n > 0) {
      if (c.queueTotalSize === 0) return;
      ReadableByteStreamControllerFillReadRequestFromQueue(c, listShift(requests));
    }
  }
  function ReadableByteStreamControllerPullInto(c, view, min, readIntoRequest) {
    const s = c.stream;
    let elementSize = 1;
    let ctor = DataViewCtor;
    const tag = TypedArrayTag(view);
    if (tag !== undefined) {
      ctor = viewConstructors[tag];
      elementSize = ctor.BYTES_PER_ELEMENT;
    }
    const minimumFill = min * elementSize;
    const byteOffset = viewByteOffset(view);
    const byteLength = viewByteLength(view);
    let buffer;
    try {
      buffer = TransferArrayBuffer(viewBuffer(view));
    } catch (e) {
      readIntoRequest.error(e);
      return;
    }
    const d = new PullIntoDescriptor(buffer, byteOffset, byteLength, minimumFill, elementSize, ctor, "byob");
    if (c.pendingPullIntos.n > 0) {
      listPush(c.pendingPullIntos, d);
      listPush(s.reader.requests, readIntoRequest);
      return;
    }
    if (s.state === "closed") {
      readIntoRequest.close(new ctor(d.buffer, d.byteOffset, 0));
      return;
    }
    if (c.queueTotalSize > 0) {
      if (ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(c, d)) {
        const filledView = ReadableByteStreamControllerConvertPullIntoDescriptor(d);
        ReadableByteStreamControllerHandleQueueDrain(c);
        readIntoRequest.chunk(filledView);
        return;
      }
      if (c.closeRequested) {
        const e = typeError("Insufficient bytes to fill elements in the given buffer");
        ReadableByteStreamControllerError(c, e);
        readIntoRequest.error(e);
        return;
      }
    }
    listPush(c.pendingPullIntos, d);
    listPush(s.reader.requests, readIntoRequest);
    ReadableStreamControllerCallPullIfNeeded(c);
  }
  function ReadableByteStreamControllerRespond(c, bytesWritten) {
    const first = listPeek(c.pendingPullIntos);
    if (c.stream.state === "closed") {
      if (bytesWritten !== 0) throw typeError("bytesWritten must be 0 when calling respond() on a closed stream");
    } else {
      if (bytesWritten === 0) throw typeError("bytesWritten must be greater than 0 when calling respond() on a readable stream");
      if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeErrorCtor("bytesWritten out of range");
    }
    first.buffer = TransferArrayBuffer(first.buffer);
    ReadableByteStreamControllerRespondInternal(c, bytesWritten);
  }
  function ReadableByteStreamControllerRespondInClosedState(c, first) {
    if (first.readerType === "none") ReadableByteStreamControllerShiftPendingPullInto(c);
    const s = c.stream;
    if (ReadableStreamHasBYOBReader(s)) {
      const filled = [];
      while (filled.length < ReadableStreamGetNumReadRequests(s)) filled[filled.length] = ReadableByteStreamControllerShiftPendingPullInto(c);
      for (let i = 0; i < filled.length; i++) ReadableByteStreamControllerCommitPullIntoDescriptor(s, filled[i]);
    }
  }
  function ReadableByteStreamControllerRespondInReadableState(c, bytesWritten, d) {
    ReadableByteStreamControllerFillHeadPullIntoDescriptor(c, bytesWritten, d);
    const s = c.stream;
    if (d.readerType === "none") {
      ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(c, d);
      const filled = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(c);
      for (let i = 0; i < filled.length; i++) ReadableByteStreamControllerCommitPullIntoDescriptor(s, filled[i]);
      return;
    }
    if (d.bytesFilled < d.minimumFill) return;
    ReadableByteStreamControllerShiftPendingPullInto(c);
    const remainderSize = d.bytesFilled % d.elementSize;
    if (remainderSize > 0) {
      const end = d.byteOffset + d.bytesFilled;
      ReadableByteStreamControllerEnqueueClonedChunkToQueue(c, d.buffer, end - remainderSize, remainderSize);
    }
    d.bytesFilled -= remainderSize;
    const filled = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(c);
    ReadableByteStreamControllerCommitPullIntoDescriptor(s, d);
    for (let i = 0; i < filled.length; i++) ReadableByteStreamControllerCommitPullIntoDescriptor(s, filled[i]);
  }
  function ReadableByteStreamControllerRespondInternal(c, bytesWritten) {
    const first = listPeek(c.pendingPullIntos);
    ReadableByteStreamControllerInvalidateBYOBRequest(c);
    if (c.stream.state === "closed") ReadableByteStreamControllerRespondInClosedState(c, first);
    else ReadableByteStreamControllerRespondInReadableState(c, bytesWritten, first);
    ReadableStreamControllerCallPullIfNeeded(c);
  }
  function ReadableByteStreamControllerRespondWithNewView(c, view) {
    const first = listPeek(c.pendingPullIntos);
    const byteLength = viewByteLength(view);
    if (c.stream.state === "closed") {
      if (byteLength !== 0) throw typeError("The view's length must be 0 when calling respondWithNewView() on a closed stream");
    } else if (byteLength === 0) {
      throw typeError("The view's length must be greater than 0 when calling respondWithNewView() on a readable stream");
    }
    if (first.byteOffset + first.bytesFilled !== viewByteOffset(view)) throw new RangeErrorCtor("The region specified by view does not match byobRequest");
    const buffer = viewBuffer(view);
    if (first.bufferByteLength !== ArrayBufferByteLength(buffer)) throw new RangeErrorCtor("The buffer of view has different capacity than byobRequest");
    if (first.bytesFilled + byteLength > first.byteLength) throw new RangeErrorCtor("The region specified by view is larger than byobRequest");
    first.buffer = TransferArrayBuffer(buffer);
    ReadableByteStreamControllerRespondInternal(c, byteLength);
  }
  function ReadableByteStreamControllerShiftPendingPullInto(c) {
    return listShift(c.pendingPullIntos);
  }
  function ReadableByteStreamControllerShouldCallPull(c) {
    const s = c.stream;
    if (s.state !== "readable" || c.closeRequested || !c.started) return false;
    const r = s.reader;
    if (r !== undefined && r.requests.n > 0) return true;
    return ReadableByteStreamControllerGetDesiredSize(c) > 0;
  }
  function ReadableByteStreamControllerError(c, e) {
    const s = c.stream;
    if (s.state !== "readable") return;
    ReadableByteStreamControllerClearPendingPullIntos(c);
    ResetQueue(c);
    ReadableStreamControllerClearAlgorithms(c);
    ReadableStreamError(s, e);
  }
  function SetUpReadableByteStreamController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, autoAllocateChunkSize, user, source) {
    c.obj = new ReadableByteStreamController(INTERNAL, c);
    c.autoAllocateChunkSize = autoAllocateChunkSize;
    setUpController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, user, source);
  }
  function SetUpReadableByteStreamControllerFromUnderlyingSource(s, source, dict, hwm) {
    const c = new ControllerState(s, true);
    const autoAllocateChunkSize = dict.autoAllocateChunkSize;
    if (autoAllocateChunkSize === 0) throw typeError("autoAllocateChunkSize must be greater than 0");
    SetUpReadableByteStreamController(s, c, dict.start, dict.pull, dict.cancel, hwm, autoAllocateChunkSize, true, source);
  }

  // Internals for the host / fetch -------------------------------------------------------------
  function controllerOf(controller) {
    const c = defaultControllerState(controller, true);
    return c !== undefined ? c : byteControllerState(controller);
  }
  class ReadAllRequest extends Deferred {
    constructor(reader) {
      super();
      this.reader = reader;
      this.chunks = [];
      this.length = 0;
      this.sync = false;
      this.more = false;
    }
    pump() {
      do {
        this.more = false;
        this.sync = true;
        ReadableStreamDefaultReaderRead(this.reader, this);
        this.sync = false;
      } while (this.more);
    }
    chunk(chunk) {
      if (!isUint8Array(chunk)) {
        this.reject(typeError("Received non-Uint8Array chunk"));
        return;
      }
      this.chunks[this.chunks.length] = chunk;
      this.length += TypedArrayByteLength(chunk);
      if (this.sync) this.more = true;
      else this.pump();
    }
    close() {
      const chunks = this.chunks;
      if (chunks.length === 1 && this.reader.stream !== undefined && this.reader.stream.controller.byte) {
        this.resolve(chunks[0]);
        return;
      }
      const out = new Uint8ArrayCtor(this.length);
      let offset = 0;
      for (let i = 0; i < chunks.length; i++) {
        TypedArrayPrototypeSet(out, chunks[i], offset);
        offset += TypedArrayByteLength(chunks[i]);
      }
      this.chunks = [];
      this.resolve(out);
    }
    error(e) { this.reject(e); }
  }

  Object.assign(streams, {
    ReadableStream,
    ReadableStreamDefaultReader,
    ReadableStreamBYOBReader,
    ReadableStreamDefaultController,
    ReadableByteStreamController,
    ReadableStreamBYOBRequest,
    isReadableStream,
    isDisturbed(stream) { return rsState(stream).disturbed; },
    isLocked(stream) { return rsState(stream).reader !== undefined; },
    isErrored(stream) { return rsState(stream).state === "errored"; },
    isClosed(stream) { return rsState(stream).state === "closed"; },
    createReadableStream(pull, cancel, highWaterMark = 0, readWhole = undefined) {
      const s = CreateReadableByteStream(returnUndefined, pull === undefined ? () => resolvedUndefined : wrapAlgorithm(pull),
        cancel === undefined ? () => resolvedUndefined : wrapAlgorithm(cancel), highWaterMark);
      s.controller.readWhole = readWhole;
      return s.obj;
    },
    createDefaultReadableStream(pull, cancel, highWaterMark = 1, size = undefined) {
      return CreateReadableStream(returnUndefined, pull === undefined ? () => resolvedUndefined : wrapAlgorithm(pull),
        cancel === undefined ? () => resolvedUndefined : wrapAlgorithm(cancel), highWaterMark, size).obj;
    },
    readableStreamFromBytes(bytes) {
      const s = CreateReadableByteStream(returnUndefined, () => resolvedUndefined, () => resolvedUndefined, 0);
      const c = s.controller;
      const length = TypedArrayByteLength(bytes);
      if (length > 0) {
        ReadableByteStreamControllerEnqueueChunkToQueue(c, viewBuffer(bytes), viewByteOffset(bytes), length);
        c.closeRequested = true;
      } else {
        ReadableStreamControllerClearAlgorithms(c);
        ReadableStreamClose(s);
      }
      return s.obj;
    },
    readAllBytes(stream) {
      let r;
      try {
        r = AcquireReadableStreamDefaultReader(rsState(stream));
      } catch (e) {
        return PromiseReject(e);
      }
      const whole = readWhole(r);
      if (whole !== undefined) return whole;
      const request = new ReadAllRequest(r);
      request.pump();
      return request.promise;
    },
    tee(stream) {
      const branches = ReadableStreamTee(rsState(stream), true);
      return [branches[0].obj, branches[1].obj];
    },
    getReader(stream) { return AcquireReadableStreamDefaultReader(rsState(stream)); },
    read(reader) {
      if (reader.stream === undefined) return PromiseReject(typeError("The reader was released"));
      const request = new PromiseReadRequest();
      ReadableStreamDefaultReaderRead(reader, request);
      return request.promise;
    },
    releaseLock(reader) { if (reader.stream !== undefined) ReadableStreamDefaultReaderRelease(reader); },
    cancel(streamOrReader, reason) {
      const s = streamOrReader instanceof ReaderState ? streamOrReader.stream : rsState(streamOrReader);
      if (s === undefined) return PromiseReject(typeError("The reader was released"));
      return ReadableStreamCancel(s, reason);
    },
    errorStream(stream, e) {
      const c = rsState(stream).controller;
      if (c.byte) ReadableByteStreamControllerError(c, e);
      else ReadableStreamDefaultControllerError(c, e);
    },
    enqueue(controller, chunk) {
      const c = controllerOf(controller);
      if (c.byte) ReadableByteStreamControllerEnqueue(c, chunk);
      else ReadableStreamDefaultControllerEnqueue(c, chunk);
    },
    close(controller) {
      const c = controllerOf(controller);
      if (c.byte) ReadableByteStreamControllerClose(c);
      else ReadableStreamDefaultControllerClose(c);
    },
    error(controller, e) {
      const c = controllerOf(controller);
      if (c.byte) ReadableByteStreamControllerError(c, e);
      else ReadableStreamDefaultControllerError(c, e);
    },
    desiredSize(controller) {
      const c = controllerOf(controller);
      return c.byte ? ReadableByteStreamControllerGetDesiredSize(c) : ReadableStreamDefaultControllerGetDesiredSize(c);
    },
    pipeTo(source, dest, preventClose = false, preventAbort = false, preventCancel = false, signal = undefined) {
      const s = rsState(source);
      const d = getWritableStreamState(dest);
      if (IsReadableStreamLocked(s) || IsWritableStreamLocked(d)) return PromiseReject(typeError("The stream is locked"));
      return ReadableStreamPipeTo(s, d, preventClose, preventAbort, preventCancel, signal);
    },
    // For transform.js / text_streams.js.
    getReadableStreamState: rsState,
    CreateReadableStream,
    ReadableStreamDefaultControllerEnqueue,
    ReadableStreamDefaultControllerClose,
    ReadableStreamDefaultControllerError,
    ReadableStreamDefaultControllerGetDesiredSize,
    ReadableStreamDefaultControllerHasBackpressure,
    ReadableStreamDefaultControllerCanCloseOrEnqueue,
  });
  // Reads a native source's bytes in one go (a request body the host keeps
  // until it has it all: one crossing instead of one per network read).
  // Only while nothing was read, queued or asked of the source yet, so no
  // byte can be lost or come out of order; else undefined. The reader holds
  // the stream's lock, so nothing else reads or cancels it meanwhile.
  function readWhole(r) {
    const s = r.stream;
    const c = s.controller;
    if (c.readWhole === undefined || !c.byte || s.state !== "readable" || c.closeRequested || c.pulling ||
        c.queueTotalSize !== 0 || c.pendingPullIntos.n !== 0) return undefined;
    const promise = c.readWhole();
    if (promise === undefined) return undefined;
    c.readWhole = undefined;
    s.disturbed = true;
    return PromisePrototypeThen(promise, (bytes) => {
      if (s.state === "readable") {
        ReadableStreamControllerClearAlgorithms(c);
        ReadableStreamClose(s);
      }
      return bytes;
    }, (e) => {
      ReadableByteStreamControllerError(c, e);
      throw e;
    });
  }

  // Host algorithms may return undefined or throw: normalize to a promise.
  function wrapAlgorithm(fn) {
    return (arg) => {
      try {
        return PromiseResolve(fn(arg));
      } catch (e) {
        return PromiseReject(e);
      }
    };
  }

  nano.defineGlobal("ReadableStream", ReadableStream);
  nano.defineGlobal("ReadableStreamDefaultReader", ReadableStreamDefaultReader);
  nano.defineGlobal("ReadableStreamBYOBReader", ReadableStreamBYOBReader);
  nano.defineGlobal("ReadableStreamDefaultController", ReadableStreamDefaultController);
  nano.defineGlobal("ReadableByteStreamController", ReadableByteStreamController);
  nano.defineGlobal("ReadableStreamBYOBRequest", ReadableStreamBYOBRequest);
});
