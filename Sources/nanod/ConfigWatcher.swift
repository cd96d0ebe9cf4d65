import Dispatch
import Foundation
import NanoServer

/// Hot reload for `nanod serve --config`: the config file and every file in
/// each app's folder are checked once a second, and SIGHUP asks at once. A
/// valid change is applied in place (HTTPServer.reload); an invalid one is
/// logged with its reason and the running config stays in force.
enum ConfigWatcher {
    static func start(path: String, server: HTTPServer, drainTimeout: Duration) -> Task<Void, Never> {
        // One stream of wake-ups: true for SIGHUP, false for a second's tick.
        let (wakeups, continuation) = AsyncStream<Bool>.makeStream()
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "nanod.sighup"))
        source.setEventHandler { continuation.yield(true) }
        source.resume()
        SignalSources.keep(source)
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                continuation.yield(false)
            }
        }
        return Task {
            var seen = stamp(path)
            for await hup in wakeups {
                if Task.isCancelled { break }
                let now = stamp(path)
                guard hup || now != seen else { continue }
                seen = now
                await reload(path: path, server: server, drainTimeout: drainTimeout, why: hup ? "SIGHUP" : "a file changed")
            }
            ticker.cancel()
        }
    }

    static func reload(path: String, server: HTTPServer, drainTimeout: Duration, why: String) async {
        do {
            let config = try ServerConfig.load(path: path)
            let summary = try await server.reload(config, drainTimeout: drainTimeout)
            log("nanod: reloaded (\(why)): \(summary)")
        } catch {
            log("nanod: reload refused (\(why)), the running config stays: \(error)")
        }
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Modification times and sizes of the config and of every file under
    /// its apps' folders (what a change to any module would touch).
    static func stamp(_ path: String) -> [String: String] {
        var result: [String: String] = [:]
        func note(_ file: String) {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: file) {
                let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[file] = "\(date) \(attributes[.size] ?? 0)"
            }
        }
        note(path)
        if let config = try? ServerConfig.load(path: path) {
            // Deployments are the admin API's business: a deploy is not a
            // config change, even when the data folder is inside an app's.
            let dataDir = config.admin.map { $0.dataDir.path + "/" }
            for app in config.apps {
                let folder = app.module.deletingLastPathComponent()
                if let files = FileManager.default.enumerator(atPath: folder.path) {
                    for case let file as String in files {
                        let full = folder.appendingPathComponent(file).path
                        if let dataDir, (full + "/").hasPrefix(dataDir) {
                            files.skipDescendants()
                            continue
                        }
                        note(full)
                    }
                }
            }
        }
        return result
    }
}
