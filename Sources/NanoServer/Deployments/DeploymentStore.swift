import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The apps deployed through the admin API, kept on disk so a restart — or
/// a crash at any moment of a deploy — comes back with the last complete
/// deployment of every app:
///
/// ```
/// <dataDir>/apps/<name>/current             "7\n": the version in force
/// <dataDir>/apps/<name>/v7/deployment.json  name, version, main, module list, settings (no secrets)
/// <dataDir>/apps/<name>/v7/secrets.json     secret values, mode 0600
/// <dataDir>/apps/<name>/v7/modules/...      the module files
/// ```
/// A version folder is written completely and flushed (files and folders)
/// before `current` names it; `current` is replaced in one step (write a
/// temporary file, fsync, rename, fsync the folder). So `current` only ever
/// names a complete version, and a crash leaves either the old pointer (the
/// new folder is an orphan) or the new one. A delete renames the app's
/// folder to a dot-name in one step, then removes it. At start (`recover`)
/// orphans, temporary files and half-removed folders are cleaned up.
///
/// Everything is owner-only (folders 0700, files 0600). Not thread safe:
/// the server makes its changes one at a time (ChangeQueue), and it blocks
/// on the disk — call it off the event loops.
struct DeploymentStore: Sendable {
    let dataDir: URL
    var appsDir: String { dataDir.appendingPathComponent("apps").path }

    /// A complete deployment read back from disk.
    struct Stored: Sendable {
        let name: String
        let version: Int
        let deployedAt: Date
        let app: AppConfig
    }

    /// Where a written version's modules are.
    struct Written: Sendable {
        let modulesRoot: URL
        let main: URL
    }

    func appDir(_ name: String) -> String { appsDir + "/" + name }
    func versionDir(_ name: String, _ version: Int) -> String { appDir(name) + "/v\(version)" }

    /// Creates the data folder if needed.
    func prepare() throws {
        try DurableFiles.makeDirectory(dataDir.path)
        try DurableFiles.makeDirectory(appsDir)
    }

    // MARK: - Start

    /// Cleans up what an interrupted deploy or delete left and returns every
    /// app's version in force. `log` hears about what was removed and about
    /// deployments that cannot be read (those are left as they are).
    func recover(log: (String) -> Void) -> [Stored] {
        var stored: [Stored] = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: appsDir)) ?? []
        for entry in entries.sorted() {
            let dir = appDir(entry)
            if entry.hasPrefix(".") {
                DurableFiles.removeTree(dir)  // a delete that was interrupted
                continue
            }
            guard AppConfig.isValidName(entry) else {
                log("\(dir): not an app name; left alone")
                continue
            }
            guard let pointer = DurableFiles.read(dir + "/current") else {
                // The first deploy of this app never completed.
                log("\(dir): no complete deployment (interrupted first deploy); removed")
                DurableFiles.removeTree(dir)
                continue
            }
            guard let version = Self.version(in: pointer) else {
                log("\(dir)/current: not a version number; app not loaded, files left alone")
                continue
            }
            removeOtherVersions(entry, keep: version)
            do {
                stored.append(try read(entry, version))
            } catch {
                log("\(versionDir(entry, version)): cannot be read (\(error)); app not loaded, files left alone")
            }
        }
        return stored
    }

    static func version(in pointer: Data) -> Int? {
        let text = String(decoding: pointer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let n = Int(text), n > 0 else { return nil }
        return n
    }

    private func read(_ name: String, _ version: Int) throws -> Stored {
        let dir = versionDir(name, version)
        guard let data = DurableFiles.read(dir + "/deployment.json"),
              let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ConfigError("deployment.json is missing or not a JSON object")
        }
        guard manifest["name"] as? String == name, (manifest["version"] as? NSNumber)?.intValue == version,
              let main = manifest["main"] as? String, ModulePath.problem(main) == nil,
              let settings = manifest["settings"] as? [String: Any] else {
            throw ConfigError("deployment.json does not describe version \(version) of \"\(name)\"")
        }
        var secrets: [String: String] = [:]
        if let data = DurableFiles.read(dir + "/secrets.json") {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: String] else {
                throw ConfigError("secrets.json is not an object of strings")
            }
            secrets = object
        }
        let deployedAt = (manifest["deployedAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) } ?? Date(timeIntervalSince1970: 0)
        let modules = URL(fileURLWithPath: dir + "/modules", isDirectory: true)
        // Validated when it was deployed: today's env limits do not unload it.
        var unlimited = VarLimits()
        unlimited.maxVars = .max
        unlimited.maxVarBytes = .max
        let app = try AppConfig.deployed(name: name, settings: settings, secrets: secrets,
                                         main: modules.appendingPathComponent(main), modulesRoot: modules,
                                         varLimits: unlimited)
        return Stored(name: name, version: version, deployedAt: deployedAt, app: app)
    }

    // MARK: - Deploy

    /// The version the next deploy of `name` gets: above every version
    /// folder there is (a failed deploy's number is not reused while its
    /// folder exists).
    func nextVersion(of name: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: appDir(name))) ?? []
        var highest = DurableFiles.read(appDir(name) + "/current").flatMap(Self.version(in:)) ?? 0
        for entry in entries where entry.hasPrefix("v") {
            if let n = Int(entry.dropFirst()), n > highest { highest = n }
        }
        return highest + 1
    }

    /// Writes version `version` of the app, complete and flushed, but not in
    /// force yet (`commit` does that). A failure removes what was written.
    func write(_ request: DeploymentRequest, version: Int, deployedAt: Date) throws -> Written {
        let app = appDir(request.name)
        let dir = versionDir(request.name, version)
        let isNewApp = !FileManager.default.fileExists(atPath: app)
        do {
            try DurableFiles.makeDirectory(app)
            DurableFiles.removeTree(dir)  // an orphan of the same number, if any
            try DurableFiles.makeDirectory(dir)
            let modules = dir + "/modules"
            try DurableFiles.makeDirectory(modules)
            var folders: Set<String> = [modules]
            for (path, source) in request.modules {
                let file = modules + "/" + path
                var folder = (file as NSString).deletingLastPathComponent
                var missing: [String] = []
                while !folders.contains(folder) {
                    missing.append(folder)
                    folder = (folder as NSString).deletingLastPathComponent
                }
                for folder in missing.reversed() {
                    try DurableFiles.makeDirectory(folder)
                    folders.insert(folder)
                }
                try DurableFiles.create(file, Array(source.utf8))
            }
            // Each folder's entries, deepest first, then the version folder
            // and the app's: all on the disk before `current` may name them.
            for folder in folders.sorted(by: { $0.count > $1.count }) { try DurableFiles.syncDirectory(folder) }
            var secrets: [String: String] = [:]
            for (name, value) in request.secrets { secrets[name] = value }
            try DurableFiles.create(dir + "/secrets.json",
                                    Array(try JSONSerialization.data(withJSONObject: secrets, options: [.sortedKeys])),
                                    mode: 0o600)
            let manifest: [String: Any] = [
                "format": 1, "name": request.name, "version": version, "main": request.main,
                "deployedAt": deployedAt.formatted(.iso8601), "modules": request.modules.map(\.path),
                "settings": try JSONSerialization.jsonObject(with: request.settings),
            ]
            try DurableFiles.create(dir + "/deployment.json",
                                    Array(try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])))
            try DurableFiles.syncDirectory(dir)
            try DurableFiles.syncDirectory(app)
            if isNewApp { try DurableFiles.syncDirectory(appsDir) }
        } catch {
            discard(request.name, version)
            throw error
        }
        let modules = URL(fileURLWithPath: dir + "/modules", isDirectory: true)
        return Written(modulesRoot: modules, main: modules.appendingPathComponent(request.main))
    }

    /// Removes a version that will not be put in force (it failed to load,
    /// or could not be written), and the app's folder if it has no version
    /// in force.
    func discard(_ name: String, _ version: Int) {
        DurableFiles.removeTree(versionDir(name, version))
        if !FileManager.default.fileExists(atPath: appDir(name) + "/current") {
            DurableFiles.removeTree(appDir(name))
        }
    }

    /// Puts `version` in force: the one step after which a restart serves it.
    func commit(_ name: String, _ version: Int) throws {
        try DurableFiles.replace(appDir(name) + "/current", with: Array("\(version)\n".utf8))
    }

    /// Removes every version folder of `name` but `keep` (and temporary
    /// files): they are no longer in force.
    func removeOtherVersions(_ name: String, keep: Int) {
        let dir = appDir(name)
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where entry != "current" && entry != "v\(keep)" {
            DurableFiles.removeTree(dir + "/" + entry)
        }
    }

    // MARK: - Delete

    /// Removes the app: one rename takes it out of the store (a restart no
    /// longer sees it), then its files go.
    func remove(_ name: String) throws {
        let gone = appsDir + "/.deleted-\(name)-\(UUID().uuidString)"
        try DurableFiles.move(appDir(name), to: gone)
        DurableFiles.removeTree(gone)
    }
}
