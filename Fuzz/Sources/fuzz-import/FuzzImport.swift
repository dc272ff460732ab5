import Foundation
import FuzzDriver
import MinutesImport
import RemindCore

/// Any bytes as minutes: decoded as the command decodes a file, drafted with a meeting date
/// or without one (looked for in the text), and written as YAML and JSON. Refusing
/// unreadable input is fine. Which of the two is the input's to say (its length, odd or
/// even): the mutations take both ways, at the cost of one draft per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = try? MinutesText.decode(Data(bytes: data, count: size)) else { return 0 }
    let date = size % 2 == 0 ? nil : LocalDate(year: 2023, month: 9, day: 25)
    let result = MinutesImporter.extract(text, options: ImportOptions(meetingDate: date))
    _ = DraftYAML.render(result)
    _ = DraftJSON.render(result)
    return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver, with the input above.
@_cdecl("fuzz_import_main")
public func fuzzImportMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzImport(data, size)
    }
}
