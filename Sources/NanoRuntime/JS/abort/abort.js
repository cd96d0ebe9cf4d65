// NANO runtime: AbortController and AbortSignal
// (https://dom.spec.whatwg.org/#aborting-ongoing-activities).
//
// Classic script evaluated once while the startup snapshot is built. Its
// completion value is a function that the host calls as `fn(nano, global)`.
//
// Dependent signals (AbortSignal.any, nano.abort.createDependentSignal) keep
// their source and dependent signals as weak references, as the spec says, so
// that a long-lived source does not keep every dependent alive. A non-aborted
// dependent signal that has "abort" listeners or abort algorithms is held
// strongly by each of its sources ("must not be garbage collected while its
// source signals is non-empty and it has registered event listeners for its
// abort event or its abort algorithms is non-empty").
//
// Internals for other runtime files are on `nano.abort` (see the bottom).
(function (nano, global) {
  "use strict";
  const webidl = nano.webidl;
  const converters = webidl.converters;
  const uncurryThis = webidl.uncurryThis;
  const requiredArguments = webidl.requiredArguments;
  const DOMException = nano.DOMException;
  const events = nano.event;
  const EventTarget = events.EventTarget;
  const Event = events.Event;

  const ReflectApply = Reflect.apply;
  const ObjectFreeze = Object.freeze;
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const MapCtor = Map;
  const MapPrototypeSet = uncurryThis(Map.prototype.set);
  const MapPrototypeDelete = uncurryThis(Map.prototype.delete);
  const MapPrototypeForEach = uncurryThis(Map.prototype.forEach);
  const MapPrototypeGetSize = Object.getOwnPropertyDescriptor(Map.prototype, "size").get;
  const WeakRefCtor = WeakRef;
  const WeakRefPrototypeDeref = uncurryThis(WeakRef.prototype.deref);
  const capturedSetTimeout = global.setTimeout;

  // The longest delay one setTimeout takes (its timeout is a WebIDL `long`).
  const MAX_TIMER_DELAY = 2147483647;

  function mapSize(map) {
    return ReflectApply(MapPrototypeGetSize, map, []);
  }

  function reportException(error) {
    const report = nano.reportError;
    if (typeof report === "function") report(error);
    else throw error;
  }

  // ---------------------------------------------------------------------------
  // AbortSignal
  // ---------------------------------------------------------------------------
  //
  // State record: { aborted, reason, algorithms: Map<fn, true> | null,
  //   dependent, sources: WeakRef[] | null, dependents: WeakRef[] | null,
  //   retained: Map<AbortSignal, true> | null, self: WeakRef | null }

  const illegalConstructorKey = Symbol("AbortSignal");
  let isAbortSignal;
  let signalState;

  class AbortSignal extends EventTarget {
    #st;

    constructor(key = undefined) {
      if (key !== illegalConstructorKey) throw webidl.illegalConstructor();
      super();
      this.#st = {
        __proto__: null,
        aborted: false,
        reason: undefined,
        algorithms: null,
        dependent: false,
        sources: null,
        dependents: null,
        retained: null,
        self: null,
      };
    }

    static abort(reason = undefined) {
      const signal = createSignal();
      const st = signalState(signal);
      st.aborted = true;
      st.reason = reason === undefined ? defaultReason() : reason;
      return signal;
    }

    static timeout(milliseconds) {
      const prefix = "Failed to execute 'timeout' on 'AbortSignal'";
      requiredArguments(arguments.length, 1, prefix);
      milliseconds = converters["unsigned long long"](milliseconds, prefix, "parameter 1", { enforceRange: true });
      const signal = createSignal();
      scheduleTimeout(signal, milliseconds);
      return signal;
    }

    static any(signals) {
      const prefix = "Failed to execute 'any' on 'AbortSignal'";
      requiredArguments(arguments.length, 1, prefix);
      signals = convertSignalSequence(signals, prefix, "parameter 1");
      return createDependentSignal(signals);
    }

    get aborted() {
      return signalState(this).aborted;
    }

    get reason() {
      return signalState(this).reason;
    }

    throwIfAborted() {
      const st = signalState(this);
      if (st.aborted) throw st.reason;
    }

    static {
      isAbortSignal = (o) => typeof o === "object" && o !== null && #st in o;
      signalState = (o) => {
        if (typeof o !== "object" || o === null || !(#st in o)) throw webidl.illegalInvocation();
        return o.#st;
      };
    }
  }
  events.defineEventHandler(AbortSignal.prototype, "abort", isAbortSignal);
  webidl.configureInterface(AbortSignal);

  const convertSignal = webidl.createInterfaceConverter("AbortSignal", isAbortSignal);
  const convertSignalSequence = webidl.createSequenceConverter(convertSignal);

  function defaultReason() {
    return new DOMException("This operation was aborted", "AbortError");
  }

  function createSignal() {
    return new AbortSignal(illegalConstructorKey);
  }

  // AbortSignal.timeout's timer should not keep the event loop alive (as in
  // Deno and Node): `nano.timers.setUnrefTimeout(callback, ms)` is used when the
  // host provides it, else the setTimeout captured at load.
  function scheduleTimeout(signal, milliseconds) {
    const timers = nano.timers;
    let setTimeoutFn = typeof capturedSetTimeout === "function" ? capturedSetTimeout : global.setTimeout;
    let receiver = global;
    if (timers !== undefined && timers !== null && typeof timers.setUnrefTimeout === "function") {
      setTimeoutFn = timers.setUnrefTimeout;
      receiver = timers;
    }
    // A delay beyond what one timer takes is waited in several steps.
    const step = milliseconds > MAX_TIMER_DELAY ? MAX_TIMER_DELAY : milliseconds;
    ReflectApply(setTimeoutFn, receiver, [() => {
      const remaining = milliseconds - step;
      if (remaining > 0) {
        scheduleTimeout(signal, remaining);
        return;
      }
      signalAbort(signal, new DOMException("signal timed out", "TimeoutError"));
    }, step]);
  }

  // Weak references ---------------------------------------------------------

  function weakRefOf(signal) {
    const st = signalState(signal);
    if (st.self === null) st.self = new WeakRefCtor(signal);
    return st.self;
  }

  // Live signals of a WeakRef list (dropping the collected ones from the list).
  function liveSignals(list) {
    const live = [];
    if (list === null) return live;
    let j = 0;
    for (let i = 0; i < list.length; i++) {
      const signal = WeakRefPrototypeDeref(list[i]);
      if (signal !== undefined) {
        list[j++] = list[i];
        ArrayPrototypePush(live, signal);
      }
    }
    list.length = j;
    return live;
  }

  function containsSignal(list, signal) {
    if (list === null) return false;
    for (let i = 0; i < list.length; i++) {
      if (WeakRefPrototypeDeref(list[i]) === signal) return true;
    }
    return false;
  }

  // A dependent signal that needs to stay alive: its sources hold it strongly.
  function retain(signal) {
    const st = signalState(signal);
    if (!st.dependent || st.aborted) return;
    const sources = liveSignals(st.sources);
    for (let i = 0; i < sources.length; i++) {
      const sst = signalState(sources[i]);
      if (sst.aborted) continue;
      if (sst.retained === null) sst.retained = new MapCtor();
      MapPrototypeSet(sst.retained, signal, true);
    }
  }

  function release(signal) {
    const st = signalState(signal);
    if (!st.dependent) return;
    const sources = liveSignals(st.sources);
    for (let i = 0; i < sources.length; i++) {
      const sst = signalState(sources[i]);
      if (sst.retained !== null) MapPrototypeDelete(sst.retained, signal);
    }
  }

  function needsRetention(signal, st) {
    if (st.algorithms !== null && mapSize(st.algorithms) > 0) return true;
    return events.hasListeners(signal, "abort");
  }

  function installDependentHooks(signal) {
    events.setTargetHooks(signal, {
      __proto__: null,
      added(type) {
        if (type === "abort") retain(signal);
      },
      removed(type, remaining) {
        if (type !== "abort" || remaining !== 0) return;
        const st = signalState(signal);
        if (!needsRetention(signal, st)) release(signal);
      },
    });
  }

  // "create a dependent abort signal"
  function createDependentSignal(signals) {
    const result = createSignal();
    const rst = signalState(result);
    for (let i = 0; i < signals.length; i++) {
      const st = signalState(signals[i]);
      if (st.aborted) {
        rst.aborted = true;
        rst.reason = st.reason;
        return result;
      }
    }
    rst.dependent = true;
    rst.sources = [];
    const resultRef = weakRefOf(result);
    const addSource = (source) => {
      if (containsSignal(rst.sources, source)) return;
      ArrayPrototypePush(rst.sources, weakRefOf(source));
      const sst = signalState(source);
      if (sst.dependents === null) sst.dependents = [];
      ArrayPrototypePush(sst.dependents, resultRef);
      // Drop collected dependents now and then, so the list stays bounded.
      if (sst.dependents.length > 64 && (sst.dependents.length & (sst.dependents.length - 1)) === 0) {
        liveSignals(sst.dependents);
      }
    };
    for (let i = 0; i < signals.length; i++) {
      const signal = signals[i];
      const st = signalState(signal);
      if (!st.dependent) {
        addSource(signal);
      } else {
        const sources = liveSignals(st.sources);
        for (let j = 0; j < sources.length; j++) addSource(sources[j]);
      }
    }
    installDependentHooks(result);
    return result;
  }

  // "signal abort"
  function signalAbort(signal, reason) {
    const st = signalState(signal);
    if (st.aborted) return;
    st.aborted = true;
    st.reason = reason === undefined ? defaultReason() : reason;
    const dependentsToAbort = [];
    const dependents = liveSignals(st.dependents);
    for (let i = 0; i < dependents.length; i++) {
      const dependent = dependents[i];
      const dst = signalState(dependent);
      if (!dst.aborted) {
        dst.aborted = true;
        dst.reason = st.reason;
        ArrayPrototypePush(dependentsToAbort, dependent);
      }
    }
    // An aborted source never aborts again: it need not know its dependents.
    st.dependents = null;
    st.retained = null;
    runAbortSteps(signal, st);
    for (let i = 0; i < dependentsToAbort.length; i++) {
      runAbortSteps(dependentsToAbort[i], signalState(dependentsToAbort[i]));
    }
  }

  // "run the abort steps"
  function runAbortSteps(signal, st) {
    const algorithms = st.algorithms;
    st.algorithms = null;
    if (algorithms !== null) {
      MapPrototypeForEach(algorithms, (_, algorithm) => {
        try {
          algorithm();
        } catch (error) {
          reportException(error);
        }
      });
    }
    events.dispatch(signal, new Event("abort"), true);
  }

  // "add an abort algorithm"
  function addAlgorithm(signal, algorithm) {
    const st = signalState(signal);
    if (st.aborted) return;
    if (st.algorithms === null) st.algorithms = new MapCtor();
    MapPrototypeSet(st.algorithms, algorithm, true);
    if (st.dependent) retain(signal);
  }

  // "remove an abort algorithm"
  function removeAlgorithm(signal, algorithm) {
    const st = signalState(signal);
    if (st.algorithms === null) return;
    MapPrototypeDelete(st.algorithms, algorithm);
    if (st.dependent && !needsRetention(signal, st)) release(signal);
  }

  // ---------------------------------------------------------------------------
  // AbortController
  // ---------------------------------------------------------------------------
  let isAbortController;

  class AbortController {
    #signal;

    constructor() {
      this.#signal = createSignal();
    }

    get signal() {
      if (!isAbortController(this)) throw webidl.illegalInvocation();
      return this.#signal;
    }

    abort(reason = undefined) {
      if (!isAbortController(this)) throw webidl.illegalInvocation();
      signalAbort(this.#signal, reason);
    }

    static {
      isAbortController = (o) => typeof o === "object" && o !== null && #signal in o;
    }
  }
  webidl.configureInterface(AbortController);

  // ---------------------------------------------------------------------------
  // Internals for other runtime files
  // ---------------------------------------------------------------------------
  nano.abort = ObjectFreeze({
    AbortSignal,
    AbortController,
    // isAbortSignal(v) / isAbortController(v): brand checks.
    isAbortSignal,
    isAbortController,
    // createSignal() -> a new, not aborted AbortSignal.
    createSignal,
    // signalAbort(signal, reason): "signal abort"; reason undefined -> AbortError DOMException.
    signalAbort,
    // isAborted(signal) / getReason(signal): state without user-visible getters.
    isAborted(signal) { return signalState(signal).aborted; },
    getReason(signal) { return signalState(signal).reason; },
    // addAlgorithm(signal, fn) / removeAlgorithm(signal, fn): abort algorithms, run (in
    // insertion order) before the "abort" event; adding to an aborted signal does nothing.
    addAlgorithm,
    removeAlgorithm,
    // createDependentSignal(signals): "create a dependent abort signal" from an array of
    // AbortSignals (what Request uses for init.signal and AbortSignal.any uses).
    createDependentSignal,
    // followSignal(following, parent): make `following` abort with parent's reason when
    // `parent` aborts (now if it already has). Returns a function that stops following.
    followSignal(following, parent) {
      if (signalState(following).aborted) return () => {};
      const pst = signalState(parent);
      if (pst.aborted) {
        signalAbort(following, pst.reason);
        return () => {};
      }
      const algorithm = () => { signalAbort(following, signalState(parent).reason); };
      addAlgorithm(parent, algorithm);
      return () => { removeAlgorithm(parent, algorithm); };
    },
    // timeoutError() -> the DOMException "TimeoutError" AbortSignal.timeout uses.
    timeoutError() { return new DOMException("signal timed out", "TimeoutError"); },
  });

  nano.defineGlobal("AbortController", AbortController);
  nano.defineGlobal("AbortSignal", AbortSignal);
});
