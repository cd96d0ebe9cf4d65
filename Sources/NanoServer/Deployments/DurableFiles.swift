import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File operations that are on the disk when they return (fsync), with the
/// system's reason when they fail. Deployments are written only through
/// these, so what a crash leaves behind is known (DeploymentStore).
enum DurableFiles {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ what: String, _ path: String, _ code: Int32 = errno) {
            description = "cannot \(what) \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Creates the file `path` (it must not exist yet) holding `bytes`, with
    /// `mode` from the start — a secret is never readable by others, not
    /// even for a moment — and flushes it to the disk.
    static func create(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure("create", path) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure("write", path)
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw Failure("flush", path) }
    }

    /// Makes the folder `path` (owner only); one that exists is fine.
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw Failure("create the folder", path) }
    }

    /// Flushes a folder's entries (files created, renamed or removed in it)
    /// to the disk: without it a power cut may forget a rename.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure("open the folder", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure("flush the folder", path) }
    }

    /// Replaces `path` with a file holding `bytes` in one step: a reader (or
    /// a restart after a crash) sees the old content or the new, never a
    /// mix. Write a temporary file, flush it, rename it over `path`, flush
    /// the folder.
    static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o600) throws {
        let temporary = path + ".tmp"
        unlink(temporary)  // left by a crash, if anything
        try create(temporary, bytes, mode: mode)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure("rename into place", path, code)
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Renames `from` to `to` (same folder or file system) and flushes the
    /// folder holding `to`.
    static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else { throw Failure("rename", from) }
        try syncDirectory((to as NSString).deletingLastPathComponent)
    }

    /// Removes a file or a folder with everything in it; what does not
    /// exist is fine.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The whole file, or nil if it cannot be read.
    static func read(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }
}
