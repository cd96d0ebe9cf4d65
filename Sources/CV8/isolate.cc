// Isolate life cycle, limits, scripts, hooks and the event loop's V8 side.
#include <atomic>
#include <cmath>
#include <cstring>
#include <vector>
#include <unordered_map>
#include <mutex>
#include "internal.h"

namespace cv8 {
v8::Platform *Platform();
void RemoveTaskNotifier(v8::Isolate *isolate);
void InstallModuleCallbacks(v8::Isolate *isolate);
}

namespace {

// V8 calls this when the heap nears its limit. Returning the same limit makes
// V8 abort the whole process, so: stop the JS and grant a little headroom to
// unwind; the host sees CV8_ERR_TERMINATED and heap_limit_reached.
size_t NearHeapLimit(void *data, size_t current_heap_limit, size_t initial_heap_limit) {
  auto *state = static_cast<cv8::IsolateState *>(data);
  state->heap_limit_reached.store(true);
  state->isolate->TerminateExecution();
  return current_heap_limit + std::max<size_t>(current_heap_limit / 4, 16u << 20);
}

// ArrayBuffer memory lives outside the V8 heap, so the heap limit does not
// see it: this allocator counts it per isolate and refuses what would go over
// the cap, stopping the JS as the heap limit does.
// Recently freed ArrayBuffer blocks of 64 KB to 1 MB, by exact size, for
// the process. Blocks that large are mmap'd on their own (see
// cv8_platform_init), so without this every body chunk an app makes and
// drops costs an mmap, a page fault per page, a zeroing by the kernel and an
// munmap — a third of the CPU of a streamed response, measured. Bounded:
// at most kMaxBytes kept, kMaxPerSize of one size. V8 frees from its
// background threads too, hence the lock.
class LargeBlockCache {
 public:
  static constexpr size_t kMin = 64 * 1024;
  static constexpr size_t kMax = 1024 * 1024;
  static constexpr size_t kMaxBytes = 16 * 1024 * 1024;
  static constexpr size_t kMaxPerSize = 256;

  static bool Cacheable(size_t length) { return length >= kMin && length <= kMax; }

  void *Take(size_t length) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = blocks_.find(length);
    if (it == blocks_.end() || it->second.empty()) return nullptr;
    void *p = it->second.back();
    it->second.pop_back();
    bytes_ -= length;
    return p;
  }

  bool Keep(void *data, size_t length) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (bytes_ + length > kMaxBytes) return false;
    std::vector<void *> &list = blocks_[length];
    if (list.size() >= kMaxPerSize) return false;
    list.push_back(data);
    bytes_ += length;
    return true;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<size_t, std::vector<void *>> blocks_;
  size_t bytes_ = 0;
};

// Never destroyed: V8's threads may free into it until the process ends.
LargeBlockCache *g_block_cache = new LargeBlockCache();

// ArrayBuffer memory the host took over (cv8_call_take_bytes): V8 still
// frees it through the allocator when its ArrayBuffer lets go, and the host
// when it has sent it, in either order; whichever comes second gives it
// back. `count` lets the allocator's every Free skip the lock while nothing
// is taken.
class TakenBlocks {
 public:
  void Add(void *data, size_t length) {
    std::lock_guard<std::mutex> lock(mutex_);
    blocks_[data] = Entry{length, true, true};
    count_.fetch_add(1);
  }

  // V8 let go of `data`: true if the host had taken it (then not freed here).
  bool ReleasedByV8(void *data) {
    if (count_.load() == 0) return false;
    size_t length = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = blocks_.find(data);
      if (it == blocks_.end() || !it->second.v8) return false;
      it->second.v8 = false;
      if (it->second.host) return true;
      length = it->second.length;
      blocks_.erase(it);
      count_.fetch_sub(1);
    }
    cv8_block_free(data, length);
    return true;
  }

  // The host is done with `data`.
  void ReleasedByHost(void *data) {
    size_t length = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = blocks_.find(data);
      if (it == blocks_.end()) {
        std::free(data);  // not a taken block (cannot happen; malloc's like the rest)
        return;
      }
      it->second.host = false;
      if (it->second.v8) return;
      length = it->second.length;
      blocks_.erase(it);
      count_.fetch_sub(1);
    }
    cv8_block_free(data, length);
  }

 private:
  struct Entry {
    size_t length;
    bool v8;
    bool host;
  };
  std::mutex mutex_;
  std::unordered_map<void *, Entry> blocks_;
  std::atomic<size_t> count_{0};
};

TakenBlocks *g_taken = new TakenBlocks();

}  // namespace

void cv8::TakeBlock(void *data, size_t length) { g_taken->Add(data, length); }

extern "C" void cv8_taken_free(void *data) {
  if (data != nullptr) g_taken->ReleasedByHost(data);
}

// Blocks as the ArrayBuffer allocator below makes and frees them: the
// default allocator's are malloc's.
extern "C" void *cv8_block_alloc(size_t size) {
  if (size == 0) return nullptr;
  void *p = LargeBlockCache::Cacheable(size) ? g_block_cache->Take(size) : nullptr;
  return p != nullptr ? p : std::malloc(size);
}

extern "C" void cv8_block_free(void *block, size_t size) {
  if (block == nullptr) return;
  if (!LargeBlockCache::Cacheable(size) || !g_block_cache->Keep(block, size)) std::free(block);
}

namespace {

class CountingAllocator final : public v8::ArrayBuffer::Allocator {
 public:
  explicit CountingAllocator(cv8::IsolateState *state)
      : state_(state), inner_(v8::ArrayBuffer::Allocator::NewDefaultAllocator()) {}
  ~CountingAllocator() override { delete inner_; }

  void *Allocate(size_t length) override {
    if (cv8::t_adopt_block != nullptr) {
      // The block NewBytesAdopting hands over, already filled.
      if (!Reserve(length)) return nullptr;
      void *p = cv8::t_adopt_block;
      cv8::t_adopt_block = nullptr;
      return p;
    }
    if (cv8::t_next_buffer_filled_by_caller) {
      cv8::t_next_buffer_filled_by_caller = false;
      return AllocateUninitialized(length);
    }
    if (!Reserve(length)) return nullptr;
    void *p = nullptr;
    if (LargeBlockCache::Cacheable(length) && (p = g_block_cache->Take(length)) != nullptr) {
      std::memset(p, 0, length);
      return p;
    }
    p = inner_->Allocate(length);
    if (p == nullptr) Release(length);
    return p;
  }
  void *AllocateUninitialized(size_t length) override {
    if (!Reserve(length)) return nullptr;
    void *p = nullptr;
    if (LargeBlockCache::Cacheable(length) && (p = g_block_cache->Take(length)) != nullptr) return p;
    p = inner_->AllocateUninitialized(length);
    if (p == nullptr) Release(length);
    return p;
  }
  // The default allocator's blocks are malloc's: a kept one is handed out
  // again by Allocate above, or freed like any other.
  void Free(void *data, size_t length) override {
    if (data != nullptr && g_taken->ReleasedByV8(data)) {
      // The host took it over: it is the host's to free now.
    } else if (data == nullptr || !LargeBlockCache::Cacheable(length) || !g_block_cache->Keep(data, length)) {
      inner_->Free(data, length);
    }
    Release(length);
  }

 private:
  // Dead ArrayBuffers count until a GC frees them, so a refusal is not the
  // end: V8 retries a failed backing-store allocation after GCs (up to
  // three more times, the last after collecting all it can). Only a refusal
  // that outlasts those means the live buffers are over the cap.
  bool Reserve(size_t length) {
    size_t cap = state_->array_buffer_max_bytes;
    size_t now = state_->array_buffer_bytes.fetch_add(length) + length;
    if (cap == 0 || now <= cap) {
      refusals_ = 0;
      return true;
    }
    state_->array_buffer_bytes.fetch_sub(length);
    if (++refusals_ >= 4) {
      refusals_ = 0;
      state_->heap_limit_reached.store(true);
      if (state_->isolate != nullptr) state_->isolate->TerminateExecution();
    }
    return false;
  }
  int refusals_ = 0;  // consecutive, on the isolate's thread
  void Release(size_t length) { state_->array_buffer_bytes.fetch_sub(length); }

  cv8::IsolateState *state_;
  v8::ArrayBuffer::Allocator *inner_;
};

bool AllowWasmCodeGeneration(v8::Local<v8::Context> context, v8::Local<v8::String>) {
  cv8::IsolateState *state = cv8::IsolateState::From(context->GetIsolate());
  return state != nullptr && state->allow_wasm;
}

void OnPromiseReject(v8::PromiseRejectMessage message) {
  v8::Local<v8::Promise> promise = message.GetPromise();
  v8::Isolate *isolate = promise->GetIsolate();
  cv8::IsolateState *state = cv8::IsolateState::From(isolate);
  if (state == nullptr) return;
  switch (message.GetEvent()) {
    case v8::kPromiseRejectWithNoHandler: {
      cv8::PendingRejection r;
      r.promise.Reset(isolate, promise);
      r.reason.Reset(isolate, message.GetValue());
      state->rejections.push_back(std::move(r));
      break;
    }
    case v8::kPromiseHandlerAddedAfterReject:
      for (auto it = state->rejections.begin(); it != state->rejections.end(); ++it) {
        if (it->promise == promise) {
          state->rejections.erase(it);
          break;
        }
      }
      break;
    default:
      break;
  }
}

v8::Local<v8::Value> ToValue(cv8::IsolateState *state, const cv8_arg &arg) {
  v8::Isolate *isolate = state->isolate;
  switch (arg.kind) {
    case CV8_KIND_MODULE_NAMESPACE: {
      size_t id = static_cast<size_t>(arg.number);
      if (arg.number < 0 || id >= state->modules.size()) return v8::Undefined(isolate);
      v8::Local<v8::Module> module = state->modules[id].module.Get(isolate);
      // A namespace exists only once the module is instantiated.
      if (module->GetStatus() < v8::Module::kInstantiated) return v8::Undefined(isolate);
      return module->GetModuleNamespace();
    }
    case CV8_KIND_NULL: return v8::Null(isolate);
    case CV8_KIND_BOOL: return v8::Boolean::New(isolate, arg.number != 0);
    case CV8_KIND_NUMBER: return v8::Number::New(isolate, arg.number);
    case CV8_KIND_STRING: return cv8::NewString(isolate, arg.data, arg.length);
    case CV8_KIND_BYTES: {
      v8::Local<v8::Uint8Array> bytes;
      if (cv8::NewBytes(isolate, arg.data, arg.length).ToLocal(&bytes)) return bytes;
      return v8::Undefined(isolate);  // over the memory limit: JS is being terminated
    }
    case CV8_KIND_BLOCK: {
      v8::Local<v8::Uint8Array> bytes;
      if (cv8::NewBytesAdopting(isolate, const_cast<char *>(arg.data), arg.length).ToLocal(&bytes)) return bytes;
      return v8::Undefined(isolate);
    }
    case CV8_KIND_SEGMENTS: {
      v8::Local<v8::Uint8Array> bytes;
      const auto *segments = reinterpret_cast<const cv8_segment *>(arg.data);
      if (cv8::NewBytes(isolate, segments, arg.length).ToLocal(&bytes)) return bytes;
      return v8::Undefined(isolate);
    }
    default: return v8::Undefined(isolate);
  }
}

}  // namespace

extern "C" cv8_isolate *cv8_isolate_new(const cv8_isolate_options *options, cv8_exception *error) {
  CV8_GUARD_BEGIN
  if (options == nullptr || options->snapshot == nullptr || options->snapshot_length == 0) {
    cv8::SetMessage(error, "cv8_isolate_new: a snapshot is required");
    return nullptr;
  }
  auto *state = new cv8::IsolateState();
  state->snapshot.data = reinterpret_cast<const char *>(options->snapshot);
  state->snapshot.raw_size = static_cast<int>(options->snapshot_length);
  state->allocator = new CountingAllocator(state);
  state->userdata = options->userdata;
  state->heap_max_bytes = options->heap_max_bytes;
  state->array_buffer_max_bytes = options->array_buffer_max_bytes;
  state->allow_wasm = options->allow_wasm;

  v8::Isolate::CreateParams params;
  params.snapshot_blob = &state->snapshot;
  params.external_references = cv8::ExternalReferences();
  params.array_buffer_allocator = state->allocator;
  if (options->heap_max_bytes > 0) {
    params.constraints.ConfigureDefaultsFromHeapSize(0, options->heap_max_bytes);
  }
  v8::Isolate *isolate = cv8::NewSnapshotIsolate(params, options->snapshot_hash_seed);
  if (isolate == nullptr) {
    delete state->allocator;
    delete state;
    cv8::SetMessage(error, "V8 could not create an isolate");
    return nullptr;
  }
  state->isolate = isolate;
  isolate->SetData(cv8::kStateSlot, state);
  isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
  isolate->SetPromiseRejectCallback(OnPromiseReject);
  isolate->AddNearHeapLimitCallback(NearHeapLimit, state);
  // Atomics.wait would block the event loop thread (and there is no shared
  // memory to wait on anyway).
  isolate->SetAllowAtomicsWait(false);
  isolate->SetAllowWasmCodeGenerationCallback(AllowWasmCodeGeneration);
  cv8::InstallModuleCallbacks(isolate);
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::Local<v8::Context> context = v8::Context::New(isolate);
    v8::Local<v8::Object> nano;
    if (context.IsEmpty() || !context->GetDataFromSnapshotOnce<v8::Object>(0).ToLocal(&nano)) {
      cv8::SetMessage(error, "the snapshot does not hold NANO's runtime (data slot 0 missing)");
      isolate->SetData(cv8::kStateSlot, nullptr);
      cv8::DisposeIsolate(isolate);
      cv8::IsolateGone();
      delete state->allocator;
      delete state;
      return nullptr;
    }
    context->AllowCodeGenerationFromStrings(options->allow_eval);
    state->context.Reset(isolate, context);
    state->nano.Reset(isolate, nano);
  }
  return reinterpret_cast<cv8_isolate *>(state);
  CV8_GUARD_END(nullptr)
}

extern "C" void cv8_isolate_dispose(cv8_isolate *handle) {
  if (handle == nullptr) return;
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  v8::Isolate *isolate = state->isolate;
  {
    v8::Isolate::Scope isolate_scope(isolate);
    state->modules.clear();
    state->module_by_hash.clear();
    state->rejections.clear();
    state->imports.clear();  // import() calls never settled (their resolvers are handles)
    state->hooks.clear();
    state->nano.Reset();
    state->context.Reset();
  }
  cv8::RemoveTaskNotifier(isolate);
  isolate->SetData(cv8::kStateSlot, nullptr);
  cv8::DisposeIsolate(isolate);
  cv8::IsolateGone();
  delete state->allocator;
  delete state;
}

extern "C" void cv8_isolate_set_userdata(cv8_isolate *handle, void *userdata) {
  reinterpret_cast<cv8::IsolateState *>(handle)->userdata = userdata;
}

extern "C" void cv8_isolate_terminate(cv8_isolate *handle) {
  reinterpret_cast<cv8::IsolateState *>(handle)->isolate->TerminateExecution();
}

extern "C" void cv8_isolate_allow_eval(cv8_isolate *handle, bool allow) {
  try {
    auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
    v8::Isolate::Scope isolate_scope(state->isolate);
    v8::HandleScope handle_scope(state->isolate);
    state->context.Get(state->isolate)->AllowCodeGenerationFromStrings(allow);
  } catch (...) {
  }
}

extern "C" size_t cv8_isolate_array_buffer_bytes(const cv8_isolate *handle) {
  return reinterpret_cast<const cv8::IsolateState *>(handle)->array_buffer_bytes.load();
}

extern "C" bool cv8_isolate_heap_limit_reached(const cv8_isolate *handle) {
  return reinterpret_cast<const cv8::IsolateState *>(handle)->heap_limit_reached.load();
}

extern "C" void cv8_isolate_heap_stats(cv8_isolate *handle, cv8_heap_stats *out) {
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  v8::Isolate::Scope isolate_scope(state->isolate);
  v8::HeapStatistics stats;
  state->isolate->GetHeapStatistics(&stats);
  out->used_heap_size = stats.used_heap_size();
  out->total_heap_size = stats.total_heap_size();
  out->heap_size_limit = stats.heap_size_limit();
  out->external_memory = stats.external_memory();
  out->malloced_memory = stats.malloced_memory();
}

// V8 keeps what a busy isolate grew (new space at its largest, pooled
// pages, garbage not yet collected) until its next collection, which an idle
// isolate never has. Critical memory pressure is one full collection that
// shrinks the new space and unmaps freed pages (LowMemoryNotification
// collects up to seven times, ~4 ms, and gave back less RSS).
extern "C" bool cv8_isolate_reduce_memory(cv8_isolate *handle) {
  CV8_GUARD_BEGIN
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  v8::Isolate::Scope isolate_scope(state->isolate);
  v8::HandleScope handle_scope(state->isolate);
  v8::TryCatch try_catch(state->isolate);  // no JS runs; kept as every entry has one
  state->isolate->MemoryPressureNotification(v8::MemoryPressureLevel::kCritical);
  return true;
  CV8_GUARD_END(false)
}

extern "C" int32_t cv8_script_run(cv8_isolate *handle, const char *name, size_t name_length,
                                  const char *source, size_t source_length, char **result,
                                  size_t *result_length, cv8_exception *error) {
  CV8_GUARD_BEGIN
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  v8::ScriptOrigin origin(isolate, cv8::NewString(isolate, name, name_length));
  v8::Local<v8::Script> script;
  if (!v8::Script::Compile(context, cv8::NewString(isolate, source, source_length), &origin)
           .ToLocal(&script)) {
    if (try_catch.HasTerminated()) return cv8::FailedStatus(state, context, try_catch, error);
    cv8::FillException(isolate, context, try_catch, error);
    return CV8_ERR_COMPILE;
  }
  v8::Local<v8::Value> value;
  if (!script->Run(context).ToLocal(&value)) {
    return cv8::FailedStatus(state, context, try_catch, error);
  }
  if (result != nullptr) {
    std::string s = cv8::ToStdString(isolate, value);
    *result = cv8::CopyString(s);
    if (result_length != nullptr) *result_length = s.size();
  }
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" int32_t cv8_run_microtasks(cv8_isolate *handle, cv8_exception *error) {
  CV8_GUARD_BEGIN
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  isolate->PerformMicrotaskCheckpoint();
  if (try_catch.HasTerminated() || isolate->IsExecutionTerminating()) {
    return cv8::FailedStatus(state, context, try_catch, error);
  }
  if (state->rejections.empty()) return CV8_OK;
  int32_t hook = cv8_hook_index(handle, "unhandledRejection");
  while (!state->rejections.empty()) {
    v8::Local<v8::Promise> promise = state->rejections.front().promise.Get(isolate);
    v8::Local<v8::Value> reason = state->rejections.front().reason.Get(isolate);
    state->rejections.erase(state->rejections.begin());
    if (hook >= 0) {
      v8::TryCatch hook_catch(isolate);
      v8::Local<v8::Value> args[] = {promise, reason};
      v8::Local<v8::Value> handled;
      v8::Local<v8::Function> fn = state->hooks[hook].Get(isolate);
      if (fn->Call(context, v8::Undefined(isolate), 2, args).ToLocal(&handled) &&
          handled->IsTrue()) {
        continue;
      }
      if (hook_catch.HasTerminated()) return cv8::FailedStatus(state, context, hook_catch, error);
    }
    cv8::FillExceptionFromValue(isolate, context, reason, error);
    return CV8_ERR_UNHANDLED_REJECTION;
  }
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" bool cv8_pump_platform(cv8_isolate *handle) {
  CV8_GUARD_BEGIN
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  v8::Isolate::Scope isolate_scope(state->isolate);
  v8::HandleScope handle_scope(state->isolate);
  bool any = false;
  while (v8::platform::PumpMessageLoop(cv8::Platform(), state->isolate,
                                       v8::platform::MessageLoopBehavior::kDoNotWait)) {
    any = true;
  }
  return any;
  CV8_GUARD_END(false)
}

extern "C" int32_t cv8_hook_index(cv8_isolate *handle, const char *name) {
  CV8_GUARD_BEGIN
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  for (size_t i = 0; i < state->hook_names.size(); i++) {
    if (state->hook_names[i] == name) return static_cast<int32_t>(i);
  }
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Value> hooks;
  v8::Local<v8::Value> fn;
  if (!state->nano.Get(isolate)
           ->Get(context, v8::String::NewFromUtf8Literal(isolate, "hooks"))
           .ToLocal(&hooks) ||
      !hooks->IsObject() ||
      !hooks.As<v8::Object>()->Get(context, cv8::NewString(isolate, name, std::strlen(name))).ToLocal(&fn) ||
      !fn->IsFunction()) {
    return -1;
  }
  state->hooks.emplace_back(isolate, fn.As<v8::Function>());
  state->hook_names.emplace_back(name);
  return static_cast<int32_t>(state->hooks.size() - 1);
  CV8_GUARD_END(-1)
}

// `continuation` (when not NaN) is the continuation-preserved data while the
// hook runs — what nano.v8.getContinuationData() reads in every callback the
// hook's code schedules — and undefined again after it.
static int32_t HookCall(cv8_isolate *handle, int32_t hook, const cv8_arg *args, size_t arg_count,
                        double *result, bool microtasks, double continuation, cv8_exception *error) {
  CV8_GUARD_BEGIN
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  if (hook < 0 || static_cast<size_t>(hook) >= state->hooks.size()) {
    // Blocks handed over go back: they never reached V8.
    for (size_t i = 0; i < arg_count; i++) {
      if (args[i].kind == CV8_KIND_BLOCK) cv8_block_free(const_cast<char *>(args[i].data), args[i].length);
    }
    cv8::SetMessage(error, "cv8_hook_call: no such hook");
    return CV8_ERR_INVALID;
  }
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  // Hooks take a handful of arguments: no heap vector per call.
  constexpr size_t kInline = 8;
  v8::Local<v8::Value> inline_argv[kInline];
  std::vector<v8::Local<v8::Value>> heap_argv;
  v8::Local<v8::Value> *argv = inline_argv;
  if (arg_count > kInline) {
    heap_argv.resize(arg_count);
    argv = heap_argv.data();
  }
  for (size_t i = 0; i < arg_count; i++) argv[i] = ToValue(state, args[i]);
  bool continued = !std::isnan(continuation);
  if (continued) context->SetContinuationPreservedEmbedderData(v8::Number::New(isolate, continuation));
  v8::Local<v8::Value> value;
  bool called = state->hooks[hook].Get(isolate)
                    ->Call(context, v8::Undefined(isolate), static_cast<int>(arg_count), argv)
                    .ToLocal(&value);
  if (continued) context->SetContinuationPreservedEmbedderData(v8::Undefined(isolate));
  if (!called) {
    return cv8::FailedStatus(state, context, try_catch, error);
  }
  if (result != nullptr) {
    if (value->IsNumber()) *result = value.As<v8::Number>()->Value();
    else if (value->IsBoolean()) *result = value->IsTrue() ? 1 : 0;
    else *result = std::nan("");
  }
  if (microtasks) {
    isolate->PerformMicrotaskCheckpoint();
    if (try_catch.HasTerminated() || isolate->IsExecutionTerminating()) {
      return cv8::FailedStatus(state, context, try_catch, error);
    }
  }
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" int32_t cv8_hook_call(cv8_isolate *handle, int32_t hook, const cv8_arg *args, size_t arg_count,
                                 double *result, cv8_exception *error) {
  return HookCall(handle, hook, args, arg_count, result, false, std::nan(""), error);
}

extern "C" int32_t cv8_hook_call_then_microtasks(cv8_isolate *handle, int32_t hook, const cv8_arg *args,
                                                 size_t arg_count, double continuation, cv8_exception *error) {
  return HookCall(handle, hook, args, arg_count, nullptr, true, continuation, error);
}

extern "C" bool cv8_has_pending_rejections(const cv8_isolate *handle) {
  return !reinterpret_cast<const cv8::IsolateState *>(handle)->rejections.empty();
}
