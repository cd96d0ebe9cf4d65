// Process-wide V8 start-up, and the platform that tells the host when V8
// wants the isolate's thread.
//
// V8 runs some work as "foreground tasks" on the isolate's own thread (the
// end of an async WebAssembly compile, GC finalization, ...), often posted
// from its worker threads. The default platform only queues them: nothing
// would run them until the next request or timer happened to pump the
// queue. NotifyingPlatform wraps it so every post also calls the notifier
// the host registered for that isolate, which schedules a pump on the
// isolate's event loop.
#include <malloc.h>

#include <memory>
#include <mutex>

#include "internal.h"

namespace {

struct Notifier {
  cv8_task_notifier fn;
  void *ctx;
};

// Guards `notifiers`; a notifier is only called with it held, so once an
// isolate's entry is removed (before the isolate is disposed) it is never
// called again.
std::mutex g_notifier_mutex;
std::unordered_map<v8::Isolate *, Notifier> *g_notifiers = new std::unordered_map<v8::Isolate *, Notifier>();

void Notify(v8::Isolate *isolate, double delay_seconds) {
  std::lock_guard<std::mutex> lock(g_notifier_mutex);
  auto it = g_notifiers->find(isolate);
  if (it != g_notifiers->end()) it->second.fn(it->second.ctx, delay_seconds);
}

class NotifyingTaskRunner final : public v8::TaskRunner {
 public:
  NotifyingTaskRunner(std::shared_ptr<v8::TaskRunner> inner, v8::Isolate *isolate)
      : inner_(std::move(inner)), isolate_(isolate) {}

  void PostTask(std::unique_ptr<v8::Task> task) override {
    inner_->PostTask(std::move(task));
    Notify(isolate_, 0);
  }
  void PostNonNestableTask(std::unique_ptr<v8::Task> task) override {
    inner_->PostNonNestableTask(std::move(task));
    Notify(isolate_, 0);
  }
  void PostDelayedTask(std::unique_ptr<v8::Task> task, double delay_in_seconds) override {
    inner_->PostDelayedTask(std::move(task), delay_in_seconds);
    Notify(isolate_, delay_in_seconds);
  }
  void PostNonNestableDelayedTask(std::unique_ptr<v8::Task> task, double delay_in_seconds) override {
    inner_->PostNonNestableDelayedTask(std::move(task), delay_in_seconds);
    Notify(isolate_, delay_in_seconds);
  }
  void PostIdleTask(std::unique_ptr<v8::IdleTask> task) override { inner_->PostIdleTask(std::move(task)); }
  bool IdleTasksEnabled() override { return inner_->IdleTasksEnabled(); }
  bool NonNestableTasksEnabled() const override { return inner_->NonNestableTasksEnabled(); }
  bool NonNestableDelayedTasksEnabled() const override { return inner_->NonNestableDelayedTasksEnabled(); }

 private:
  std::shared_ptr<v8::TaskRunner> inner_;
  v8::Isolate *isolate_;
};

class NotifyingPlatform final : public v8::Platform {
 public:
  explicit NotifyingPlatform(v8::Platform *inner)
      : inner_(inner), pages_(cv8::NewCachingPageAllocator(inner->GetPageAllocator())) {}

  v8::PageAllocator *GetPageAllocator() override { return pages_; }
  void OnCriticalMemoryPressure() override { inner_->OnCriticalMemoryPressure(); }
  bool OnCriticalMemoryPressure(size_t length) override { return inner_->OnCriticalMemoryPressure(length); }
  int NumberOfWorkerThreads() override { return inner_->NumberOfWorkerThreads(); }
  std::shared_ptr<v8::TaskRunner> GetForegroundTaskRunner(v8::Isolate *isolate) override {
    return std::make_shared<NotifyingTaskRunner>(inner_->GetForegroundTaskRunner(isolate), isolate);
  }
  void CallOnWorkerThread(std::unique_ptr<v8::Task> task) override { inner_->CallOnWorkerThread(std::move(task)); }
  void CallBlockingTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override {
    inner_->CallBlockingTaskOnWorkerThread(std::move(task));
  }
  void CallLowPriorityTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override {
    inner_->CallLowPriorityTaskOnWorkerThread(std::move(task));
  }
  void CallDelayedOnWorkerThread(std::unique_ptr<v8::Task> task, double delay_in_seconds) override {
    inner_->CallDelayedOnWorkerThread(std::move(task), delay_in_seconds);
  }
  bool IdleTasksEnabled(v8::Isolate *isolate) override { return inner_->IdleTasksEnabled(isolate); }
  std::unique_ptr<v8::JobHandle> PostJob(v8::TaskPriority priority, std::unique_ptr<v8::JobTask> job_task) override {
    return inner_->PostJob(priority, std::move(job_task));
  }
  double MonotonicallyIncreasingTime() override { return inner_->MonotonicallyIncreasingTime(); }
  double CurrentClockTimeMillis() override { return inner_->CurrentClockTimeMillis(); }
  StackTracePrinter GetStackTracePrinter() override { return inner_->GetStackTracePrinter(); }
  v8::TracingController *GetTracingController() override { return inner_->GetTracingController(); }
  void DumpWithoutCrashing() override { inner_->DumpWithoutCrashing(); }

 private:
  v8::Platform *inner_;
  v8::PageAllocator *pages_;  // never freed: V8 keeps it for the process
};

std::once_flag g_once;
std::unique_ptr<v8::Platform> g_default;   // queues and pumps foreground tasks
std::unique_ptr<v8::Platform> g_platform;  // what V8 sees: g_default plus notifications

}  // namespace

namespace cv8 {
// The default platform (PumpMessageLoop needs that one, not the wrapper).
v8::Platform *Platform() { return g_default.get(); }

void RemoveTaskNotifier(v8::Isolate *isolate) {
  std::lock_guard<std::mutex> lock(g_notifier_mutex);
  g_notifiers->erase(isolate);
}
}  // namespace cv8

extern "C" int32_t cv8_platform_init(const char *flags) {
  CV8_GUARD_BEGIN
  std::call_once(g_once, [flags] {
    // Body chunks and ArrayBuffers of 64 KB and more come and go by the
    // thousand, freed in batches by V8's GC: from malloc's heap they
    // fragment it and RSS creeps up with every large body. Mapped on their
    // own, their memory goes back to the system as soon as they are freed.
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    // Setting the mmap threshold also freezes the trim threshold at its
    // 128 KB default: a loop thread's arena then hands the top of its heap
    // back (madvise) whenever that much is free, and the next request's
    // body pieces fault every page in again. A few MB stay mapped instead.
    mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
    if (flags != nullptr && flags[0] != '\0') v8::V8::SetFlagsFromString(flags);
    // Worker threads for GC and compilation; JS itself only ever runs on the
    // thread that owns an isolate.
    g_default = v8::platform::NewDefaultPlatform(2);
    g_platform = std::make_unique<NotifyingPlatform>(g_default.get());
    v8::V8::InitializePlatform(g_platform.get());
    v8::V8::Initialize();
  });
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" void cv8_isolate_set_task_notifier(cv8_isolate *handle, cv8_task_notifier fn, void *ctx) {
  auto *state = reinterpret_cast<cv8::IsolateState *>(handle);
  std::lock_guard<std::mutex> lock(g_notifier_mutex);
  if (fn == nullptr) {
    g_notifiers->erase(state->isolate);
  } else {
    (*g_notifiers)[state->isolate] = Notifier{fn, ctx};
  }
}

extern "C" const char *cv8_v8_version(void) { return v8::V8::GetVersion(); }

extern "C" void cv8_free(void *p) { std::free(p); }
