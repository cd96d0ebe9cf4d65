// Making the startup snapshot: a context that already ran the runtime's JS.
#include "internal.h"

namespace {

// Runs one runtime script: its completion value must be a function, called as
// fn(nano, globalThis).
bool RunRuntimeScript(v8::Isolate *isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> nano,
                      const cv8_source &script, cv8_exception *error) {
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::String> name = cv8::NewString(isolate, script.name, script.name_length);
  v8::Local<v8::String> source = cv8::NewSourceString(isolate, script);
  v8::ScriptOrigin origin(isolate, name);
  v8::Local<v8::Script> compiled;
  v8::Local<v8::Value> fn;
  if (!v8::Script::Compile(context, source, &origin).ToLocal(&compiled) ||
      !compiled->Run(context).ToLocal(&fn)) {
    cv8::FillException(isolate, context, try_catch, error);
    return false;
  }
  if (!fn->IsFunction()) {
    cv8_exception_clear(error);
    std::string message = "runtime script " + std::string(script.name, script.name_length) +
                          " must evaluate to a function (nano, global) => void";
    error->message = cv8::CopyString(message);
    return false;
  }
  v8::Local<v8::Value> args[] = {nano, context->Global()};
  if (fn.As<v8::Function>()->Call(context, v8::Undefined(isolate), 2, args).IsEmpty()) {
    cv8::FillException(isolate, context, try_catch, error);
    return false;
  }
  return true;
}

}  // namespace

extern "C" int32_t cv8_snapshot_create(const cv8_source *scripts, size_t script_count,
                                       const char *const *op_names, size_t op_count,
                                       uint8_t **blob, size_t *blob_length, uint64_t *hash_seed,
                                       cv8_exception *error) {
  CV8_GUARD_BEGIN
  *blob = nullptr;
  *blob_length = 0;
  *hash_seed = 0;
  v8::StartupData data{nullptr, 0};
  {
    uint64_t seed = 0;
    std::unique_ptr<v8::SnapshotCreator> owned = cv8::NewSnapshotCreator(&seed);
    v8::SnapshotCreator &creator = *owned;
    v8::Isolate *isolate = creator.GetIsolate();
    bool ok = true;
    {
      v8::HandleScope handle_scope(isolate);
      v8::Local<v8::Context> context = v8::Context::New(isolate);
      v8::Context::Scope context_scope(context);
      v8::Local<v8::Object> nano = v8::Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
      cv8::InstallNatives(isolate, context, nano, op_names, op_count);
      nano->Set(context, v8::String::NewFromUtf8Literal(isolate, "hooks"),
                v8::Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0))
          .Check();
      for (size_t i = 0; i < script_count && ok; i++) {
        ok = RunRuntimeScript(isolate, context, nano, scripts[i], error);
      }
      // Data index 0 of the context: the runtime's internal object.
      creator.AddData(context, nano);
      creator.SetDefaultContext(context);
    }
    // The creator must always produce its blob before it is destroyed.
    data = creator.CreateBlob(v8::SnapshotCreator::FunctionCodeHandling::kKeep);
    owned.reset();
    cv8::IsolateGone();
    *hash_seed = seed;
    if (!ok) {
      delete[] data.data;
      return CV8_ERR_EXCEPTION;
    }
  }
  if (data.data == nullptr || data.raw_size <= 0) {
    cv8::SetMessage(error, "V8 could not create the startup snapshot");
    return CV8_ERR_INTERNAL;
  }
  uint8_t *out = static_cast<uint8_t *>(std::malloc(static_cast<size_t>(data.raw_size)));
  if (out == nullptr) {
    delete[] data.data;
    cv8::SetMessage(error, "out of memory copying the snapshot");
    return CV8_ERR_INTERNAL;
  }
  std::memcpy(out, data.data, static_cast<size_t>(data.raw_size));
  *blob = out;
  *blob_length = static_cast<size_t>(data.raw_size);
  delete[] data.data;
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}
