// ES modules: compile, JSON modules, linking decided by the host, import.meta.
#include "internal.h"

namespace cv8 {

int32_t IsolateState::FindModule(v8::Local<v8::Module> module) const {
  auto range = module_by_hash.equal_range(module->GetIdentityHash());
  for (auto it = range.first; it != range.second; ++it) {
    if (modules[it->second].module == module) return it->second;
  }
  return -1;
}

}  // namespace cv8

namespace {

cv8::IsolateState *StateOf(cv8_isolate *handle) { return reinterpret_cast<cv8::IsolateState *>(handle); }

bool ValidModule(cv8::IsolateState *state, int32_t id) {
  return id >= 0 && static_cast<size_t>(id) < state->modules.size();
}

int32_t AddModule(cv8::IsolateState *state, v8::Local<v8::Module> module, const char *url, size_t url_length,
                  size_t request_count) {
  cv8::ModuleRecord record;
  record.module.Reset(state->isolate, module);
  record.url.assign(url, url_length);
  record.targets.assign(request_count, -1);
  state->modules.push_back(std::move(record));
  int32_t id = static_cast<int32_t>(state->modules.size() - 1);
  state->module_by_hash.emplace(module->GetIdentityHash(), id);
  return id;
}

v8::MaybeLocal<v8::Module> Resolve(v8::Local<v8::Context> context, v8::Local<v8::String> specifier,
                                   v8::Local<v8::FixedArray> import_assertions,
                                   v8::Local<v8::Module> referrer) {
  v8::Isolate *isolate = context->GetIsolate();
  cv8::IsolateState *state = cv8::IsolateState::From(isolate);
  int32_t id = state->FindModule(referrer);
  if (id >= 0) {
    cv8::ModuleRecord &record = state->modules[id];
    v8::Local<v8::FixedArray> requests = referrer->GetModuleRequests();
    for (int i = 0; i < requests->Length(); i++) {
      v8::Local<v8::ModuleRequest> request = requests->Get(context, i).As<v8::ModuleRequest>();
      if (request->GetSpecifier()->StrictEquals(specifier) && record.targets[i] >= 0) {
        return state->modules[record.targets[i]].module.Get(isolate);
      }
    }
  }
  std::string message = "module \"" + cv8::ToStdString(isolate, specifier) + "\" was not linked";
  isolate->ThrowException(v8::Exception::Error(cv8::NewString(isolate, message.data(), message.size())));
  return v8::MaybeLocal<v8::Module>();
}

v8::MaybeLocal<v8::Value> EvaluateJsonModule(v8::Local<v8::Context> context, v8::Local<v8::Module> module) {
  v8::Isolate *isolate = context->GetIsolate();
  cv8::IsolateState *state = cv8::IsolateState::From(isolate);
  int32_t id = state->FindModule(module);
  if (id < 0) return v8::MaybeLocal<v8::Value>();
  if (module
          ->SetSyntheticModuleExport(isolate, v8::String::NewFromUtf8Literal(isolate, "default"),
                                     state->modules[id].json_value.Get(isolate))
          .IsNothing()) {
    return v8::MaybeLocal<v8::Value>();
  }
  v8::Local<v8::Promise::Resolver> resolver;
  if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return v8::MaybeLocal<v8::Value>();
  resolver->Resolve(context, v8::Undefined(isolate)).Check();
  return resolver->GetPromise();
}

void InitializeImportMeta(v8::Local<v8::Context> context, v8::Local<v8::Module> module,
                          v8::Local<v8::Object> meta) {
  v8::Isolate *isolate = context->GetIsolate();
  cv8::IsolateState *state = cv8::IsolateState::From(isolate);
  int32_t id = state->FindModule(module);
  if (id < 0) return;
  const std::string &url = state->modules[id].url;
  meta->CreateDataProperty(context, v8::String::NewFromUtf8Literal(isolate, "url"),
                           cv8::NewString(isolate, url.data(), url.size()))
      .Check();
}

// import(specifier): a promise the host settles once it has loaded the
// module (cv8_import_next, then cv8_import_resolve or cv8_import_reject),
// on a turn of its own.
v8::MaybeLocal<v8::Promise> ImportDynamically(v8::Local<v8::Context> context, v8::Local<v8::Data>,
                                              v8::Local<v8::Value> resource_name, v8::Local<v8::String> specifier,
                                              v8::Local<v8::FixedArray> assertions) {
  v8::Isolate *isolate = context->GetIsolate();
  cv8::IsolateState *state = cv8::IsolateState::From(isolate);
  v8::Local<v8::Promise::Resolver> resolver;
  if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return v8::MaybeLocal<v8::Promise>();
  cv8::DynamicImport pending;
  pending.resolver.Reset(isolate, resolver);
  if (!resource_name.IsEmpty() && resource_name->IsString()) pending.referrer = cv8::ToStdString(isolate, resource_name);
  pending.specifier = cv8::ToStdString(isolate, specifier);
  // [key, value, key, value, ...]
  for (int i = 0; !assertions.IsEmpty() && i + 1 < assertions->Length(); i += 2) {
    v8::Local<v8::Data> key = assertions->Get(context, i);
    v8::Local<v8::Data> value = assertions->Get(context, i + 1);
    if (key->IsValue() && value->IsValue() && cv8::ToStdString(isolate, key.As<v8::Value>()) == "type" &&
        cv8::ToStdString(isolate, value.As<v8::Value>()) == "json") {
      pending.json = true;
    }
  }
  state->unclaimed_imports++;
  // A settled one's slot is taken again: ids are only used until settled.
  for (cv8::DynamicImport &slot : state->imports) {
    if (slot.resolver.IsEmpty()) {
      slot = std::move(pending);
      return resolver->GetPromise();
    }
  }
  state->imports.push_back(std::move(pending));
  return resolver->GetPromise();
}

void ReturnData(const v8::FunctionCallbackInfo<v8::Value> &info) { info.GetReturnValue().Set(info.Data()); }

}  // namespace

namespace cv8 {
void InstallModuleCallbacks(v8::Isolate *isolate) {
  isolate->SetHostInitializeImportMetaObjectCallback(InitializeImportMeta);
  isolate->SetHostImportModuleDynamicallyCallback(ImportDynamically);
}
}  // namespace cv8

extern "C" bool cv8_import_pending(const cv8_isolate *handle) {
  return reinterpret_cast<const cv8::IsolateState *>(handle)->unclaimed_imports > 0;
}

extern "C" int32_t cv8_import_next(cv8_isolate *handle, char **referrer, char **specifier, bool *json) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  for (size_t i = 0; i < state->imports.size(); i++) {
    cv8::DynamicImport &pending = state->imports[i];
    if (pending.claimed || pending.resolver.IsEmpty()) continue;
    pending.claimed = true;
    state->unclaimed_imports--;
    *referrer = cv8::CopyString(pending.referrer);
    *specifier = cv8::CopyString(pending.specifier);
    *json = pending.json;
    return static_cast<int32_t>(i);
  }
  return -1;
  CV8_GUARD_END(-1)
}

namespace {
bool ValidImport(cv8::IsolateState *state, int32_t id) {
  return id >= 0 && static_cast<size_t>(id) < state->imports.size() && !state->imports[id].resolver.IsEmpty();
}
}  // namespace

extern "C" int32_t cv8_import_resolve(cv8_isolate *handle, int32_t import_id, int32_t module_id,
                                      cv8_exception *error) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  if (!ValidImport(state, import_id) || !ValidModule(state, module_id)) return CV8_ERR_INVALID;
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Promise::Resolver> resolver = state->imports[import_id].resolver.Get(isolate);
  state->imports[import_id].resolver.Reset();
  v8::Local<v8::Module> module = state->modules[module_id].module.Get(isolate);
  // Evaluating again gives the first evaluation's promise: a module already
  // evaluated (or evaluating: top-level await) is not run twice.
  v8::Local<v8::Value> evaluated;
  if (!module->Evaluate(context).ToLocal(&evaluated)) {
    if (try_catch.HasTerminated()) return cv8::FailedStatus(state, context, try_catch, error);
    resolver->Reject(context, try_catch.Exception()).Check();
    return CV8_OK;
  }
  v8::Local<v8::Value> ns = module->GetModuleNamespace();
  if (!evaluated->IsPromise()) {
    resolver->Resolve(context, ns).Check();
    return CV8_OK;
  }
  // The namespace once evaluation is done; its error if it fails.
  v8::Local<v8::Function> namespace_of;
  v8::Local<v8::Promise> then;
  if (!v8::Function::New(context, ReturnData, ns).ToLocal(&namespace_of) ||
      !evaluated.As<v8::Promise>()->Then(context, namespace_of).ToLocal(&then) ||
      resolver->Resolve(context, then).IsNothing()) {
    return cv8::FailedStatus(state, context, try_catch, error);
  }
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" int32_t cv8_import_reject(cv8_isolate *handle, int32_t import_id, const char *message, size_t length,
                                     cv8_exception *error) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  if (!ValidImport(state, import_id)) return CV8_ERR_INVALID;
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Promise::Resolver> resolver = state->imports[import_id].resolver.Get(isolate);
  state->imports[import_id].resolver.Reset();
  v8::Local<v8::Value> reason = v8::Exception::TypeError(cv8::NewString(isolate, message, length));
  if (resolver->Reject(context, reason).IsNothing()) return cv8::FailedStatus(state, context, try_catch, error);
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" int32_t cv8_module_compile(cv8_isolate *handle, const char *url, size_t url_length,
                                      const char *source, size_t source_length, cv8_exception *error) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  v8::ScriptOrigin origin(isolate, cv8::NewString(isolate, url, url_length), 0, 0, false, -1,
                          v8::Local<v8::Value>(), false, false, true);
  v8::ScriptCompiler::Source compiler_source(cv8::NewString(isolate, source, source_length), origin);
  v8::Local<v8::Module> module;
  if (!v8::ScriptCompiler::CompileModule(isolate, &compiler_source).ToLocal(&module)) {
    cv8::FillException(isolate, context, try_catch, error);
    return -1;
  }
  return AddModule(state, module, url, url_length, static_cast<size_t>(module->GetModuleRequests()->Length()));
  CV8_GUARD_END(-1)
}

extern "C" int32_t cv8_module_json(cv8_isolate *handle, const char *url, size_t url_length, const char *json,
                                   size_t json_length, cv8_exception *error) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Value> value;
  if (!v8::JSON::Parse(context, cv8::NewString(isolate, json, json_length)).ToLocal(&value)) {
    cv8::FillException(isolate, context, try_catch, error);
    return -1;
  }
  std::vector<v8::Local<v8::String>> exports = {v8::String::NewFromUtf8Literal(isolate, "default")};
  v8::Local<v8::Module> module = v8::Module::CreateSyntheticModule(
      isolate, cv8::NewString(isolate, url, url_length), exports, EvaluateJsonModule);
  int32_t id = AddModule(state, module, url, url_length, 0);
  state->modules[id].json_value.Reset(isolate, value);
  return id;
  CV8_GUARD_END(-1)
}

extern "C" int32_t cv8_module_request_count(cv8_isolate *handle, int32_t id) {
  cv8::IsolateState *state = StateOf(handle);
  if (!ValidModule(state, id)) return -1;
  return static_cast<int32_t>(state->modules[id].targets.size());
}

static v8::MaybeLocal<v8::ModuleRequest> RequestAt(cv8::IsolateState *state, v8::Local<v8::Context> context,
                                                   int32_t id, int32_t index) {
  if (!ValidModule(state, id)) return v8::MaybeLocal<v8::ModuleRequest>();
  v8::Local<v8::FixedArray> requests = state->modules[id].module.Get(state->isolate)->GetModuleRequests();
  if (index < 0 || index >= requests->Length()) return v8::MaybeLocal<v8::ModuleRequest>();
  return requests->Get(context, index).As<v8::ModuleRequest>();
}

extern "C" char *cv8_module_request_specifier(cv8_isolate *handle, int32_t id, int32_t index) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  CV8_ENTER(state);
  v8::Local<v8::ModuleRequest> request;
  if (!RequestAt(state, context, id, index).ToLocal(&request)) return nullptr;
  return cv8::CopyString(cv8::ToStdString(isolate, request->GetSpecifier()));
  CV8_GUARD_END(nullptr)
}

extern "C" bool cv8_module_request_is_json(cv8_isolate *handle, int32_t id, int32_t index) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  CV8_ENTER(state);
  v8::Local<v8::ModuleRequest> request;
  if (!RequestAt(state, context, id, index).ToLocal(&request)) return false;
  // Entries come in threes: key, value, source offset.
  v8::Local<v8::FixedArray> assertions = request->GetImportAssertions();
  for (int i = 0; i + 1 < assertions->Length(); i += 3) {
    if (cv8::ToStdString(isolate, assertions->Get(context, i).As<v8::Value>()) == "type" &&
        cv8::ToStdString(isolate, assertions->Get(context, i + 1).As<v8::Value>()) == "json") {
      return true;
    }
  }
  return false;
  CV8_GUARD_END(false)
}

extern "C" int32_t cv8_module_link(cv8_isolate *handle, int32_t id, int32_t request, int32_t target) {
  cv8::IsolateState *state = StateOf(handle);
  if (!ValidModule(state, id) || !ValidModule(state, target)) return CV8_ERR_INVALID;
  std::vector<int32_t> &targets = state->modules[id].targets;
  if (request < 0 || static_cast<size_t>(request) >= targets.size()) return CV8_ERR_INVALID;
  targets[request] = target;
  return CV8_OK;
}

extern "C" int32_t cv8_module_instantiate(cv8_isolate *handle, int32_t id, cv8_exception *error) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  if (!ValidModule(state, id)) return CV8_ERR_INVALID;
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  if (state->modules[id].module.Get(isolate)->InstantiateModule(context, Resolve).IsNothing()) {
    return cv8::FailedStatus(state, context, try_catch, error);
  }
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" int32_t cv8_module_evaluate(cv8_isolate *handle, int32_t id, cv8_exception *error) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  if (!ValidModule(state, id)) return CV8_ERR_INVALID;
  cv8::JSEntry entry(state);
  CV8_ENTER(state);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Module> module = state->modules[id].module.Get(isolate);
  v8::Local<v8::Value> result;
  if (!module->Evaluate(context).ToLocal(&result)) {
    return cv8::FailedStatus(state, context, try_catch, error);
  }
  if (result->IsPromise()) {
    // The host reports a failed evaluation itself (cv8_module_state); keep it
    // out of the unhandled-rejection reports.
    v8::Local<v8::Promise> promise = result.As<v8::Promise>();
    promise->MarkAsHandled();
    for (auto it = state->rejections.begin(); it != state->rejections.end(); ++it) {
      if (it->promise == promise) {
        state->rejections.erase(it);
        break;
      }
    }
    state->modules[id].evaluation.Reset(isolate, promise);
  }
  return CV8_OK;
  CV8_GUARD_END(CV8_ERR_INTERNAL)
}

extern "C" int32_t cv8_module_state(cv8_isolate *handle, int32_t id, cv8_exception *error) {
  CV8_GUARD_BEGIN
  cv8::IsolateState *state = StateOf(handle);
  if (!ValidModule(state, id)) return CV8_MODULE_ERRORED;
  CV8_ENTER(state);
  v8::Local<v8::Module> module = state->modules[id].module.Get(isolate);
  if (module->GetStatus() == v8::Module::kErrored) {
    cv8::FillExceptionFromValue(isolate, context, module->GetException(), error);
    return CV8_MODULE_ERRORED;
  }
  if (state->modules[id].evaluation.IsEmpty()) {
    return module->GetStatus() == v8::Module::kEvaluated ? CV8_MODULE_EVALUATED : CV8_MODULE_PENDING;
  }
  v8::Local<v8::Promise> promise = state->modules[id].evaluation.Get(isolate);
  switch (promise->State()) {
    case v8::Promise::kPending: return CV8_MODULE_PENDING;
    case v8::Promise::kFulfilled: return CV8_MODULE_EVALUATED;
    case v8::Promise::kRejected:
      cv8::FillExceptionFromValue(isolate, context, promise->Result(), error);
      return CV8_MODULE_ERRORED;
  }
  return CV8_MODULE_PENDING;
  CV8_GUARD_END(CV8_MODULE_ERRORED)
}
