// Where "report an exception" ends when no `error` listener canceled the
// event: the host's uncaught-error path (`nanod run` exits 1 with the stack;
// a served app's log gets it). Loaded after event/event.js, which calls
// nano.onUnhandledError.
(function (nano, global) {
  "use strict";
  const ops = nano.ops;
  const StringCtor = String;

  function describe(error) {
    try {
      if (error !== null && typeof error === "object" && typeof error.stack === "string") return error.stack;
      return StringCtor(error);
    } catch {
      return "(an exception that cannot be converted to a string)";
    }
  }

  nano.onUnhandledError = function onUnhandledError(error) {
    ops.reportUncaught(describe(error));
  };
});
