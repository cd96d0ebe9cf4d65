// NANO runtime: fetch() (https://fetch.spec.whatwg.org/#fetch-method) for
// http:, https: and data: URLs, on the host's HTTP client.
//
// Classic script evaluated once while the startup snapshot is built; its
// completion value is a function the host calls as `fn(nano, global)`.
// Needs nano.fetch (headers, body, request, response, data_url), nano.streams.
//
// Native ops: fetchStart(id, method, url, headers "n\0v\0...", body) with
// body undefined | Uint8Array | true (streamed: fetchWrite(id, bytes) per
// chunk after each "writeReady", then fetchWriteEnd(id, error?));
// fetchPull(id) asks for the next part of the response body (the host
// reads nothing from the socket before); fetchAbort(id). The host answers
// through nano.hooks.fetchEvent(id, kind, ...): "head" (status, statusText,
// headers), "chunk" (bytes), "end", "error" (message), "writeReady".
// Redirects are followed here, as the Fetch Standard says (the host's
// client never follows them).
(function (nano, global) {
  "use strict";
  const ops = nano.ops;
  const S = nano.streams;
  const F = nano.fetch;
  const R = F.request;
  const B = F.body;
  const nanoURL = nano.url;
  const webidl = nano.webidl;

  const ReflectApply = Reflect.apply;
  const PromiseCtor = Promise;
  const PromiseReject = Promise.reject.bind(Promise);
  const PromisePrototypeThen = Promise.prototype.then;
  const MapCtor = Map;
  const MapPrototypeGet = webidl.uncurryThis(Map.prototype.get);
  const MapPrototypeSet = webidl.uncurryThis(Map.prototype.set);
  const MapPrototypeDelete = webidl.uncurryThis(Map.prototype.delete);
  const ArrayPrototypePush = webidl.uncurryThis(Array.prototype.push);
  const ArrayPrototypeJoin = webidl.uncurryThis(Array.prototype.join);
  const TypeErrorCtor = TypeError;
  const Uint8ArrayCtor = Uint8Array;
  const EventTargetPrototypeAddEventListener = EventTarget.prototype.addEventListener;
  const EventTargetPrototypeRemoveEventListener = EventTarget.prototype.removeEventListener;
  const AbortSignalPrototype = AbortSignal.prototype;
  const signalAborted = Object.getOwnPropertyDescriptor(AbortSignalPrototype, "aborted").get;
  const signalReason = Object.getOwnPropertyDescriptor(AbortSignalPrototype, "reason").get;

  const redirectStatuses = { __proto__: null, 301: true, 302: true, 303: true, 307: true, 308: true };
  const nullBodyStatuses = { __proto__: null, 101: true, 103: true, 204: true, 205: true, 304: true };
  // Request-body headers dropped when a redirect turns the request into a GET.
  const requestBodyHeaders = { __proto__: null, "content-encoding": true, "content-language": true,
    "content-location": true, "content-type": true, "content-length": true };

  const active = new MapCtor(); // fetch id -> Exchange (one request on the wire)
  let nextId = 1;

  // One fetch() call, across its redirects.
  class Fetch {
    constructor(state, signal, resolve, reject) {
      this.method = state.method;
      this.url = state.url;
      this.urlList = [state.url];
      this.headerList = R.headerList(state);
      this.redirect = state.redirect;
      this.signal = signal;
      this.resolve = resolve;
      this.reject = reject;
      this.settled = false;
      this.redirects = 0;
      this.bytes = null; // a buffered request body, kept for redirects
      this.stream = null; // a streamed request body (cannot be sent twice)
      this.exchange = null;
      this.onAbort = null;
    }
  }

  // One request on the wire and its response body.
  class Exchange {
    constructor(fetch, id) {
      this.fetch = fetch;
      this.id = id;
      this.controller = null; // of the response body stream, once it pulled
      this.waiting = []; // chunks that arrived before the first pull
      this.ended = false;
      this.failure = null;
      this.done = false;
      this.reader = null; // of a streamed request body
    }
  }
  Object.setPrototypeOf(Fetch.prototype, null);
  Object.setPrototypeOf(Exchange.prototype, null);

  function settle(f, ok, value) {
    if (f.settled) return;
    f.settled = true;
    if (ok) f.resolve(value); else f.reject(value);
  }

  // The fetch's abort steps: abort algorithms of its signal (run before its
  // "abort" event, as the Fetch Standard has them), or a listener when the
  // runtime has no abort internals.
  const nanoAbort = nano.abort !== undefined && typeof nano.abort.addAlgorithm === "function" ? nano.abort : null;
  function addAbortSteps(signal, steps) {
    if (nanoAbort !== null) nanoAbort.addAlgorithm(signal, steps);
    else ReflectApply(EventTargetPrototypeAddEventListener, signal, ["abort", steps]);
  }

  function finish(f) {
    if (f.onAbort !== null) {
      if (nanoAbort !== null) nanoAbort.removeAlgorithm(f.signal, f.onAbort);
      else ReflectApply(EventTargetPrototypeRemoveEventListener, f.signal, ["abort", f.onAbort]);
      f.onAbort = null;
    }
  }

  function fetch(input, init = undefined) {
    if (arguments.length < 1) {
      return PromiseReject(new TypeErrorCtor("Failed to execute 'fetch': 1 argument required, but only 0 present."));
    }
    let request;
    try {
      request = new R.Request(input, init);
    } catch (error) {
      return PromiseReject(error);
    }
    const state = R.getState(request);
    // This Request is fetch's own (never seen by the app): when its signal
    // would follow no other, nothing can abort it, and it is not made.
    const signal = R.canAbort(state) ? R.signal(state) : null;
    if (signal !== null && ReflectApply(signalAborted, signal, [])) {
      return PromiseReject(ReflectApply(signalReason, signal, []));
    }
    return new PromiseCtor((resolve, reject) => {
      const f = new Fetch(state, signal, resolve, reject);
      const body = state.body;
      if (body !== null) {
        if (body.stream !== null) {
          f.stream = body.stream;
        } else {
          const source = body.source;
          f.bytes = typeof source === "string" ? B.encodeUTF8(source) : B.copyBytes(source);
          body.source = null;
        }
        body.used = true;
      }
      if (signal !== null) {
        f.onAbort = () => abortFetch(f);
        addAbortSteps(signal, f.onAbort);
      }
      start(f);
    });
  }

  function abortFetch(f) {
    const reason = ReflectApply(signalReason, f.signal, []);
    finish(f);
    const x = f.exchange;
    if (x !== null && !x.done) {
      x.done = true;
      MapPrototypeDelete(active, x.id);
      ops.fetchAbort(x.id);
      if (x.controller !== null) S.error(x.controller, reason); else x.failure = reason;
      if (x.reader !== null) S.cancel(x.reader, reason);
    }
    settle(f, false, reason);
  }

  function fail(f, message) {
    finish(f);
    settle(f, false, new TypeErrorCtor(message));
  }

  // Scheme fetch / HTTP fetch for the current URL of `f`.
  function start(f) {
    const record = nanoURL.parse(f.url);
    const scheme = record === null ? "" : record.scheme;
    if (scheme === "data") {
      nano.load("data_url");
      const result = F.processDataURL(record);
      if (result === null) return fail(f, "fetch: " + f.url + " is not a valid data: URL");
      finish(f);
      const response = F.response.fromNetwork(200, "OK",
        ["content-type", nano.blob.serializeMIMEType(result.mimeType)],
        B.bodyFromBytes(result.body), f.urlList);
      return settle(f, true, response);
    }
    if (scheme !== "http" && scheme !== "https") {
      return fail(f, `fetch: the ${scheme === "" ? "URL's" : `'${scheme}:'`} scheme is not supported (only http:, https: and data:)`);
    }
    const id = nextId++;
    const x = new Exchange(f, id);
    f.exchange = x;
    MapPrototypeSet(active, id, x);
    const headers = [];
    let hasAccept = false;
    let hasUserAgent = false;
    const list = f.headerList;
    for (let i = 0; i + 1 < list.length; i += 2) {
      const name = list[i];
      if (name === "accept") hasAccept = true;
      else if (name === "user-agent") hasUserAgent = true;
      ArrayPrototypePush(headers, name, list[i + 1]);
    }
    if (!hasAccept) ArrayPrototypePush(headers, "accept", "*/*");
    if (!hasUserAgent) ArrayPrototypePush(headers, "user-agent", "NANO/" + nano.version);
    let body;
    if (f.bytes !== null) body = f.bytes;
    else if (f.stream !== null) body = true;
    try {
      ops.fetchStart(id, f.method, f.url, ArrayPrototypeJoin(headers, "\0"), body);
    } catch (error) {
      MapPrototypeDelete(active, id);
      x.done = true;
      finish(f);
      settle(f, false, error);
    }
  }

  // `whole`: the whole body when it came with the head (a Uint8Array, or
  // null for none), so no stream is needed to carry it; undefined when the
  // body follows in chunks.
  function onHead(x, status, statusText, headerBlock, whole) {
    const f = x.fetch;
    const headerList = F.headers.splitHostList(headerBlock);
    if (redirectStatuses[status] === true && f.redirect !== "manual") {
      let location = null;
      for (let i = 0; i + 1 < headerList.length; i += 2) {
        if (headerList[i] === "location") { location = headerList[i + 1]; break; }
      }
      if (location !== null) {
        // This response is not wanted: drop its connection's exchange.
        x.done = true;
        MapPrototypeDelete(active, x.id);
        ops.fetchAbort(x.id);
        return redirect(f, status, location);
      }
    }
    let body = null;
    if (nullBodyStatuses[status] !== true && f.method !== "HEAD") {
      if (whole !== undefined) {
        x.done = true;
        MapPrototypeDelete(active, x.id);
        body = B.bodyFromBytes(whole !== null ? whole : new Uint8ArrayCtor(0));
      } else {
        const stream = S.createReadableStream((controller) => pull(x, controller), (reason) => cancel(x), 0);
        body = B.bodyFromStream(stream);
      }
    } else if (whole !== undefined) {
      x.done = true;
      MapPrototypeDelete(active, x.id);
    } else {
      // Nothing to read: let the host finish the exchange.
      ops.fetchPull(x.id);
    }
    finish(f);
    settle(f, true, F.response.fromNetwork(status, statusText, headerList, body, f.urlList));
  }

  // https://fetch.spec.whatwg.org/#http-redirect-fetch
  function redirect(f, status, location) {
    if (f.redirect === "error") return fail(f, `fetch: ${f.url} redirects, and the request's redirect mode is "error"`);
    const next = nanoURL.parse(location, nanoURL.parse(f.url));
    if (next === null) return fail(f, `fetch: the redirect location ${location} is not a valid URL`);
    if (next.scheme !== "http" && next.scheme !== "https") {
      return fail(f, `fetch: a redirect to a '${next.scheme}:' URL is not followed`);
    }
    if (++f.redirects > 20) return fail(f, "fetch: more than 20 redirects");
    if (f.stream !== null && status !== 303) {
      return fail(f, "fetch: cannot follow a redirect with a streamed request body (it cannot be sent twice)");
    }
    if (((status === 301 || status === 302) && f.method === "POST") ||
        (status === 303 && f.method !== "GET" && f.method !== "HEAD")) {
      f.method = "GET";
      f.bytes = null;
      f.stream = null;
      const kept = [];
      const list = f.headerList;
      for (let i = 0; i + 1 < list.length; i += 2) {
        if (requestBodyHeaders[list[i]] !== true) ArrayPrototypePush(kept, list[i], list[i + 1]);
      }
      f.headerList = kept;
    }
    const nextURL = nanoURL.serialize(next);
    const current = nanoURL.parse(f.url);
    if (nanoURL.serializeOrigin(nanoURL.origin(current)) !== nanoURL.serializeOrigin(nanoURL.origin(next))) {
      // Credentials are not carried to another origin.
      const kept = [];
      const list = f.headerList;
      for (let i = 0; i + 1 < list.length; i += 2) {
        if (list[i] !== "authorization") ArrayPrototypePush(kept, list[i], list[i + 1]);
      }
      f.headerList = kept;
    }
    f.url = nextURL;
    ArrayPrototypePush(f.urlList, nextURL);
    start(f);
  }

  function pull(x, controller) {
    x.controller = controller;
    if (x.waiting.length > 0) {
      const waiting = x.waiting;
      x.waiting = [];
      for (let i = 0; i < waiting.length; i++) S.enqueue(controller, waiting[i]);
      return;
    }
    if (x.failure !== null) return S.error(controller, x.failure);
    if (x.ended) return S.close(controller);
    ops.fetchPull(x.id);
  }

  function cancel(x) {
    if (x.done) return;
    x.done = true;
    MapPrototypeDelete(active, x.id);
    ops.fetchAbort(x.id);
  }

  // A streamed request body: the next chunk, once the host can take it.
  function writeNext(x) {
    const f = x.fetch;
    if (x.reader === null) x.reader = S.getReader(f.stream);
    ReflectApply(PromisePrototypeThen, S.read(x.reader), [
      (result) => {
        if (x.done) return;
        if (result.done) return ops.fetchWriteEnd(x.id);
        const chunk = result.value;
        if (!webidl.isUint8Array(chunk)) {
          return ops.fetchWriteEnd(x.id, "the request body stream gave a chunk that is not a Uint8Array");
        }
        ops.fetchWrite(x.id, chunk);
      },
      (error) => {
        if (!x.done) ops.fetchWriteEnd(x.id, "the request body stream errored: " + String(error));
      },
    ]);
  }

  function onChunk(x, bytes) {
    if (x.controller !== null) S.enqueue(x.controller, bytes);
    else ArrayPrototypePush(x.waiting, bytes);
  }

  function onEnd(x) {
    x.done = true;
    MapPrototypeDelete(active, x.id);
    if (x.controller !== null && x.waiting.length === 0) S.close(x.controller);
    else x.ended = true;
  }

  nano.hooks.fetchEvent = function fetchEvent(id, kind, a, b, c, d, e) {
    const x = MapPrototypeGet(active, id);
    if (x === undefined) return;
    switch (kind) {
      case "head":
        return onHead(x, a, b, c);
      case "response":
        // The head with the body that came with it (d), and whether that
        // was all (e): a small response in one event.
        if (e === true) return onHead(x, a, b, c, d === undefined ? null : d);
        onHead(x, a, b, c);
        if (MapPrototypeGet(active, id) !== x) return; // a redirect, or no body to read
        if (d !== undefined) onChunk(x, d);
        return;
      case "chunk":
        onChunk(x, a);
        if (b === true) onEnd(x);
        return;
      case "end":
        return onEnd(x);
      case "error": {
        x.done = true;
        MapPrototypeDelete(active, id);
        const error = new TypeErrorCtor(a);
        const f = x.fetch;
        if (!f.settled) return fail(f, a);
        if (x.controller !== null) S.error(x.controller, error); else x.failure = error;
        return;
      }
      case "writeReady":
        return writeNext(x);
    }
  };

  nano.defineGlobal("fetch", fetch);
});
