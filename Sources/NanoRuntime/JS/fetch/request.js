// NANO runtime: `Request` (Fetch Standard §5.4, https://fetch.spec.whatwg.org/#request-class)
// and nano.fetch.requestFromHost for the server.
//
// Classic script evaluated once while the startup snapshot is built; its
// completion value is a function the host calls as `fn(nano, global)`.
// Needs nano.webidl, nano.fetch.headers (headers.js), nano.fetch.body
// (body.js), nano.url (url.js) and nano.abort (abort.js); without those two,
// it falls back on the URL, AbortController and AbortSignal globals.
//
// There is no environment settings object with a document: the API base URL
// is null (a relative URL is a TypeError) and the origin is opaque (so a
// `referrer` URL always turns into "client"). nano.fetch.baseURL and
// nano.fetch.settingsOrigin (strings) can give them values.
(function (nano, global) {
  "use strict";

  const webidl = nano.webidl;
  const converters = webidl.converters;
  const requiredArguments = webidl.requiredArguments;
  const illegalInvocation = webidl.illegalInvocation;
  const fetch = nano.fetch;
  const H = fetch.headers;
  const B = fetch.body;

  const FunctionPrototype = Function.prototype;
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const uncurryThis = (fn) => ReflectApply(FunctionPrototype.bind, FunctionPrototype.call, [fn]);
  const ObjectCreate = Object.create;
  const ObjectFreeze = Object.freeze;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const StringPrototypeToUpperCase = uncurryThis(String.prototype.toUpperCase);
  const TypeErrorCtor = TypeError;

  // ---------------------------------------------------------------------------
  // URL parsing: through nano.url's records when url.js is there, else
  // through the URL class (its accessors captured now).
  // ---------------------------------------------------------------------------

  const nanoURL = nano.url !== undefined && typeof nano.url.apiParse === "function" ? nano.url : null;

  function captureURLClass(URLCtor) {
    if (typeof URLCtor !== "function") return null;
    const proto = URLCtor.prototype;
    const getter = (name) => ObjectGetOwnPropertyDescriptor(proto, name).get;
    return {
      URL: URLCtor,
      href: getter("href"),
      protocol: getter("protocol"),
      username: getter("username"),
      password: getter("password"),
      pathname: getter("pathname"),
      origin: getter("origin"),
    };
  }
  let urlClass = nanoURL === null ? captureURLClass(global.URL) : null;
  function getURLClass() {
    if (urlClass === null) urlClass = captureURLClass(global.URL); // only if url.js loaded after this file
    if (urlClass === null) throw new TypeErrorCtor("URL parsing is not available");
    return urlClass;
  }

  // "the result of parsing input with the API base URL": a parsed URL (a URL
  // record or a URL object), or null for failure. The base URL is
  // nano.fetch.baseURL (a string), null by default.
  function parseURL(input) {
    const base = fetch.baseURL;
    if (nanoURL !== null) return nanoURL.apiParse(input, typeof base === "string" ? base : undefined);
    const api = getURLClass();
    try {
      return typeof base === "string" ? new api.URL(input, base) : new api.URL(input);
    } catch {
      return null;
    }
  }
  function urlGet(url, name) {
    return ReflectApply(getURLClass()[name], url, []);
  }
  // The serialization of a parsed URL.
  function urlHref(url) {
    return nanoURL !== null ? nanoURL.serialize(url) : urlGet(url, "href");
  }
  function urlIncludesCredentials(url) {
    if (nanoURL !== null) return nanoURL.includesCredentials(url);
    return urlGet(url, "username") !== "" || urlGet(url, "password") !== "";
  }
  // Whether the scheme is "about" and the path "client".
  function urlIsAboutClient(url) {
    if (nanoURL !== null) return url.scheme === "about" && nanoURL.serializePath(url) === "client";
    return urlGet(url, "protocol") === "about:" && urlGet(url, "pathname") === "client";
  }
  // The serialization of the URL's origin ("null" for an opaque origin).
  function urlOriginSerialized(url) {
    return nanoURL !== null ? nanoURL.serializeOrigin(nanoURL.origin(url)) : urlGet(url, "origin");
  }

  // The origin of this realm's settings object: null for an opaque origin
  // (what a server runtime has), else an origin serialization.
  function settingsOrigin() {
    const origin = fetch.settingsOrigin;
    return typeof origin === "string" ? origin : null;
  }

  // ---------------------------------------------------------------------------
  // AbortSignal
  // ---------------------------------------------------------------------------

  // nano.abort (abort.js); without it, the AbortController and AbortSignal
  // globals (AbortSignal.any for a dependent signal).
  const nanoAbort = nano.abort !== undefined && typeof nano.abort.createDependentSignal === "function"
    ? nano.abort : null;
  const AbortControllerCtor = global.AbortController;
  const AbortSignalCtor = global.AbortSignal;
  const AbortControllerPrototypeGetSignal = nanoAbort === null && AbortControllerCtor !== undefined
    ? ObjectGetOwnPropertyDescriptor(AbortControllerCtor.prototype, "signal").get : undefined;
  const AbortSignalPrototypeGetAborted = nanoAbort === null && AbortSignalCtor !== undefined
    ? ObjectGetOwnPropertyDescriptor(AbortSignalCtor.prototype, "aborted").get : undefined;
  const AbortSignalAny = nanoAbort === null && AbortSignalCtor !== undefined ? AbortSignalCtor.any : undefined;

  function isAbortSignal(V) {
    if (nanoAbort !== null) return nanoAbort.isAbortSignal(V);
    if (AbortSignalPrototypeGetAborted === undefined || typeof V !== "object" || V === null) return false;
    try {
      ReflectApply(AbortSignalPrototypeGetAborted, V, []);
      return true;
    } catch {
      return false;
    }
  }

  // "create a dependent abort signal" from « source » (or « » for null).
  function createDependentSignal(source) {
    if (nanoAbort !== null) return nanoAbort.createDependentSignal(source === null ? [] : [source]);
    if (source !== null) return ReflectApply(AbortSignalAny, AbortSignalCtor, [[source]]);
    return ReflectApply(AbortControllerPrototypeGetSignal, new AbortControllerCtor(), []);
  }

  // ---------------------------------------------------------------------------
  // RequestInit
  // ---------------------------------------------------------------------------

  const enumConverter = webidl.createEnumConverter;
  const convertRequestInit = webidl.createDictionaryConverter("RequestInit", [
    { key: "body", converter: (V, prefix, context) => (V === null ? null : B.convertBodyInit(V, prefix, context)) },
    { key: "cache", converter: enumConverter("RequestCache",
      ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"]) },
    { key: "credentials", converter: enumConverter("RequestCredentials", ["omit", "same-origin", "include"]) },
    { key: "duplex", converter: enumConverter("RequestDuplex", ["half"]) },
    { key: "headers", converter: H.convertInit },
    { key: "integrity", converter: converters.DOMString },
    { key: "keepalive", converter: converters.boolean },
    { key: "method", converter: converters.ByteString },
    { key: "mode", converter: enumConverter("RequestMode", ["navigate", "same-origin", "no-cors", "cors"]) },
    { key: "priority", converter: enumConverter("RequestPriority", ["high", "low", "auto"]) },
    { key: "redirect", converter: enumConverter("RequestRedirect", ["follow", "error", "manual"]) },
    { key: "referrer", converter: converters.USVString },
    { key: "referrerPolicy", converter: enumConverter("ReferrerPolicy", [
      "", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
      "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"]) },
    { key: "signal", converter: webidl.createNullableConverter(
      webidl.createInterfaceConverter("AbortSignal", isAbortSignal)) },
    { key: "window", converter: converters.any },
  ]);

  // ---------------------------------------------------------------------------
  // Requests (https://fetch.spec.whatwg.org/#concept-request), with what the
  // Request object adds (its headers, lazily made, and its signal).
  // ---------------------------------------------------------------------------

  class RequestState {
    constructor(method, url, headerList, body, signal) {
      this.method = method;
      this.url = url; // serialized
      this.headerList = headerList; // flat [name, value, ...]
      this.rawHeaderNames = false; // names still as the host received them
      this.headers = null; // the Headers object, made on first use
      this.guard = "request"; // its guard, until it exists
      this.body = body;
      // The Request's signal: made on first use, as a dependent signal of
      // signalSource (an AbortSignal or null). Making it late cannot be told
      // apart: nobody holds it before, and it starts aborted, with the same
      // reason, if its source was aborted meanwhile.
      this.signal = signal;
      this.signalSource = null;
      // For a request from the host: makes the signal on first use (most
      // handlers never look at it, and an AbortController per request costs).
      this.signalFactory = null;
      this.referrer = "client"; // "client" | "no-referrer" | a serialized URL
      this.referrerPolicy = "";
      this.mode = "no-cors";
      this.credentials = "same-origin";
      this.cache = "default";
      this.redirect = "follow";
      this.integrity = "";
      this.keepalive = false;
      this.reloadNavigation = false;
      this.historyNavigation = false;
      this.priority = "auto";
    }
  }
  ObjectSetPrototypeOf(RequestState.prototype, null);

  function copyList(list) {
    const copy = [];
    for (let i = 0; i < list.length; i++) ArrayPrototypePush(copy, list[i]);
    return copy;
  }

  // The header list, names lower-cased.
  function stateHeaderList(state) {
    if (state.rawHeaderNames) {
      state.headerList = fetch.hostHeaderList(state.headerList);
      state.rawHeaderNames = false;
    }
    return state.headerList;
  }

  // The host's header list, made usable on first use: the host passes its
  // headers as one "name\0value\0..." string (split only if a handler
  // looks at them), names as received (lower-cased here).
  fetch.hostHeaderList = function hostHeaderList(list) {
    if (typeof list === "string") list = H.splitHostList(list);
    H.lowerNamesInPlace(list);
    return list;
  };

  function stateHeaders(state) {
    let headers = state.headers;
    if (headers === null) headers = state.headers = H.createHeaders(stateHeaderList(state), state.guard);
    return headers;
  }

  function stateSignal(state) {
    let signal = state.signal;
    if (signal === null) {
      const factory = state.signalFactory;
      if (factory !== null) {
        state.signalFactory = null;
        signal = state.signal = factory();
      } else {
        signal = state.signal = createDependentSignal(state.signalSource);
      }
    }
    return signal;
  }

  // The signal that a Request made from this one depends on: its own if it
  // exists, else its source (a dependent signal's sources are the sources'
  // sources, "create a dependent abort signal" step 4).
  function signalToFollow(state) {
    if (state.signal === null && state.signalFactory !== null) return stateSignal(state);
    return state.signal !== null ? state.signal : state.signalSource;
  }

  function stateGuard(state) {
    return state.headers === null ? state.guard : H.guard(state.headers);
  }

  // A new request with the fields of `request` (step 12 of the constructor,
  // and "clone a request" without the body).
  function copyRequestState(request) {
    const r = new RequestState(request.method, request.url, copyList(stateHeaderList(request)), null, null);
    r.referrer = request.referrer;
    r.referrerPolicy = request.referrerPolicy;
    r.mode = request.mode;
    r.credentials = request.credentials;
    r.cache = request.cache;
    r.redirect = request.redirect;
    r.integrity = request.integrity;
    r.keepalive = request.keepalive;
    r.reloadNavigation = request.reloadNavigation;
    r.historyNavigation = request.historyNavigation;
    r.priority = request.priority;
    return r;
  }

  // "normalize a method"
  function normalizeMethod(method) {
    const upper = StringPrototypeToUpperCase(method);
    switch (upper) {
      case "DELETE": case "GET": case "HEAD": case "OPTIONS": case "POST": case "PUT":
        return upper;
      default:
        return method;
    }
  }

  function isCORSSafelistedMethod(method) {
    return method === "GET" || method === "HEAD" || method === "POST";
  }

  // The constructor steps (https://fetch.spec.whatwg.org/#dom-request):
  // inputState is the input Request's state or null, inputURL the input string.
  function constructRequest(inputState, inputURL, init, prefix) {
    let request;
    let fallbackMode = null;
    let signal = null;
    if (inputState === null) {
      const parsedURL = parseURL(inputURL);
      if (parsedURL === null) throw new TypeErrorCtor(`${prefix}: Failed to parse URL from ${inputURL}`);
      if (urlIncludesCredentials(parsedURL)) {
        throw new TypeErrorCtor(`${prefix}: Request cannot be constructed from a URL that includes credentials: ${inputURL}`);
      }
      request = new RequestState("GET", urlHref(parsedURL), [], null, null);
      fallbackMode = "cors";
    } else {
      request = inputState;
      signal = signalToFollow(inputState);
    }
    if (init.window !== undefined && init.window !== null) {
      throw new TypeErrorCtor(`${prefix}: The 'window' member of RequestInit can only be set to null.`);
    }
    const r = copyRequestState(request);
    const initEmpty = ReflectOwnKeys(init).length === 0;
    if (!initEmpty) {
      if (r.mode === "navigate") r.mode = "same-origin";
      r.reloadNavigation = false;
      r.historyNavigation = false;
      r.referrer = "client";
      r.referrerPolicy = "";
    }
    if (init.referrer !== undefined) {
      const referrer = init.referrer;
      if (referrer === "") {
        r.referrer = "no-referrer";
      } else {
        const parsedReferrer = parseURL(referrer);
        if (parsedReferrer === null) throw new TypeErrorCtor(`${prefix}: Referrer '${referrer}' is not a valid URL.`);
        const origin = settingsOrigin();
        if (urlIsAboutClient(parsedReferrer) || origin === null || urlOriginSerialized(parsedReferrer) !== origin) {
          r.referrer = "client";
        } else {
          r.referrer = urlHref(parsedReferrer);
        }
      }
    }
    if (init.referrerPolicy !== undefined) r.referrerPolicy = init.referrerPolicy;
    const mode = init.mode !== undefined ? init.mode : fallbackMode;
    if (mode === "navigate") {
      throw new TypeErrorCtor(`${prefix}: Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.`);
    }
    if (mode !== null) r.mode = mode;
    if (init.credentials !== undefined) r.credentials = init.credentials;
    if (init.cache !== undefined) r.cache = init.cache;
    if (r.cache === "only-if-cached" && r.mode !== "same-origin") {
      throw new TypeErrorCtor(`${prefix}: 'only-if-cached' can be set only with 'same-origin' mode`);
    }
    if (init.redirect !== undefined) r.redirect = init.redirect;
    if (init.integrity !== undefined) r.integrity = init.integrity;
    if (init.keepalive !== undefined) r.keepalive = init.keepalive;
    if (init.method !== undefined) {
      const method = init.method;
      if (!H.isHeaderName(method) || H.isForbiddenMethod(method)) {
        throw new TypeErrorCtor(`${prefix}: '${method}' is not a valid HTTP method.`);
      }
      r.method = normalizeMethod(method);
    }
    if (init.signal !== undefined) signal = init.signal;
    if (init.priority !== undefined) r.priority = init.priority;
    r.signalSource = signal;
    const headers = stateHeaders(r); // guard "request"
    if (r.mode === "no-cors") {
      if (!isCORSSafelistedMethod(r.method)) {
        throw new TypeErrorCtor(`${prefix}: '${r.method}' is unsupported in no-cors mode.`);
      }
      H.setGuard(headers, "request-no-cors");
    }
    if (!initEmpty) {
      const copy = copyList(H.list(headers));
      H.empty(headers);
      if (init.headers === undefined) {
        for (let i = 0; i < copy.length; i += 2) H.append(headers, copy[i], copy[i + 1], prefix);
      } else {
        H.fill(headers, init.headers, prefix);
      }
    }
    const inputBody = inputState !== null ? inputState.body : null;
    const hasInitBody = init.body !== undefined && init.body !== null;
    if ((hasInitBody || inputBody !== null) && (r.method === "GET" || r.method === "HEAD")) {
      throw new TypeErrorCtor(`${prefix}: Request with GET/HEAD method cannot have body.`);
    }
    let initBody = null;
    if (hasInitBody) {
      const bodyWithType = B.extractBody(init.body, r.keepalive);
      initBody = bodyWithType.body;
      const type = bodyWithType.type;
      if (type !== null && !H.listContains(H.list(headers), "content-type")) {
        H.append(headers, "Content-Type", type, prefix);
      }
    }
    // A stream body goes out as it is produced: the caller must say so.
    if (initBody !== null && initBody.stream !== null && init.duplex === undefined) {
      throw new TypeErrorCtor(`${prefix}: The duplex member must be specified for a request with a streaming body.`);
    }
    let finalBody = initBody !== null ? initBody : inputBody;
    if (initBody === null && inputBody !== null) {
      if (B.isUnusable(inputBody)) {
        throw new TypeErrorCtor(`${prefix}: Cannot construct a Request with a Request object that has already been used.`);
      }
      finalBody = B.transferBody(inputBody);
    }
    r.body = finalBody;
    return r;
  }

  // ---------------------------------------------------------------------------
  // The Request interface
  // ---------------------------------------------------------------------------

  const kInternal = ObjectFreeze(ObjectCreate(null));
  let getRequestState; // (o) -> state | undefined

  class Request {
    #state;

    constructor(input, init = undefined) {
      if (input === kInternal) {
        this.#state = init;
        return;
      }
      const prefix = "Failed to construct 'Request'";
      requiredArguments(arguments.length, 1, prefix);
      let inputState = null;
      let inputURL = null;
      if (typeof input === "object" && input !== null && #state in input) {
        inputState = input.#state;
      } else {
        inputURL = converters.USVString(input, prefix, "parameter 1");
      }
      init = convertRequestInit(init, prefix, "parameter 2");
      this.#state = constructRequest(inputState, inputURL, init, prefix);
    }

    get method() {
      return state(this).method;
    }

    get url() {
      return state(this).url;
    }

    get headers() {
      return stateHeaders(state(this));
    }

    get destination() {
      state(this);
      return "";
    }

    get referrer() {
      const referrer = state(this).referrer;
      if (referrer === "no-referrer") return "";
      if (referrer === "client") return "about:client";
      return referrer;
    }

    get referrerPolicy() {
      return state(this).referrerPolicy;
    }

    get mode() {
      return state(this).mode;
    }

    get credentials() {
      return state(this).credentials;
    }

    get cache() {
      return state(this).cache;
    }

    get redirect() {
      return state(this).redirect;
    }

    get integrity() {
      return state(this).integrity;
    }

    get keepalive() {
      return state(this).keepalive;
    }

    get isReloadNavigation() {
      return state(this).reloadNavigation;
    }

    get isHistoryNavigation() {
      return state(this).historyNavigation;
    }

    get signal() {
      return stateSignal(state(this));
    }

    get duplex() {
      state(this);
      return "half";
    }

    clone() {
      const s = state(this);
      if (B.isUnusable(s.body)) {
        throw new TypeErrorCtor("Failed to execute 'clone' on 'Request': Request body is already used");
      }
      const r = copyRequestState(s);
      r.body = s.body === null ? null : B.cloneBody(s.body);
      r.guard = stateGuard(s);
      r.signalSource = signalToFollow(s);
      return new Request(kInternal, r);
    }

    static {
      getRequestState = (o) => (typeof o === "object" && o !== null && #state in o ? o.#state : undefined);
    }
  }

  function state(o) {
    const s = getRequestState(o);
    if (s === undefined) throw illegalInvocation();
    return s;
  }

  B.installBodyMixin(Request.prototype, "Request", getRequestState);
  webidl.configureInterface(Request, "Request");
  nano.defineGlobal("Request", Request);

  // ---------------------------------------------------------------------------
  // Internals for the server
  // ---------------------------------------------------------------------------

  // A Request for an incoming HTTP request, trusted (nothing is validated):
  // headerList is [name, value, ...] in wire order, or the same joined with
  // "\0" (split when first needed; adopted: the names are lower-cased in
  // place then), body a Uint8Array (adopted, not
  // copied) or null, signal the request's AbortSignal. Its headers are
  // immutable.
  // `signal` is an AbortSignal, or a function that makes one on first use.
  fetch.requestFromHost = function requestFromHost(method, url, headerList, body, signal) {
    const lazy = typeof signal === "function";
    let record = null;
    if (body !== null) record = typeof body === "object" && nano.streams.isReadableStream(body) ? B.bodyFromStream(body) : B.bodyFromBytes(body);
    const s = new RequestState(method, url, headerList, record, lazy ? null : signal);
    if (lazy) s.signalFactory = signal;
    s.rawHeaderNames = true;
    s.guard = "immutable";
    s.mode = "cors";
    return new Request(kInternal, s);
  };

  fetch.isRequest = function isRequest(value) {
    return getRequestState(value) !== undefined;
  };

  fetch.request = ObjectFreeze({
    Request,
    getState: getRequestState,
    signal: stateSignal,
    // Whether the request's signal could ever abort: false when it would
    // follow no other signal (and was not made yet), so nothing can abort it.
    canAbort: (state) => state.signal !== null || state.signalFactory !== null || state.signalSource !== null,
    headerList: stateHeaderList,
    headers: stateHeaders,
    parseURL,
    urlHref,
    createDependentSignal,
    isAbortSignal,
    normalizeMethod,
  });
});
