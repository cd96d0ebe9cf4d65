import Crypto
import Foundation

/// The on-disk form of a cached snapshot: a header naming the cache key and
/// the SHA-256 of the blob, then the blob. V8 trusts a snapshot blindly (a
/// damaged one crashes the process), so a file is used only if both match.
enum SnapshotFile {
    static let magic = Array("NANOSNAP1\n".utf8)

    static func read(_ url: URL, key: String) -> Data? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        let keyBytes = Array(key.utf8)
        let headerLength = magic.count + keyBytes.count + 32
        guard data.count > headerLength,
              Array(data.prefix(magic.count)) == magic,
              Array(data[magic.count..<(magic.count + keyBytes.count)]) == keyBytes else { return nil }
        let digest = Array(data[(magic.count + keyBytes.count)..<headerLength])
        let blob = data.subdata(in: headerLength..<data.count)
        guard Array(SHA256.hash(data: blob)) == digest else { return nil }
        return blob
    }

    /// Writes atomically (temporary file, then rename) so a concurrent reader
    /// or a crash never leaves a half-written cache file. Failure to cache is
    /// not an error: the next start builds again.
    static func write(_ blob: UnsafeRawBufferPointer, key: String, to url: URL) {
        var data = Data(magic)
        data.append(contentsOf: Array(key.utf8))
        data.append(contentsOf: Array(SHA256.hash(data: blob)))
        data.append(contentsOf: blob)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
            }
        } catch {
            return
        }
    }
}
