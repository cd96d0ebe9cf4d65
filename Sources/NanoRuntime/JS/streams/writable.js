// NANO runtime: Streams Standard part 2 of 5: WritableStream, WritableStreamDefaultWriter and
// WritableStreamDefaultController. Internal slots live in plain records (`s` stream, `w` writer,
// `c` controller); the abstract operations are named as in the spec.
(function (nano, global) {
  "use strict";
  nano.defineLazyGlobal("WritableStream", "writable");
  nano.defineLazyGlobal("WritableStreamDefaultWriter", "writable");
  nano.defineLazyGlobal("WritableStreamDefaultController", "writable");
  // The body runs on first use (nano.load("writable")), see core/core.js.
  nano.lazy("writable", function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const streams = nano.streams;
  const {
    List, listPush, listShift, listTake, Deferred, resolveSlot, rejectSlot, resolvedSlot, rejectedSlot,
    setHandled, resolvedUndefined, invokePromise0, invokePromise1, invokePromise2,
    DequeueValue, EnqueueValueWithSize, PeekQueueValue, ResetQueue, convertQueuingStrategy,
    ExtractHighWaterMark, ExtractSizeAlgorithm, callSize, PromiseResolve, PromiseReject,
    PromisePrototypeThen, FunctionPrototypeCall,
    nullProto,
  } = streams.util;
  const abort = nano.abort;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const INTERNAL = Symbol("internal");
  const closeSentinel = {};

  const convertUnderlyingSink = webidl.createDictionaryConverter("UnderlyingSink", [
    { key: "abort", converter: converters.Function },
    { key: "close", converter: converters.Function },
    { key: "start", converter: converters.Function },
    { key: "type", converter: converters.any },
    { key: "write", converter: converters.Function },
  ]);

  class WritableStreamState {
    constructor() {
      this.state = "writable";
      this.storedError = undefined;
      this.writer = undefined;
      this.controller = undefined;
      this.inFlightWriteRequest = undefined;
      this.closeRequest = undefined;
      this.inFlightCloseRequest = undefined;
      this.pendingAbortRequest = undefined;
      this.writeRequests = new List();
      this.backpressure = false;
      this.obj = undefined;
    }
  }
  nullProto(WritableStreamState);
  class WriterState {
    constructor() {
      this.stream = undefined;
      this.ready = undefined; // Deferred
      this.closed = undefined; // Deferred
      this.obj = undefined;
    }
  }
  nullProto(WriterState);
  class ControllerState {
    constructor(stream) {
      this.stream = stream;
      this.queue = new List();
      this.queueTotalSize = 0;
      this.signal = undefined;
      this.started = false;
      this.hwm = 1;
      this.size = undefined;
      this.user = false; // algorithms are the underlying sink's methods (called with `sink` as this)
      this.sink = undefined;
      this.writeAlgorithm = undefined;
      this.closeAlgorithm = undefined;
      this.abortAlgorithm = undefined;
      this.obj = undefined;
      this.onWriteFulfilled = undefined;
      this.onWriteRejected = undefined;
    }
  }
  nullProto(ControllerState);

  function isObj(o) { return typeof o === "object" && o !== null; }
  function typeError(message) { return new TypeErrorCtor(message); }

  // Interfaces ------------------------------------------------------------------------------
  let wsState;
  class WritableStream {
    #s;
    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === INTERNAL) { this.#s = strategy; strategy.obj = this; return; }
      const prefix = "Failed to construct 'WritableStream'";
      if (underlyingSink !== undefined) converters.object(underlyingSink, prefix, "parameter 1");
      strategy = convertQueuingStrategy(strategy, prefix, "parameter 2");
      const sink = underlyingSink === undefined ? null : underlyingSink;
      const dict = convertUnderlyingSink(sink, prefix, "parameter 1");
      if (dict.type !== undefined) throw new RangeErrorCtor(`${prefix}: Invalid type is specified`);
      const s = new WritableStreamState();
      s.obj = this;
      this.#s = s;
      const size = ExtractSizeAlgorithm(strategy);
      const hwm = ExtractHighWaterMark(strategy, 1);
      SetUpWritableStreamDefaultControllerFromUnderlyingSink(s, sink, dict, hwm, size);
    }
    get locked() {
      return IsWritableStreamLocked(wsState(this));
    }
    abort(reason = undefined) {
      const s = wsState(this, true);
      if (s === undefined) return PromiseReject(webidl.illegalInvocation());
      if (IsWritableStreamLocked(s)) return PromiseReject(typeError("Cannot abort a locked WritableStream"));
      return WritableStreamAbort(s, reason);
    }
    close() {
      const s = wsState(this, true);
      if (s === undefined) return PromiseReject(webidl.illegalInvocation());
      if (IsWritableStreamLocked(s)) return PromiseReject(typeError("Cannot close a locked WritableStream"));
      if (WritableStreamCloseQueuedOrInFlight(s)) return PromiseReject(typeError("Cannot close a WritableStream that is closing"));
      return WritableStreamClose(s);
    }
    getWriter() {
      pendingWriter = AcquireWritableStreamDefaultWriter(wsState(this));
      return new WritableStreamDefaultWriter(INTERNAL);
    }
    static {
      wsState = (o, soft) => {
        if (isObj(o) && #s in o) return o.#s;
        if (soft) return undefined;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(WritableStream);
  const isWritableStream = (o) => wsState(o, true) !== undefined;
  const convertWritableStream = webidl.createInterfaceConverter("WritableStream", isWritableStream);

  let writerState;
  let pendingWriter; // the record getWriter() hands to the constructor
  class WritableStreamDefaultWriter {
    #w;
    constructor(stream) {
      if (stream === INTERNAL) {
        const w = pendingWriter;
        pendingWriter = undefined;
        w.obj = this;
        this.#w = w;
        return;
      }
      const prefix = "Failed to construct 'WritableStreamDefaultWriter'";
      const s = wsState(convertWritableStream(stream, prefix, "parameter 1"));
      const w = new WriterState();
      w.obj = this;
      this.#w = w;
      SetUpWritableStreamDefaultWriter(w, s);
    }
    get closed() {
      const w = writerState(this, true);
      if (w === undefined) return PromiseReject(webidl.illegalInvocation());
      return w.closed.promise;
    }
    get desiredSize() {
      const w = writerState(this);
      if (w.stream === undefined) throw typeError("This writer is not attached to a stream");
      return WritableStreamDefaultWriterGetDesiredSize(w);
    }
    get ready() {
      const w = writerState(this, true);
      if (w === undefined) return PromiseReject(webidl.illegalInvocation());
      return w.ready.promise;
    }
    abort(reason = undefined) {
      const w = writerState(this, true);
      if (w === undefined) return PromiseReject(webidl.illegalInvocation());
      if (w.stream === undefined) return PromiseReject(typeError("This writer is not attached to a stream"));
      return WritableStreamAbort(w.stream, reason);
    }
    close() {
      const w = writerState(this, true);
      if (w === undefined) return PromiseReject(webidl.illegalInvocation());
      const s = w.stream;
      if (s === undefined) return PromiseReject(typeError("This writer is not attached to a stream"));
      if (WritableStreamCloseQueuedOrInFlight(s)) return PromiseReject(typeError("Cannot close a WritableStream that is closing"));
      return WritableStreamClose(s);
    }
    releaseLock() {
      const w = writerState(this);
      if (w.stream === undefined) return;
      WritableStreamDefaultWriterRelease(w);
    }
    write(chunk = undefined) {
      const w = writerState(this, true);
      if (w === undefined) return PromiseReject(webidl.illegalInvocation());
      if (w.stream === undefined) return PromiseReject(typeError("This writer is not attached to a stream"));
      return WritableStreamDefaultWriterWrite(w, chunk);
    }
    static {
      writerState = (o, soft) => {
        if (isObj(o) && #w in o) return o.#w;
        if (soft) return undefined;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(WritableStreamDefaultWriter);

  let controllerState;
  class WritableStreamDefaultController {
    #c;
    constructor(key = undefined, c = undefined) {
      if (key !== INTERNAL) throw webidl.illegalConstructor();
      this.#c = c;
    }
    get signal() {
      return controllerState(this).signal;
    }
    error(e = undefined) {
      const c = controllerState(this);
      if (c.stream.state !== "writable") return;
      WritableStreamDefaultControllerError(c, e);
    }
    static {
      controllerState = (o) => {
        if (isObj(o) && #c in o) return o.#c;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(WritableStreamDefaultController);

  // Writable stream abstract operations ------------------------------------------------------
  // -> the writer record; its public object is only made by getWriter().
  function AcquireWritableStreamDefaultWriter(s) {
    const w = new WriterState();
    SetUpWritableStreamDefaultWriter(w, s);
    return w;
  }

  // CreateWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, size)
  // -> the stream record. Algorithms are plain functions returning promises (write gets the chunk,
  // abort the reason); startAlgorithm() returns a value or promise.
  function CreateWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm = 1, size = undefined) {
    const s = new WritableStreamState();
    new WritableStream(INTERNAL, s);
    const c = new ControllerState(s);
    SetUpWritableStreamDefaultController(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, size, false, undefined);
    return s;
  }

  function IsWritableStreamLocked(s) { return s.writer !== undefined; }

  function SetUpWritableStreamDefaultWriter(w, s) {
    if (IsWritableStreamLocked(s)) throw typeError("Cannot create writer when WritableStream is locked");
    w.stream = s;
    s.writer = w;
    const state = s.state;
    if (state === "writable") {
      w.ready = !WritableStreamCloseQueuedOrInFlight(s) && s.backpressure ? new Deferred() : resolvedSlot();
      w.closed = new Deferred();
    } else if (state === "erroring") {
      w.ready = rejectedSlot(s.storedError);
      w.closed = new Deferred();
    } else if (state === "closed") {
      w.ready = resolvedSlot();
      w.closed = resolvedSlot();
    } else {
      w.ready = rejectedSlot(s.storedError);
      w.closed = rejectedSlot(s.storedError);
    }
  }

  function WritableStreamAbort(s, reason) {
    if (s.state === "closed" || s.state === "errored") return PromiseResolve(undefined);
    abort.signalAbort(s.controller.signal, reason);
    const state = s.state;
    if (state === "closed" || state === "errored") return PromiseResolve(undefined);
    if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.promise;
    let wasAlreadyErroring = false;
    if (state === "erroring") {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const d = new Deferred();
    s.pendingAbortRequest = { promise: d.promise, deferred: d, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) WritableStreamStartErroring(s, reason);
    return d.promise;
  }

  function WritableStreamClose(s) {
    const state = s.state;
    if (state === "closed" || state === "errored") {
      return PromiseReject(typeError("The stream is not in the writable state and cannot be closed"));
    }
    const d = new Deferred();
    s.closeRequest = d;
    const w = s.writer;
    if (w !== undefined && s.backpressure && state === "writable") resolveSlot(w.ready, undefined);
    WritableStreamDefaultControllerClose(s.controller);
    return d.promise;
  }

  function WritableStreamAddWriteRequest(s) {
    const d = new Deferred();
    listPush(s.writeRequests, d);
    return d.promise;
  }

  function WritableStreamCloseQueuedOrInFlight(s) {
    return s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
  }

  function WritableStreamDealWithRejection(s, error) {
    if (s.state === "writable") {
      WritableStreamStartErroring(s, error);
      return;
    }
    WritableStreamFinishErroring(s);
  }

  function WritableStreamFinishErroring(s) {
    s.state = "errored";
    const c = s.controller;
    ResetQueue(c); // [[ErrorSteps]]
    const storedError = s.storedError;
    const requests = listTake(s.writeRequests);
    for (let i = 0; i < requests.length; i++) requests[i].reject(storedError);
    const abortRequest = s.pendingAbortRequest;
    if (abortRequest === undefined) {
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(s);
      return;
    }
    s.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.deferred.reject(storedError);
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(s);
      return;
    }
    // [[AbortSteps]]
    const promise = callAbortAlgorithm(c, abortRequest.reason);
    WritableStreamDefaultControllerClearAlgorithms(c);
    PromisePrototypeThen(promise, () => {
      abortRequest.deferred.resolve(undefined);
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(s);
    }, (reason) => {
      abortRequest.deferred.reject(reason);
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(s);
    });
  }

  function WritableStreamFinishInFlightClose(s) {
    s.inFlightCloseRequest.resolve(undefined);
    s.inFlightCloseRequest = undefined;
    if (s.state === "erroring") {
      s.storedError = undefined;
      if (s.pendingAbortRequest !== undefined) {
        s.pendingAbortRequest.deferred.resolve(undefined);
        s.pendingAbortRequest = undefined;
      }
    }
    s.state = "closed";
    const w = s.writer;
    if (w !== undefined) resolveSlot(w.closed, undefined);
  }

  function WritableStreamFinishInFlightCloseWithError(s, error) {
    s.inFlightCloseRequest.reject(error);
    s.inFlightCloseRequest = undefined;
    if (s.pendingAbortRequest !== undefined) {
      s.pendingAbortRequest.deferred.reject(error);
      s.pendingAbortRequest = undefined;
    }
    WritableStreamDealWithRejection(s, error);
  }

  function WritableStreamFinishInFlightWrite(s) {
    s.inFlightWriteRequest.resolve(undefined);
    s.inFlightWriteRequest = undefined;
  }

  function WritableStreamFinishInFlightWriteWithError(s, error) {
    s.inFlightWriteRequest.reject(error);
    s.inFlightWriteRequest = undefined;
    WritableStreamDealWithRejection(s, error);
  }

  function WritableStreamHasOperationMarkedInFlight(s) {
    return s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;
  }

  function WritableStreamRejectCloseAndClosedPromiseIfNeeded(s) {
    if (s.closeRequest !== undefined) {
      s.closeRequest.reject(s.storedError);
      s.closeRequest = undefined;
    }
    const w = s.writer;
    if (w !== undefined) {
      rejectSlot(w.closed, s.storedError);
      setHandled(w.closed.promise);
    }
  }

  function WritableStreamStartErroring(s, reason) {
    const c = s.controller;
    s.state = "erroring";
    s.storedError = reason;
    const w = s.writer;
    if (w !== undefined) WritableStreamDefaultWriterEnsureReadyPromiseRejected(w, reason);
    if (!WritableStreamHasOperationMarkedInFlight(s) && c.started) WritableStreamFinishErroring(s);
  }

  function WritableStreamUpdateBackpressure(s, backpressure) {
    const w = s.writer;
    if (w !== undefined && backpressure !== s.backpressure) {
      if (backpressure) w.ready = new Deferred();
      else resolveSlot(w.ready, undefined);
    }
    s.backpressure = backpressure;
  }

  // Writer abstract operations --------------------------------------------------------------
  function WritableStreamDefaultWriterCloseWithErrorPropagation(w) {
    const s = w.stream;
    const state = s.state;
    if (WritableStreamCloseQueuedOrInFlight(s) || state === "closed") return PromiseResolve(undefined);
    if (state === "errored") return PromiseReject(s.storedError);
    return WritableStreamClose(s);
  }

  function WritableStreamDefaultWriterEnsureClosedPromiseRejected(w, error) {
    if (w.closed.resolve !== undefined) rejectSlot(w.closed, error);
    else w.closed = rejectedSlot(error);
    setHandled(w.closed.promise);
  }

  function WritableStreamDefaultWriterEnsureReadyPromiseRejected(w, error) {
    if (w.ready.resolve !== undefined) rejectSlot(w.ready, error);
    else w.ready = rejectedSlot(error);
    setHandled(w.ready.promise);
  }

  function WritableStreamDefaultWriterGetDesiredSize(w) {
    const s = w.stream;
    const state = s.state;
    if (state === "errored" || state === "erroring") return null;
    if (state === "closed") return 0;
    return WritableStreamDefaultControllerGetDesiredSize(s.controller);
  }

  function WritableStreamDefaultWriterRelease(w) {
    const s = w.stream;
    const releasedError = typeError("Writer was released and can no longer be used to monitor the stream's closedness");
    WritableStreamDefaultWriterEnsureReadyPromiseRejected(w, releasedError);
    WritableStreamDefaultWriterEnsureClosedPromiseRejected(w, releasedError);
    s.writer = undefined;
    w.stream = undefined;
  }

  function WritableStreamDefaultWriterWrite(w, chunk) {
    const s = w.stream;
    const c = s.controller;
    const chunkSize = WritableStreamDefaultControllerGetChunkSize(c, chunk);
    if (s !== w.stream) return PromiseReject(typeError("The writer was released during the size computation"));
    const state = s.state;
    if (state === "errored") return PromiseReject(s.storedError);
    if (WritableStreamCloseQueuedOrInFlight(s) || state === "closed") {
      return PromiseReject(typeError("The stream is closing or closed and cannot be written to"));
    }
    if (state === "erroring") return PromiseReject(s.storedError);
    const promise = WritableStreamAddWriteRequest(s);
    WritableStreamDefaultControllerWrite(c, chunk, chunkSize);
    return promise;
  }

  // Controller abstract operations -------------------------------------------------------------
  function SetUpWritableStreamDefaultController(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, size, user, sink) {
    c.obj = new WritableStreamDefaultController(INTERNAL, c);
    s.controller = c;
    c.signal = abort.createSignal();
    c.size = size;
    c.hwm = hwm;
    c.user = user;
    c.sink = sink;
    c.writeAlgorithm = writeAlgorithm;
    c.closeAlgorithm = closeAlgorithm;
    c.abortAlgorithm = abortAlgorithm;
    c.onWriteFulfilled = () => {
      WritableStreamFinishInFlightWrite(s);
      DequeueValue(c);
      if (!WritableStreamCloseQueuedOrInFlight(s) && s.state === "writable") {
        WritableStreamUpdateBackpressure(s, WritableStreamDefaultControllerGetBackpressure(c));
      }
      WritableStreamDefaultControllerAdvanceQueueIfNeeded(c);
    };
    c.onWriteRejected = (reason) => {
      if (s.state === "writable") WritableStreamDefaultControllerClearAlgorithms(c);
      WritableStreamFinishInFlightWriteWithError(s, reason);
    };
    WritableStreamUpdateBackpressure(s, WritableStreamDefaultControllerGetBackpressure(c));
    const startResult = user
      ? (startAlgorithm === undefined ? undefined : FunctionPrototypeCall(startAlgorithm, sink, c.obj))
      : startAlgorithm();
    PromisePrototypeThen(PromiseResolve(startResult), () => {
      c.started = true;
      WritableStreamDefaultControllerAdvanceQueueIfNeeded(c);
    }, (r) => {
      c.started = true;
      WritableStreamDealWithRejection(s, r);
    });
  }

  function SetUpWritableStreamDefaultControllerFromUnderlyingSink(s, sink, dict, hwm, size) {
    const c = new ControllerState(s);
    SetUpWritableStreamDefaultController(s, c, dict.start, dict.write, dict.close, dict.abort, hwm, size, true, sink);
  }

  function callAbortAlgorithm(c, reason) {
    const fn = c.abortAlgorithm;
    if (fn === undefined) return resolvedUndefined;
    return c.user ? invokePromise1(fn, c.sink, reason) : fn(reason);
  }

  function WritableStreamDefaultControllerAdvanceQueueIfNeeded(c) {
    const s = c.stream;
    if (!c.started || s.inFlightWriteRequest !== undefined) return;
    if (s.state === "erroring") {
      WritableStreamFinishErroring(s);
      return;
    }
    if (c.queue.n === 0) return;
    const value = PeekQueueValue(c);
    if (value === closeSentinel) WritableStreamDefaultControllerProcessClose(c);
    else WritableStreamDefaultControllerProcessWrite(c, value);
  }

  function WritableStreamDefaultControllerClearAlgorithms(c) {
    c.writeAlgorithm = undefined;
    c.closeAlgorithm = undefined;
    c.abortAlgorithm = undefined;
    c.size = undefined;
  }

  function WritableStreamDefaultControllerClose(c) {
    EnqueueValueWithSize(c, closeSentinel, 0);
    WritableStreamDefaultControllerAdvanceQueueIfNeeded(c);
  }

  function WritableStreamDefaultControllerError(c, error) {
    WritableStreamDefaultControllerClearAlgorithms(c);
    WritableStreamStartErroring(c.stream, error);
  }

  function WritableStreamDefaultControllerErrorIfNeeded(c, error) {
    if (c.stream.state === "writable") WritableStreamDefaultControllerError(c, error);
  }

  function WritableStreamDefaultControllerGetBackpressure(c) {
    return c.hwm - c.queueTotalSize <= 0;
  }

  function WritableStreamDefaultControllerGetChunkSize(c, chunk) {
    const size = c.size;
    if (size === undefined) return 1;
    try {
      return callSize(size, chunk);
    } catch (e) {
      WritableStreamDefaultControllerErrorIfNeeded(c, e);
      return 1;
    }
  }

  function WritableStreamDefaultControllerGetDesiredSize(c) {
    return c.hwm - c.queueTotalSize;
  }

  function WritableStreamDefaultControllerProcessClose(c) {
    const s = c.stream;
    s.inFlightCloseRequest = s.closeRequest;
    s.closeRequest = undefined;
    DequeueValue(c);
    const fn = c.closeAlgorithm;
    const promise = fn === undefined ? resolvedUndefined : c.user ? invokePromise0(fn, c.sink) : fn();
    WritableStreamDefaultControllerClearAlgorithms(c);
    PromisePrototypeThen(promise, () => {
      WritableStreamFinishInFlightClose(s);
    }, (reason) => {
      WritableStreamFinishInFlightCloseWithError(s, reason);
    });
  }

  function WritableStreamDefaultControllerProcessWrite(c, chunk) {
    const s = c.stream;
    s.inFlightWriteRequest = listShift(s.writeRequests);
    const fn = c.writeAlgorithm;
    const promise = fn === undefined ? resolvedUndefined : c.user ? invokePromise2(fn, c.sink, chunk, c.obj) : fn(chunk);
    PromisePrototypeThen(promise, c.onWriteFulfilled, c.onWriteRejected);
  }

  function WritableStreamDefaultControllerWrite(c, chunk, chunkSize) {
    try {
      EnqueueValueWithSize(c, chunk, chunkSize);
    } catch (e) {
      WritableStreamDefaultControllerErrorIfNeeded(c, e);
      return;
    }
    const s = c.stream;
    if (!WritableStreamCloseQueuedOrInFlight(s) && s.state === "writable") {
      WritableStreamUpdateBackpressure(s, WritableStreamDefaultControllerGetBackpressure(c));
    }
    WritableStreamDefaultControllerAdvanceQueueIfNeeded(c);
  }

  Object.assign(streams, {
    WritableStream,
    WritableStreamDefaultWriter,
    WritableStreamDefaultController,
    isWritableStream,
    getWritableStreamState: wsState,
    convertWritableStream,
    CreateWritableStream,
    IsWritableStreamLocked,
    AcquireWritableStreamDefaultWriter,
    WritableStreamAbort,
    WritableStreamClose,
    WritableStreamCloseQueuedOrInFlight,
    WritableStreamDefaultWriterCloseWithErrorPropagation,
    WritableStreamDefaultWriterRelease,
    WritableStreamDefaultWriterWrite,
    WritableStreamDefaultWriterGetDesiredSize,
    WritableStreamDefaultControllerErrorIfNeeded,
    WritableStreamDefaultControllerGetDesiredSize,
  });

  nano.defineGlobal("WritableStream", WritableStream);
  nano.defineGlobal("WritableStreamDefaultWriter", WritableStreamDefaultWriter);
  nano.defineGlobal("WritableStreamDefaultController", WritableStreamDefaultController);
  });
});
