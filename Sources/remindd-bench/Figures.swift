import Foundation
import RemindCore

/// The `key value` lines a subcommand reports, and the small statistics they need.
enum Figures {
    static func emit(_ key: String, _ value: Double, digits: Int = 3) {
        print("\(key) \(format(value, digits: digits))")
    }

    static func emit(_ key: String, _ value: Int) {
        print("\(key) \(value)")
    }

    static func format(_ v: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", v)
    }

    /// Nearest-rank percentile of sorted values (`p` in 0...100).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// Progress and notes for people, never mixed into the figures.
    static func note(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}

/// Seconds on the monotonic clock, for durations (the wall clock may be stepped).
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// A small deterministic generator, so a fixture is the same on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `2025-03-02T09:15:00.123456Z`, for instants written into generated configs.
func isoMicro(_ date: Date) -> String {
    let t = date.timeIntervalSince1970
    let whole = t.rounded(.down)
    let micros = Int(((t - whole) * 1_000_000).rounded(.down))
    let day = Int((whole / 86_400).rounded(.down))
    let secs = Int(whole) - day * 86_400
    let d = LocalDate(dayNumber: day).description
    return d + String(format: "T%02d:%02d:%02d.%06dZ", secs / 3600, (secs / 60) % 60, secs % 60, micros)
}
