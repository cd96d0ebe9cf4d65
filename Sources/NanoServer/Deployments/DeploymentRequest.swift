import Foundation

/// The body of `PUT /admin/apps/{name}`, checked: every module path is
/// safe, `main` is one of the modules, and routes, env, secrets and limits
/// follow the config file's rules (the same parser). Nothing is written
/// before this has passed.
///
/// ```json
/// { "modules": { "index.js": "...", "lib/x.js": "..." }, "main": "index.js",
///   "routes": ["*/api/*"], "env": {"K": "v"}, "secrets": {"S": "..."},
///   "limits": {"cpuMs": 50}, "allowEval": false }
/// ```
struct DeploymentRequest: Sendable {
    static let defaultMain = "index.js"

    let name: String
    let main: String
    /// Path → source text, in path order.
    let modules: [(path: String, source: String)]
    /// routes, env, limits and the allow* switches as sent, as JSON: what
    /// deployment.json keeps (secrets go to their own file).
    let settings: Data
    let secrets: [(name: String, value: String)]
    /// The app as it will run, except where its modules are (known once
    /// they are written).
    let app: AppConfig

    static func parse(_ body: Data, name: String, varLimits: VarLimits) throws(AdminError) -> DeploymentRequest {
        guard AppConfig.isValidName(name) else {
            throw .invalid("The app name \"\(name)\" is not valid: \(AppConfig.nameRule).", code: "invalid_name")
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: body, options: [])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw .invalid("The body is not valid JSON: \(reason)", code: "invalid_json")
        }
        do {
            let object = try JSONObject(root, at: "the body")
            try object.allowOnly(AppConfig.sharedKeys.union(["modules", "main"]))
            guard let files = try object.object("modules"), !files.keys.isEmpty else {
                throw AdminError.invalid("\"modules\" is required: an object of module path → source text.")
            }
            if files.keys.count > ModulePath.maxModules {
                throw AdminError.invalid("\"modules\" has \(files.keys.count) files, more than \(ModulePath.maxModules).")
            }
            var modules: [(path: String, source: String)] = []
            for path in files.keys {
                if let problem = ModulePath.problem(path) {
                    throw AdminError.invalid("The module path \(quoted(path)) \(problem).", code: "invalid_module_path")
                }
                guard let source = files.raw[path] as? String else {
                    throw AdminError.invalid("modules[\(quoted(path))] must be a string (the module's source).")
                }
                modules.append((path, source))
            }
            if let both = ModulePath.fileAndFolder(modules.map(\.path)) {
                throw AdminError.invalid("\(quoted(both)) is both a module and a folder of modules.", code: "invalid_module_path")
            }
            let main = try object.string("main") ?? defaultMain
            guard files.raw[main] != nil else {
                throw AdminError.invalid("\"main\" is \(quoted(main)), which is not one of the modules.")
            }
            // Where the modules go is not known yet; the template's module
            // path is replaced once they are written.
            var app = AppConfig(name: name, module: URL(fileURLWithPath: "/"), routes: [])
            try app.read(object, varLimits: varLimits)
            var kept: [String: Any] = [:]
            for key in AppConfig.sharedKeys where key != "secrets" { kept[key] = object.raw[key] }
            let settings = try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys])
            return DeploymentRequest(name: name, main: main, modules: modules, settings: settings,
                                     secrets: app.secrets, app: app)
        } catch let error as AdminError {
            throw error
        } catch let error as ConfigError {
            throw .invalid(error.description)
        } catch {
            throw .invalid("\(error)")
        }
    }

    /// A path as JSON would write it: control characters cannot garble the
    /// message.
    static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
        return data.map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "\"?\""
    }
}

extension AppConfig {
    /// A deployed app's config from what deployment.json and secrets.json
    /// keep: the same parser as a deploy and the config file.
    static func deployed(name: String, settings: [String: Any], secrets: [String: String], main: URL,
                         modulesRoot: URL, varLimits: VarLimits) throws -> AppConfig {
        var fields = settings
        fields["secrets"] = secrets
        var app = AppConfig(name: name, module: main, routes: [])
        app.root = modulesRoot
        try app.read(JSONObject(fields, at: "app \"\(name)\""), varLimits: varLimits)
        return app
    }
}
