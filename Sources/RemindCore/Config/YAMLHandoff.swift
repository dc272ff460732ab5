import Dispatch
import Foundation

/// Parses YAML on a helper thread while the caller reads the items already parsed.
///
/// Why: for a large config, parsing (libyaml) and reading items (checks, deadline
/// grammar) each take about half the load; side by side on two cores the load takes
/// little more than the longer of them. The caller's reading stays on its own thread, in
/// file order, so nothing about the draft becomes shared.
enum YAMLHandoff {
    /// Composes `text`; `readItem` gets each root `items:` entry, in order, on the calling
    /// thread while parsing goes on. Returns the tree (with `items` left empty) once both
    /// are done, or the parse error (some items may have been read by then).
    static func compose(_ text: String, readItem: (YAMLNode) -> Void) throws -> YAMLNode? {
        let queue = Queue()
        var composer = YAMLComposer()
        composer.itemSink = { queue.put($0) }
        let c = composer
        // A queue of its own, not a global one: libdispatch on Linux watches its global
        // pools with a timer that then wakes the process every second for good, and the
        // daemon must sleep between reminders.
        DispatchQueue(label: "remindd.yaml").async {
            queue.finish(Result { try c.compose(text) })
        }
        while let node = queue.take() { readItem(node) }
        return try queue.result!.get()
    }

    /// Bounded, so a fast parser does not build the whole list in memory after all.
    private final class Queue: @unchecked Sendable {
        private let condition = NSCondition()
        private var nodes: [YAMLNode] = []
        private var head = 0
        private(set) var result: Result<YAMLNode?, any Error>?
        private let capacity = 512

        func put(_ n: YAMLNode) {
            condition.lock()
            while nodes.count - head >= capacity { condition.wait() }
            nodes.append(n)
            if nodes.count - head == 1 { condition.broadcast() }
            condition.unlock()
        }

        func finish(_ r: Result<YAMLNode?, any Error>) {
            condition.lock()
            result = r
            condition.broadcast()
            condition.unlock()
        }

        /// The next node, or nil once parsing finished and every node was taken.
        func take() -> YAMLNode? {
            condition.lock()
            defer { condition.unlock() }
            while head == nodes.count && result == nil { condition.wait() }
            guard head < nodes.count else { return nil }
            let n = nodes[head]
            head += 1
            if head == nodes.count {
                nodes.removeAll(keepingCapacity: true)
                head = 0
                condition.broadcast()
                return n
            }
            // Nodes already taken go as the queue moves on, not only when it runs empty: a
            // parser that stays ahead never lets it, and the list kept every item's tree
            // (tens of MB in the helper's allocator, left resident after the load).
            if head >= capacity {
                nodes.removeFirst(head)
                head = 0
            }
            if nodes.count - head == capacity / 2 {
                condition.broadcast()
            }
            return n
        }
    }
}
