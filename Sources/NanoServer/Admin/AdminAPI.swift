import Foundation
import NanoRuntime

/// One admin request, its body read in full.
struct AdminRequest: Sendable {
    var method: String
    /// The path without the query.
    var path: String
    var body: Data
}

/// One admin response: JSON.
struct AdminResponse: Sendable {
    var status: Int
    var body: Data
    var headers: [(String, String)] = []
    var contentType = "application/json"

    static func json(_ status: Int, _ object: [String: Any]) -> AdminResponse {
        var body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        body.append(0x0A)
        return AdminResponse(status: status, body: body)
    }

    static func error(_ error: AdminError) -> AdminResponse {
        var response = json(error.status, error.json)
        if error.status == 401 { response.headers.append(("www-authenticate", "Bearer")) }
        if !error.allowed.isEmpty { response.headers.append(("allow", error.allowed.joined(separator: ", "))) }
        return response
    }
}

/// The admin API's endpoints (see docs/admin-openapi.yaml). The caller has
/// checked the token (AdminAuth) before reading the body.
struct AdminAPI: Sendable {
    let server: HTTPServer
    let token: String

    func isAuthorized(_ header: String?) -> Bool { AdminAuth.isAuthorized(header, token: token) }

    func handle(_ request: AdminRequest) async -> AdminResponse {
        do {
            return try await route(request)
        } catch let error as AdminError {
            return .error(error)
        } catch {
            return .error(AdminError(500, "internal_error", "\(error)"))
        }
    }

    private func route(_ request: AdminRequest) async throws -> AdminResponse {
        switch request.path {
        case "/healthz":
            try allow(request, ["GET"])
            return .json(200, ["status": "ok"])
        case "/readyz":
            try allow(request, ["GET"])
            if server.isShuttingDown {
                return .error(AdminError(503, "not_ready", "The server is draining for shutdown."))
            }
            return .json(200, ["status": "ready"])
        case "/metrics":
            try allow(request, ["GET"])
            var response = AdminResponse(status: 200, body: Data(await server.metricsText().utf8))
            response.contentType = "text/plain; version=0.0.4; charset=utf-8"
            return response
        case "/admin/apps":
            try allow(request, ["GET"])
            return .json(200, ["apps": server.routedApps.map(AdminAppJSON.describe)])
        default:
            let prefix = "/admin/apps/"
            guard request.path.hasPrefix(prefix) else { throw AdminError.notFound }
            let name = String(request.path.dropFirst(prefix.count))
            guard !name.isEmpty, !name.contains("/") else { throw AdminError.notFound }
            switch request.method {
            case "GET": return try await get(name)
            case "PUT": return try await put(name, request.body)
            case "DELETE": return try await delete(name)
            default: throw AdminError.methodNotAllowed(["GET", "PUT", "DELETE"])
            }
        }
    }

    private func allow(_ request: AdminRequest, _ methods: [String]) throws {
        if !methods.contains(request.method) { throw AdminError.methodNotAllowed(methods) }
    }

    private func get(_ name: String) async throws -> AdminResponse {
        guard let app = server.routedApps.first(where: { $0.name == name }) else { throw AdminError.appNotFound(name) }
        var object = AdminAppJSON.describe(app)
        object["stats"] = AdminAppJSON.describe(await server.statistics(of: name))
        return .json(200, object)
    }

    private func put(_ name: String, _ body: Data) async throws -> AdminResponse {
        let varLimits = server.current.withLock { $0.config.varLimits }
        let request = try DeploymentRequest.parse(body, name: name, varLimits: varLimits)
        let outcome = try await server.deploy(request)
        return .json(outcome.created ? 201 : 200, AdminAppJSON.describe(outcome.app))
    }

    private func delete(_ name: String) async throws -> AdminResponse {
        try await server.undeploy(name)
        return .json(200, ["name": name, "deleted": true])
    }
}
