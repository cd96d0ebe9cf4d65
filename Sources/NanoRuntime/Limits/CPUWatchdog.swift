import Foundation
import NanoEngine
#if canImport(Glibc)
import Glibc
#endif

/// Stops JavaScript that uses more CPU than it may: one thread for the
/// process watches every event-loop thread that is running JS.
///
/// A loop thread brackets each entry into JS with `begin` / `end`. The
/// watchdog reads that thread's CPU clock (CLOCK_THREAD_CPUTIME_ID through
/// pthread_getcpuclockid), so time spent waiting — for I/O, a timer, the
/// scheduler — costs nothing. It sleeps until the earliest moment an entry
/// could be over budget (CPU time never runs ahead of wall time), checks, and
/// terminates the isolate of an entry that is over; otherwise it sleeps for
/// what is left. Under steady load that is one wake-up per budget, and no
/// signal at all from the loop threads unless the watchdog had nothing to
/// watch.
///
/// The loop threads themselves do not read their CPU clock per entry: that
/// is a system call (not vDSO) costing about a microsecond, as much as a
/// small request's whole JavaScript. Instead a slot keeps an *anchor*, a
/// CPU-clock reading at most `anchorMaxAge` old (refreshed by `begin` when
/// older, so at most ~1,000 reads a second). Because CPU time never runs
/// ahead of wall time, the CPU clock at `begin` lies between the anchor and
/// the anchor plus the wall time since it: the watchdog kills on the lower
/// bound of what an entry used (late by at most `anchorMaxAge` of CPU,
/// never early). What an entry is charged at `end` is its wall time when
/// that is under `anchorMaxAge` (at most what it ran, plus any preemption
/// within that short window), and otherwise the CPU clock read then, capped
/// by the wall time.
public final class CPUWatchdog: @unchecked Sendable {
    // Sendable: every mutable field is read and written with `condition`
    // held; the watchdog thread and the loop threads share nothing else.

    public static let shared = CPUWatchdog()

    /// One event-loop thread's watch: made on that thread, used only there
    /// (and by the watchdog, under its lock).
    public final class Slot: @unchecked Sendable {
        // Sendable: fields below are guarded by the watchdog's `condition`,
        // except `clock`, which is immutable.
        fileprivate let clock: clockid_t
        fileprivate var active = false
        fileprivate var startWall: Int64 = 0
        /// The anchor the current entry started from (see the type's doc).
        fileprivate var startAnchorCPU: Int64 = 0
        fileprivate var startAnchorWall: Int64 = 0
        fileprivate var budget: Int64 = 0
        fileprivate var wallDeadline: Int64 = 0
        fileprivate var terminator: Terminator?
        fileprivate var fired = false
        // Strong: the watchdog lives as long as the process anyway.
        fileprivate let owner: CPUWatchdog
        /// The loop thread's own copy of the anchor (only it touches these).
        private var anchorCPU: Int64 = 0
        private var anchorWall: Int64 = -CPUWatchdog.anchorMaxAge - 1  // stale: the first begin reads

        fileprivate init(clock: clockid_t, owner: CPUWatchdog) {
            self.clock = clock
            self.owner = owner
        }

        /// CPU time of this thread so far, in nanoseconds (a system call).
        public func now() -> Int64 { cpuNanoseconds(clock) }

        /// What `begin` returns and `end` takes.
        public struct Start: Sendable {
            fileprivate let wall: Int64
            fileprivate let anchorCPU: Int64
        }

        /// JS starts running with `budgetNanoseconds` of CPU before the
        /// watchdog terminates `terminator`.
        public func begin(budgetNanoseconds: Int64, terminator: Terminator) -> Start {
            var wall = monotonicNanoseconds()
            if wall - anchorWall > CPUWatchdog.anchorMaxAge {
                anchorCPU = now()
                wall = monotonicNanoseconds()
                anchorWall = wall
            }
            owner.arm(self, wall: wall, anchorCPU: anchorCPU, anchorWall: anchorWall, budget: budgetNanoseconds,
                      terminator: terminator)
            return Start(wall: wall, anchorCPU: anchorCPU)
        }

        /// What `end` would charge if JS stopped now (wall time so far; a
        /// vDSO clock read, no system call).
        public func chargedSoFar(_ start: Start) -> Int64 {
            max(0, monotonicNanoseconds() - start.wall)
        }

        /// JS stopped running. Returns (CPU charged, whether the watchdog
        /// terminated it for going over budget).
        public func end(_ start: Start) -> (used: Int64, overBudget: Bool) {
            let wall = monotonicNanoseconds()
            let elapsed = wall - start.wall
            var used = elapsed
            if elapsed >= CPUWatchdog.anchorMaxAge {
                let cpu = now()
                used = min(elapsed, cpu - start.anchorCPU)
                anchorCPU = cpu
                anchorWall = wall
            }
            let fired = owner.disarm(self)
            return (max(used, 0), fired)
        }
    }

    /// How old a slot's CPU-clock anchor may get (1 ms): the bound on how
    /// late the watchdog may stop an entry, and the wall time under which an
    /// entry is charged its wall time.
    static let anchorMaxAge: Int64 = 1_000_000

    private let condition = NSCondition()
    private var slots: [Slot] = []
    private var watching = false  // the thread waits with a deadline (not idle)
    private var sleepUntil: Int64 = .max  // wall clock (monotonic ns) of its next check
    private var thread: Thread?

    /// The watch of the calling thread (call once per event-loop thread).
    public func slotForCurrentThread() -> Slot {
        var clock = clockid_t()
        let ok = pthread_getcpuclockid(pthread_self(), &clock) == 0
        let slot = Slot(clock: ok ? clock : CLOCK_THREAD_CPUTIME_ID, owner: self)
        condition.lock()
        slots.append(slot)
        if thread == nil {
            let t = Thread { [unowned self] in self.run() }
            t.name = "nano-cpu-watchdog"
            t.start()
            thread = t
        }
        condition.unlock()
        return slot
    }

    /// Stops watching a thread (its event loop is going away).
    public func remove(_ slot: Slot) {
        condition.lock()
        slots.removeAll { $0 === slot }
        condition.unlock()
    }

    fileprivate func arm(_ slot: Slot, wall: Int64, anchorCPU: Int64, anchorWall: Int64, budget: Int64,
                         terminator: Terminator) {
        let deadline = wall + budget
        condition.lock()
        slot.active = true
        slot.fired = false
        slot.startWall = wall
        slot.startAnchorCPU = anchorCPU
        slot.startAnchorWall = anchorWall
        slot.budget = budget
        slot.wallDeadline = deadline
        slot.terminator = terminator
        if deadline < sleepUntil {
            sleepUntil = deadline
            condition.signal()
        }
        condition.unlock()
    }

    fileprivate func disarm(_ slot: Slot) -> Bool {
        condition.lock()
        slot.active = false
        slot.terminator = nil
        let fired = slot.fired
        slot.fired = false
        condition.unlock()
        return fired
    }

    private func run() {
        condition.lock()
        while true {
            let now = monotonicNanoseconds()
            var next: Int64 = .max
            for slot in slots where slot.active && !slot.fired {
                if slot.wallDeadline <= now {
                    // At least this much CPU since `begin` (see the type's doc).
                    let used = cpuNanoseconds(slot.clock) - slot.startAnchorCPU - (slot.startWall - slot.startAnchorWall)
                    if used >= slot.budget {
                        slot.fired = true
                        slot.terminator?.terminate()
                        continue
                    }
                    // Not over yet: CPU cannot run ahead of wall time.
                    slot.wallDeadline = now + (slot.budget - used)
                }
                next = min(next, slot.wallDeadline)
            }
            sleepUntil = next
            if next == .max {
                condition.wait()
            } else {
                let seconds = Double(next - now) / 1e9
                _ = condition.wait(until: Date(timeIntervalSinceNow: max(seconds, 0.000_5)))
            }
        }
    }
}

func cpuNanoseconds(_ clock: clockid_t) -> Int64 {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

func monotonicNanoseconds() -> Int64 {
    cpuNanoseconds(CLOCK_MONOTONIC)
}
