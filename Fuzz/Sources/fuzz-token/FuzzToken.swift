import Foundation
import FuzzDriver
import RemindCore

let fuzzKeys = try! LinkKeys(parsing: "k1:" + Data(repeating: 0x5A, count: 32).base64EncodedString() + "\n"
                                       + "k0:" + Data(repeating: 0x11, count: 32).base64EncodedString())
let fuzzNow = Date(timeIntervalSince1970: 1_800_000_000)

/// Any text as an action-link token (or, when it starts with `#keys\n`, as a key file):
/// refused or accepted, never a trap or a stall. A token that verifies says the same once
/// signed again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzToken(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if text.hasPrefix("#keys\n") {
        if let keys = try? LinkKeys(parsing: text) {
            let t = ActionToken(item: "x", action: .done, expires: fuzzNow.addingTimeInterval(60)).signed(with: keys)
            guard case .success = ActionToken.verify(Substring(t), keys: keys, now: fuzzNow) else {
                fatalError("a token signed with a parsed key file does not verify")
            }
        }
        return 0
    }
    if case .success(let token) = ActionToken.verify(Substring(text), keys: fuzzKeys, now: fuzzNow) {
        guard ActionToken.verify(Substring(token.signed(with: fuzzKeys)), keys: fuzzKeys, now: fuzzNow) == .success(token) else {
            fatalError("a verified token does not survive signing it again")
        }
    }
    return 0
}

@_cdecl("fuzz_token_main")
public func fuzzTokenMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzToken(data, size)
    }
}
