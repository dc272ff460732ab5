import Foundation
import FuzzDriver
import RemindCore

let fuzzKeys = try! LinkKeys(parsing: "k1:" + Data(repeating: 0x5A, count: 32).base64EncodedString())
let fuzzItems = ReplyToken.ItemIndex(["mbzk-aedes", "jenv-prt", "sjenv-taakstelling"])
let fuzzReplyTo = ReplyAddress(pattern: "lrt+{token}@example.org")!

/// Any bytes as a message in the reply mailbox: read, never a trap or a stall. What comes
/// out is bounded and normalised (addresses lowercased, ids in angle brackets), automatic
/// mail carries no action, and a reply that reads as a command reads as the same command
/// once its cut text is sent again as a plain UTF-8 message in base64.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReply(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reply = ReplyReader.read(bytes)
    precondition(reply.text.count <= ReplyReader.maxTextCharacters, "text of \(reply.text.count) characters")
    precondition(reply.subject.count <= ReplyReader.maxTextCharacters, "subject of \(reply.subject.count) characters")
    if reply.automatic != nil { precondition(reply.action == nil, "an action for automatic mail") }
    for address in reply.recipients + (reply.sender.map { [$0] } ?? []) {
        precondition(address == address.lowercased() && address.contains("@"), "address \(address)")
    }
    for id in reply.inReplyTo + reply.references + (reply.messageID.map { [$0] } ?? []) {
        precondition(id.hasPrefix("<") && id.hasSuffix(">") && !id.contains(where: \.isWhitespace), "id \(id)")
    }
    if let token = fuzzReplyTo.token(inAny: reply.recipients) {
        _ = ReplyToken.verify(token, keys: fuzzKeys, index: fuzzItems)
    }
    _ = ReplyToken.verify(String(decoding: bytes.prefix(40), as: UTF8.self), keys: fuzzKeys, index: fuzzItems)

    if case .command(let command) = reply.reading {
        let again = Array("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
            + Array(Data(reply.text.utf8).base64EncodedString(options: .lineLength76Characters).utf8)
        let reread = ReplyReader.read(again)
        precondition(reread.reading == .command(command), "\(command) reads as \(reread.reading) once sent again")
    }
    return 0
}

@_cdecl("fuzz_reply_main")
public func fuzzReplyMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzReply(data, size)
    }
}
