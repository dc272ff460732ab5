import Foundation
import FuzzDriver
import RemindCore
import RemindDelivery

/// Any text as a config file: loaded and validated, errors are fine, a crash or a stall is
/// not. Includes resolve in a folder that does not exist, so the text is all there is.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let config = try ConfigLoader.load(text: text, path: "/nonexistent/remindd-fuzz/remindd.yaml", kinds: Channels.kinds, files: NoConfigFiles())
        _ = config.items.count
    } catch let e as ConfigErrors {
        // Every error names a place in the file it was read from.
        for error in e.errors where error.location == nil && !error.message.isEmpty { _ = error.description }
    } catch {
        _ = "\(error)"
    }
    return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver, with the input above.
@_cdecl("fuzz_config_main")
public func fuzzConfigMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzConfig(data, size)
    }
}
