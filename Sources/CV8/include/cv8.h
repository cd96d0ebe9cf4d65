// CV8 — NANO's only contact with V8: a C ABI over the C++ API.
//
// Rules every function here keeps:
//  * it opens its own v8::HandleScope (no Local<> outlives a call);
//  * every entry into JavaScript runs inside a v8::TryCatch, and a JS error
//    comes back as a status code plus a cv8_exception, never as a C++
//    exception (each function catches everything at the boundary);
//  * an isolate is used only on the thread that owns it, except
//    cv8_isolate_terminate, which V8 documents as thread safe.
//
// Memory ownership, for every buffer that crosses this boundary:
//  * "shim-allocated" buffers (char* / uint8_t* out-parameters) are malloc'd by
//    the shim and must be released by the caller with cv8_free();
//  * "borrowed" pointers handed to a callback are valid only until the
//    callback returns; copy what you keep;
//  * buffers the caller passes in are only read during the call and may be
//    freed as soon as it returns — except the snapshot blob, which must stay
//    alive as long as any isolate created from it (V8 reads it again when it
//    makes a context).
#ifndef CV8_H
#define CV8_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - Status codes

typedef enum {
  CV8_OK = 0,
  CV8_ERR_EXCEPTION = 1,   // JavaScript threw; see the cv8_exception
  CV8_ERR_TERMINATED = 2,  // execution was terminated (cv8_isolate_terminate or heap limit)
  CV8_ERR_COMPILE = 3,     // a script or module did not compile (SyntaxError)
  CV8_ERR_INVALID = 4,     // the caller passed something invalid (bad id, wrong state)
  CV8_ERR_INTERNAL = 5,    // V8 failed without a JS exception, or a C++ exception was caught
  CV8_ERR_UNHANDLED_REJECTION = 6,  // a promise was rejected and nothing handled it
} cv8_status;

// An error report. Every char* in it is shim-allocated (or NULL); release them
// all at once with cv8_exception_clear(). Zero-initialise before first use.
typedef struct {
  char *message;   // "TypeError: x is not a function"
  char *stack;     // the error's stack as JS sees it (error.stack), or NULL
  char *resource;  // the script or module URL the error points at, or NULL
  int32_t line;    // 1-based; 0 when unknown
  int32_t column;  // 1-based; 0 when unknown
  char *source_line;  // the source line the error points at, or NULL
} cv8_exception;

void cv8_exception_clear(cv8_exception *e);

// Releases any shim-allocated buffer.
void cv8_free(void *p);

// MARK: - Process-wide set-up

// Starts the V8 platform once per process; later calls are no-ops. `flags` is
// a V8 flag string (may be NULL), applied only by the first call.
int32_t cv8_platform_init(const char *flags);

// The V8 version string, e.g. "10.2.154.26". Static storage; do not free.
const char *cv8_v8_version(void);

// Names of the shim's native functions baked into snapshots, in external
// reference order (part of the snapshot cache key). Static storage.
const char *cv8_natives_signature(void);

// MARK: - Native ops (JS → host calls)

// A call in progress from JS into a native op. Borrowed: valid only inside the
// op handler invocation that received it.
typedef struct cv8_call cv8_call;

// Called on the isolate's thread when JS calls nano.ops.<name>(...). `userdata`
// is the value given in cv8_isolate_options; `op` is the index of the op's name
// in the list given to cv8_snapshot_create.
typedef void (*cv8_op_handler)(void *userdata, int32_t op, cv8_call *call);

// Installs the single process-wide op handler. Call before running any JS.
void cv8_set_op_handler(cv8_op_handler handler);

typedef enum {
  CV8_KIND_UNDEFINED = 0,
  CV8_KIND_NULL = 1,
  CV8_KIND_BOOL = 2,
  CV8_KIND_NUMBER = 3,
  CV8_KIND_STRING = 4,
  CV8_KIND_BYTES = 5,   // ArrayBuffer, typed array or DataView
  CV8_KIND_OBJECT = 6,  // any other object (functions included)
  CV8_KIND_OTHER = 7,   // symbol, bigint
  CV8_KIND_MODULE_NAMESPACE = 8,  // cv8_arg only: the namespace of module id `number`
  CV8_KIND_SEGMENTS = 9,  // cv8_arg only: one Uint8Array of `length` cv8_segment at `data`, joined
  CV8_KIND_BLOCK = 10,    // cv8_arg only: a Uint8Array over the cv8_block_alloc block of `length`
                          // bytes at `data`, which the call takes over (freed if it never reaches V8)
} cv8_kind;

// A block of `size` bytes the host fills and then hands to JS as a
// CV8_KIND_BLOCK argument: V8 takes it over as an ArrayBuffer's memory, no
// copy (a request body, written once as it arrives). From the same memory
// ArrayBuffers come from (large sizes reuse recently freed blocks).
// cv8_block_free gives back one never handed over. NULL for size 0.
void *cv8_block_alloc(size_t size);
void cv8_block_free(void *block, size_t size);

// A piece of a byte argument that arrives in pieces (CV8_KIND_SEGMENTS): the
// host's buffers are copied straight into one ArrayBuffer, no joining first.
typedef struct {
  const uint8_t *data;
  size_t length;
} cv8_segment;

int32_t cv8_call_argc(const cv8_call *call);
int32_t cv8_call_arg_kind(const cv8_call *call, int32_t index);  // UNDEFINED when out of range
double cv8_call_arg_number(const cv8_call *call, int32_t index); // ToNumber; NaN if not convertible
bool cv8_call_arg_bool(const cv8_call *call, int32_t index);     // ToBoolean
// Length in bytes of the argument's UTF-8 form (after ToString).
size_t cv8_call_arg_utf8_length(const cv8_call *call, int32_t index);
// At least the length in bytes of the argument's UTF-8 form (3 per UTF-16
// unit), without reading the string: lets a short string be converted in one
// pass into a buffer of this size.
size_t cv8_call_arg_utf8_bound(const cv8_call *call, int32_t index);
// Writes the UTF-8 form into the caller's buffer (at most `capacity` bytes,
// not NUL-terminated) and returns the number of bytes written. Lone surrogates
// become U+FFFD.
size_t cv8_call_arg_utf8(const cv8_call *call, int32_t index, char *buffer, size_t capacity);
// For a BYTES argument: a borrowed pointer to its bytes and their count. The
// pointer is valid until the handler returns (the argument keeps its backing
// store alive). Returns false for any other kind.
bool cv8_call_arg_bytes(const cv8_call *call, int32_t index, const uint8_t **data, size_t *length);
// For a Uint8Array argument that spans its whole ArrayBuffer (a body JS
// hands over for good): the host takes the buffer's memory, no copy, and the
// ArrayBuffer is detached (JS sees it empty). The memory no longer counts
// for the isolate; the host gives it back with cv8_taken_free. Returns false
// (and takes nothing) for anything else, or fewer than `min_length` bytes.
bool cv8_call_take_bytes(cv8_call *call, int32_t index, size_t min_length, uint8_t **data, size_t *length);
// Frees memory taken with cv8_call_take_bytes (any thread).
void cv8_taken_free(void *data);

// The current continuation's data (set by cv8_hook_call_then_microtasks'
// `continuation`; it follows promise continuations across `await`) when it
// is a number; NaN otherwise.
// The runtime uses it to know which request a console call belongs to.
double cv8_call_continuation_number(const cv8_call *call);

// Set the op's return value (the last call wins). Data is copied.
void cv8_call_return_undefined(cv8_call *call);
void cv8_call_return_bool(cv8_call *call, bool value);
void cv8_call_return_number(cv8_call *call, double value);
void cv8_call_return_string(cv8_call *call, const char *utf8, size_t length);
void cv8_call_return_bytes(cv8_call *call, const uint8_t *data, size_t length);  // a new Uint8Array

typedef enum {
  CV8_ERROR_ERROR = 0,
  CV8_ERROR_TYPE = 1,
  CV8_ERROR_RANGE = 2,
} cv8_error_type;
// Makes the op throw a new error of the given type once the handler returns.
void cv8_call_throw(cv8_call *call, int32_t type, const char *utf8, size_t length);

// MARK: - Startup snapshot

typedef struct {
  const char *name;    // shown in stack traces, e.g. "nano:runtime/console/console.js"
  size_t name_length;
  const char *source;  // a classic script whose completion value is a function (nano, global) => void
  size_t source_length;
  // A slot from cv8_sources_register: the snapshot then refers to the
  // process-wide copy of the source instead of holding its own. -1: none.
  int32_t external_slot;
} cv8_source;

// Registers runtime script sources for sharing between isolates: copies each
// (name, source) once into storage that lives as long as the process and
// writes its slot (or -1 when it cannot be shared) to slots[i]. The same
// name and source always get the same slot within a process; slots are given
// in registration order, so a process that registers the same scripts first
// gets the same slots — make them part of a cached snapshot's key.
void cv8_sources_register(const cv8_source *scripts, size_t count, int32_t *slots);

// Builds a startup snapshot whose default context already ran `scripts`, in
// order, each called as fn(nano, globalThis) with the internal object `nano`:
//   nano.ops   — one function per op name (index = position in op_names)
//   nano.v8    — a few V8 introspection helpers (promiseState, promiseResult, isProxy)
//   nano.hooks — an object the scripts fill with functions the host calls
// On success *blob / *blob_length receive a shim-allocated blob (free with
// cv8_free), and *hash_seed a fingerprint of the hash seed its objects were
// hashed with (never 0): pass it in cv8_isolate_options so that isolates made
// from the blob in this process can skip V8's rehash (see hash_seed.cc).
// Must not be called while other isolates exist on this thread.
int32_t cv8_snapshot_create(const cv8_source *scripts, size_t script_count,
                            const char *const *op_names, size_t op_count,
                            uint8_t **blob, size_t *blob_length, uint64_t *hash_seed,
                            cv8_exception *error);

// MARK: - Isolates

typedef struct cv8_isolate cv8_isolate;  // owned by the shim; released by cv8_isolate_dispose

typedef struct {
  const uint8_t *snapshot;   // borrowed; must outlive the isolate
  size_t snapshot_length;
  size_t heap_max_bytes;     // old + young generation cap; 0 = V8's default
  void *userdata;            // handed to the op handler; not owned
  // Cap on the bytes of all ArrayBuffers alive in the isolate (they live
  // outside the V8 heap); 0 = none. An allocation beyond it fails and
  // terminates the JS as the heap limit does (memory_limit_reached).
  size_t array_buffer_max_bytes;
  bool allow_eval;  // eval(), new Function(); refused (EvalError) when false
  bool allow_wasm;  // compiling WebAssembly from bytes; refused (CompileError) when false
  // cv8_snapshot_create's *hash_seed for this snapshot when it was built in
  // this process; 0 otherwise (a snapshot read from a file): V8 rehashes it.
  uint64_t snapshot_hash_seed;
} cv8_isolate_options;

// Creates an isolate and its one context from the snapshot. NULL on failure
// (error filled). The calling thread owns the isolate from now on.
cv8_isolate *cv8_isolate_new(const cv8_isolate_options *options, cv8_exception *error);
void cv8_isolate_dispose(cv8_isolate *isolate);
// Replaces the userdata handed to op calls (the host may only know it once the
// isolate exists).
void cv8_isolate_set_userdata(cv8_isolate *isolate, void *userdata);

// Stops the JavaScript running in the isolate as soon as possible. Thread safe;
// the caller must guarantee the isolate is not disposed concurrently. The
// running entry point returns CV8_ERR_TERMINATED and the isolate stays usable.
void cv8_isolate_terminate(cv8_isolate *isolate);
// True once the near-heap-limit callback fired or an ArrayBuffer allocation
// went over its cap (execution was terminated).
bool cv8_isolate_heap_limit_reached(const cv8_isolate *isolate);
// Allows or refuses eval() / new Function() from now on (EvalError when refused).
void cv8_isolate_allow_eval(cv8_isolate *isolate, bool allow);
// Bytes of ArrayBuffer memory the isolate holds now.
size_t cv8_isolate_array_buffer_bytes(const cv8_isolate *isolate);

typedef struct {
  size_t used_heap_size;
  size_t total_heap_size;
  size_t heap_size_limit;
  size_t external_memory;
  size_t malloced_memory;
} cv8_heap_stats;
void cv8_isolate_heap_stats(cv8_isolate *isolate, cv8_heap_stats *out);
/// One full collection under critical memory pressure: gives back what the
/// heap grew into (call while no JS runs in the isolate, on its thread).
bool cv8_isolate_reduce_memory(cv8_isolate *isolate);

// Runs a classic script in the isolate's context. On success, if `result` is
// not NULL, *result receives String(completion value) as shim-allocated UTF-8
// (NUL-terminated; free with cv8_free) and *result_length its length.
int32_t cv8_script_run(cv8_isolate *isolate, const char *name, size_t name_length,
                       const char *source, size_t source_length,
                       char **result, size_t *result_length, cv8_exception *error);

// MARK: - Event loop support

// Runs the microtask queue to completion (the isolate uses the explicit
// policy), then reports at most one promise rejection that is still
// unhandled: CV8_ERR_UNHANDLED_REJECTION with `error` filled, after giving
// nano.hooks.unhandledRejection(promise, reason) the chance to return true
// ("handled"). Call again until it returns CV8_OK to drain all reports.
int32_t cv8_run_microtasks(cv8_isolate *isolate, cv8_exception *error);

// Called, from any thread, when V8 posts a task for the isolate's own thread
// (run it with cv8_pump_platform on that thread); delay_seconds is 0 for a
// task that is due now. Must not call back into the shim.
typedef void (*cv8_task_notifier)(void *ctx, double delay_seconds);
// Registers the isolate's notifier (fn NULL: none). `ctx` is the host's; the
// shim never calls fn after this returns with NULL or after
// cv8_isolate_dispose starts.
void cv8_isolate_set_task_notifier(cv8_isolate *isolate, cv8_task_notifier fn, void *ctx);

// Runs the V8 platform's pending foreground tasks for this isolate, without
// waiting. Returns true if any task ran.
bool cv8_pump_platform(cv8_isolate *isolate);

// Returns the index of nano.hooks[name] (a function), or -1.
int32_t cv8_hook_index(cv8_isolate *isolate, const char *name);

typedef struct {
  int32_t kind;       // UNDEFINED, NULL, BOOL, NUMBER, STRING, BYTES, SEGMENTS or MODULE_NAMESPACE
  double number;      // NUMBER, BOOL (non-zero = true), MODULE_NAMESPACE (module id)
  const char *data;   // STRING (UTF-8), BYTES or SEGMENTS (a cv8_segment array); read during the call only
  size_t length;      // bytes, or for SEGMENTS the number of segments
} cv8_arg;

// Calls hook `hook` with `args` (copied into V8). If `result` is not NULL and
// the hook returns a number or boolean, *result receives it (else NaN).
int32_t cv8_hook_call(cv8_isolate *isolate, int32_t hook, const cv8_arg *args, size_t arg_count,
                      double *result, cv8_exception *error);

// cv8_hook_call, then the microtask checkpoint, in one entry (one set of
// scopes): the per-request path. Rejections left unhandled stay queued for
// cv8_run_microtasks (see cv8_has_pending_rejections). Unless `continuation`
// is NaN, it is the continuation-preserved data while the hook runs (what
// cv8_call_continuation_number reads in every callback scheduled then),
// and undefined again after.
int32_t cv8_hook_call_then_microtasks(cv8_isolate *isolate, int32_t hook, const cv8_arg *args, size_t arg_count,
                                      double continuation, cv8_exception *error);

// True when rejected promises wait to be reported by cv8_run_microtasks.
// Touches no V8 state; cheap.
bool cv8_has_pending_rejections(const cv8_isolate *isolate);

// MARK: - ES modules
//
// The host resolves and loads files; the shim compiles and links. Module ids
// are small integers, valid for the isolate's lifetime.

// Compiles ES module source. Returns the module id (>= 0), or -1 with error
// filled (CV8_ERR_COMPILE for a SyntaxError, with its location).
int32_t cv8_module_compile(cv8_isolate *isolate, const char *url, size_t url_length,
                           const char *source, size_t source_length, cv8_exception *error);
// Creates a module whose default export is JSON.parse(json). -1 with error
// filled when the JSON is invalid.
int32_t cv8_module_json(cv8_isolate *isolate, const char *url, size_t url_length,
                        const char *json, size_t json_length, cv8_exception *error);
int32_t cv8_module_request_count(cv8_isolate *isolate, int32_t module);
// The specifier of a static import, as shim-allocated NUL-terminated UTF-8.
char *cv8_module_request_specifier(cv8_isolate *isolate, int32_t module, int32_t request);
// True if that import asserts `{ type: "json" }`.
bool cv8_module_request_is_json(cv8_isolate *isolate, int32_t module, int32_t request);
// Records that import number `request` of `module` resolves to `target`.
int32_t cv8_module_link(cv8_isolate *isolate, int32_t module, int32_t request, int32_t target);
// Instantiates the graph rooted at `module` (every import must be linked).
int32_t cv8_module_instantiate(cv8_isolate *isolate, int32_t module, cv8_exception *error);
// Starts evaluation. A synchronous throw returns CV8_ERR_EXCEPTION; otherwise
// the result (top-level await) is observed with cv8_module_state.
int32_t cv8_module_evaluate(cv8_isolate *isolate, int32_t module, cv8_exception *error);

typedef enum {
  CV8_MODULE_PENDING = 0,    // evaluation awaits something
  CV8_MODULE_EVALUATED = 1,  // done
  CV8_MODULE_ERRORED = 2,    // threw or rejected; error filled
} cv8_module_status;
int32_t cv8_module_state(cv8_isolate *isolate, int32_t module, cv8_exception *error);

// import(): each call JS makes waits for the host. cv8_import_pending says
// whether any is unclaimed; cv8_import_next claims the next one (its id, or
// -1), with the importing module's URL ("" if none), the specifier and
// whether it asserts { type: "json" } (strings: free with cv8_free). The host
// settles it, running JS: cv8_import_resolve with the module it loaded,
// linked and instantiated (evaluated unless it was; the promise gets its
// namespace once evaluation is done, or its error), or cv8_import_reject
// with why it cannot be loaded (a TypeError).
bool cv8_import_pending(const cv8_isolate *isolate);
int32_t cv8_import_next(cv8_isolate *isolate, char **referrer, char **specifier, bool *json);
int32_t cv8_import_resolve(cv8_isolate *isolate, int32_t import_id, int32_t module, cv8_exception *error);
int32_t cv8_import_reject(cv8_isolate *isolate, int32_t import_id, const char *message, size_t length,
                          cv8_exception *error);

#ifdef __cplusplus
}
#endif
#endif
