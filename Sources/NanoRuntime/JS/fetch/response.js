// NANO runtime: `Response` (Fetch Standard §5.5, https://fetch.spec.whatwg.org/#response-class)
// and nano.fetch.responseForHost / nano.fetch.isResponse for the server.
//
// Classic script evaluated once while the startup snapshot is built; its
// completion value is a function the host calls as `fn(nano, global)`.
// Needs nano.webidl, nano.fetch.headers, nano.fetch.body and nano.fetch.request
// (headers.js, body.js, request.js).
(function (nano, global) {
  "use strict";

  const webidl = nano.webidl;
  const converters = webidl.converters;
  const requiredArguments = webidl.requiredArguments;
  const illegalInvocation = webidl.illegalInvocation;
  const fetch = nano.fetch;
  const H = fetch.headers;
  const B = fetch.body;
  const R = fetch.request;

  const FunctionPrototype = Function.prototype;
  const ReflectApply = Reflect.apply;
  const uncurryThis = (fn) => ReflectApply(FunctionPrototype.bind, FunctionPrototype.call, [fn]);
  const ObjectCreate = Object.create;
  const ObjectFreeze = Object.freeze;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const RegExpPrototypeExec = uncurryThis(RegExp.prototype.exec);
  const StringPrototypeIndexOf = uncurryThis(String.prototype.indexOf);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const JSONStringify = JSON.stringify;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;

  const convertResponseInit = webidl.createDictionaryConverter("ResponseInit", [
    { key: "headers", converter: H.convertInit },
    { key: "status", converter: converters["unsigned short"], defaultValue: 200 },
    { key: "statusText", converter: converters.ByteString, defaultValue: "" },
  ]);

  // reason-phrase = *( HTAB / SP / VCHAR / obs-text )
  const reasonPhraseRegExp = /^[\t\x20-\x7E\x80-\xFF]*$/;

  function isNullBodyStatus(status) {
    return status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
  }

  function isRedirectStatus(status) {
    return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
  }

  // A response (https://fetch.spec.whatwg.org/#concept-response) with what the
  // Response object adds (its headers, made on first use, and their guard).
  class ResponseState {
    constructor(type, status, statusText, headerList, body, guard) {
      this.type = type;
      this.status = status;
      this.statusText = statusText;
      this.headerList = headerList; // flat [name, value, ...], names lower-case
      this.headers = null;
      this.guard = guard;
      this.body = body;
      this.urlList = [];
    }
  }
  ObjectSetPrototypeOf(ResponseState.prototype, null);

  function copyList(list) {
    const copy = [];
    for (let i = 0; i < list.length; i++) ArrayPrototypePush(copy, list[i]);
    return copy;
  }

  function stateHeaders(state) {
    let headers = state.headers;
    if (headers === null) headers = state.headers = H.createHeaders(state.headerList, state.guard);
    return headers;
  }

  function stateGuard(state) {
    return state.headers === null ? state.guard : H.guard(state.headers);
  }

  // Appends to the header list itself (no validation, no guard).
  function appendToHeaderList(state, lname, value) {
    if (state.headers !== null) H.appendToList(state.headers, lname, value);
    else ArrayPrototypePush(state.headerList, lname, value);
  }

  // https://fetch.spec.whatwg.org/#initialize-a-response
  function initializeResponse(state, init, bodyWithType, prefix) {
    const status = init.status;
    if (status < 200 || status > 599) {
      throw new RangeErrorCtor(`${prefix}: The status provided (${status}) is outside the range [200, 599].`);
    }
    const statusText = init.statusText;
    if (statusText !== "" && RegExpPrototypeExec(reasonPhraseRegExp, statusText) === null) {
      throw new TypeErrorCtor(`${prefix}: Invalid statusText`);
    }
    state.status = status;
    state.statusText = statusText;
    if (init.headers !== undefined) {
      if (state.headers === null) H.fillList(state.headerList, state.guard, init.headers, prefix);
      else H.fill(state.headers, init.headers, prefix);
    }
    if (bodyWithType !== null) {
      if (isNullBodyStatus(status)) {
        throw new TypeErrorCtor(`${prefix}: Response with null body status cannot have body`);
      }
      state.body = bodyWithType.body;
      const type = bodyWithType.type;
      if (type !== null && !H.listContains(state.headerList, "content-type")) {
        appendToHeaderList(state, "content-type", type);
      }
    }
  }

  const kInternal = ObjectFreeze(ObjectCreate(null));
  const defaultResponseInit = ObjectFreeze(convertResponseInit(undefined, "Response", "init"));
  let getResponseState; // (o) -> state | undefined

  class Response {
    #state;

    constructor(body = null, init = undefined) {
      if (body === kInternal) {
        this.#state = init;
        return;
      }
      const prefix = "Failed to construct 'Response'";
      if (body !== null) body = B.convertBodyInit(body, prefix, "parameter 1");
      // `new Response(body)` is the common case: its converted init is
      // always the same (and never written to).
      init = init === undefined ? defaultResponseInit : convertResponseInit(init, prefix, "parameter 2");
      const s = new ResponseState("default", 200, "", [], null, "response");
      this.#state = s;
      initializeResponse(s, init, body === null ? null : B.extractBody(body, false), prefix);
    }

    static error() {
      return new Response(kInternal, new ResponseState("error", 0, "", [], null, "immutable"));
    }

    static redirect(url, status = 302) {
      const prefix = "Failed to execute 'redirect' on 'Response'";
      requiredArguments(arguments.length, 1, prefix);
      url = converters.USVString(url, prefix, "parameter 1");
      status = converters["unsigned short"](status, prefix, "parameter 2");
      const parsedURL = R.parseURL(url);
      if (parsedURL === null) throw new TypeErrorCtor(`${prefix}: Failed to parse URL from ${url}`);
      if (!isRedirectStatus(status)) throw new RangeErrorCtor(`${prefix}: Invalid status code`);
      const s = new ResponseState("default", status, "", ["location", R.urlHref(parsedURL)], null, "immutable");
      return new Response(kInternal, s);
    }

    static json(data, init = undefined) {
      const prefix = "Failed to execute 'json' on 'Response'";
      requiredArguments(arguments.length, 1, prefix);
      init = init === undefined ? defaultResponseInit : convertResponseInit(init, prefix, "parameter 2");
      const text = ReflectApply(JSONStringify, undefined, [data]);
      if (text === undefined) throw new TypeErrorCtor(`${prefix}: The data is not JSON serializable`);
      const s = new ResponseState("default", 200, "", [], null, "response");
      initializeResponse(s, init, { body: B.bodyFromString(text), type: "application/json" }, prefix);
      return new Response(kInternal, s);
    }

    get type() {
      return state(this).type;
    }

    get url() {
      const urlList = state(this).urlList;
      if (urlList.length === 0) return "";
      const url = urlList[urlList.length - 1];
      const hash = StringPrototypeIndexOf(url, "#");
      return hash === -1 ? url : StringPrototypeSlice(url, 0, hash);
    }

    get redirected() {
      return state(this).urlList.length > 1;
    }

    get status() {
      return state(this).status;
    }

    get ok() {
      const status = state(this).status;
      return status >= 200 && status <= 299;
    }

    get statusText() {
      return state(this).statusText;
    }

    get headers() {
      return stateHeaders(state(this));
    }

    clone() {
      const s = state(this);
      if (B.isUnusable(s.body)) {
        throw new TypeErrorCtor("Failed to execute 'clone' on 'Response': Response body is already used");
      }
      const c = new ResponseState(s.type, s.status, s.statusText, copyList(s.headerList),
        s.body === null ? null : B.cloneBody(s.body), stateGuard(s));
      c.urlList = copyList(s.urlList);
      return new Response(kInternal, c);
    }

    static {
      getResponseState = (o) => (typeof o === "object" && o !== null && #state in o ? o.#state : undefined);
    }
  }

  function state(o) {
    const s = getResponseState(o);
    if (s === undefined) throw illegalInvocation();
    return s;
  }

  B.installBodyMixin(Response.prototype, "Response", getResponseState);
  webidl.configureInterface(Response, "Response");
  nano.defineGlobal("Response", Response);

  // ---------------------------------------------------------------------------
  // Internals for the server
  // ---------------------------------------------------------------------------

  fetch.isResponse = function isResponse(value) {
    return getResponseState(value) !== undefined;
  };

  // What the host sends: { status, statusText, headers: [name, value, ...]
  // (the response's own list, to be read before any JS runs again;
  // lower-case names, list order, each set-cookie apart), body: null |
  // string (the body's own string, not a copy; the host writes its UTF-8) |
  // Uint8Array (the host may take it over) | ReadableStream (to be read by
  // the host) }. Marks a buffered body used.
  fetch.responseForHost = function responseForHost(response) {
    const s = getResponseState(response);
    if (s === undefined) throw new TypeErrorCtor("The value is not a Response");
    const body = s.body;
    let content = null;
    let owned = false;
    if (body !== null) {
      if (B.isUnusable(body)) throw new TypeErrorCtor("The Response body is already used or locked");
      if (body.stream !== null) {
        content = body.stream; // the host reads it
      } else {
        content = body.source;
        owned = body.owned && typeof content !== "string";
        // A clone still holds these bytes: the host gets its own copy.
        if (body.shared && typeof content !== "string") {
          content = B.copyBytes(content);
          owned = true;
        }
        body.used = true;
        body.source = null;
      }
    }
    return {
      status: s.status,
      statusText: s.statusText,
      headers: s.headerList, // not a copy: read at once, never kept
      body: content,
      // `body` is bytes only the host holds now (it may free them once sent).
      owned,
    };
  };

  // A Response for what the network (or a data: URL) gave: type "basic",
  // immutable headers, `urlList` the URLs the fetch went through.
  function fromNetwork(status, statusText, headerList, body, urlList) {
    const s = new ResponseState("basic", status, statusText, headerList, body, "immutable");
    s.urlList = urlList;
    return new Response(kInternal, s);
  }

  fetch.response = ObjectFreeze({
    Response,
    getState: getResponseState,
    headers: stateHeaders,
    fromNetwork,
  });
});
