// Process-wide V8 start-up.
#include <memory>
#include <mutex>

#include "internal.h"

namespace {
std::once_flag g_once;
std::unique_ptr<v8::Platform> g_platform;
}  // namespace

namespace cv8 {
v8::Platform *Platform() { return g_platform.get(); }
}  // namespace cv8

extern "C" int32_t cv8_platform_init(const char *flags) {
  CV8_GUARD_BEGIN
  std::call_once(g_once, [flags] {
    if (flags != nullptr && flags[0] != '\0') v8::V8::SetFlagsFromString(flags);
    // Worker threads for GC and compilation; JS itself only ever runs on the
    // thread that owns an isolate.
    g_platform = v8::platform::NewDefaultPlatform(2);
    v8::V8::InitializePlatform(g_platform.get());
    v8::V8::Initialize();
  });
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" const char *cv8_v8_version(void) { return v8::V8::GetVersion(); }

extern "C" void cv8_free(void *p) { std::free(p); }
