import Foundation
import NanoEngine

/// Why a module could not be loaded: one line naming the file and the reason.
public struct ModuleLoadError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Loads an app's module graph from its folder into an isolate: resolves
/// relative specifiers against the importing module, refuses anything outside
/// the app's folder, reads each file once, compiles, links.
///
/// Files are read synchronously: this runs while an app is loaded, before it
/// serves, not on a request's path.
public struct ModuleLoader {
    /// The app's folder, symlinks resolved. Nothing outside it is loaded.
    public let root: URL
    private var ids: [String: ModuleID] = [:]

    public init(root: URL) {
        self.root = root.resolvingSymlinksInPath().standardizedFileURL
    }

    /// Loads `entry` and everything it imports; returns the entry's module.
    public mutating func load(entry: URL, into isolate: Isolate) throws -> ModuleID {
        let file = entry.resolvingSymlinksInPath().standardizedFileURL
        guard isInside(file) else {
            throw ModuleLoadError("\(file.path): outside the app's folder \(root.path)")
        }
        return try load(file: file, json: file.pathExtension == "json", importer: nil, into: isolate)
    }

    private mutating func load(file: URL, json: Bool, importer: URL?, into isolate: Isolate) throws -> ModuleID {
        let url = file.absoluteString
        if let id = ids[url] { return id }
        let source = try read(file, importer: importer)
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
            let targetID = try load(file: target, json: isJSON, importer: file, into: isolate)
            isolate.link(id, request: index, to: targetID)
        }
        return id
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
        return real
    }

    private func isInside(_ file: URL) -> Bool {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return file.path.hasPrefix(rootPath)
    }

    private func read(_ file: URL, importer: URL?) throws -> String {
        let context = importer.map { " (imported from \($0.path))" } ?? ""
        switch FileReader.read(path: file.path) {
        case .success(let bytes):
            return String(decoding: bytes, as: UTF8.self)
        case .failure(let reason):
            throw ModuleLoadError("\(file.path)\(context): cannot read module: \(reason)")
        }
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
