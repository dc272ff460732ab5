import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed after loading back to the operating system.
///
/// Why: reading a large config builds a YAML tree many times the size of what the daemon
/// keeps; glibc's allocator holds on to the freed pages, so a daemon with 100,000 items sat
/// at several hundred MB resident for its whole life. `malloc_trim(0)` releases them.
/// Looked up at run time because Swift's Glibc module does not export `<malloc.h>`; a
/// no-op on other C libraries.
public enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32

    private static let trim = function("malloc_trim", as: Trim.self)
    private static let option = function("mallopt", as: Option.self)

    /// A function of the C library by name; nil where it has none.
    private static func function<F>(_ name: String, as type: F.Type) -> F? {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
        #else
        return nil
        #endif
    }

    /// One heap for every thread (glibc's `M_ARENA_MAX` = 1), as the daemon's first act.
    ///
    /// Why: glibc gives threads that allocate at the same time heaps of their own, and what
    /// the helper threads of loading and planning leave in theirs stays resident: 28 to 43 MB
    /// of anonymous memory at READY=1 with the 100,000-item benchmark config, depending on
    /// how the threads happened to meet, against 26.4 MB every time with one heap. Start-up
    /// and durable deliveries took as long in the benchmark (docs/benchmarks.md, "One heap").
    @discardableResult
    public static func useOneHeap() -> Bool {
        // M_ARENA_MAX in <malloc.h>.
        guard let option else { return false }
        return option(-8, 1) == 1
    }

    /// Returns freed heap pages to the system; true when the C library could.
    @discardableResult
    static func release() -> Bool {
        guard let trim else { return false }
        return trim(0) == 1
    }
}
