// Serving: the bridge between the host's HTTP front and an app's fetch
// handler, Workers-style: `export default { fetch(request, env, ctx) }` or
// `addEventListener("fetch", (event) => event.respondWith(...))`.
//
// The host calls nano.hooks.setApp(namespace, envJSON) once the app's module
// has evaluated, then nano.hooks.dispatch(id, method, url, headers, body) per
// request; the answer goes back through ops.respond / ops.respondError,
// either during that call (a synchronous handler) or later.
(function (nano, global) {
  "use strict";
  let ops = nano.ops; // replaced only while serveWarmUp runs
  const ReflectApply = Reflect.apply;
  const ObjectCreate = Object.create;
  const ObjectFreeze = Object.freeze;
  const ObjectKeys = Object.keys;
  const JSONParse = JSON.parse;
  const MapCtor = Map;
  const MapGet = Map.prototype.get;
  const MapSet = Map.prototype.set;
  const MapDelete = Map.prototype.delete;
  const PromiseCtor = Promise;
  const TypedArrayPrototypeGetBuffer =
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "buffer").get;
  const detachArrayBuffer = nano.v8.detachArrayBuffer;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromisePrototypeThen = Promise.prototype.then;
  const TypeErrorCtor = TypeError;
  const StringCtor = String;
  const AbortControllerCtor = global.AbortController;
  const DOMExceptionCtor = global.DOMException;
  const EventCtor = global.Event;
  const dispatchGlobalEvent = global.dispatchEvent;
  const setTimeoutFn = global.setTimeout;
  const clearTimeoutFn = global.clearTimeout;

  let handler = null; // the default export, in module mode
  let env = null;
  let waitUntilCap = 30000; // ms the host waits for a waitUntil promise (the app's limits.waitUntilMs)
  const controllers = new MapCtor(); // request id -> AbortController of request.signal, once made
  const disconnected = new MapCtor(); // request id -> abort reason, for a signal not made yet
  const AbortSignalAbort = global.AbortSignal.abort;
  const AbortSignalCtor = global.AbortSignal;

  function describeError(error) {
    try {
      if (error !== null && typeof error === "object" && typeof error.stack === "string") return error.stack;
      return StringCtor(error);
    } catch {
      return "(an error that cannot be described)";
    }
  }

  function settle(id) {
    // Most requests never made a signal: nothing to look up.
    if (controllers.size !== 0) ReflectApply(MapDelete, controllers, [id]);
    if (disconnected.size !== 0) ReflectApply(MapDelete, disconnected, [id]);
  }

  // request.signal is made the first time a handler reads it.
  function signalFor(id) {
    return () => {
      const reason = ReflectApply(MapGet, disconnected, [id]);
      if (reason !== undefined) return ReflectApply(AbortSignalAbort, AbortSignalCtor, [reason]);
      const controller = new AbortControllerCtor();
      ReflectApply(MapSet, controllers, [id, controller]);
      return controller.signal;
    };
  }

  function fail(id, code, error) {
    settle(id);
    ops.respondError(id, code, describeError(error));
  }

  function send(id, response) {
    if (!nano.fetch.isResponse(response)) {
      settle(id);
      let shown;
      try { shown = response === null ? "null" : typeof response === "object" ? "an object that is not a Response" : typeof response; } catch { shown = "?"; }
      ops.respondError(id, "invalid_response", "the fetch handler returned " + shown + " instead of a Response");
      return;
    }
    let parts;
    try {
      parts = nano.fetch.responseForHost(response);
    } catch (error) {
      fail(id, "invalid_response", error);
      return;
    }
    if (parts.status === 0) {
      // Response.error(): a network error, not something to send.
      settle(id);
      ops.respondError(id, "invalid_response", "the fetch handler returned Response.error()");
      return;
    }
    const body = parts.body;
    if (body !== null && typeof body === "object" && S.isReadableStream(body)) {
      return sendStream(id, parts.status, headerBlock(parts.headers), body);
    }
    settle(id);
    // An owned body may be taken by the host as it is (then its buffer is
    // detached already).
    ops.respond(id, parts.status, headerBlock(parts.headers), body, parts.owned);
    // The host copied the bytes out. Nothing else can reach them: their
    // memory goes back now rather than at some later GC (ArrayBuffers
    // waiting for a GC add up to full collections under load).
    if (parts.owned) detachArrayBuffer(ReflectApply(TypedArrayPrototypeGetBuffer, body, []));
  }

  // A stream body goes out chunk by chunk as the app produces it: after each
  // chunk the host says whether the client can take more; if not, reading
  // waits for nano.hooks.responseResume(id). request.signal stays live until
  // the body is done (a client that leaves cancels the stream).
  const S = nano.streams;
  const streaming = new MapCtor(); // request id -> reader of the body being sent
  // Request ids whose pump stopped because the client could not take more.
  // Only those resume: the host reports "writable again" on every change,
  // also while a pump runs (a flush that empties the socket's queue inside
  // respondChunk); a second pump on the same reader would read on regardless
  // of backpressure, and each further change could add another.
  const waiting = new MapCtor();
  function sendStream(id, status, headers, stream) {
    let reader;
    try {
      reader = S.getReader(stream);
    } catch (error) {
      return fail(id, "invalid_response", error);
    }
    if (!ops.respondStart(id, status, headers)) {
      settle(id);
      S.cancel(reader, undefined);
      return;
    }
    ReflectApply(MapSet, streaming, [id, reader]);
    pump(id, reader);
  }
  function pump(id, reader) {
    ReflectApply(PromisePrototypeThen, S.read(reader), [
      (result) => {
        if (ReflectApply(MapGet, streaming, [id]) !== reader) return; // cancelled meanwhile
        if (result.done) {
          ReflectApply(MapDelete, streaming, [id]);
          settle(id);
          ops.respondEnd(id);
          return;
        }
        const chunk = result.value;
        if (!nano.webidl.isUint8Array(chunk)) {
          ReflectApply(MapDelete, streaming, [id]);
          settle(id);
          ops.respondAbort(id, "the response body stream gave a chunk that is not a Uint8Array");
          S.cancel(reader, new TypeErrorCtor("The response body chunk is not a Uint8Array"));
          return;
        }
        if (ops.respondChunk(id, chunk)) pump(id, reader);
        else ReflectApply(MapSet, waiting, [id, reader]);
      },
      (error) => {
        if (ReflectApply(MapGet, streaming, [id]) !== reader) return;
        ReflectApply(MapDelete, streaming, [id]);
        settle(id);
        ops.respondAbort(id, describeError(error));
      },
    ]);
  }
  nano.hooks.responseResume = function responseResume(id) {
    const reader = ReflectApply(MapGet, waiting, [id]);
    if (reader === undefined) return;
    ReflectApply(MapDelete, waiting, [id]);
    if (ReflectApply(MapGet, streaming, [id]) === reader) pump(id, reader);
  };
  nano.hooks.responseCancel = function responseCancel(id) {
    const reader = ReflectApply(MapGet, streaming, [id]);
    const reason = new DOMExceptionCtor("The client disconnected before the response was sent", "AbortError");
    ReflectApply(MapDelete, waiting, [id]);
    if (reader !== undefined) {
      ReflectApply(MapDelete, streaming, [id]);
      S.cancel(reader, reason);
    }
    nano.hooks.abortRequest(id);
    settle(id);
  };

  // A request body that arrives while the handler runs: the host reads the
  // socket only when this stream pulls (nano.hooks.requestBodyEvent answers).
  // Read whole (arrayBuffer(), text(), ...) before anything pulled, the host
  // keeps it all and hands it over once ("whole").
  const bodies = new MapCtor(); // request id -> controller of its body stream
  const wholeBodies = new MapCtor(); // request id -> { resolve, reject } of a body read whole
  function bodyStream(id) {
    return S.createReadableStream((controller) => {
      ReflectApply(MapSet, bodies, [id, controller]);
      ops.requestBodyPull(id);
    }, () => {
      ReflectApply(MapDelete, bodies, [id]);
      ops.requestBodyCancel(id);
    }, 0, () => {
      // A pull may have a delivery on its way: read on chunk by chunk.
      if (ReflectApply(MapGet, bodies, [id]) !== undefined) return undefined;
      return new PromiseCtor((resolve, reject) => {
        ReflectApply(MapSet, wholeBodies, [id, { resolve, reject }]);
        ops.requestBodyPullWhole(id);
      });
    });
  }
  nano.hooks.requestBodyEvent = function requestBodyEvent(id, kind, bytes) {
    const whole = ReflectApply(MapGet, wholeBodies, [id]);
    if (whole !== undefined) {
      ReflectApply(MapDelete, wholeBodies, [id]);
      if (kind === "whole") whole.resolve(bytes);
      else if (kind === "error") whole.reject(new TypeErrorCtor(bytes));
      // "dropped": answered before the body arrived; the rest never comes
      // (as for a body read chunk by chunk, the read stays pending).
      return;
    }
    const controller = ReflectApply(MapGet, bodies, [id]);
    if (controller === undefined) return;
    if (kind === "chunk") return S.enqueue(controller, bytes);
    ReflectApply(MapDelete, bodies, [id]);
    if (kind === "end") S.close(controller);
    else S.error(controller, new TypeErrorCtor(bytes));
  };

  // The response's header lines as HTTP/1.1 wants them ("name: value\r\n"
  // each), minus the ones the server frames itself. Built here, where string
  // concatenation is cheap, so the host copies one string into its buffer.
  const serverOwned = { __proto__: null, "content-length": true, "transfer-encoding": true, connection: true,
    "keep-alive": true, "x-request-id": true, date: true };
  function headerBlock(list) {
    let block = "";
    for (let i = 0; i + 1 < list.length; i += 2) {
      const name = list[i];
      if (serverOwned[name] === true) continue;
      block += name + ": " + list[i + 1] + "\r\n";
    }
    return block;
  }

  // The `ctx` argument of a module handler (Workers' ExecutionContext).
  class ExecutionContext {
    waitUntil(promise) {
      waitUntil(promise);
    }
    passThroughOnException() {
      // There is no origin behind NANO to pass through to: a thrown handler
      // still gets a structured 500.
    }
  }
  Object.defineProperty(ExecutionContext.prototype, Symbol.toStringTag, { value: "ExecutionContext", configurable: true });
  const executionContext = ObjectFreeze(new ExecutionContext());

  // The host counts unsettled waitUntil promises (a drain waits for them),
  // up to the app's wall-clock cap: a promise that never settles is let go.
  function waitUntil(promise) {
    ops.waitUntilAdd();
    let done = false;
    const cap = waitUntilCap;
    const timer = setTimeoutFn(() => {
      if (done) return;
      done = true;
      ops.waitUntilDone();
      ops.print("waitUntil: a promise did not settle within " + cap + " ms (limits.waitUntilMs); no longer waiting for it\n", 2);
    }, cap);
    ReflectApply(PromisePrototypeThen, PromiseResolve(promise), [
      () => {
        if (done) return;
        done = true;
        clearTimeoutFn(timer);
        ops.waitUntilDone();
      },
      (error) => {
        if (!done) {
          done = true;
          clearTimeoutFn(timer);
          ops.waitUntilDone();
        }
        ops.print("Uncaught (in waitUntil) " + describeError(error) + "\n", 2);
      },
    ]);
  }

  // The service-worker form's event.
  class FetchEvent extends EventCtor {
    #request;
    #respondWith;
    constructor(type, init) {
      super(type, { cancelable: true });
      this.#request = init.request;
      this.#respondWith = null;
    }
    get request() { return this.#request; }
    respondWith(response) {
      if (this.#respondWith !== null) {
        throw new DOMExceptionCtor("respondWith() was already called", "InvalidStateError");
      }
      this.#respondWith = PromiseResolve(response);
      this.stopImmediatePropagation();
    }
    waitUntil(promise) { waitUntil(promise); }
    passThroughOnException() {}
    static respondedWith(event) { return event.#respondWith; }
  }
  Object.defineProperty(FetchEvent.prototype, Symbol.toStringTag, { value: "FetchEvent", configurable: true });
  nano.defineGlobal("FetchEvent", FetchEvent);

  nano.hooks.setApp = function setApp(namespace, envJSON, waitUntilMs) {
    if (typeof waitUntilMs === "number" && waitUntilMs > 0) waitUntilCap = waitUntilMs;
    const vars = JSONParse(envJSON);
    const object = ObjectCreate(null);
    const names = ObjectKeys(vars);
    for (let i = 0; i < names.length; i++) object[names[i]] = vars[names[i]];
    env = ObjectFreeze(object);
    const main = namespace.default;
    if (main !== null && (typeof main === "object" || typeof main === "function") && typeof main.fetch === "function") {
      handler = main;
    } else if (nano.event && nano.event.hasListeners && !nano.event.hasListeners(global, "fetch")) {
      throw new TypeErrorCtor(
        "the app has no handler: export default { fetch(request, env, ctx) { ... } } or addEventListener('fetch', ...)");
    }
  };

  // The host makes `id` the continuation data while this runs (so it
  // follows the handler's async work) and clears it after.
  nano.hooks.dispatch = function dispatch(id, method, url, headers, body) {
    try {
      // The headers stay one string until a handler reads them.
      const request = nano.fetch.requestFromHost(method, url, headers,
        body === undefined ? null : body === true ? bodyStream(id) : body, signalFor(id));
      let result;
      if (handler !== null) {
        result = ReflectApply(handler.fetch, handler, [request, env, executionContext]);
      } else {
        const event = new FetchEvent("fetch", { request });
        ReflectApply(dispatchGlobalEvent, global, [event]);
        result = FetchEvent.respondedWith(event);
        if (result === null) {
          settle(id);
          ops.respondError(id, "invalid_response", "no fetch event listener called respondWith()");
          return;
        }
      }
      if (result !== null && (typeof result === "object" || typeof result === "function") && typeof result.then === "function") {
        ReflectApply(PromisePrototypeThen, PromiseResolve(result), [
          (response) => send(id, response),
          (error) => fail(id, "uncaught_exception", error),
        ]);
      } else {
        send(id, result);
      }
    } catch (error) {
      fail(id, "uncaught_exception", error);
    }
  };

  // Runs while the startup snapshot is built (serve/warmup.js), never
  // again: one request through the whole serving path, so the bytecode of
  // every function a request calls is in the snapshot and an app's first
  // request compiles none of it. The ops it calls do nothing then (there is
  // no worker); what it set is put back.
  nano.serveWarmUp = function serveWarmUp(handlers) {
    const savedHandler = handler;
    const savedEnv = env;
    const savedOps = ops;
    // The snapshot's isolate has no native ops: answers go nowhere.
    const nothing = () => false;
    ops = { respond: nothing, respondError: nothing, respondStart: nothing, respondChunk: nothing, respondEnd: nothing,
      respondAbort: nothing, requestBodyPull: nothing, requestBodyPullWhole: nothing, requestBodyCancel: nothing,
      waitUntilAdd: nothing,
      waitUntilDone: nothing, print: nothing };
    try {
      for (let i = 0; i < handlers.length; i++) {
        nano.hooks.setApp({ default: handlers[i] }, "{\"WARM\":\"1\"}", 30000);
        nano.hooks.dispatch(-1 - i, "GET", "http://warm.up/path?q=1", "host\0warm.up\0accept\0*/*", undefined);
        settle(-1 - i);
      }
    } finally {
      handler = savedHandler;
      env = savedEnv;
      ops = savedOps;
    }
  };

  // The client went away, or (kind "TimeoutError") the request ran past its
  // wall-clock limit and was answered for it: abort request.signal.
  nano.hooks.abortRequest = function abortRequest(id, kind) {
    const reason = kind === "TimeoutError"
      ? new DOMExceptionCtor("The request ran longer than its time limit and was answered with an error", "TimeoutError")
      : new DOMExceptionCtor("The client disconnected before the response was sent", "AbortError");
    const controller = ReflectApply(MapGet, controllers, [id]);
    if (controller === undefined) {
      // Nobody has read request.signal yet: it will be made aborted.
      ReflectApply(MapSet, disconnected, [id, reason]);
      return;
    }
    ReflectApply(MapDelete, controllers, [id]);
    controller.abort(reason);
  };
});
