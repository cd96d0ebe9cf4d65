// NANO runtime: Streams Standard part 4 of 5: TransformStream and TransformStreamDefaultController.
// nano.streams.createTransformStream(transform, flush) makes one from internal algorithms.
(function (nano, global) {
  "use strict";
  nano.defineLazyGlobal("TransformStream", "transform");
  nano.defineLazyGlobal("TransformStreamDefaultController", "transform");
  // The body runs on first use (nano.load("transform")), see core/core.js.
  nano.lazy("transform", function (nano, global) {
  "use strict";
  nano.load("writable");  // CreateWritableStream and friends on nano.streams
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const streams = nano.streams;
  const {
    Deferred, resolveSlot, resolvedUndefined, returnUndefined, invokePromise1, invokePromise2,
    convertQueuingStrategy, ExtractHighWaterMark, ExtractSizeAlgorithm, PromiseResolve, PromiseReject,
    PromisePrototypeThen, FunctionPrototypeCall,
    nullProto,
  } = streams.util;
  const {
    CreateReadableStream, CreateWritableStream, ReadableStreamDefaultControllerEnqueue,
    ReadableStreamDefaultControllerClose, ReadableStreamDefaultControllerError,
    ReadableStreamDefaultControllerGetDesiredSize, ReadableStreamDefaultControllerHasBackpressure,
    ReadableStreamDefaultControllerCanCloseOrEnqueue, WritableStreamDefaultControllerErrorIfNeeded,
  } = streams;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const INTERNAL = Symbol("internal");

  const convertTransformer = webidl.createDictionaryConverter("Transformer", [
    { key: "cancel", converter: converters.Function },
    { key: "flush", converter: converters.Function },
    { key: "readableType", converter: converters.any },
    { key: "start", converter: converters.Function },
    { key: "transform", converter: converters.Function },
    { key: "writableType", converter: converters.any },
  ]);

  class TransformStreamState {
    constructor() {
      this.readable = undefined; // readable stream record
      this.writable = undefined; // writable stream record
      this.backpressure = undefined;
      this.backpressureChangePromise = undefined; // Deferred
      this.controller = undefined;
      this.obj = undefined;
    }
  }
  nullProto(TransformStreamState);
  class ControllerState {
    constructor(stream) {
      this.stream = stream;
      this.user = false;
      this.transformer = undefined;
      this.transformAlgorithm = undefined;
      this.flushAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.finishPromise = undefined; // Deferred
      this.obj = undefined;
      this.onTransformRejected = undefined;
    }
  }
  nullProto(ControllerState);
  function isObj(o) { return typeof o === "object" && o !== null; }

  let tsState;
  class TransformStream {
    #t;
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      if (transformer === INTERNAL) { this.#t = writableStrategy; writableStrategy.obj = this; return; }
      const prefix = "Failed to construct 'TransformStream'";
      if (transformer !== undefined) converters.object(transformer, prefix, "parameter 1");
      writableStrategy = convertQueuingStrategy(writableStrategy, prefix, "parameter 2");
      readableStrategy = convertQueuingStrategy(readableStrategy, prefix, "parameter 3");
      const t = transformer === undefined ? null : transformer;
      const dict = convertTransformer(t, prefix, "parameter 1");
      if (dict.readableType !== undefined) throw new RangeErrorCtor(`${prefix}: Invalid readableType specified`);
      if (dict.writableType !== undefined) throw new RangeErrorCtor(`${prefix}: Invalid writableType specified`);
      const readableHighWaterMark = ExtractHighWaterMark(readableStrategy, 0);
      const readableSizeAlgorithm = ExtractSizeAlgorithm(readableStrategy);
      const writableHighWaterMark = ExtractHighWaterMark(writableStrategy, 1);
      const writableSizeAlgorithm = ExtractSizeAlgorithm(writableStrategy);
      const ts = new TransformStreamState();
      ts.obj = this;
      this.#t = ts;
      const startPromise = new Deferred();
      InitializeTransformStream(ts, startPromise.promise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm);
      const c = new ControllerState(ts);
      SetUpTransformStreamDefaultController(ts, c, dict.transform, dict.flush, dict.cancel, true, t);
      if (dict.start !== undefined) startPromise.resolve(FunctionPrototypeCall(dict.start, t, c.obj));
      else startPromise.resolve(undefined);
    }
    get readable() {
      return tsState(this).readable.obj;
    }
    get writable() {
      return tsState(this).writable.obj;
    }
    static {
      tsState = (o, soft) => {
        if (isObj(o) && #t in o) return o.#t;
        if (soft) return undefined;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(TransformStream);

  let controllerState;
  class TransformStreamDefaultController {
    #c;
    constructor(key = undefined, c = undefined) {
      if (key !== INTERNAL) throw webidl.illegalConstructor();
      this.#c = c;
    }
    get desiredSize() {
      const c = controllerState(this);
      return ReadableStreamDefaultControllerGetDesiredSize(c.stream.readable.controller);
    }
    enqueue(chunk = undefined) {
      TransformStreamDefaultControllerEnqueue(controllerState(this), chunk);
    }
    error(reason = undefined) {
      TransformStreamError(controllerState(this).stream, reason);
    }
    terminate() {
      TransformStreamDefaultControllerTerminate(controllerState(this));
    }
    static {
      controllerState = (o) => {
        if (isObj(o) && #c in o) return o.#c;
        throw webidl.illegalInvocation();
      };
    }
  }
  webidl.configureInterface(TransformStreamDefaultController);

  function InitializeTransformStream(ts, startPromise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm) {
    const startAlgorithm = () => startPromise;
    ts.writable = CreateWritableStream(startAlgorithm,
      (chunk) => TransformStreamDefaultSinkWriteAlgorithm(ts, chunk),
      () => TransformStreamDefaultSinkCloseAlgorithm(ts),
      (reason) => TransformStreamDefaultSinkAbortAlgorithm(ts, reason),
      writableHighWaterMark, writableSizeAlgorithm);
    ts.readable = CreateReadableStream(startAlgorithm,
      () => TransformStreamDefaultSourcePullAlgorithm(ts),
      (reason) => TransformStreamDefaultSourceCancelAlgorithm(ts, reason),
      readableHighWaterMark, readableSizeAlgorithm);
    ts.backpressure = undefined;
    ts.backpressureChangePromise = undefined;
    TransformStreamSetBackpressure(ts, true);
    ts.controller = undefined;
  }

  function TransformStreamError(ts, e) {
    ReadableStreamDefaultControllerError(ts.readable.controller, e);
    TransformStreamErrorWritableAndUnblockWrite(ts, e);
  }
  function TransformStreamErrorWritableAndUnblockWrite(ts, e) {
    TransformStreamDefaultControllerClearAlgorithms(ts.controller);
    WritableStreamDefaultControllerErrorIfNeeded(ts.writable.controller, e);
    TransformStreamUnblockWrite(ts);
  }
  function TransformStreamUnblockWrite(ts) {
    if (ts.backpressure) TransformStreamSetBackpressure(ts, false);
  }
  function TransformStreamSetBackpressure(ts, backpressure) {
    if (ts.backpressureChangePromise !== undefined) resolveSlot(ts.backpressureChangePromise, undefined);
    ts.backpressureChangePromise = new Deferred();
    ts.backpressure = backpressure;
  }

  function SetUpTransformStreamDefaultController(ts, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm, user, transformer) {
    c.obj = new TransformStreamDefaultController(INTERNAL, c);
    ts.controller = c;
    c.user = user;
    c.transformer = transformer;
    c.transformAlgorithm = transformAlgorithm;
    c.flushAlgorithm = flushAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    c.onTransformRejected = (r) => {
      TransformStreamError(ts, r);
      throw r;
    };
  }
  function TransformStreamDefaultControllerClearAlgorithms(c) {
    c.transformAlgorithm = undefined;
    c.flushAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }
  function TransformStreamDefaultControllerEnqueue(c, chunk) {
    const ts = c.stream;
    const readableController = ts.readable.controller;
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(readableController)) {
      throw new TypeErrorCtor("Readable side is not in a state that permits enqueue");
    }
    try {
      ReadableStreamDefaultControllerEnqueue(readableController, chunk);
    } catch (e) {
      TransformStreamErrorWritableAndUnblockWrite(ts, e);
      throw ts.readable.storedError;
    }
    const backpressure = ReadableStreamDefaultControllerHasBackpressure(readableController);
    if (backpressure !== ts.backpressure) TransformStreamSetBackpressure(ts, true);
  }
  function TransformStreamDefaultControllerPerformTransform(c, chunk) {
    const fn = c.transformAlgorithm;
    let transformPromise;
    if (fn === undefined) {
      // The default transform: enqueue the chunk unchanged.
      try {
        TransformStreamDefaultControllerEnqueue(c, chunk);
        transformPromise = resolvedUndefined;
      } catch (e) {
        transformPromise = PromiseReject(e);
      }
    } else {
      transformPromise = c.user ? invokePromise2(fn, c.transformer, chunk, c.obj) : fn(chunk, c.obj);
    }
    return PromisePrototypeThen(transformPromise, undefined, c.onTransformRejected);
  }
  function TransformStreamDefaultControllerTerminate(c) {
    const ts = c.stream;
    ReadableStreamDefaultControllerClose(ts.readable.controller);
    TransformStreamErrorWritableAndUnblockWrite(ts, new TypeErrorCtor("TransformStream terminated"));
  }

  function TransformStreamDefaultSinkWriteAlgorithm(ts, chunk) {
    const c = ts.controller;
    if (ts.backpressure) {
      return PromisePrototypeThen(ts.backpressureChangePromise.promise, () => {
        const writable = ts.writable;
        if (writable.state === "erroring") throw writable.storedError;
        return TransformStreamDefaultControllerPerformTransform(c, chunk);
      });
    }
    return TransformStreamDefaultControllerPerformTransform(c, chunk);
  }
  function callCancel(c, reason) {
    const fn = c.cancelAlgorithm;
    if (fn === undefined) return resolvedUndefined;
    return c.user ? invokePromise1(fn, c.transformer, reason) : fn(reason);
  }
  function TransformStreamDefaultSinkAbortAlgorithm(ts, reason) {
    const c = ts.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const readable = ts.readable;
    const d = c.finishPromise = new Deferred();
    const cancelPromise = callCancel(c, reason);
    TransformStreamDefaultControllerClearAlgorithms(c);
    PromisePrototypeThen(cancelPromise, () => {
      if (readable.state === "errored") {
        d.reject(readable.storedError);
      } else {
        ReadableStreamDefaultControllerError(readable.controller, reason);
        d.resolve(undefined);
      }
    }, (r) => {
      ReadableStreamDefaultControllerError(readable.controller, r);
      d.reject(r);
    });
    return d.promise;
  }
  function TransformStreamDefaultSinkCloseAlgorithm(ts) {
    const c = ts.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const readable = ts.readable;
    const d = c.finishPromise = new Deferred();
    const fn = c.flushAlgorithm;
    const flushPromise = fn === undefined ? resolvedUndefined : c.user ? invokePromise1(fn, c.transformer, c.obj) : fn(c.obj);
    TransformStreamDefaultControllerClearAlgorithms(c);
    PromisePrototypeThen(flushPromise, () => {
      if (readable.state === "errored") {
        d.reject(readable.storedError);
      } else {
        ReadableStreamDefaultControllerClose(readable.controller);
        d.resolve(undefined);
      }
    }, (r) => {
      ReadableStreamDefaultControllerError(readable.controller, r);
      d.reject(r);
    });
    return d.promise;
  }
  function TransformStreamDefaultSourceCancelAlgorithm(ts, reason) {
    const c = ts.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const writable = ts.writable;
    const d = c.finishPromise = new Deferred();
    const cancelPromise = callCancel(c, reason);
    TransformStreamDefaultControllerClearAlgorithms(c);
    PromisePrototypeThen(cancelPromise, () => {
      if (writable.state === "errored") {
        d.reject(writable.storedError);
      } else {
        WritableStreamDefaultControllerErrorIfNeeded(writable.controller, reason);
        TransformStreamUnblockWrite(ts);
        d.resolve(undefined);
      }
    }, (r) => {
      WritableStreamDefaultControllerErrorIfNeeded(writable.controller, r);
      TransformStreamUnblockWrite(ts);
      d.reject(r);
    });
    return d.promise;
  }
  function TransformStreamDefaultSourcePullAlgorithm(ts) {
    TransformStreamSetBackpressure(ts, false);
    return ts.backpressureChangePromise.promise;
  }

  // createTransformStream(transform(chunk, controller) -> promise|undefined, flush(controller) ->
  // promise|undefined, writableHWM = 1, readableHWM = 0) -> TransformStream without user-visible
  // dictionary conversion; enqueue through nano.streams.transformEnqueue(controller, chunk).
  function wrap(fn) {
    if (fn === undefined) return undefined;
    return (a, b) => {
      try {
        return PromiseResolve(fn(a, b));
      } catch (e) {
        return PromiseReject(e);
      }
    };
  }
  function createTransformStream(transform, flush, writableHighWaterMark = 1, readableHighWaterMark = 0) {
    const ts = new TransformStreamState();
    new TransformStream(INTERNAL, ts);
    const startPromise = new Deferred();
    InitializeTransformStream(ts, startPromise.promise, writableHighWaterMark, undefined, readableHighWaterMark, undefined);
    SetUpTransformStreamDefaultController(ts, new ControllerState(ts), wrap(transform), wrap(flush), undefined, false, undefined);
    startPromise.resolve(undefined);
    return ts.obj;
  }

  Object.assign(streams, {
    TransformStream,
    TransformStreamDefaultController,
    isTransformStream: (o) => tsState(o, true) !== undefined,
    createTransformStream,
    transformReadable(ts) { return tsState(ts).readable.obj; },
    transformWritable(ts) { return tsState(ts).writable.obj; },
    transformEnqueue(controller, chunk) { TransformStreamDefaultControllerEnqueue(controllerState(controller), chunk); },
    transformError(controller, e) { TransformStreamError(controllerState(controller).stream, e); },
    transformTerminate(controller) { TransformStreamDefaultControllerTerminate(controllerState(controller)); },
  });

  nano.defineGlobal("TransformStream", TransformStream);
  nano.defineGlobal("TransformStreamDefaultController", TransformStreamDefaultController);
  });
});
