// Runtime script sources shared by every isolate of the process.
//
// A script's source string is referenced by its Script object, so a snapshot
// copies it into every isolate made from it (half a megabyte of runtime JS per
// isolate). An external string whose resource address is listed in the
// external references is instead serialized as that index, and deserialized
// pointing at the same bytes: one copy per process. The registry is
// append-only and never freed, so a slot means the same bytes for the whole
// life of the process.
#include "internal.h"

#include <mutex>

namespace {

class TwoByteSource final : public v8::String::ExternalStringResource {
 public:
  TwoByteSource(std::u16string units) : units_(std::move(units)) {}
  const uint16_t *data() const override { return reinterpret_cast<const uint16_t *>(units_.data()); }
  size_t length() const override { return units_.size(); }
  void Dispose() override {}

 private:
  const std::u16string units_;
};

struct Registered {
  std::string name;
  std::string utf8;
  TwoByteSource *resource;
};

constexpr size_t kNativeCapacity = 64;  // the shim's callbacks, see ops.cc
constexpr size_t kSourceCapacity = 256;
size_t native_count = 0;  // set once, before any source slot

std::mutex registry_mutex;
std::vector<Registered> *registry = new std::vector<Registered>();  // never freed
// The natives, then one slot per registered source, then zeros. Zero-filled
// static storage: appending writes a slot that was the terminator, and the
// next one is already zero, so a reader never sees an unterminated list.
std::atomic<intptr_t> references[kNativeCapacity + kSourceCapacity + 1];
static_assert(sizeof(std::atomic<intptr_t>) == sizeof(intptr_t), "V8 reads the table as intptr_t[]");

// UTF-8 → code points; false on malformed input.
bool Decode(const std::string &utf8, std::u32string &out) {
  size_t i = 0;
  while (i < utf8.size()) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    size_t n;
    if (c < 0x80) { cp = c; n = 1; }
    else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; n = 2; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; n = 3; }
    else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; n = 4; }
    else return false;
    if (i + n > utf8.size()) return false;
    for (size_t k = 1; k < n; k++) {
      unsigned char cc = static_cast<unsigned char>(utf8[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    out.push_back(cp);
    i += n;
  }
  return true;
}

}  // namespace

namespace cv8 {

const intptr_t *ExternalReferences() {
  static std::once_flag once;
  std::call_once(once, [] {
    const intptr_t *natives = NativeReferences();
    while (natives[native_count] != 0 && native_count < kNativeCapacity) {
      references[native_count].store(natives[native_count]);
      native_count++;
    }
  });
  return reinterpret_cast<const intptr_t *>(references);
}

v8::Local<v8::String> NewSourceString(v8::Isolate *isolate, const cv8_source &script) {
  if (script.external_slot >= 0) {
    std::lock_guard<std::mutex> lock(registry_mutex);
    size_t slot = static_cast<size_t>(script.external_slot);
    if (slot < registry->size()) {
      const Registered &r = (*registry)[slot];
      v8::Local<v8::String> s;
      bool made = v8::String::NewExternalTwoByte(isolate, r.resource).ToLocal(&s);
      if (made) return s;
    }
  }
  return NewString(isolate, script.source, script.source_length);
}

}  // namespace cv8

extern "C" void cv8_sources_register(const cv8_source *scripts, size_t count, int32_t *slots) {
  cv8::ExternalReferences();  // the natives come first
  std::lock_guard<std::mutex> lock(registry_mutex);
  for (size_t i = 0; i < count; i++) {
    slots[i] = -1;
    std::string name(scripts[i].name, scripts[i].name_length);
    std::string utf8(scripts[i].source, scripts[i].source_length);
    for (size_t k = 0; k < registry->size(); k++) {
      if ((*registry)[k].name == name && (*registry)[k].utf8 == utf8) {
        slots[i] = static_cast<int32_t>(k);
        break;
      }
    }
    if (slots[i] >= 0 || registry->size() >= kSourceCapacity) continue;
    std::u32string points;
    if (!Decode(utf8, points)) continue;  // left to V8, which reports bad UTF-8 its own way
    // Always two-byte: with V8 10.2, isolates made from a snapshot that
    // held one-byte external sources lost entries of some dictionary-mode
    // objects when V8 rehashed them at deserialization (the crypto.subtle
    // algorithm registry, seen as "Unrecognized algorithm name"); two-byte
    // resources do not show it, and cost one extra copy per process, not
    // per isolate.
    std::u16string units;
    for (char32_t c : points) {
      if (c >= 0x10000) {
        c -= 0x10000;
        units.push_back(static_cast<char16_t>(0xD800 + (c >> 10)));
        units.push_back(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
      } else {
        units.push_back(static_cast<char16_t>(c));
      }
    }
    Registered r{name, utf8, new TwoByteSource(std::move(units))};
    size_t slot = registry->size();
    registry->push_back(std::move(r));
    references[native_count + slot].store(reinterpret_cast<intptr_t>((*registry)[slot].resource));
    slots[i] = static_cast<int32_t>(slot);
  }
}
