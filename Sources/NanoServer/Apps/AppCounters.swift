/// One app's request counts on one event loop. Loop-confined, so plain
/// integers: the request path pays an increment, never a lock or an atomic.
/// The admin API sums them over the loops on demand.
final class AppCounters {
    private(set) var requests = 0
    /// Responses with a 5xx status (the app's and the server's in its place).
    private(set) var errors = 0
    /// CPU time spent in the app's JavaScript for its requests.
    private(set) var cpuNanoseconds: Int64 = 0

    func count(status: Int, cpuNanoseconds cpu: Int64) {
        requests &+= 1
        if status >= 500 { errors &+= 1 }
        cpuNanoseconds &+= cpu
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
