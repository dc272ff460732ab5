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
enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    /// Returns freed heap pages to the system; true when the C library could.
    @discardableResult
    static func release() -> Bool {
        guard let trim else { return false }
        return trim(0) == 1
    }
}
