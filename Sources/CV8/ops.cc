// Native functions JS can call: the op dispatcher into the host, and a few
// V8 introspection helpers the runtime JS needs (console's inspect).
#include "internal.h"

struct cv8_call {
  const v8::FunctionCallbackInfo<v8::Value> *info;
  v8::Isolate *isolate;
  v8::Local<v8::Context> context;
  bool has_throw = false;
  int32_t throw_type = 0;
  std::string throw_message;
};

namespace {

cv8_op_handler g_op_handler = nullptr;

void OpCallback(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::Isolate *isolate = info.GetIsolate();
  v8::HandleScope scope(isolate);
  cv8::IsolateState *state = cv8::IsolateState::From(isolate);
  if (state == nullptr || g_op_handler == nullptr) {
    isolate->ThrowException(v8::Exception::Error(
        v8::String::NewFromUtf8Literal(isolate, "native ops are unavailable in this isolate")));
    return;
  }
  int32_t op = info.Data().As<v8::Int32>()->Value();
  cv8_call call;
  call.info = &info;
  call.isolate = isolate;
  call.context = isolate->GetCurrentContext();
  g_op_handler(state->userdata, op, &call);
  if (call.has_throw) {
    v8::Local<v8::String> msg =
        cv8::NewString(isolate, call.throw_message.data(), call.throw_message.size());
    v8::Local<v8::Value> error;
    switch (call.throw_type) {
      case CV8_ERROR_TYPE: error = v8::Exception::TypeError(msg); break;
      case CV8_ERROR_RANGE: error = v8::Exception::RangeError(msg); break;
      default: error = v8::Exception::Error(msg); break;
    }
    isolate->ThrowException(error);
  }
}

void PromiseState(const v8::FunctionCallbackInfo<v8::Value> &info) {
  if (info.Length() < 1 || !info[0]->IsPromise()) {
    info.GetReturnValue().Set(-1);
    return;
  }
  switch (info[0].As<v8::Promise>()->State()) {
    case v8::Promise::kPending: info.GetReturnValue().Set(0); break;
    case v8::Promise::kFulfilled: info.GetReturnValue().Set(1); break;
    case v8::Promise::kRejected: info.GetReturnValue().Set(2); break;
  }
}

void PromiseResult(const v8::FunctionCallbackInfo<v8::Value> &info) {
  if (info.Length() < 1 || !info[0]->IsPromise()) return;
  v8::Local<v8::Promise> p = info[0].As<v8::Promise>();
  if (p->State() == v8::Promise::kPending) return;
  info.GetReturnValue().Set(p->Result());
}

void IsProxy(const v8::FunctionCallbackInfo<v8::Value> &info) {
  info.GetReturnValue().Set(info.Length() > 0 && info[0]->IsProxy());
}

// nano.v8.detachArrayBuffer(buffer) -> true if detached; false when the
// buffer cannot be detached (e.g. it is a WebAssembly memory or already is).
void DetachArrayBuffer(const v8::FunctionCallbackInfo<v8::Value> &info) {
  if (info.Length() < 1 || !info[0]->IsArrayBuffer()) {
    info.GetReturnValue().Set(false);
    return;
  }
  v8::Local<v8::ArrayBuffer> buffer = info[0].As<v8::ArrayBuffer>();
  if (!buffer->IsDetachable() || buffer->WasDetached()) {
    info.GetReturnValue().Set(false);
    return;
  }
  buffer->Detach();
  info.GetReturnValue().Set(true);
}

// nano.v8.transferArrayBuffer(buffer) -> a new ArrayBuffer owning the same
// memory (no copy) while `buffer` is detached; TypeError when it cannot be
// detached (a WebAssembly memory, already detached). The streams' byte
// queues take ownership of chunks this way (V8 10.2 has no
// ArrayBuffer.prototype.transfer).
void TransferArrayBuffer(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::Isolate *isolate = info.GetIsolate();
  if (info.Length() < 1 || !info[0]->IsArrayBuffer()) {
    isolate->ThrowException(v8::Exception::TypeError(
        v8::String::NewFromUtf8Literal(isolate, "transferArrayBuffer: the argument is not an ArrayBuffer")));
    return;
  }
  v8::Local<v8::ArrayBuffer> buffer = info[0].As<v8::ArrayBuffer>();
  if (!buffer->IsDetachable() || buffer->WasDetached()) {
    isolate->ThrowException(v8::Exception::TypeError(
        v8::String::NewFromUtf8Literal(isolate, "The ArrayBuffer cannot be transferred (detached or not detachable)")));
    return;
  }
  std::shared_ptr<v8::BackingStore> store = buffer->GetBackingStore();
  buffer->Detach();
  info.GetReturnValue().Set(v8::ArrayBuffer::New(isolate, std::move(store)));
}

// Keep in the same order as kNativesSignature.
const intptr_t kExternalReferences[] = {
    reinterpret_cast<intptr_t>(OpCallback),
    reinterpret_cast<intptr_t>(PromiseState),
    reinterpret_cast<intptr_t>(PromiseResult),
    reinterpret_cast<intptr_t>(IsProxy),
    reinterpret_cast<intptr_t>(DetachArrayBuffer),
    reinterpret_cast<intptr_t>(TransferArrayBuffer),
    0,
};
const char kNativesSignature[] =
    "op,promiseState,promiseResult,isProxy,detachArrayBuffer,"
    "transferArrayBuffer";

void SetFunction(v8::Isolate *isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> target,
                 const char *name, v8::FunctionCallback callback, v8::Local<v8::Value> data) {
  v8::Local<v8::FunctionTemplate> t = v8::FunctionTemplate::New(
      isolate, callback, data, v8::Local<v8::Signature>(), 0, v8::ConstructorBehavior::kThrow);
  v8::Local<v8::String> key = cv8::NewString(isolate, name, std::strlen(name));
  t->SetClassName(key);
  v8::Local<v8::Function> fn = t->GetFunction(context).ToLocalChecked();
  target->Set(context, key, fn).Check();
}

}  // namespace

namespace cv8 {

const intptr_t *NativeReferences() { return kExternalReferences; }

thread_local bool t_next_buffer_filled_by_caller = false;

thread_local void *t_adopt_block = nullptr;

// Whether `length` more ArrayBuffer bytes fit the isolate's cap (after a
// collection, if need be); when not, the JS is stopped. V8 aborts the process
// when an ArrayBuffer::New allocation fails, so it is checked first.
static bool CapAllows(v8::Isolate *isolate, size_t length) {
  IsolateState *state = IsolateState::From(isolate);
  if (state != nullptr && state->array_buffer_max_bytes > 0 &&
      state->array_buffer_bytes.load() + length > state->array_buffer_max_bytes) {
    isolate->LowMemoryNotification();  // dead buffers count until collected
    if (state->array_buffer_bytes.load() + length > state->array_buffer_max_bytes) {
      state->heap_limit_reached.store(true);
      isolate->TerminateExecution();
      return false;
    }
  }
  return true;
}

// An ArrayBuffer of `length` bytes the caller fills at once (not zeroed), or
// empty when it would go over the isolate's cap (see NewBytes).
static v8::MaybeLocal<v8::ArrayBuffer> NewBufferToFill(v8::Isolate *isolate, size_t length) {
  if (!CapAllows(isolate, length)) return {};
  t_next_buffer_filled_by_caller = true;
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, length);
  t_next_buffer_filled_by_caller = false;  // not taken when length is 0
  return buffer;
}

v8::MaybeLocal<v8::Uint8Array> NewBytes(v8::Isolate *isolate, const void *data, size_t length) {
  v8::Local<v8::ArrayBuffer> buffer;
  if (!NewBufferToFill(isolate, length).ToLocal(&buffer)) return {};
  if (length > 0) std::memcpy(buffer->GetBackingStore()->Data(), data, length);
  return v8::Uint8Array::New(buffer, 0, length);
}

v8::MaybeLocal<v8::Uint8Array> NewBytes(v8::Isolate *isolate, const cv8_segment *segments, size_t count) {
  size_t length = 0;
  for (size_t i = 0; i < count; i++) length += segments[i].length;
  v8::Local<v8::ArrayBuffer> buffer;
  if (!NewBufferToFill(isolate, length).ToLocal(&buffer)) return {};
  if (length > 0) {
    auto *out = static_cast<uint8_t *>(buffer->GetBackingStore()->Data());
    for (size_t i = 0; i < count; i++) {
      if (segments[i].length == 0) continue;
      std::memcpy(out, segments[i].data, segments[i].length);
      out += segments[i].length;
    }
  }
  return v8::Uint8Array::New(buffer, 0, length);
}

v8::MaybeLocal<v8::Uint8Array> NewBytesAdopting(v8::Isolate *isolate, void *block, size_t length) {
  if (block == nullptr || length == 0) {
    cv8_block_free(block, length);
    return NewBytes(isolate, static_cast<const void *>(nullptr), 0);
  }
  if (!CapAllows(isolate, length)) {
    cv8_block_free(block, length);
    return {};
  }
  t_adopt_block = block;
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, length);
  if (t_adopt_block != nullptr) {
    // Not taken (the allocator refused it): the buffer got memory of its own.
    t_adopt_block = nullptr;
    std::memcpy(buffer->GetBackingStore()->Data(), block, length);
    cv8_block_free(block, length);
  }
  return v8::Uint8Array::New(buffer, 0, length);
}

void InstallNatives(v8::Isolate *isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> nano,
                    const char *const *op_names, size_t op_count) {
  v8::Local<v8::Object> ops = v8::Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
  for (size_t i = 0; i < op_count; i++) {
    SetFunction(isolate, context, ops, op_names[i], OpCallback,
                v8::Integer::New(isolate, static_cast<int32_t>(i)));
  }
  nano->Set(context, v8::String::NewFromUtf8Literal(isolate, "ops"), ops).Check();

  v8::Local<v8::Object> natives = v8::Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
  SetFunction(isolate, context, natives, "promiseState", PromiseState, v8::Local<v8::Value>());
  SetFunction(isolate, context, natives, "promiseResult", PromiseResult, v8::Local<v8::Value>());
  SetFunction(isolate, context, natives, "isProxy", IsProxy, v8::Local<v8::Value>());
  SetFunction(isolate, context, natives, "detachArrayBuffer", DetachArrayBuffer, v8::Local<v8::Value>());
  SetFunction(isolate, context, natives, "transferArrayBuffer", TransferArrayBuffer, v8::Local<v8::Value>());
  nano->Set(context, v8::String::NewFromUtf8Literal(isolate, "v8"), natives).Check();
}

}  // namespace cv8

extern "C" const char *cv8_natives_signature(void) { return kNativesSignature; }

extern "C" double cv8_call_continuation_number(const cv8_call *call) {
  v8::Local<v8::Value> data = call->context->GetContinuationPreservedEmbedderData();
  return data->IsNumber() ? data.As<v8::Number>()->Value() : std::nan("");
}

extern "C" void cv8_set_op_handler(cv8_op_handler handler) { g_op_handler = handler; }

extern "C" int32_t cv8_call_argc(const cv8_call *call) { return call->info->Length(); }

extern "C" int32_t cv8_call_arg_kind(const cv8_call *call, int32_t index) {
  if (index < 0 || index >= call->info->Length()) return CV8_KIND_UNDEFINED;
  v8::Local<v8::Value> v = (*call->info)[index];
  if (v->IsUndefined()) return CV8_KIND_UNDEFINED;
  if (v->IsNull()) return CV8_KIND_NULL;
  if (v->IsBoolean()) return CV8_KIND_BOOL;
  if (v->IsNumber()) return CV8_KIND_NUMBER;
  if (v->IsString()) return CV8_KIND_STRING;
  if (v->IsArrayBuffer() || v->IsArrayBufferView()) return CV8_KIND_BYTES;
  if (v->IsObject()) return CV8_KIND_OBJECT;
  return CV8_KIND_OTHER;
}

extern "C" double cv8_call_arg_number(const cv8_call *call, int32_t index) {
  CV8_GUARD_BEGIN
  if (index < 0 || index >= call->info->Length()) return std::nan("");
  v8::Local<v8::Value> v = (*call->info)[index];
  if (v->IsNumber()) return v.As<v8::Number>()->Value();
  v8::TryCatch try_catch(call->isolate);
  return v->NumberValue(call->context).FromMaybe(std::nan(""));
  CV8_GUARD_END(std::nan(""))
}

extern "C" bool cv8_call_arg_bool(const cv8_call *call, int32_t index) {
  if (index < 0 || index >= call->info->Length()) return false;
  return (*call->info)[index]->BooleanValue(call->isolate);
}

static v8::Local<v8::String> ArgString(const cv8_call *call, int32_t index) {
  if (index < 0 || index >= call->info->Length()) return v8::String::Empty(call->isolate);
  v8::Local<v8::Value> v = (*call->info)[index];
  if (v->IsString()) return v.As<v8::String>();
  v8::TryCatch try_catch(call->isolate);
  v8::Local<v8::String> s;
  if (!v->ToString(call->context).ToLocal(&s)) return v8::String::Empty(call->isolate);
  return s;
}

extern "C" size_t cv8_call_arg_utf8_length(const cv8_call *call, int32_t index) {
  CV8_GUARD_BEGIN
  return static_cast<size_t>(ArgString(call, index)->Utf8Length(call->isolate));
  CV8_GUARD_END(0)
}

extern "C" size_t cv8_call_arg_utf8_bound(const cv8_call *call, int32_t index) {
  CV8_GUARD_BEGIN
  return static_cast<size_t>(ArgString(call, index)->Length()) * 3;
  CV8_GUARD_END(0)
}

extern "C" size_t cv8_call_arg_utf8(const cv8_call *call, int32_t index, char *buffer, size_t capacity) {
  CV8_GUARD_BEGIN
  v8::Local<v8::String> s = ArgString(call, index);
  int written = s->WriteUtf8(call->isolate, buffer, static_cast<int>(capacity), nullptr,
                             v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  return static_cast<size_t>(written);
  CV8_GUARD_END(0)
}

extern "C" bool cv8_call_arg_bytes(const cv8_call *call, int32_t index, const uint8_t **data, size_t *length) {
  if (index < 0 || index >= call->info->Length()) return false;
  v8::Local<v8::Value> v = (*call->info)[index];
  if (v->IsArrayBuffer()) {
    std::shared_ptr<v8::BackingStore> store = v.As<v8::ArrayBuffer>()->GetBackingStore();
    *data = static_cast<const uint8_t *>(store->Data());
    *length = store->ByteLength();
    return true;
  }
  if (v->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
    std::shared_ptr<v8::BackingStore> store = view->Buffer()->GetBackingStore();
    *data = static_cast<const uint8_t *>(store->Data()) + view->ByteOffset();
    *length = view->ByteLength();
    return true;
  }
  return false;
}

extern "C" bool cv8_call_take_bytes(cv8_call *call, int32_t index, size_t min_length, uint8_t **data,
                                    size_t *length) {
  CV8_GUARD_BEGIN
  if (index < 0 || index >= call->info->Length()) return false;
  v8::Local<v8::Value> v = (*call->info)[index];
  if (!v->IsUint8Array()) return false;
  v8::Local<v8::Uint8Array> view = v.As<v8::Uint8Array>();
  v8::Local<v8::ArrayBuffer> buffer = view->Buffer();
  // All of a buffer only JS's own detaching could take from it: not a view
  // into part of one, not WebAssembly's memory (not detachable).
  if (view->ByteLength() < min_length || view->ByteOffset() != 0 || view->ByteLength() != buffer->ByteLength() ||
      !buffer->IsDetachable() || buffer->WasDetached()) {
    return false;
  }
  std::shared_ptr<v8::BackingStore> store = buffer->GetBackingStore();
  if (store->IsShared() || store->Data() == nullptr || store->ByteLength() == 0) return false;
  *data = static_cast<uint8_t *>(store->Data());
  *length = store->ByteLength();
  // Taken before the detach: V8 frees through the allocator once `store`
  // (the last reference) goes, and the allocator then leaves it alone.
  cv8::TakeBlock(store->Data(), store->ByteLength());
  buffer->Detach();
  return true;
  CV8_GUARD_END(false)
}

extern "C" void cv8_call_return_undefined(cv8_call *call) { call->info->GetReturnValue().SetUndefined(); }
extern "C" void cv8_call_return_bool(cv8_call *call, bool value) { call->info->GetReturnValue().Set(value); }
extern "C" void cv8_call_return_number(cv8_call *call, double value) {
  call->info->GetReturnValue().Set(value);
}
extern "C" void cv8_call_return_string(cv8_call *call, const char *utf8, size_t length) {
  call->info->GetReturnValue().Set(cv8::NewString(call->isolate, utf8, length));
}
extern "C" void cv8_call_return_bytes(cv8_call *call, const uint8_t *data, size_t length) {
  v8::Local<v8::Uint8Array> bytes;
  if (cv8::NewBytes(call->isolate, data, length).ToLocal(&bytes)) call->info->GetReturnValue().Set(bytes);
}
extern "C" void cv8_call_throw(cv8_call *call, int32_t type, const char *utf8, size_t length) {
  call->has_throw = true;
  call->throw_type = type;
  call->throw_message.assign(utf8, length);
}
