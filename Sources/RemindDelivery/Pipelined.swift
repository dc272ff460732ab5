import Dispatch
import Foundation

/// Prepares the messages of a batch on a helper thread, a little ahead of the thread that
/// sends them.
///
/// Why: a delivery is mostly waiting for the server's reply, and rendering the next message
/// (templates, MIME, JSON) costs about as much again. Done in turn, the wire sat idle half
/// the time; done side by side, a batch goes out at close to the speed of the connection
/// (`scripts/bench`: durable vs raw). The sending side keeps its order and its one
/// connection; only pure work moves to the helper. The helper runs on a queue of its own:
/// using a global queue starts libdispatch's pool monitor on Linux, a timer that wakes the
/// daemon every second from then on.
enum Pipelined {
    /// `use(item, prepare(item))` for every item, in order, on the calling thread, while
    /// `prepare` runs on a helper thread up to `ahead` items in front. Small batches skip
    /// the helper.
    static func map<Item: Sendable, Prepared: Sendable, Result>(
        _ items: [Item], ahead: Int = 32,
        prepare: @escaping @Sendable (Item) -> Prepared,
        use: (Item, Prepared) -> Result
    ) -> [Result] {
        guard items.count > 2 else { return items.map { use($0, prepare($0)) } }
        let shelf = Shelf<Prepared>(count: items.count, ahead: ahead)
        DispatchQueue(label: "remindd.prepare").async {
            for (i, item) in items.enumerated() {
                guard shelf.waitForRoom(i) else { return }
                shelf.put(prepare(item), at: i)
            }
        }
        defer { shelf.close() }
        var out: [Result] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            out.append(use(item, shelf.take(i)))
        }
        return out
    }

    /// `use(index, item, prepare(item))` in order until it returns false; what was
    /// prepared beyond that is dropped.
    static func forEach<Item: Sendable, Prepared: Sendable>(
        _ items: [Item], ahead: Int = 32,
        prepare: @escaping @Sendable (Item) -> Prepared,
        use: (Int, Item, Prepared) -> Bool
    ) {
        guard items.count > 2 else {
            for (i, item) in items.enumerated() where !use(i, item, prepare(item)) { return }
            return
        }
        let shelf = Shelf<Prepared>(count: items.count, ahead: ahead)
        DispatchQueue(label: "remindd.prepare").async {
            for (i, item) in items.enumerated() {
                guard shelf.waitForRoom(i) else { return }
                shelf.put(prepare(item), at: i)
            }
        }
        defer { shelf.close() }
        for (i, item) in items.enumerated() where !use(i, item, shelf.take(i)) { return }
    }
}

/// The hand-over between the helper and the sender: slots filled in order, at most
/// `ahead` items in front of the one being used.
private final class Shelf<Prepared>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Prepared?]
    private var filled = 0
    private var taken = 0
    private var closed = false
    private let ahead: Int
    private let count: Int
    /// When the sender waits, it waits for this many slots: a thread woken once per item
    /// costs more than the preparing itself on a busy machine.
    private var wanted = 0
    private let wakeBatch = 8

    init(count: Int, ahead: Int) {
        slots = Array(repeating: nil, count: count)
        self.count = count
        self.ahead = max(1, ahead)
    }

    /// Blocks the helper while it is `ahead` items in front; false once the sender is gone.
    func waitForRoom(_ i: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !closed && i - taken >= ahead { condition.wait() }
        return !closed
    }

    func put(_ p: Prepared, at i: Int) {
        condition.lock()
        slots[i] = p
        filled = i + 1
        if filled >= wanted { condition.broadcast() }
        condition.unlock()
    }

    func take(_ i: Int) -> Prepared {
        condition.lock()
        defer { condition.unlock() }
        if filled <= i {
            wanted = min(count, i + min(wakeBatch, max(1, ahead / 2)))
            while filled < wanted { condition.wait() }
        }
        let p = slots[i]!
        slots[i] = nil
        taken = i + 1
        if filled - taken <= ahead / 2 { condition.broadcast() }
        return p
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
