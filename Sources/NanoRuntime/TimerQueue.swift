import NIOCore

/// The pending timers of one isolate, earliest first; timers due at the same
/// instant keep the order they were started in (HTML: same timeout, insertion
/// order). Cancelled timers are dropped lazily.
struct TimerQueue {
    struct Entry {
        let deadline: NIODeadline
        let sequence: UInt64
        let id: Int
    }

    private var heap: [Entry] = []
    /// Live timers: id -> sequence of its current entry.
    private var live: [Int: UInt64] = [:]
    private var nextSequence: UInt64 = 0

    var count: Int { live.count }
    var isEmpty: Bool { live.isEmpty }

    mutating func add(id: Int, deadline: NIODeadline) {
        nextSequence += 1
        live[id] = nextSequence
        heap.append(Entry(deadline: deadline, sequence: nextSequence, id: id))
        siftUp(heap.count - 1)
    }

    mutating func cancel(id: Int) {
        live[id] = nil
    }

    mutating func removeAll() {
        heap.removeAll()
        live.removeAll()
    }

    /// The earliest live deadline.
    mutating func nextDeadline() -> NIODeadline? {
        dropDead()
        return heap.first?.deadline
    }

    /// Removes and returns the earliest live timer if it is due by `now`.
    mutating func popDue(now: NIODeadline) -> Int? {
        dropDead()
        guard let first = heap.first, first.deadline <= now else { return nil }
        removeFirst()
        live[first.id] = nil
        return first.id
    }

    private mutating func dropDead() {
        while let first = heap.first, live[first.id] != first.sequence {
            removeFirst()
        }
    }

    private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence
    }

    private mutating func removeFirst() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < heap.count, Self.before(heap[left], heap[first]) { first = left }
            if right < heap.count, Self.before(heap[right], heap[first]) { first = right }
            if first == parent { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
