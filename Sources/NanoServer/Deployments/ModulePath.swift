/// The rules for a module's path in a deployment (`modules` keys): relative,
/// inside the app's folder by construction, and a name every file system
/// takes. They are checked before anything is written.
enum ModulePath {
    static let maxBytes = 1024
    static let maxSegmentBytes = 255
    static let maxModules = 10_000

    /// Why `path` cannot be a module's path, or nil when it can.
    static func problem(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        if bytes.isEmpty { return "is empty" }
        if bytes.count > maxBytes { return "is longer than \(maxBytes) bytes" }
        if bytes.first == UInt8(ascii: "/") { return "is absolute (start it without \"/\")" }
        if bytes.contains(0) { return "contains a NUL byte" }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "contains a control character" }
        if bytes.contains(UInt8(ascii: "\\")) { return "contains \"\\\" (separate folders with \"/\")" }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "has an empty segment (\"//\" or a trailing \"/\")" }
            if segment == "." || segment == ".." { return "contains \"\(segment)\" (paths stay inside the app)" }
            if segment.utf8.count > maxSegmentBytes { return "has a segment longer than \(maxSegmentBytes) bytes" }
        }
        return nil
    }

    /// A path that is also the folder of another path ("lib" and
    /// "lib/x.js"): both cannot be written.
    static func fileAndFolder(_ paths: [String]) -> String? {
        let files = Set(paths)
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if files.contains(String(folder)) { return String(folder) }
            }
        }
        return nil
    }
}
