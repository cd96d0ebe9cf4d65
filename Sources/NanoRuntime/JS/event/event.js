// NANO runtime: Event, EventTarget, CustomEvent, ErrorEvent,
// PromiseRejectionEvent, the global object as an event target, reportError,
// and the global `onerror` / `onunhandledrejection` event handlers.
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
//
// DOM Standard: https://dom.spec.whatwg.org/#events
// HTML: event handlers, "report an exception", PromiseRejectionEvent, ErrorEvent.
//
// Event targets here never have a parent, so the dispatch algorithm's event
// path is always the one target: capture listeners then non-capture ones, both
// with eventPhase AT_TARGET.
//
// Internals for other runtime files are on `nano.event` (see the bottom).
(function (nano, global) {
  "use strict";

  // ---------------------------------------------------------------------------
  // Captured built-ins
  // ---------------------------------------------------------------------------
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const uncurryThis = webidl.uncurryThis;
  const requiredArguments = webidl.requiredArguments;
  const ops = nano.ops;
  const DOMException = nano.DOMException;

  const ReflectApply = Reflect.apply;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectFreeze = Object.freeze;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const ArrayPrototypeSlice = uncurryThis(Array.prototype.slice);
  const ArrayPrototypeSplice = uncurryThis(Array.prototype.splice);
  const ArrayPrototypeIndexOf = uncurryThis(Array.prototype.indexOf);
  const MapCtor = Map;
  const MapPrototypeGet = uncurryThis(Map.prototype.get);
  const MapPrototypeSet = uncurryThis(Map.prototype.set);
  const MapPrototypeDelete = uncurryThis(Map.prototype.delete);
  const StringCtor = String;
  const TypeErrorCtor = TypeError;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromisePrototypeThen = uncurryThis(Promise.prototype.then);
  const queueMicrotaskFn = typeof global.queueMicrotask === "function"
    ? global.queueMicrotask
    : (fn) => { PromisePrototypeThen(PromiseResolve(undefined), fn); };

  const NONE = 0;
  const CAPTURING_PHASE = 1;
  const AT_TARGET = 2;
  const BUBBLING_PHASE = 3;

  // The event's timeStamp: a DOMHighResTimeStamp. `nano.performanceNow`
  // (performance.now(), relative to the time origin) is used when another
  // runtime file provides it; otherwise the host's monotonic clock in ms.
  function currentTimeStamp() {
    const now = nano.performanceNow;
    if (typeof now === "function") return now();
    return ReflectApply(ops.monotonicNow, ops, []);
  }

  function isObject(v) {
    return (typeof v === "object" && v !== null) || typeof v === "function";
  }

  // Report an exception thrown by a listener: nano.reportError (defined below;
  // another runtime file may replace it), else rethrow it in a microtask.
  function reportListenerException(error) {
    const report = nano.reportError;
    if (typeof report === "function") {
      report(error);
    } else {
      queueMicrotaskFn(() => { throw error; });
    }
  }

  // ---------------------------------------------------------------------------
  // Dictionaries
  // ---------------------------------------------------------------------------
  const eventInitMembers = [
    { key: "bubbles", converter: converters.boolean, defaultValue: false },
    { key: "cancelable", converter: converters.boolean, defaultValue: false },
    { key: "composed", converter: converters.boolean, defaultValue: false },
  ];
  const convertEventInit = webidl.createDictionaryConverter("EventInit", eventInitMembers);
  const convertCustomEventInit = webidl.createDictionaryConverter("CustomEventInit", eventInitMembers, [
    { key: "detail", converter: converters.any, defaultValue: null },
  ]);
  const convertErrorEventInit = webidl.createDictionaryConverter("ErrorEventInit", eventInitMembers, [
    { key: "message", converter: converters.DOMString, defaultValue: "" },
    { key: "filename", converter: converters.USVString, defaultValue: "" },
    { key: "lineno", converter: converters["unsigned long"], defaultValue: 0 },
    { key: "colno", converter: converters["unsigned long"], defaultValue: 0 },
    { key: "error", converter: converters.any },
  ]);
  const convertPromiseRejectionEventInit = webidl.createDictionaryConverter("PromiseRejectionEventInit", eventInitMembers, [
    { key: "promise", converter: converters.object, required: true },
    { key: "reason", converter: converters.any },
  ]);

  // AbortSignal is defined by abort/abort.js (loaded later): looked up at call time.
  function convertAbortSignal(V, prefix, context) {
    const abort = nano.abort;
    if (abort === undefined || !abort.isAbortSignal(V)) {
      throw webidl.makeException(TypeErrorCtor, "is not of type 'AbortSignal'.", prefix, context);
    }
    return V;
  }
  const eventListenerOptionsMembers = [
    { key: "capture", converter: converters.boolean, defaultValue: false },
  ];
  const convertEventListenerOptions = webidl.createDictionaryConverter("EventListenerOptions", eventListenerOptionsMembers);
  const convertAddEventListenerOptions = webidl.createDictionaryConverter("AddEventListenerOptions", eventListenerOptionsMembers, [
    { key: "once", converter: converters.boolean, defaultValue: false },
    { key: "passive", converter: converters.boolean },
    { key: "signal", converter: convertAbortSignal },
  ]);

  // callback interface EventListener, nullable.
  function convertEventListener(V, prefix, context) {
    if (V === undefined || V === null) return null;
    if (!isObject(V)) {
      throw webidl.makeException(TypeErrorCtor, "is not of type 'EventListener'.", prefix, context);
    }
    return V;
  }

  // ---------------------------------------------------------------------------
  // Event
  // ---------------------------------------------------------------------------
  //
  // The event's state is one record, held in a private field:
  // { type, target, currentTarget, eventPhase, bubbles, cancelable, composed,
  //   isTrusted, timeStamp, path, stopPropagation, stopImmediatePropagation,
  //   canceled, inPassiveListener, initialized, dispatching }

  let isEvent;
  let eventState; // (event) -> record; throws "Illegal invocation" for a non-Event

  const isTrustedGetter = ObjectGetOwnPropertyDescriptor({
    get isTrusted() { return eventState(this).isTrusted; },
  }, "isTrusted").get;
  const isTrustedDescriptor = { __proto__: null, get: isTrustedGetter, set: undefined, enumerable: true, configurable: false };

  // "set the canceled flag"
  function setCanceledFlag(s) {
    if (s.cancelable && !s.inPassiveListener) s.canceled = true;
  }

  // "initialize" (used by initEvent / initCustomEvent)
  function initializeEvent(s, type, bubbles, cancelable) {
    s.initialized = true;
    s.stopPropagation = false;
    s.stopImmediatePropagation = false;
    s.canceled = false;
    s.isTrusted = false;
    s.target = null;
    s.type = type;
    s.bubbles = bubbles;
    s.cancelable = cancelable;
  }

  class Event {
    #s;

    constructor(type, eventInitDict = undefined) {
      const prefix = "Failed to construct 'Event'";
      requiredArguments(arguments.length, 1, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      const init = convertEventInit(eventInitDict, prefix, "parameter 2");
      this.#s = {
        __proto__: null,
        type,
        target: null,
        currentTarget: null,
        eventPhase: NONE,
        bubbles: init.bubbles,
        cancelable: init.cancelable,
        composed: init.composed,
        isTrusted: false,
        timeStamp: currentTimeStamp(),
        path: null,
        stopPropagation: false,
        stopImmediatePropagation: false,
        canceled: false,
        inPassiveListener: false,
        initialized: true,
        dispatching: false,
      };
      // [LegacyUnforgeable] readonly attribute boolean isTrusted;
      ObjectDefineProperty(this, "isTrusted", isTrustedDescriptor);
    }

    get type() { return eventState(this).type; }
    get target() { return eventState(this).target; }
    get srcElement() { return eventState(this).target; }
    get currentTarget() { return eventState(this).currentTarget; }

    composedPath() {
      const s = eventState(this);
      if (s.path === null || s.currentTarget === null) return [];
      return [s.currentTarget];
    }

    get eventPhase() { return eventState(this).eventPhase; }

    stopPropagation() {
      eventState(this).stopPropagation = true;
    }

    get cancelBubble() { return eventState(this).stopPropagation; }
    set cancelBubble(value) {
      const s = eventState(this);
      requiredArguments(arguments.length, 1, "Failed to set the 'cancelBubble' property on 'Event'");
      if (converters.boolean(value)) s.stopPropagation = true;
    }

    stopImmediatePropagation() {
      const s = eventState(this);
      s.stopPropagation = true;
      s.stopImmediatePropagation = true;
    }

    get bubbles() { return eventState(this).bubbles; }
    get cancelable() { return eventState(this).cancelable; }

    get returnValue() { return !eventState(this).canceled; }
    set returnValue(value) {
      const s = eventState(this);
      requiredArguments(arguments.length, 1, "Failed to set the 'returnValue' property on 'Event'");
      if (!converters.boolean(value)) setCanceledFlag(s);
    }

    preventDefault() {
      setCanceledFlag(eventState(this));
    }

    get defaultPrevented() { return eventState(this).canceled; }
    get composed() { return eventState(this).composed; }
    get timeStamp() { return eventState(this).timeStamp; }

    initEvent(type, bubbles = false, cancelable = false) {
      const s = eventState(this);
      const prefix = "Failed to execute 'initEvent' on 'Event'";
      requiredArguments(arguments.length, 1, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      bubbles = converters.boolean(bubbles);
      cancelable = converters.boolean(cancelable);
      if (s.dispatching) return;
      initializeEvent(s, type, bubbles, cancelable);
    }

    static {
      isEvent = (o) => typeof o === "object" && o !== null && #s in o;
      eventState = (o) => {
        if (typeof o !== "object" || o === null || !(#s in o)) throw webidl.illegalInvocation();
        return o.#s;
      };
    }
  }
  webidl.configureInterface(Event);
  webidl.defineConstants(Event, { NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE });

  // ---------------------------------------------------------------------------
  // CustomEvent
  // ---------------------------------------------------------------------------
  let isCustomEvent;
  class CustomEvent extends Event {
    #detail;

    constructor(type, eventInitDict = undefined) {
      const prefix = "Failed to construct 'CustomEvent'";
      requiredArguments(arguments.length, 1, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      const init = convertCustomEventInit(eventInitDict, prefix, "parameter 2");
      super(type, init);
      this.#detail = init.detail;
    }

    get detail() {
      if (!isCustomEvent(this)) throw webidl.illegalInvocation();
      return this.#detail;
    }

    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      if (!isCustomEvent(this)) throw webidl.illegalInvocation();
      const prefix = "Failed to execute 'initCustomEvent' on 'CustomEvent'";
      requiredArguments(arguments.length, 1, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      bubbles = converters.boolean(bubbles);
      cancelable = converters.boolean(cancelable);
      const s = eventState(this);
      if (s.dispatching) return;
      initializeEvent(s, type, bubbles, cancelable);
      this.#detail = detail;
    }

    static {
      isCustomEvent = (o) => typeof o === "object" && o !== null && #detail in o;
    }
  }
  webidl.configureInterface(CustomEvent);

  // ---------------------------------------------------------------------------
  // ErrorEvent
  // ---------------------------------------------------------------------------
  let isErrorEvent;
  let errorEventFields;
  class ErrorEvent extends Event {
    #message;
    #filename;
    #lineno;
    #colno;
    #error;

    constructor(type, eventInitDict = undefined) {
      const prefix = "Failed to construct 'ErrorEvent'";
      requiredArguments(arguments.length, 1, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      const init = convertErrorEventInit(eventInitDict, prefix, "parameter 2");
      super(type, init);
      this.#message = init.message;
      this.#filename = init.filename;
      this.#lineno = init.lineno;
      this.#colno = init.colno;
      this.#error = init.error;
    }

    get message() {
      if (!isErrorEvent(this)) throw webidl.illegalInvocation();
      return this.#message;
    }
    get filename() {
      if (!isErrorEvent(this)) throw webidl.illegalInvocation();
      return this.#filename;
    }
    get lineno() {
      if (!isErrorEvent(this)) throw webidl.illegalInvocation();
      return this.#lineno;
    }
    get colno() {
      if (!isErrorEvent(this)) throw webidl.illegalInvocation();
      return this.#colno;
    }
    get error() {
      if (!isErrorEvent(this)) throw webidl.illegalInvocation();
      return this.#error;
    }

    static {
      isErrorEvent = (o) => typeof o === "object" && o !== null && #message in o;
      errorEventFields = (o) => [o.#message, o.#filename, o.#lineno, o.#colno, o.#error];
    }
  }
  webidl.configureInterface(ErrorEvent);

  // ---------------------------------------------------------------------------
  // PromiseRejectionEvent
  // ---------------------------------------------------------------------------
  let isPromiseRejectionEvent;
  class PromiseRejectionEvent extends Event {
    #promise;
    #reason;

    constructor(type, eventInitDict) {
      const prefix = "Failed to construct 'PromiseRejectionEvent'";
      requiredArguments(arguments.length, 2, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      const init = convertPromiseRejectionEventInit(eventInitDict, prefix, "parameter 2");
      super(type, init);
      this.#promise = init.promise;
      this.#reason = init.reason;
    }

    get promise() {
      if (!isPromiseRejectionEvent(this)) throw webidl.illegalInvocation();
      return this.#promise;
    }
    get reason() {
      if (!isPromiseRejectionEvent(this)) throw webidl.illegalInvocation();
      return this.#reason;
    }

    static {
      isPromiseRejectionEvent = (o) => typeof o === "object" && o !== null && #promise in o;
    }
  }
  webidl.configureInterface(PromiseRejectionEvent);

  // ---------------------------------------------------------------------------
  // Event targets
  // ---------------------------------------------------------------------------
  //
  // A target's state: { owner, listeners: Map<type, listener[]> | null,
  //   handlers: Map<type, { value, listener }> | null, hooks }
  // A listener: { type, callback, capture, passive, once, signal, removed, abortAlgorithm }
  // `owner` is the object exposed as event.target / currentTarget.

  function createTargetState(owner) {
    return { __proto__: null, owner, listeners: null, handlers: null, hooks: null };
  }

  // "flatten more" for addEventListener's options.
  function flattenAddOptions(options, prefix) {
    if (options === undefined || options === null || isObject(options)) {
      const d = convertAddEventListenerOptions(options, prefix, "parameter 3");
      return {
        __proto__: null,
        capture: d.capture,
        once: d.once,
        passive: d.passive === undefined ? null : d.passive,
        signal: d.signal === undefined ? null : d.signal,
      };
    }
    return { __proto__: null, capture: !!options, once: false, passive: null, signal: null };
  }

  // "flatten" for removeEventListener's options.
  function flattenCapture(options, prefix) {
    if (options === undefined || options === null || isObject(options)) {
      return convertEventListenerOptions(options, prefix, "parameter 3").capture;
    }
    return !!options;
  }

  function listenersOf(state, type, create) {
    let map = state.listeners;
    if (map === null) {
      if (!create) return undefined;
      map = state.listeners = new MapCtor();
    }
    let list = MapPrototypeGet(map, type);
    if (list === undefined && create) {
      list = [];
      MapPrototypeSet(map, type, list);
    }
    return list;
  }

  // "add an event listener"
  function addListener(state, type, callback, flat) {
    const signal = flat.signal;
    if (signal !== null && nano.abort.isAborted(signal)) return;
    if (callback === null) return;
    const passive = flat.passive === null ? false : flat.passive;
    const list = listenersOf(state, type, true);
    for (let i = 0; i < list.length; i++) {
      const l = list[i];
      if (l.callback === callback && l.capture === flat.capture) return;
    }
    const listener = {
      __proto__: null,
      type,
      callback,
      capture: flat.capture,
      passive,
      once: flat.once,
      signal,
      removed: false,
      abortAlgorithm: null,
    };
    ArrayPrototypePush(list, listener);
    if (signal !== null) {
      listener.abortAlgorithm = () => { removeListener(state, listener); };
      nano.abort.addAlgorithm(signal, listener.abortAlgorithm);
    }
    if (state.hooks !== null && state.hooks.added !== undefined) state.hooks.added(type, list.length);
  }

  // "remove an event listener"
  function removeListener(state, listener) {
    if (listener.removed) return;
    listener.removed = true;
    const list = listenersOf(state, listener.type, false);
    let remaining = 0;
    if (list !== undefined) {
      const index = ArrayPrototypeIndexOf(list, listener);
      if (index !== -1) ArrayPrototypeSplice(list, index, 1);
      remaining = list.length;
      if (remaining === 0) MapPrototypeDelete(state.listeners, listener.type);
    }
    if (listener.abortAlgorithm !== null) {
      nano.abort.removeAlgorithm(listener.signal, listener.abortAlgorithm);
      listener.abortAlgorithm = null;
    }
    if (state.hooks !== null && state.hooks.removed !== undefined) state.hooks.removed(listener.type, remaining);
  }

  function removeMatchingListener(state, type, callback, capture) {
    if (callback === null) return;
    const list = listenersOf(state, type, false);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const l = list[i];
      if (l.callback === callback && l.capture === capture) {
        removeListener(state, l);
        return;
      }
    }
  }

  // "dispatch" for a target without a parent. Returns false if canceled.
  function dispatch(state, event) {
    const s = eventState(event);
    const target = state.owner;
    s.dispatching = true;
    s.target = target;
    s.path = state;
    try {
      s.eventPhase = AT_TARGET;
      invoke(state, event, s, CAPTURING_PHASE);
      s.eventPhase = AT_TARGET;
      invoke(state, event, s, BUBBLING_PHASE);
    } finally {
      s.eventPhase = NONE;
      s.currentTarget = null;
      s.path = null;
      s.dispatching = false;
      s.stopPropagation = false;
      s.stopImmediatePropagation = false;
    }
    return !s.canceled;
  }

  // "invoke"
  function invoke(state, event, s, phase) {
    if (s.stopPropagation) return;
    s.currentTarget = state.owner;
    const list = listenersOf(state, s.type, false);
    if (list === undefined || list.length === 0) return;
    innerInvoke(state, event, s, ArrayPrototypeSlice(list), phase);
  }

  // "inner invoke"
  function innerInvoke(state, event, s, listeners, phase) {
    for (let i = 0; i < listeners.length; i++) {
      const listener = listeners[i];
      if (listener.removed) continue;
      if (listener.type !== s.type) continue;
      if (phase === CAPTURING_PHASE && !listener.capture) continue;
      if (phase === BUBBLING_PHASE && listener.capture) continue;
      if (listener.once) removeListener(state, listener);
      if (listener.passive) s.inPassiveListener = true;
      try {
        const callback = listener.callback;
        if (typeof callback === "function") {
          ReflectApply(callback, s.currentTarget, [event]);
        } else {
          const handleEvent = callback.handleEvent;
          if (typeof handleEvent !== "function") {
            throw new TypeErrorCtor("The provided callback is not callable: 'handleEvent' is not a function.");
          }
          ReflectApply(handleEvent, callback, [event]);
        }
      } catch (error) {
        s.inPassiveListener = false;
        reportListenerException(error);
      }
      s.inPassiveListener = false;
      if (s.stopImmediatePropagation) break;
    }
  }

  let isEventTarget;
  let targetStateOfInstance;

  class EventTarget {
    #t;

    constructor() {
      this.#t = createTargetState(this);
    }

    addEventListener(type, callback, options = undefined) {
      const state = targetStateOfInstance(this);
      const prefix = "Failed to execute 'addEventListener' on 'EventTarget'";
      requiredArguments(arguments.length, 2, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      callback = convertEventListener(callback, prefix, "parameter 2");
      addListener(state, type, callback, flattenAddOptions(options, prefix));
    }

    removeEventListener(type, callback, options = undefined) {
      const state = targetStateOfInstance(this);
      const prefix = "Failed to execute 'removeEventListener' on 'EventTarget'";
      requiredArguments(arguments.length, 2, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      callback = convertEventListener(callback, prefix, "parameter 2");
      removeMatchingListener(state, type, callback, flattenCapture(options, prefix));
    }

    dispatchEvent(event) {
      const state = targetStateOfInstance(this);
      return dispatchEventSteps(state, event, arguments.length, "Failed to execute 'dispatchEvent' on 'EventTarget'");
    }

    static {
      isEventTarget = (o) => typeof o === "object" && o !== null && #t in o;
      targetStateOfInstance = (o) => {
        if (typeof o !== "object" || o === null || !(#t in o)) throw webidl.illegalInvocation();
        return o.#t;
      };
    }
  }
  webidl.configureInterface(EventTarget);

  function dispatchEventSteps(state, event, argumentCount, prefix) {
    requiredArguments(argumentCount, 1, prefix);
    if (!isEvent(event)) {
      throw new TypeErrorCtor(`${prefix}: parameter 1 is not of type 'Event'.`);
    }
    const s = eventState(event);
    if (s.dispatching || !s.initialized) {
      throw new DOMException(`${prefix}: The event is already being dispatched.`, "InvalidStateError");
    }
    s.isTrusted = false;
    return dispatch(state, event);
  }

  // ---------------------------------------------------------------------------
  // The global object as an event target
  // ---------------------------------------------------------------------------
  const globalState = createTargetState(global);

  // State of an EventTarget or of the global object (undefined for anything else).
  function targetStateOf(target) {
    if (target === global) return globalState;
    if (isEventTarget(target)) return targetStateOfInstance(target);
    return undefined;
  }

  // The global's operations and event handlers act on the global whatever
  // `this` is (a bare call passes undefined; embedders may pass the global
  // proxy or the global object), so they do no brand check.

  const globalMethods = {
    addEventListener(type, callback, options = undefined) {
      const prefix = "Failed to execute 'addEventListener' on 'EventTarget'";
      requiredArguments(arguments.length, 2, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      callback = convertEventListener(callback, prefix, "parameter 2");
      addListener(globalState, type, callback, flattenAddOptions(options, prefix));
    },
    removeEventListener(type, callback, options = undefined) {
      const prefix = "Failed to execute 'removeEventListener' on 'EventTarget'";
      requiredArguments(arguments.length, 2, prefix);
      type = converters.DOMString(type, prefix, "parameter 1");
      callback = convertEventListener(callback, prefix, "parameter 2");
      removeMatchingListener(globalState, type, callback, flattenCapture(options, prefix));
    },
    dispatchEvent(event) {
      return dispatchEventSteps(globalState, event, arguments.length, "Failed to execute 'dispatchEvent' on 'EventTarget'");
    },
    reportError(e) {
      requiredArguments(arguments.length, 1, "Failed to execute 'reportError'");
      reportException(e);
    },
  };

  // ---------------------------------------------------------------------------
  // Event handlers (HTML "event handler IDL attributes")
  // ---------------------------------------------------------------------------

  function handlerRecord(state, type, create) {
    let map = state.handlers;
    if (map === null) {
      if (!create) return undefined;
      map = state.handlers = new MapCtor();
    }
    let record = MapPrototypeGet(map, type);
    if (record === undefined && create) {
      record = { __proto__: null, value: null, listener: null };
      MapPrototypeSet(map, type, record);
    }
    return record;
  }

  // "get the current value of the event handler"
  function getEventHandler(state, type) {
    const record = handlerRecord(state, type, false);
    return record === undefined ? null : record.value;
  }

  // Setting an event handler IDL attribute ([LegacyTreatNonObjectAsNull]).
  function setEventHandler(state, type, value, specialError) {
    if (!isObject(value)) value = null;
    const record = handlerRecord(state, type, value !== null);
    if (record === undefined) return;
    if (value === null) {
      // "deactivate an event handler"
      record.value = null;
      if (record.listener !== null) {
        removeListener(state, record.listener);
        record.listener = null;
      }
      return;
    }
    record.value = value;
    if (record.listener !== null) return;
    // "activate an event handler": its listener keeps the position it gets now.
    const processing = (event) => { processEventHandler(state, record, event, specialError); };
    const list = listenersOf(state, type, true);
    const listener = {
      __proto__: null,
      type,
      callback: processing,
      capture: false,
      passive: false,
      once: false,
      signal: null,
      removed: false,
      abortAlgorithm: null,
    };
    ArrayPrototypePush(list, listener);
    record.listener = listener;
    if (state.hooks !== null && state.hooks.added !== undefined) state.hooks.added(type, list.length);
  }

  // "the event handler processing algorithm"
  function processEventHandler(state, record, event, specialError) {
    const callback = record.value;
    if (callback === null) return;
    const s = eventState(event);
    const special = specialError && isErrorEvent(event) && s.type === "error";
    let returnValue;
    if (typeof callback === "function") {
      if (special) {
        returnValue = ReflectApply(callback, s.currentTarget, errorEventFields(event));
      } else {
        returnValue = ReflectApply(callback, s.currentTarget, [event]);
      }
    }
    if (special) {
      if (returnValue === true) setCanceledFlag(s);
    } else if (returnValue === false) {
      setCanceledFlag(s);
    }
  }

  // defineEventHandler(object, type, getState, specialError): installs the accessor
  // `on${type}` (enumerable, configurable) on `object`; getState(this) returns the
  // target state (or throws for a wrong `this`).
  function defineEventHandler(object, type, getState, specialError = false) {
    const name = `on${type}`;
    const get = function () {
      return getEventHandler(getState(this), type);
    };
    const set = function (value) {
      const state = getState(this);
      requiredArguments(arguments.length, 1, `Failed to set the '${name}' property`);
      setEventHandler(state, type, value, specialError);
    };
    ObjectDefineProperty(get, "name", { value: `get ${name}` });
    ObjectDefineProperty(set, "name", { value: `set ${name}` });
    ObjectDefineProperty(object, name, { get, set, enumerable: true, configurable: true });
  }

  const globalStateOfThis = () => globalState;
  defineEventHandler(global, "error", globalStateOfThis, true);
  defineEventHandler(global, "unhandledrejection", globalStateOfThis);
  defineEventHandler(global, "rejectionhandled", globalStateOfThis);

  // ---------------------------------------------------------------------------
  // Reporting exceptions (HTML "report an exception") and promise rejections
  // ---------------------------------------------------------------------------
  let errorReportingMode = false;

  // The ErrorEvent's message, as browsers word it: "Uncaught Error: boom".
  function describeError(error) {
    try {
      return `Uncaught ${StringCtor(error)}`;
    } catch {
      return "Uncaught exception";
    }
  }

  // When no listener canceled the "error" event: nano.onUnhandledError(error)
  // (the host's hook), else rethrow in a microtask.
  function reportToConsole(error) {
    const hook = nano.onUnhandledError;
    if (typeof hook === "function") {
      hook(error);
    } else {
      queueMicrotaskFn(() => { throw error; });
    }
  }

  // "report an exception" at the global: fire a cancelable ErrorEvent "error".
  function reportException(error) {
    if (errorReportingMode) {
      reportToConsole(error);
      return;
    }
    errorReportingMode = true;
    let notHandled = true;
    try {
      const event = new ErrorEvent("error", {
        __proto__: null,
        cancelable: true,
        message: describeError(error),
        filename: "",
        lineno: 0,
        colno: 0,
        error,
      });
      eventState(event).isTrusted = true;
      notHandled = dispatch(globalState, event);
    } finally {
      errorReportingMode = false;
    }
    if (notHandled) reportToConsole(error);
  }

  nano.reportError = reportException;

  if (nano.hooks === undefined || nano.hooks === null) nano.hooks = {};
  // The host calls this for a promise rejected without a handler at the end of
  // a microtask checkpoint; `true` means a listener canceled the event (handled).
  nano.hooks.unhandledRejection = function unhandledRejection(promise, reason) {
    const event = new PromiseRejectionEvent("unhandledrejection", {
      __proto__: null, cancelable: true, promise, reason,
    });
    eventState(event).isTrusted = true;
    return !dispatch(globalState, event);
  };
  // The host may call this when a previously reported rejection gets a handler.
  nano.hooks.rejectionHandled = function rejectionHandled(promise, reason) {
    const event = new PromiseRejectionEvent("rejectionhandled", {
      __proto__: null, promise, reason,
    });
    eventState(event).isTrusted = true;
    dispatch(globalState, event);
  };

  // ---------------------------------------------------------------------------
  // Internals for other runtime files
  // ---------------------------------------------------------------------------
  function stateOrThrow(target) {
    const state = targetStateOf(target);
    if (state === undefined) throw new TypeErrorCtor("not an EventTarget");
    return state;
  }

  nano.event = ObjectFreeze({
    Event,
    EventTarget,
    CustomEvent,
    ErrorEvent,
    PromiseRejectionEvent,
    // isEvent(v) / isEventTarget(v): brand checks (the global object is not an EventTarget instance).
    isEvent,
    isEventTarget,
    // dispatch(target, event, trusted = true) -> false if canceled. target: an EventTarget or the global.
    // "fire an event": isTrusted is set to `trusted`; throws if the event is being dispatched.
    dispatch(target, event, trusted = true) {
      const state = stateOrThrow(target);
      const s = eventState(event);
      if (s.dispatching || !s.initialized) {
        throw new DOMException("The event is already being dispatched.", "InvalidStateError");
      }
      s.isTrusted = !!trusted;
      return dispatch(state, event);
    },
    // setTrusted(event, bool): sets isTrusted (e.g. before handing an event to user code).
    setTrusted(event, value) { eventState(event).isTrusted = !!value; },
    // isCanceled(event): the event's canceled flag (defaultPrevented) without user-visible getters.
    isCanceled(event) { return eventState(event).canceled; },
    // isDispatching(event): the event's dispatch flag.
    isDispatching(event) { return eventState(event).dispatching; },
    // listenerCount(target, type) / hasListeners(target, type): live listeners of that type
    // (event handler attributes count once they are set).
    listenerCount(target, type) {
      const list = listenersOf(stateOrThrow(target), type, false);
      return list === undefined ? 0 : list.length;
    },
    hasListeners(target, type) {
      const list = listenersOf(stateOrThrow(target), type, false);
      return list !== undefined && list.length > 0;
    },
    // setTargetHooks(target, { added(type, count), removed(type, remaining) }): called after a
    // listener is added / removed (AbortSignal uses it to keep dependent signals alive).
    setTargetHooks(target, hooks) { stateOrThrow(target).hooks = hooks; },
    // defineEventHandler(object, type, isBrand): installs `on<type>` on object (usually a
    // prototype), brand-checked with isBrand(this); the handler lives on the EventTarget `this`.
    defineEventHandler(object, type, isBrand) {
      defineEventHandler(object, type, (thisValue) => {
        if (!isBrand(thisValue)) throw webidl.illegalInvocation();
        return stateOrThrow(thisValue);
      });
    },
    // getEventHandler(target, type) / setEventHandler(target, type, value): the `on<type>` value.
    getEventHandler(target, type) { return getEventHandler(stateOrThrow(target), type); },
    setEventHandler(target, type, value) { setEventHandler(stateOrThrow(target), type, value, false); },
    // reportException(error): HTML "report an exception" at the global (same as nano.reportError).
    reportException,
  });

  nano.defineGlobal("Event", Event);
  nano.defineGlobal("EventTarget", EventTarget);
  nano.defineGlobal("CustomEvent", CustomEvent);
  nano.defineGlobal("ErrorEvent", ErrorEvent);
  nano.defineGlobal("PromiseRejectionEvent", PromiseRejectionEvent);
  nano.defineGlobal("addEventListener", globalMethods.addEventListener);
  nano.defineGlobal("removeEventListener", globalMethods.removeEventListener);
  nano.defineGlobal("dispatchEvent", globalMethods.dispatchEvent);
  nano.defineGlobal("reportError", globalMethods.reportError);
});
