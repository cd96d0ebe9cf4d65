// Shared internals of the shim. Nothing here is visible to Swift.
#pragma once

#include <v8.h>
#include <libplatform/libplatform.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "cv8.h"

namespace cv8 {

// Keeps freed heap pages mapped for the next isolate (page_allocator.cc).
v8::PageAllocator *NewCachingPageAllocator(v8::PageAllocator *inner);
// isolate->Dispose(), with the isolate's pages kept resident for the cache.
void DisposeIsolate(v8::Isolate *isolate);

// Isolates and the hash seed (hash_seed.cc). Every isolate the shim makes
// comes from one of these two and is reported by IsolateGone when disposed.
// snapshot_seed: what cv8_snapshot_create reported for the snapshot, or 0.
v8::Isolate *NewSnapshotIsolate(v8::Isolate::CreateParams &params, uint64_t snapshot_seed);
// A snapshot creator; *seed receives the fingerprint of its hash seed.
std::unique_ptr<v8::SnapshotCreator> NewSnapshotCreator(uint64_t *seed);
void IsolateGone();

// Slot of the isolate's data that points at its IsolateState.
constexpr uint32_t kStateSlot = 0;

struct ModuleRecord {
  v8::Global<v8::Module> module;
  std::string url;
  // Resolved target module id for each static import, -1 until linked.
  std::vector<int32_t> targets;
  // For JSON modules: the parsed value, exported as `default` on evaluation.
  v8::Global<v8::Value> json_value;
  // The promise Module::Evaluate returned (top-level await), once evaluated.
  v8::Global<v8::Promise> evaluation;
};

// An import() JS made, waiting for the host to load what it names.
struct DynamicImport {
  v8::Global<v8::Promise::Resolver> resolver;
  std::string referrer;   // the importing module's URL ("" when not a module)
  std::string specifier;
  bool json = false;      // asserts { type: "json" }
  bool claimed = false;   // handed to the host (cv8_import_next)
};

struct PendingRejection {
  v8::Global<v8::Promise> promise;
  v8::Global<v8::Value> reason;
};

// Everything the shim keeps per isolate. Lives exactly as long as the isolate.
struct IsolateState {
  v8::Isolate *isolate = nullptr;
  v8::ArrayBuffer::Allocator *allocator = nullptr;
  v8::StartupData snapshot{nullptr, 0};  // V8 keeps a pointer to this struct
  v8::Global<v8::Context> context;
  v8::Global<v8::Object> nano;  // the runtime's internal object
  std::vector<v8::Global<v8::Function>> hooks;
  std::vector<std::string> hook_names;
  void *userdata = nullptr;
  std::vector<ModuleRecord> modules;
  std::unordered_multimap<int, int32_t> module_by_hash;  // Module::GetIdentityHash -> id
  std::vector<PendingRejection> rejections;
  // import() calls by id (index); settled ones are reset and not reused.
  std::vector<DynamicImport> imports;
  size_t unclaimed_imports = 0;
  std::atomic<bool> heap_limit_reached{false};
  std::atomic<size_t> array_buffer_bytes{0};
  size_t array_buffer_max_bytes = 0;  // 0: no cap
  bool allow_wasm = false;
  size_t heap_max_bytes = 0;
  int depth = 0;  // nesting of shim entry points that run JS
  bool terminated = false;  // a JS entry ended by termination at this depth

  static IsolateState *From(v8::Isolate *isolate) {
    return static_cast<IsolateState *>(isolate->GetData(kStateSlot));
  }
  int32_t FindModule(v8::Local<v8::Module> module) const;
};

// What V8 must be told about when a snapshot is made and loaded (same list,
// same order, or V8 crashes): the native callbacks, then the registered
// runtime sources (sources.cc). Zero-terminated; lives for the process.
const intptr_t *ExternalReferences();
// The shim's native callbacks alone (ops.cc), zero-terminated.
const intptr_t *NativeReferences();
// A Uint8Array holding a copy of `data`, or empty when the isolate's
// ArrayBuffer cap would be exceeded even after a full GC: then JS is being
// terminated (memory limit), where V8's own allocation would have aborted
// the whole process ("Fatal process OOM in v8::ArrayBuffer::New").
v8::MaybeLocal<v8::Uint8Array> NewBytes(v8::Isolate *isolate, const void *data, size_t length);
// The same for bytes in pieces (joined in the one copy).
v8::MaybeLocal<v8::Uint8Array> NewBytes(v8::Isolate *isolate, const cv8_segment *segments, size_t count);
// A Uint8Array over `block` (from cv8_block_alloc, `length` bytes), which
// the isolate's ArrayBuffer allocator takes over; the block is freed when it
// cannot be (empty when over the isolate's cap).
v8::MaybeLocal<v8::Uint8Array> NewBytesAdopting(v8::Isolate *isolate, void *block, size_t length);
// Set by the shim just around an ArrayBuffer::New whose bytes it overwrites
// at once: the allocator then skips zeroing them (a 64 KB body chunk's
// memset cost as much as its copy). Per thread, so no other isolate's
// allocation can take it.
extern thread_local bool t_next_buffer_filled_by_caller;
// A block the next ArrayBuffer allocation on this thread takes as its memory
// (NewBytesAdopting); left set when it was not taken.
extern thread_local void *t_adopt_block;
// The source of a runtime script: the shared external string of its
// registered slot, or a copy when it has none.
v8::Local<v8::String> NewSourceString(v8::Isolate *isolate, const cv8_source &script);

// Installs nano.ops / nano.v8 on `nano` (used only while making the snapshot).
void InstallNatives(v8::Isolate *isolate, v8::Local<v8::Context> context,
                    v8::Local<v8::Object> nano, const char *const *op_names, size_t op_count);

// Fills `out` from a caught exception. Safe to call with a terminated isolate.
void FillException(v8::Isolate *isolate, v8::Local<v8::Context> context,
                   const v8::TryCatch &try_catch, cv8_exception *out);
// Fills `out` from an exception value that was not caught by a TryCatch
// (a rejected promise's reason).
void FillExceptionFromValue(v8::Isolate *isolate, v8::Local<v8::Context> context,
                            v8::Local<v8::Value> value, cv8_exception *out);
// Status for a failed JS entry: TERMINATED or EXCEPTION (exception filled).
int32_t FailedStatus(IsolateState *state, v8::Local<v8::Context> context,
                     const v8::TryCatch &try_catch, cv8_exception *out);
void SetMessage(cv8_exception *out, const char *message);

char *CopyString(const char *data, size_t length);
char *CopyString(const std::string &s);
std::string ToStdString(v8::Isolate *isolate, v8::Local<v8::Value> value);

v8::Local<v8::String> NewString(v8::Isolate *isolate, const char *data, size_t length);

// Marks a shim entry point that may run JS. When the outermost one ends after
// a termination, the termination is cancelled so the isolate stays usable.
// Marks ArrayBuffer memory as taken over by the host (cv8_call_take_bytes).
void TakeBlock(void *data, size_t length);

struct JSEntry {
  IsolateState *state;
  explicit JSEntry(IsolateState *s) : state(s) { state->depth++; }
  ~JSEntry() {
    if (--state->depth == 0 && (state->terminated || state->isolate->IsExecutionTerminating())) {
      state->isolate->CancelTerminateExecution();
      state->terminated = false;
    }
  }
};

}  // namespace cv8

// Every extern "C" body runs inside this guard so no C++ exception ever
// crosses into Swift.
#define CV8_GUARD_BEGIN try {
#define CV8_GUARD_END(fallback) \
  } catch (...) {               \
    return (fallback);          \
  }

// The scopes every JS-touching entry point opens.
#define CV8_ENTER(state)                                   \
  v8::Isolate *isolate = (state)->isolate;                 \
  v8::Isolate::Scope isolate_scope(isolate);               \
  v8::HandleScope handle_scope(isolate);                   \
  v8::Local<v8::Context> context = (state)->context.Get(isolate); \
  v8::Context::Scope context_scope(context)
