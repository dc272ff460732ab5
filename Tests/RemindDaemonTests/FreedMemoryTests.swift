import Foundation
import Testing
@testable import RemindDaemon

/// `mallopt` is looked up by name at run time (Swift's Glibc module does not export
/// <malloc.h>); a wrong name or option value would only show in the benchmark's RSS.
@Suite struct FreedMemoryTests {
    @Test func glibcTakesOneHeap() {
        #if canImport(Glibc)
        #expect(FreedMemory.useOneHeap())
        #endif
    }
}
