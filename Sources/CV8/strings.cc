// String helpers and error reports.
#include "internal.h"

namespace cv8 {

char *CopyString(const char *data, size_t length) {
  char *out = static_cast<char *>(std::malloc(length + 1));
  if (out == nullptr) return nullptr;
  if (length > 0) std::memcpy(out, data, length);
  out[length] = '\0';
  return out;
}

char *CopyString(const std::string &s) { return CopyString(s.data(), s.size()); }

std::string ToStdString(v8::Isolate *isolate, v8::Local<v8::Value> value) {
  v8::String::Utf8Value utf8(isolate, value);
  if (*utf8 == nullptr) return std::string();
  return std::string(*utf8, utf8.length());
}

v8::Local<v8::String> NewString(v8::Isolate *isolate, const char *data, size_t length) {
  v8::Local<v8::String> s;
  if (data == nullptr || length == 0) return v8::String::Empty(isolate);
  // ASCII (URLs, methods, most headers and bodies) is its own one-byte
  // form: copied as it is, without the UTF-8 decoder.
  bool ascii = true;
  for (size_t i = 0; i < length; i++) {
    if (static_cast<unsigned char>(data[i]) >= 0x80) {
      ascii = false;
      break;
    }
  }
  bool made = ascii ? v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(data),
                                                 v8::NewStringType::kNormal, static_cast<int>(length))
                          .ToLocal(&s)
                    : v8::String::NewFromUtf8(isolate, data, v8::NewStringType::kNormal, static_cast<int>(length))
                          .ToLocal(&s);
  return made ? s : v8::String::Empty(isolate);
}

void SetMessage(cv8_exception *out, const char *message) {
  if (out == nullptr) return;
  std::free(out->message);
  out->message = CopyString(message, std::strlen(message));
}

static void FillLocation(v8::Isolate *isolate, v8::Local<v8::Context> context,
                         v8::Local<v8::Message> message, cv8_exception *out) {
  if (message.IsEmpty()) return;
  v8::Local<v8::Value> name = message->GetScriptResourceName();
  if (!name.IsEmpty() && name->IsString()) out->resource = CopyString(ToStdString(isolate, name));
  out->line = message->GetLineNumber(context).FromMaybe(0);
  out->column = message->GetStartColumn(context).FromMaybe(-1) + 1;
  v8::Local<v8::String> line;
  if (message->GetSourceLine(context).ToLocal(&line)) {
    out->source_line = CopyString(ToStdString(isolate, line));
  }
}

static std::string StackOf(v8::Isolate *isolate, v8::Local<v8::Context> context,
                           v8::Local<v8::Value> value) {
  if (!value->IsObject()) return std::string();
  v8::TryCatch inner(isolate);  // a throwing `stack` getter must not escape
  v8::Local<v8::Value> stack;
  if (!value.As<v8::Object>()
           ->Get(context, v8::String::NewFromUtf8Literal(isolate, "stack"))
           .ToLocal(&stack) ||
      !stack->IsString()) {
    return std::string();
  }
  return ToStdString(isolate, stack);
}

static std::string Describe(v8::Isolate *isolate, v8::Local<v8::Context> context,
                            v8::Local<v8::Value> value) {
  v8::TryCatch inner(isolate);  // String(value) may throw (e.g. a Symbol or a hostile toString)
  v8::Local<v8::String> s;
  if (value->ToString(context).ToLocal(&s)) return ToStdString(isolate, s);
  if (value->IsSymbol()) return "Symbol()";
  return "(an exception that cannot be converted to a string)";
}

void FillException(v8::Isolate *isolate, v8::Local<v8::Context> context,
                   const v8::TryCatch &try_catch, cv8_exception *out) {
  if (out == nullptr) return;
  cv8_exception_clear(out);
  if (try_catch.HasTerminated()) {
    SetMessage(out, "execution terminated");
    return;
  }
  v8::Local<v8::Value> exception = try_catch.Exception();
  if (exception.IsEmpty()) {
    SetMessage(out, "unknown error");
    return;
  }
  out->message = CopyString(Describe(isolate, context, exception));
  std::string stack = StackOf(isolate, context, exception);
  if (!stack.empty()) out->stack = CopyString(stack);
  FillLocation(isolate, context, try_catch.Message(), out);
}

void FillExceptionFromValue(v8::Isolate *isolate, v8::Local<v8::Context> context,
                            v8::Local<v8::Value> value, cv8_exception *out) {
  if (out == nullptr) return;
  cv8_exception_clear(out);
  out->message = CopyString(Describe(isolate, context, value));
  std::string stack = StackOf(isolate, context, value);
  if (!stack.empty()) out->stack = CopyString(stack);
  FillLocation(isolate, context, v8::Exception::CreateMessage(isolate, value), out);
}

int32_t FailedStatus(IsolateState *state, v8::Local<v8::Context> context,
                     const v8::TryCatch &try_catch, cv8_exception *out) {
  if (try_catch.HasTerminated() || state->isolate->IsExecutionTerminating()) {
    state->terminated = true;
    if (out != nullptr) {
      cv8_exception_clear(out);
      SetMessage(out, state->heap_limit_reached.load() ? "execution terminated: heap limit reached"
                                                       : "execution terminated");
    }
    return CV8_ERR_TERMINATED;
  }
  FillException(state->isolate, context, try_catch, out);
  return CV8_ERR_EXCEPTION;
}

}  // namespace cv8

extern "C" void cv8_exception_clear(cv8_exception *e) {
  if (e == nullptr) return;
  std::free(e->message);
  std::free(e->stack);
  std::free(e->resource);
  std::free(e->source_line);
  e->message = nullptr;
  e->stack = nullptr;
  e->resource = nullptr;
  e->source_line = nullptr;
  e->line = 0;
  e->column = 0;
}
