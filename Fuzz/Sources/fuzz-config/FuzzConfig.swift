import Foundation
import FuzzDriver
import RemindCore
import RemindDelivery

/// Any text as a config file: loaded and validated, errors are fine, a crash or a stall is
/// not. Includes resolve in a folder that does not exist, so the text is all there is. A
/// config that loads is also written as a snapshot and read back, and must come back the
/// same. Input starting with byte 0xFF is, after it, read as a snapshot's config bytes:
/// refused or read, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if size > 0 && data[0] == 0xFF {
        let d = CompactDecoder(UnsafeRawBufferPointer(start: data + 1, count: size - 1))
        _ = try? d.decode(Config.self).items.count
        return 0
    }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let path = "/nonexistent/remindd-fuzz/remindd.yaml"
        let config = try ConfigLoader.load(text: text, path: path, kinds: Channels.kinds, files: NoConfigFiles())
        let bytes = ConfigSnapshot.encode(config, build: "fuzz", cwd: "/", path: path, itemsPerPart: 2)
        let (back, outcome) = ConfigSnapshot.decode(bytes, build: "fuzz", cwd: "/", path: path, files: NoConfigFiles())
        guard outcome == .loaded, let back, back.items == config.items, back.channels == config.channels,
              back.people == config.people, back.meetings == config.meetings, back.events == config.events,
              back.calendar == config.calendar, back.defaultPolicy == config.defaultPolicy, back.digests == config.digests,
              back.keyLocations == config.keyLocations, back.templates == config.templates,
              config.items.allSatisfy({ back.item($0.id) == config.item($0.id) })
        else { fatalError("a loaded config does not come back the same from its snapshot (\(outcome))") }
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
