// `make bench` (engine part): isolate start-up cost from the runtime snapshot.
// Printed as a Markdown table; nothing here is a pass/fail test.
import Foundation
import NanoEngine
import NanoRuntime

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

// CPU time of the calling thread, in ms: unlike the wall clock, it does not
// count the time this thread waited for a core (the machine has two, and a
// build or a peer may be using them).
func threadCPUms() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

let clock = ContinuousClock()

// `nano-bench --breakdown`: what each runtime script adds to an isolate.
if CommandLine.arguments.contains("--breakdown") {
    let scripts = try RuntimeSnapshot.scripts()
    print("| scripts up to | snapshot size | heap used after creation | create median |")
    print("|---|---|---|---|")
    for n in 1...scripts.count {
        let snap = try Snapshot.build(scripts: Array(scripts.prefix(n)), ops: RuntimeSnapshot.ops)
        var times: [Double] = []
        var used = 0
        for _ in 0..<60 {
            let t0 = clock.now
            let isolate = try Isolate(snapshot: snap)
            times.append(seconds(clock.now - t0) * 1000)
            used = isolate.heapStatistics().used
        }
        print("| \(scripts[n - 1].name) | \(snap.byteCount / 1024) KB | \(used / 1024) KB | \(String(format: "%.2f ms", percentile(times, 0.5))) |")
    }
    exit(0)
}

// `nano-bench --without crypto,idna`: isolate start-up with the runtime
// scripts whose names contain one of these words left out (what each costs).
if let flag = CommandLine.arguments.firstIndex(of: "--without"), flag + 1 < CommandLine.arguments.count {
    let skip = CommandLine.arguments[flag + 1]
    let names = skip.split(separator: ",").map(String.init)
    let scripts = try RuntimeSnapshot.scripts().filter { s in !names.contains { s.name.contains($0) } }
    let snap = try Snapshot.build(scripts: scripts, ops: RuntimeSnapshot.ops)
    let keeper = try Isolate(snapshot: snap)
    var times: [Double] = []
    var cpu: [Double] = []
    var used = 0
    for _ in 0..<300 {
        let t0 = clock.now
        let c0 = threadCPUms()
        let isolate = try Isolate(snapshot: snap)
        cpu.append(threadCPUms() - c0)
        times.append(seconds(clock.now - t0) * 1000)
        used = isolate.heapStatistics().used
    }
    withExtendedLifetime(keeper) {}
    print("without \(skip): \(snap.byteCount / 1024) KB snapshot, \(used / 1024) KB heap, \(String(format: "%.2f ms (CPU %.2f ms)", percentile(times, 0.5), percentile(cpu, 0.5)))")
    exit(0)
}
// 1. Snapshot build (the runtime's JS evaluated into a fresh context).
var buildTimes: [Double] = []
var snapshot: Snapshot! = nil
for _ in 0..<5 {
    let t0 = clock.now
    snapshot = try RuntimeSnapshot.build()
    buildTimes.append(seconds(clock.now - t0) * 1000)
}
let snapshotBytes = snapshot.byteCount

// 2. Isolate + context creation from the snapshot, median of 200.
// One isolate stays alive meanwhile, as in a serving process: V8 shares its
// read-only heap between live isolates and rebuilds it when none is left.
let keeper = try Isolate(snapshot: snapshot)
for _ in 0..<10 { _ = try Isolate(snapshot: snapshot) }  // warm up allocator and page cache
var createTimes: [Double] = []
var createCPU: [Double] = []
for _ in 0..<200 {
    let t0 = clock.now
    let c0 = threadCPUms()
    let isolate = try Isolate(snapshot: snapshot)
    createCPU.append(threadCPUms() - c0)
    createTimes.append(seconds(clock.now - t0) * 1000)
    withExtendedLifetime(isolate) {}
}

// 3. RSS per idle isolate: 300 isolates kept alive, each having run a script.
let before = residentBytes()
var isolates: [Isolate] = []
for _ in 0..<300 {
    let isolate = try Isolate(snapshot: snapshot)
    _ = try isolate.runScript("typeof console")
    isolates.append(isolate)
}
let after = residentBytes()
let perIsolate = Double(after - before) / 300
isolates.removeAll()

func ms(_ v: Double) -> String { String(format: "%.2f ms", v) }
let mb = 1024.0 * 1024.0

print("""
## NANO engine start-up (V8 \(V8Platform.version), \(ProcessInfo.processInfo.activeProcessorCount) cores)

| measure | value | target |
|---|---|---|
| snapshot build (median of 5) | \(ms(percentile(buildTimes, 0.5))) | — |
| snapshot size | \(String(format: "%.2f MB", Double(snapshotBytes) / mb)) | — |
| isolate + context from snapshot, median of 200 | \(ms(percentile(createTimes, 0.5))) | ≤ 2 ms |
| isolate + context from snapshot, p99 of 200 | \(ms(percentile(createTimes, 0.99))) | — |
| the same, thread CPU time, median of 200 | \(ms(percentile(createCPU, 0.5))) | — |
| RSS per idle isolate (300 isolates) | \(String(format: "%.2f MB", perIsolate / mb)) | ≤ 2 MB |
| RSS of the process with 300 isolates | \(String(format: "%.1f MB", Double(after) / mb)) | — |
""")
