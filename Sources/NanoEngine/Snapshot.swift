import CV8
import Crypto
import Foundation

/// One piece of the runtime's JavaScript baked into the snapshot.
public struct RuntimeScript: Sendable {
    /// Shown in stack traces, e.g. "nano:runtime/console/console.js".
    public let name: String
    public let source: String
    public init(name: String, source: String) {
        self.name = name
        self.source = source
    }
}

/// A V8 startup snapshot whose context already ran the runtime's JavaScript.
/// Every isolate is created from it.
///
/// Sendable: the blob is written once in `init` and only read afterwards (by
/// V8 while it creates isolates on any thread), and it is freed only when the
/// last reference — held by every isolate made from it — goes away.
public final class Snapshot: @unchecked Sendable {
    let blob: UnsafeMutableRawBufferPointer
    public let opTable: OpTable
    /// What produced it: built now, or read from the cache.
    public let origin: Origin
    /// Time spent building (zero when loaded from the cache).
    public let buildSeconds: Double
    /// The shim's fingerprint of the hash seed the snapshot's objects were
    /// hashed with, when built in this process (0 when read from a file):
    /// isolates then skip V8's rehash of the snapshot (CV8/hash_seed.cc).
    let hashSeed: UInt64

    public enum Origin: Sendable, Equatable { case built, cached }

    public var byteCount: Int { blob.count }

    private init(blob: UnsafeMutableRawBufferPointer, opTable: OpTable, origin: Origin, buildSeconds: Double,
                 hashSeed: UInt64) {
        self.blob = blob
        self.opTable = opTable
        self.origin = origin
        self.buildSeconds = buildSeconds
        self.hashSeed = hashSeed
    }

    deinit {
        blob.deallocate()
    }

    /// Builds a snapshot by running `scripts` in a fresh context.
    public static func build(scripts: [RuntimeScript], ops: OpTable) throws(JSException) -> Snapshot {
        V8Platform.start()
        let start = ContinuousClock.now
        let slots = sharedSourceSlots(scripts)
        let opNames = ops.names.map { ContiguousArray($0.utf8CString) }
        var blobPointer: UnsafeMutablePointer<UInt8>? = nil
        var blobLength = 0
        var hashSeed: UInt64 = 0
        var e = cv8_exception()
        let status: Int32 = withSources(scripts, slots: slots) { sources in
            withPointers(opNames) { names in
                let nameArray = names.map { Optional($0) }
                return nameArray.withUnsafeBufferPointer { namesBuffer in
                    cv8_snapshot_create(sources.baseAddress, sources.count,
                                        namesBuffer.baseAddress, namesBuffer.count,
                                        &blobPointer, &blobLength, &hashSeed, &e)
                }
            }
        }
        try check(status, &e)
        guard let blobPointer else {
            throw JSException(kind: .internalFailure, message: "V8 returned an empty snapshot")
        }
        let blob = UnsafeMutableRawBufferPointer.allocate(byteCount: blobLength, alignment: 16)
        blob.copyMemory(from: UnsafeRawBufferPointer(start: blobPointer, count: blobLength))
        cv8_free(blobPointer)
        let elapsed = ContinuousClock.now - start
        return Snapshot(blob: blob, opTable: ops, origin: .built,
                        buildSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                        hashSeed: hashSeed)
    }

    /// The process-wide slots of the scripts' sources (see
    /// `cv8_sources_register`): a snapshot refers to those shared copies
    /// instead of giving every isolate its own.
    static func sharedSourceSlots(_ scripts: [RuntimeScript]) -> [Int32] {
        V8Platform.start()
        var slots = [Int32](repeating: -1, count: scripts.count)
        withSources(scripts, slots: slots) { sources in
            slots.withUnsafeMutableBufferPointer { cv8_sources_register(sources.baseAddress, sources.count, $0.baseAddress) }
        }
        return slots
    }

    /// The cache key: V8's version and flags, the shim's native callbacks, the
    /// op names and the runtime's JavaScript. Any change to one of them makes a new snapshot.
    /// `slots` are the scripts' shared-source slots in this process: a blob
    /// refers to sources by slot, so it is valid only where they are the same.
    public static func cacheKey(scripts: [RuntimeScript], ops: OpTable, slots: [Int32]) -> String {
        var hasher = SHA256()
        func add(_ s: String) {
            hasher.update(data: Array(s.utf8))
            hasher.update(data: [0])
        }
        add("nano-snapshot-format-2")
        add(V8Platform.version)
        add(String(cString: cv8_natives_signature()))  // the shim's native callbacks
        add(V8Platform.flags)  // V8 refuses a snapshot made under other flags
        for name in ops.names { add(name) }
        for (script, slot) in zip(scripts, slots) {
            add(script.name)
            add(script.source)
            add(String(slot))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Loads the snapshot for these scripts and ops from `directory`, or builds
    /// it and stores it there. A damaged or foreign cache file is rebuilt.
    public static func loadOrBuild(scripts: [RuntimeScript], ops: OpTable, cacheDirectory: URL?) throws(JSException) -> Snapshot {
        guard let cacheDirectory else { return try build(scripts: scripts, ops: ops) }
        let key = cacheKey(scripts: scripts, ops: ops, slots: sharedSourceSlots(scripts))
        let file = cacheDirectory.appendingPathComponent("snapshot-\(key.prefix(32)).bin")
        if let cached = SnapshotFile.read(file, key: key) {
            let blob = UnsafeMutableRawBufferPointer.allocate(byteCount: cached.count, alignment: 16)
            cached.withUnsafeBytes { blob.copyMemory(from: $0) }
            return Snapshot(blob: blob, opTable: ops, origin: .cached, buildSeconds: 0, hashSeed: 0)
        }
        let snapshot = try build(scripts: scripts, ops: ops)
        SnapshotFile.write(UnsafeRawBufferPointer(snapshot.blob), key: key, to: file)
        return snapshot
    }
}

/// Calls `body` with the scripts as `cv8_source` entries whose pointers are
/// valid only during the call.
private func withSources<R>(_ scripts: [RuntimeScript], slots: [Int32], _ body: (UnsafeBufferPointer<cv8_source>) -> R) -> R {
    var keep: [ContiguousArray<CChar>] = []  // owns the bytes the cv8_source entries point to
    keep.reserveCapacity(scripts.count * 2)
    for script in scripts {
        keep.append(ContiguousArray(script.name.utf8CString))
        keep.append(ContiguousArray(script.source.utf8CString))
    }
    return withPointers(keep) { pointers in
        var sources: [cv8_source] = []
        sources.reserveCapacity(scripts.count)
        for (i, script) in scripts.enumerated() {
            sources.append(cv8_source(
                name: pointers[2 * i], name_length: script.name.utf8.count,
                source: pointers[2 * i + 1], source_length: script.source.utf8.count,
                external_slot: slots[i]))
        }
        return sources.withUnsafeBufferPointer(body)
    }
}

private func withPointers<R>(_ arrays: [ContiguousArray<CChar>], _ body: ([UnsafePointer<CChar>]) -> R) -> R {
    func go(_ index: Int, _ acc: [UnsafePointer<CChar>]) -> R {
        if index == arrays.count { return body(acc) }
        return arrays[index].withUnsafeBufferPointer { go(index + 1, acc + [$0.baseAddress!]) }
    }
    return go(0, [])
}
