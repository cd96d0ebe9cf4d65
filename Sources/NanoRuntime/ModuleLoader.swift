import Foundation
import NanoEngine

/// Why a module could not be loaded: one line naming the file and the reason.
public struct ModuleLoadError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Where module source text comes from: the disk (`nanod run`, loading an
/// app) or memory (every isolate of a loaded app, so creating one never
/// touches the disk on an event loop).
public protocol ModuleSource {
    /// The text of `file`, or why it cannot be read ("no such file").
    mutating func read(_ file: URL) -> Result<String, ModuleReadFailure>
}

public struct ModuleReadFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Reads modules from disk and remembers what it read, so the same graph can
/// be compiled again later from memory (`modules`).
public struct DiskModuleSource: ModuleSource {
    public private(set) var files: [String: String] = [:]
    public init() {}

    public mutating func read(_ file: URL) -> Result<String, ModuleReadFailure> {
        switch FileReader.read(path: file.path) {
        case .success(let bytes):
            let text = String(decoding: bytes, as: UTF8.self)
            files[file.path] = text
            return .success(text)
        case .failure(let failure):
            return .failure(ModuleReadFailure(description: failure.description))
        }
    }
}

/// An app's module graph held in memory: file path → source text.
public struct ModuleSet: ModuleSource, Sendable {
    public let root: URL
    public let entry: URL
    public let files: [String: String]

    public init(root: URL, entry: URL, files: [String: String]) {
        self.root = root
        self.entry = entry
        self.files = files
    }

    public func read(_ file: URL) -> Result<String, ModuleReadFailure> {
        if let text = files[file.path] { return .success(text) }
        return .failure(ModuleReadFailure(description:
            "not one of the app's modules (an app is loaded with the files it imports statically or by import() of a string literal)"))
    }

    /// Reads the graph rooted at `entry` from disk, checking that every module
    /// compiles and links (in `isolate`, which is only used for that).
    /// `root` is the app's folder, nothing outside it loads (default: the
    /// entry's folder; a deployed app's is its modules folder, so an entry
    /// in a subfolder can import `../lib/x.js`). Nothing in `excluded`
    /// loads either, even inside `root` (the server's deployments folder).
    /// With `everyModule` (a deployed app, whose folder holds exactly the
    /// modules it was given), every .js, .mjs and .json file in the folder
    /// is kept too, so import() can reach any of them, as on Workers.
    public static func read(entry: URL, root: URL? = nil, excluding excluded: [URL] = [], everyModule: Bool = false,
                            into isolate: Isolate) throws -> ModuleSet {
        let file = entry.resolvingSymlinksInPath().standardizedFileURL
        var loader = ModuleLoader(root: root ?? file.deletingLastPathComponent(), excluding: excluded)
        var disk = DiskModuleSource()
        let module = try loader.load(entry: file, into: isolate, from: &disk)
        do {
            try isolate.instantiate(module)
        } catch {
            throw ModuleLoadError(ModuleLoader.describe(error, file: file))
        }
        // import("./x.js") with a literal: its graph is read now too, so the
        // app's isolates load it from memory. One that does not load is left
        // out (the import() rejects when it runs, if it ever does).
        var unscanned = Array(disk.files.keys)
        while let next = unscanned.popLast() {
            let importer = URL(fileURLWithPath: next)
            for specifier in Self.literalDynamicImports(in: disk.files[next] ?? "") {
                var attempt = disk
                var attemptLoader = loader
                if let target = try? attemptLoader.load(specifier: specifier, importer: importer, json: false,
                                                        into: isolate, from: &attempt),
                   (try? isolate.instantiate(target)) != nil {
                    unscanned += attempt.files.keys.filter { disk.files[$0] == nil }
                    disk = attempt
                    loader = attemptLoader
                }
            }
        }
        if everyModule {
            let walker = FileManager.default.enumerator(at: loader.root, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = walker?.nextObject() as? URL {
                let file = url.standardizedFileURL
                guard ["js", "mjs", "json"].contains(file.pathExtension), disk.files[file.path] == nil,
                      (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                _ = disk.read(file)
            }
        }
        return ModuleSet(root: loader.root, entry: file, files: disk.files)
    }

    /// The specifiers of `import("…")` / `import('…')` calls written with a
    /// literal (found textually: one in a comment is tried too, harmlessly).
    static func literalDynamicImports(in source: String) -> [String] {
        source.matches(of: #/\bimport\s*\(\s*(?:"([^"\\\n]+)"|'([^'\\\n]+)')/#).compactMap { match in
            (match.output.1 ?? match.output.2).map(String.init)
        }
    }
}

/// Loads an app's module graph into an isolate: resolves relative specifiers
/// against the importing module, refuses anything outside the app's folder,
/// reads each file once, compiles, links.
public struct ModuleLoader {
    /// The app's folder, symlinks resolved. Nothing outside it is loaded.
    public let root: URL
    /// Folders inside `root` whose files are not loaded either.
    public let excluded: [URL]
    private var ids: [String: ModuleID] = [:]

    public init(root: URL, excluding excluded: [URL] = []) {
        self.root = root.resolvingSymlinksInPath().standardizedFileURL
        self.excluded = excluded.map { $0.resolvingSymlinksInPath().standardizedFileURL }
    }

    /// Loads `entry` and everything it imports; returns the entry's module.
    public mutating func load<Source: ModuleSource>(entry: URL, into isolate: Isolate, from source: inout Source) throws -> ModuleID {
        let file = entry.resolvingSymlinksInPath().standardizedFileURL
        guard isInside(file) else {
            throw ModuleLoadError("\(file.path): outside the app's folder \(root.path)")
        }
        if let folder = excludingFolder(of: file) {
            throw ModuleLoadError("\(file.path): inside \(folder.path), which apps may not load from")
        }
        return try load(file: file, json: file.pathExtension == "json", importer: nil, into: isolate, from: &source)
    }

    private mutating func load<Source: ModuleSource>(file: URL, json: Bool, importer: URL?, into isolate: Isolate,
                                                     from files: inout Source) throws -> ModuleID {
        let url = file.absoluteString
        if let id = ids[url] { return id }
        let context = importer.map { " (imported from \($0.path))" } ?? ""
        let source: String
        switch files.read(file) {
        case .success(let text): source = text
        case .failure(let reason):
            throw ModuleLoadError("\(file.path)\(context): cannot read module: \(reason)")
        }
        let id: ModuleID
        do {
            id = json ? try isolate.compileJSONModule(url: url, json: source)
                      : try isolate.compileModule(url: url, source: source)
        } catch {
            throw ModuleLoadError(Self.describe(error, file: file))
        }
        // Registered before its imports load, so import cycles link as the spec says.
        ids[url] = id
        for (index, request) in isolate.requests(of: id).enumerated() {
            let target = try resolve(request.specifier, from: file)
            let isJSON = request.assertsJSON || target.pathExtension == "json"
            let targetID = try load(file: target, json: isJSON, importer: file, into: isolate, from: &files)
            isolate.link(id, request: index, to: targetID)
        }
        return id
    }

    /// Loads what `import(specifier)` in `importer` names (and its imports),
    /// reusing every module this loader has loaded: the same module is the
    /// same instance. The caller instantiates it.
    public mutating func load<Source: ModuleSource>(specifier: String, importer: URL, json: Bool,
                                                    into isolate: Isolate, from source: inout Source) throws -> ModuleID {
        let target = try resolve(specifier, from: importer)
        return try load(file: target, json: json || target.pathExtension == "json", importer: importer,
                        into: isolate, from: &source)
    }

    /// What an `import()` names, loaded, linked and instantiated, or why it
    /// cannot be; only from a module of the app (the runtime's own code
    /// imports nothing).
    public mutating func loadImport<Source: ModuleSource>(_ request: DynamicImportRequest, into isolate: Isolate,
                                                          from source: inout Source) -> Result<ModuleID, ModuleLoadError> {
        guard request.referrer.hasPrefix("file://"), let importer = URL(string: request.referrer) else {
            return .failure(ModuleLoadError("only an app's module can import modules"))
        }
        do {
            let module = try load(specifier: request.specifier, importer: importer, json: request.assertsJSON,
                                  into: isolate, from: &source)
            do {
                try isolate.instantiate(module)
            } catch {
                return .failure(ModuleLoadError(Self.describe(error, file: importer)))
            }
            return .success(module)
        } catch let error as ModuleLoadError {
            return .failure(error)
        } catch {
            return .failure(ModuleLoadError("\(error)"))
        }
    }

    private func resolve(_ specifier: String, from referrer: URL) throws -> URL {
        let relative = specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier.hasPrefix("/")
        let resolved: URL?
        if relative {
            resolved = URL(string: specifier.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? specifier,
                           relativeTo: referrer)?.absoluteURL
        } else if specifier.hasPrefix("file:") {
            resolved = URL(string: specifier)
        } else {
            throw ModuleLoadError(
                "\(referrer.path): cannot import \"\(specifier)\": only relative (./, ../) or absolute file paths inside the app's folder can be imported")
        }
        guard let resolved, resolved.isFileURL else {
            throw ModuleLoadError("\(referrer.path): cannot import \"\(specifier)\": not a valid file URL")
        }
        let file = resolved.standardizedFileURL
        // Symlinks are resolved before the check, so a link cannot lead outside.
        let real = file.resolvingSymlinksInPath().standardizedFileURL
        guard isInside(real) else {
            throw ModuleLoadError(
                "\(real.path): imported from \(referrer.path) but outside the app's folder \(root.path)")
        }
        if let folder = excludingFolder(of: real) {
            throw ModuleLoadError(
                "\(real.path): imported from \(referrer.path) but inside \(folder.path), which apps may not load from")
        }
        return real
    }

    private func isInside(_ file: URL) -> Bool { Self.is(file, inside: root) }

    private func excludingFolder(of file: URL) -> URL? { excluded.first { Self.is(file, inside: $0) } }

    private static func `is`(_ file: URL, inside folder: URL) -> Bool {
        let prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        return file.path.hasPrefix(prefix)
    }

    static func describe(_ error: JSException, file: URL) -> String {
        if error.line > 0 {
            return "\(file.path):\(error.line):\(error.column): \(error.message)"
        }
        return "\(file.path): \(error.message)"
    }
}

/// Reads a whole file with POSIX calls, so the reason for a failure is the
/// system's own (no such file, permission denied, is a directory).
enum FileReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func read(path: String) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return .failure(Failure(description: reason(errno))) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { return .failure(Failure(description: reason(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(Failure(description: "is a directory")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(description: reason(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .success(bytes)
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
