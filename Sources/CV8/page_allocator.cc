// Heap pages kept for the next isolate.
//
// An isolate made from the snapshot deserializes about 1.4 MB of objects
// into ten fresh 256 KB heap pages. Fresh pages come from mmap, and the
// first write to each 4 KB of them is a page fault: a fifth of the time it
// takes to make an isolate went to those faults, and disposing one unmapped
// the same pages again. This allocator keeps pages V8 frees (up to
// kCapacity of them, 16 MB) and hands them to the next isolate already
// mapped. Everything else (code range, large objects, trims) passes through
// to V8's own allocator.
//
// A kept page is zeroed before it is kept, so no isolate ever sees bytes
// another one left: only the 4 KB pages that are resident (mincore) are
// cleared; the others read as zero when first touched anyway. The pages that
// are not resident are left so: faulting them in ahead (MADV_POPULATE_WRITE)
// saved 0.04 ms per isolate but made every page handed out resident, and an
// isolate's new space is mostly untouched pages (up to 1 MB more RSS each).
#include "internal.h"

#include <sys/mman.h>
#include <unistd.h>

#include <mutex>

namespace {

thread_local bool tearing_down = false;

class CachingPageAllocator final : public v8::PageAllocator {
 public:
  explicit CachingPageAllocator(v8::PageAllocator *inner) : inner_(inner) {}

  size_t AllocatePageSize() override { return inner_->AllocatePageSize(); }
  size_t CommitPageSize() override { return inner_->CommitPageSize(); }
  void SetRandomMmapSeed(int64_t seed) override { inner_->SetRandomMmapSeed(seed); }
  void *GetRandomMmapAddr() override { return inner_->GetRandomMmapAddr(); }

  void *AllocatePages(void *hint, size_t length, size_t alignment, Permission access) override {
    if (Cacheable(length, alignment) && access != kNoAccessWillJitLater && access != kReadWriteExecute) {
      void *page = Take();
      if (page != nullptr) {
        // Kept pages are read-write. V8 reserves a data page without access
        // and at once commits all of it read-write; handing it over
        // read-write already spares two page-table walks (mprotect on
        // resident pages visits every entry), and the commit finds nothing
        // to change.
        if (access == kReadWrite || access == kNoAccess) return page;
        if (mprotect(page, length, Protection(access)) == 0) return page;
        inner_->FreePages(page, length);
      }
    }
    return inner_->AllocatePages(hint, length, alignment, access);
  }

  bool FreePages(void *address, size_t length) override {
    bool aligned = reinterpret_cast<uintptr_t>(address) % kPage == 0;
    size_t whole = aligned && length < kPage && Untrim(address) ? kPage : length;
    if (aligned && whole == kPage && Keep(address)) return true;
    return inner_->FreePages(address, whole);
  }

  // V8 trims some pages to their used size once an isolate is deserialized.
  // Such a page keeps its whole mapping here, the tail inaccessible and
  // dropped, so it can be kept whole when freed.
  bool ReleasePages(void *address, size_t length, size_t new_length) override {
    if (length == kPage && reinterpret_cast<uintptr_t>(address) % kPage == 0 && new_length < length) {
      auto *tail = static_cast<char *>(address) + new_length;
      std::lock_guard<std::mutex> lock(mutex_);
      if (trimmed_count_ < kCapacity && mprotect(tail, length - new_length, PROT_NONE) == 0) {
        madvise(tail, length - new_length, MADV_DONTNEED);
        trimmed_[trimmed_count_++] = address;
        return true;
      }
    }
    return inner_->ReleasePages(address, length, new_length);
  }
  bool SetPermissions(void *address, size_t length, Permission access) override {
    // While an isolate is torn down, V8 decommits its pooled pages (no
    // access, and the kernel drops their contents) just before it frees
    // them: leave them as they are instead, for FreePages to keep.
    if (tearing_down && access == kNoAccess && Cacheable(length, length) &&
        reinterpret_cast<uintptr_t>(address) % kPage == 0) {
      return true;
    }
    return inner_->SetPermissions(address, length, access);
  }
  bool DiscardSystemPages(void *address, size_t size) override { return inner_->DiscardSystemPages(address, size); }
  bool DecommitPages(void *address, size_t size) override { return inner_->DecommitPages(address, size); }

 private:
  // V8's regular heap page (kPageSize in V8 10.2); large-object pages and the
  // code range are other sizes and never kept.
  static constexpr size_t kPage = 256 * 1024;
  static constexpr size_t kCapacity = 64;
  static constexpr size_t kSystemPage = 4096;

  static int Protection(Permission access) {
    switch (access) {
      case kNoAccess: return PROT_NONE;
      case kRead: return PROT_READ;
      case kReadExecute: return PROT_READ | PROT_EXEC;
      default: return PROT_READ | PROT_WRITE;
    }
  }

  static bool Cacheable(size_t length, size_t alignment) { return length == kPage && alignment == kPage; }

  // True when `address` is a trimmed page (now forgotten as such).
  bool Untrim(void *address) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < trimmed_count_; i++) {
      if (trimmed_[i] == address) {
        trimmed_[i] = trimmed_[--trimmed_count_];
        return true;
      }
    }
    return false;
  }

  void *Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ == 0) return nullptr;
    return pages_[--count_];
  }

  bool Keep(void *address) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (count_ == kCapacity) return false;
    }
    // V8 may have decommitted the page (no access): make it writable, then
    // clear what is resident.
    if (mprotect(address, kPage, PROT_READ | PROT_WRITE) != 0) return false;
    unsigned char resident[kPage / kSystemPage];
    if (mincore(address, kPage, resident) != 0) return false;
    auto *bytes = static_cast<unsigned char *>(address);
    for (size_t i = 0; i < kPage / kSystemPage; i++) {
      if (resident[i] & 1) std::memset(bytes + i * kSystemPage, 0, kSystemPage);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ == kCapacity) return false;  // filled meanwhile: the caller unmaps it
    pages_[count_++] = address;
    return true;
  }

  v8::PageAllocator *inner_;
  std::mutex mutex_;
  void *pages_[kCapacity];
  size_t count_ = 0;
  void *trimmed_[kCapacity];  // whole pages V8 believes trimmed, see ReleasePages
  size_t trimmed_count_ = 0;
};

}  // namespace

namespace cv8 {
v8::PageAllocator *NewCachingPageAllocator(v8::PageAllocator *inner) { return new CachingPageAllocator(inner); }

void DisposeIsolate(v8::Isolate *isolate) {
  tearing_down = true;
  isolate->Dispose();
  tearing_down = false;
}
}  // namespace cv8
