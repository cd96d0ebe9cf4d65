/// One app's request counts on one event loop. Loop-confined, so plain
/// integers: the request path pays an increment, never a lock or an atomic.
/// The admin API sums them over the loops on demand.
final class AppCounters {
    private(set) var requests = 0
    /// Responses with a 5xx status (the app's and the server's in its place).
    private(set) var errors = 0
    /// CPU time spent in the app's JavaScript.
    private(set) var cpuNanoseconds: Int64 = 0
    /// Responses by status code (for /metrics).
    private(set) var byStatus: [Int: Int] = [:]
    /// Requests stopped for a limit, by kind (exceeded_cpu, exceeded_memory,
    /// request_timeout).
    private(set) var limitKills: [String: Int] = [:]
    /// The app's latency histogram (swift-metrics; nil without metrics).
    let latency: RequestLatency?

    init(latency: RequestLatency? = nil) {
        self.latency = latency
    }

    func count(status: Int) {
        requests &+= 1
        if status >= 500 { errors &+= 1 }
        byStatus[status, default: 0] &+= 1
    }

    /// Every charge of the app's JS on this loop (requests, timers, its
    /// module's start), as the CPU watchdog measured it.
    func addCPU(_ nanoseconds: Int64) {
        cpuNanoseconds &+= nanoseconds
    }

    func countLimitKill(_ kind: String) {
        limitKills[kind, default: 0] &+= 1
    }
}

/// One app's figures summed over every event loop (for the admin API).
public struct AppStatistics: Sendable {
    public var requests = 0
    public var errors = 0
    public var cpuNanoseconds: Int64 = 0
    /// Live isolates (at most one per loop) and ones draining.
    public var isolates = 0
    public var retiringIsolates = 0
    public var heapUsed = 0
    public var heapTotal = 0
    public var arrayBuffers = 0

    public init() {}

    mutating func add(_ other: AppStatistics) {
        requests += other.requests
        errors += other.errors
        cpuNanoseconds += other.cpuNanoseconds
        isolates += other.isolates
        retiringIsolates += other.retiringIsolates
        heapUsed += other.heapUsed
        heapTotal += other.heapTotal
        arrayBuffers += other.arrayBuffers
    }
}
