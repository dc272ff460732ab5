/// Where each item is in `Config.items`, by id: open addressing with linear probing over
/// `Int32` positions, hashed on the id and checked against the item itself, so the ids are
/// not copied. A table of 100,000 items takes 0.5 MB where a `[String: Int]` took 6.3.
///
/// Built from one array of items; a lookup in an array the table was not built from finds
/// nothing it should not (every hit is checked against the item's id) but may miss items.
struct ItemIDTable: Sendable {
    /// Positions, or -1 for an empty slot; a power of two long, at most four fifths full
    /// (a hit takes about three probes, each a comparison of two ids).
    private var slots: [Int32] = []

    init() {}

    /// The positions of `items`; of items sharing an id, the last.
    init(_ items: [Item]) {
        guard !items.isEmpty else { return }
        precondition(items.count < Int(Int32.max), "too many items for the id table")
        var size = 8
        while size * 4 < items.count * 5 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        items.withUnsafeBufferPointer { items in
            for i in items.indices {
                let id = items[i].id
                var s = Self.hash(id) & mask
                while true {
                    let p = Int(slots[s])
                    if p < 0 || items[p].id == id {
                        slots[s] = Int32(i)
                        break
                    }
                    s = (s + 1) & mask
                }
            }
        }
        self.slots = slots
    }

    /// The position in `items` (the array the table was built from) of the item `id`.
    func position(of id: String, in items: [Item]) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var s = Self.hash(id) & mask
        while true {
            let p = Int(slots[s])
            if p < 0 { return nil }
            if p < items.count && items[p].id == id { return p }
            s = (s + 1) & mask
        }
    }

    /// FNV-1a over an ASCII id's bytes: ids are short, and the standard hasher's seeding and
    /// finishing cost more than the lookup itself when an agenda asks half a million times.
    /// Other ids are hashed as strings, so canonically equal spellings still meet.
    static func hash(_ id: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 {
            if b >= 0x80 { return id.hashValue }
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        // The low bits pick the slot: fold the high ones in.
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Slots in use (tests).
    var count: Int { slots.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// Slots in all (tests).
    var capacity: Int { slots.count }
}
