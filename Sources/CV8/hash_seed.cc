// When an isolate may skip V8's snapshot rehash.
//
// V8 hashes strings and property dictionaries with a seed kept in the
// read-only heap, which (in this V8 build) all live isolates of the process
// share: the seed is per process, chosen at random when the first isolate
// sets that heap up. Every isolate made from a snapshot then rehashes every
// object of the snapshot to that seed, by default: 0.45 ms of the 2.6 ms it
// takes to make one of NANO's isolates, to arrive at the hashes they already
// have whenever the snapshot was built in this process (its objects were
// hashed with the process's seed to begin with).
//
// So the shim skips the rehash exactly when it is a no-op: the snapshot was
// built here (its seed is known, see cv8_snapshot_create) and that seed is the
// one the shared read-only heap has, or will have because no isolate is alive
// and the new one sets the heap up from this snapshot. A snapshot read from a
// file has an unknown seed and is always rehashed. After making an isolate
// without the rehash, the shim checks the seed it got and, on any mismatch,
// makes it again with the rehash, so a wrong guess costs time, never
// correctness. The seed itself stays as random and as private as before.
#include "internal.h"

#include <mutex>

namespace {

std::mutex g_mutex;
int g_live = 0;           // V8 isolates alive that the shim made (snapshot creators included)
uint64_t g_heap_seed = 0;  // fingerprint of the shared read-only heap's seed while g_live > 0
bool g_rehash = true;     // V8's --rehash-snapshot, as last set

void SetRehash(bool on) {
  if (on == g_rehash) return;
  v8::V8::SetFlagsFromString(on ? "--rehash-snapshot" : "--no-rehash-snapshot");
  g_rehash = on;
}

// Hash of a new, never internalized string: computed with the isolate's seed
// now, not read from a snapshot.
uint32_t ProbeHash(v8::Isolate *isolate, const char *text) {
  v8::Local<v8::String> s = v8::String::NewFromUtf8(isolate, text).ToLocalChecked();
  return static_cast<uint32_t>(s->GetIdentityHash());
}

}  // namespace

namespace cv8 {

uint64_t HashSeedFingerprint(v8::Isolate *isolate) {
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  uint64_t fingerprint = (static_cast<uint64_t>(ProbeHash(isolate, "nano hash seed probe 1")) << 32) |
                         ProbeHash(isolate, "nano hash seed probe 2");
  return fingerprint == 0 ? 1 : fingerprint;  // 0 means "unknown"
}

v8::Isolate *NewSnapshotIsolate(v8::Isolate::CreateParams &params, uint64_t snapshot_seed) {
  std::lock_guard<std::mutex> lock(g_mutex);
  bool skip = snapshot_seed != 0 && (g_live == 0 || g_heap_seed == snapshot_seed);
  SetRehash(!skip);
  v8::Isolate *isolate = v8::Isolate::New(params);
  if (isolate == nullptr) return nullptr;
  if (skip) {
    uint64_t got = HashSeedFingerprint(isolate);
    if (got != snapshot_seed) {
      isolate->Dispose();
      SetRehash(true);
      isolate = v8::Isolate::New(params);
      if (isolate == nullptr) return nullptr;
    }
  }
  if (g_live == 0) g_heap_seed = HashSeedFingerprint(isolate);
  g_live++;
  return isolate;
}

std::unique_ptr<v8::SnapshotCreator> NewSnapshotCreator(uint64_t *seed) {
  std::lock_guard<std::mutex> lock(g_mutex);
  // The creator starts from V8's own snapshot, whose seed is the same in
  // every copy of this V8: it must be rehashed to the process's seed.
  SetRehash(true);
  auto creator = std::make_unique<v8::SnapshotCreator>(ExternalReferences());
  *seed = HashSeedFingerprint(creator->GetIsolate());
  if (g_live == 0) g_heap_seed = *seed;
  g_live++;
  return creator;
}

void IsolateGone() {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_live--;
}

}  // namespace cv8
