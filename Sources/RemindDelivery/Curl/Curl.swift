// The one file that imports CCurl. Everything libcurl-specific stays here: option setting
// through the typed shims, the C callbacks, and the translation of every CURLcode into a
// Swift error whose kind the notifiers classify (retryable or permanent) without knowing
// libcurl's numbers.
import CCurl
import Foundation

/// What went wrong in a transfer, in terms a notifier can classify.
struct CurlError: Error, CustomStringConvertible {
    enum Kind: Equatable {
        /// DNS lookup, TCP connect refused or unreachable.
        case connect
        case timeout
        /// The connection broke while sending or receiving, or the server said nothing.
        case transport
        /// A TLS handshake that failed for reasons other than trust (often transient).
        case tlsHandshake
        /// The peer's certificate or host name did not verify, or the CA file is unusable.
        case tlsTrust
        /// `smtp://` with STARTTLS required, and the server does not offer it.
        case tlsUnavailable
        /// The server refused the credentials.
        case loginDenied
        /// The server answered a command with an error reply (see `responseCode`).
        case serverRefused
        /// The URL or protocol is not acceptable (malformed, or not in the allowed list).
        case badURL
        /// Anything else: out of memory, internal errors.
        case other
    }

    var kind: Kind
    /// The CURLcode, for logs.
    var code: Int
    /// libcurl's message (its error buffer when set, else the generic text). May name the
    /// host; never holds credentials, which are passed to libcurl apart from the URL.
    var message: String
    /// What the server had said before the failure (SMTP reply code and lines).
    var response: CurlResponse

    var description: String { "\(message) (curl error \(code))" }
}

/// What the server answered.
struct CurlResponse {
    /// HTTP status, or the last SMTP reply code; 0 when the server said nothing.
    var code = 0
    /// HTTP: the header lines of the final response. SMTP: every reply line, in order.
    var headerLines: [String] = []
    /// HTTP response body, cut at `CurlHandle.bodyLimit` bytes; IMAP: the message bytes, or
    /// the untagged replies of a command.
    var body: [UInt8] = []
    /// The server sent more body than the transfer's limit. With a strict limit (IMAP) the
    /// transfer was stopped there.
    var overflowed = false
}

/// Settings shared by every transfer on one handle.
struct CurlSettings {
    /// `smtp,smtps` or `http,https`: libcurl refuses anything else (no `file://`).
    var protocols: String
    var connectTimeout: Double
    var timeout: Double
    /// An extra trust anchor; peer and host verification stay on regardless.
    var caFile: String?
}

/// How a mail connection (SMTP or IMAP) must be protected.
enum MailSecurity {
    /// `smtp://` or `imap://` with STARTTLS required: a server without it fails before
    /// anything else is sent (MAIL FROM, LOGIN).
    case startTLSRequired
    /// `smtps://` or `imaps://`: TLS from the first byte.
    case implicitTLS
    /// Plain text; only accepted for a loopback host.
    case none
}

/// How libcurl passes an IMAP server's answer on: every reply line (greeting, login,
/// SELECT, tagged results) to the header callback; the untagged replies of a custom command
/// (`UID SEARCH`, `UID FETCH n (…)`) to the body as lines; a message fetched through a URL
/// (`;UID=n;PARTIAL=0.N`) to the body as bytes. A custom command's literal (`{123}` and the
/// bytes after it) never reaches the body, so message bytes always come through the URL form.
enum IMAPRequest {
    /// A command sent after libcurl has logged in and selected the URL's mailbox.
    case command(String)
    /// The URL alone says what to do (a `;UID=` fetch).
    case url
}

/// `curl_global_init` must run once, before any handle and before threads race to it. A
/// global `let` is initialised lazily and thread-safely by the Swift runtime.
private let curlGlobalInit: Int = Int(curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue)

/// One libcurl easy handle, reused for every transfer of a notifier, so consecutive messages
/// travel over the same connection (one TLS handshake and one EHLO for a whole batch).
/// Not thread-safe: one notifier uses it from one queue at a time.
final class CurlHandle {
    static let bodyLimit = 16 * 1024
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let exchange = Exchange()

    init(settings: CurlSettings) throws(CurlError) {
        guard curlGlobalInit == 0, let h = curl_easy_init() else {
            throw CurlError(kind: .other, code: 2, message: "libcurl could not be initialised", response: CurlResponse())
        }
        handle = h
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        try check(ccurl_setopt_ptr(h, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(ccurl_setopt_long(h, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_setopt_str(h, CURLOPT_PROTOCOLS_STR, settings.protocols))
        try check(ccurl_setopt_str(h, CURLOPT_REDIR_PROTOCOLS_STR, settings.protocols))
        try check(ccurl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0))
        try check(ccurl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1))
        try check(ccurl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2))
        try check(ccurl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.connectTimeout)))
        try check(ccurl_setopt_long(h, CURLOPT_TIMEOUT_MS, Self.milliseconds(settings.timeout)))
        try check(ccurl_setopt_long(h, CURLOPT_NETRC, 0))
        if let ca = settings.caFile { try check(ccurl_setopt_str(h, CURLOPT_CAINFO, ca)) }
        try check(ccurl_setopt_str(h, CURLOPT_USERAGENT, "remindd"))
        try check(ccurl_setopt_read_function(h, curlRead))
        try check(ccurl_setopt_ptr(h, CURLOPT_READDATA, context))
        try check(ccurl_setopt_write_function(h, curlWriteBody))
        try check(ccurl_setopt_ptr(h, CURLOPT_WRITEDATA, context))
        try check(ccurl_setopt_header_function(h, curlWriteHeader))
        try check(ccurl_setopt_ptr(h, CURLOPT_HEADERDATA, context))
    }

    deinit {
        curl_easy_cleanup(handle) // sends QUIT on an open SMTP connection
        errorBuffer.deallocate()
    }

    /// Fixes the SMTP session parameters; they stay for every later `sendMail`.
    func configureSMTP(url: String, security: MailSecurity, username: String?, password: String?,
                       from: String) throws(CurlError) {
        try check(ccurl_setopt_str(handle, CURLOPT_URL, url))
        let ssl: curl_usessl = security == .startTLSRequired ? CURLUSESSL_ALL : CURLUSESSL_NONE
        try check(ccurl_setopt_long(handle, CURLOPT_USE_SSL, Int(ssl.rawValue)))
        if let username {
            try check(ccurl_setopt_str(handle, CURLOPT_USERNAME, username))
            try check(ccurl_setopt_str(handle, CURLOPT_PASSWORD, password ?? ""))
        }
        try check(ccurl_setopt_str(handle, CURLOPT_MAIL_FROM, "<\(from)>"))
        try check(ccurl_setopt_long(handle, CURLOPT_UPLOAD, 1))
    }

    /// Fixes the IMAP session parameters; they stay for every later `imap(...)`. UPLOAD is
    /// cleared: on an IMAP handle it would turn the next transfer into an APPEND.
    func configureIMAP(security: MailSecurity, username: String, password: String) throws(CurlError) {
        let ssl: curl_usessl = security == .startTLSRequired ? CURLUSESSL_ALL : CURLUSESSL_NONE
        try check(ccurl_setopt_long(handle, CURLOPT_USE_SSL, Int(ssl.rawValue)))
        try check(ccurl_setopt_str(handle, CURLOPT_USERNAME, username))
        try check(ccurl_setopt_str(handle, CURLOPT_PASSWORD, password))
        try check(ccurl_setopt_long(handle, CURLOPT_UPLOAD, 0))
    }

    /// One IMAP transfer over the handle's connection: libcurl connects, logs in and selects
    /// the URL's mailbox when the connection does not have it selected yet, then does
    /// `request`. A body longer than `bodyLimit` stops the transfer (`overflowed`): the
    /// caller asked for at most that much, and more is never buffered.
    func imap(url: String, _ request: IMAPRequest, bodyLimit: Int) throws(CurlError) -> CurlResponse {
        try check(ccurl_setopt_str(handle, CURLOPT_URL, url))
        switch request {
        case .command(let command): try check(ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, command))
        case .url: try check(ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, nil))
        }
        exchange.reset(upload: [], bodyLimit: bodyLimit, strict: true)
        return try perform(smtp: false)
    }

    /// Sends one message to `recipients` (bare addresses, already checked for CR/LF/NUL)
    /// over the handle's connection, opening it if needed.
    func sendMail(recipients: [String], message: [UInt8]) throws(CurlError) -> CurlResponse {
        var list: UnsafeMutablePointer<curl_slist>?
        for r in recipients { list = curl_slist_append(list, "<\(r)>") }
        defer {
            _ = ccurl_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil)
            curl_slist_free_all(list)
        }
        try check(ccurl_setopt_slist(handle, CURLOPT_MAIL_RCPT, list))
        try check(ccurl_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)))
        exchange.reset(upload: message)
        return try perform(smtp: true)
    }

    /// POSTs `body` to `url` with `headers` (`Name: value` lines, already free of CR/LF).
    func post(url: String, headers: [String], body: [UInt8]) throws(CurlError) -> CurlResponse {
        var list: UnsafeMutablePointer<curl_slist>?
        for h in headers + ["Expect:"] { list = curl_slist_append(list, h) }
        defer {
            _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
            curl_slist_free_all(list)
        }
        try check(ccurl_setopt_str(handle, CURLOPT_URL, url))
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
        try check(ccurl_setopt_long(handle, CURLOPT_POST, 1))
        try check(ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        // COPYPOSTFIELDS copies the bytes, so the buffer need not outlive this call.
        if body.isEmpty {
            try check(ccurl_setopt_str(handle, CURLOPT_COPYPOSTFIELDS, ""))
        } else {
            let rc = body.withUnsafeBytes { raw in
                ccurl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress!))
            }
            try check(rc)
        }
        exchange.reset(upload: [])
        return try perform(smtp: false)
    }

    private func perform(smtp: Bool) throws(CurlError) -> CurlResponse {
        errorBuffer[0] = 0
        let rc = curl_easy_perform(handle)
        var code = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        var response = CurlResponse(code: code, headerLines: exchange.headerLines, body: exchange.body,
                                    overflowed: exchange.overflowed)
        if smtp, let last = exchange.headerLines.last(where: { Self.replyCode($0) != nil }) {
            response.code = Self.replyCode(last) ?? code
        }
        guard rc == CURLE_OK else { throw error(rc, response: response) }
        return response
    }

    /// The three-digit code at the start of an SMTP reply line.
    static func replyCode(_ line: String) -> Int? {
        let u = Array(line.utf8.prefix(4))
        guard u.count >= 3, u[0...2].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              u.count == 3 || u[3] == 32 || u[3] == 45 else { return nil }
        return Int(String(decoding: u[0...2], as: UTF8.self))
    }

    private func check(_ rc: CURLcode) throws(CurlError) {
        guard rc == CURLE_OK else { throw error(rc, response: CurlResponse()) }
    }

    private func error(_ rc: CURLcode, response: CurlResponse) -> CurlError {
        let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        let generic = String(cString: curl_easy_strerror(rc))
        return CurlError(kind: Self.kind(of: rc), code: Int(rc.rawValue),
                         message: detail.isEmpty ? generic : detail, response: response)
    }

    static func kind(of rc: CURLcode) -> CurlError.Kind {
        switch rc {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return .connect
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
             CURLE_WEIRD_SERVER_REPLY, CURLE_AGAIN, CURLE_SSL_SHUTDOWN_FAILED, CURLE_UPLOAD_FAILED:
            return .transport
        case CURLE_SSL_CONNECT_ERROR:
            return .tlsHandshake
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .tlsTrust
        case CURLE_USE_SSL_FAILED:
            return .tlsUnavailable
        case CURLE_LOGIN_DENIED:
            return .loginDenied
        case CURLE_REMOTE_ACCESS_DENIED, CURLE_HTTP_RETURNED_ERROR, CURLE_QUOTE_ERROR, CURLE_REMOTE_FILE_NOT_FOUND:
            return .serverRefused
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .badURL
        default:
            return .other
        }
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }
}

/// Per-transfer state the C callbacks reach through their user-data pointer.
private final class Exchange {
    var upload: [UInt8] = []
    var offset = 0
    var headerLines: [String] = []
    var body: [UInt8] = []
    var bodyLimit = CurlHandle.bodyLimit
    /// Stop the transfer at the limit instead of dropping what follows.
    var strict = false
    var overflowed = false

    func reset(upload: [UInt8], bodyLimit: Int = CurlHandle.bodyLimit, strict: Bool = false) {
        self.upload = upload
        offset = 0
        headerLines = []
        body = []
        self.bodyLimit = bodyLimit
        self.strict = strict
        overflowed = false
    }
}

private func curlRead(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                      _ userdata: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let userdata else { return 0 }
    let ex = Unmanaged<Exchange>.fromOpaque(userdata).takeUnretainedValue()
    let n = min(size * count, ex.upload.count - ex.offset)
    guard n > 0 else { return 0 }
    ex.upload.withUnsafeBytes { src in
        UnsafeMutableRawPointer(buffer).copyMemory(from: src.baseAddress! + ex.offset, byteCount: n)
    }
    ex.offset += n
    return n
}

private func curlWriteBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                           _ userdata: UnsafeMutableRawPointer?) -> Int {
    let n = size * count
    guard let data, let userdata else { return n }
    let ex = Unmanaged<Exchange>.fromOpaque(userdata).takeUnretainedValue()
    let room = ex.bodyLimit - ex.body.count
    if room > 0 {
        ex.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: min(n, room)))
    }
    if n > room {
        ex.overflowed = true
        if ex.strict { return 0 } // libcurl ends the transfer with CURLE_WRITE_ERROR
    }
    return n
}

private func curlWriteHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                             _ userdata: UnsafeMutableRawPointer?) -> Int {
    let n = size * count
    guard let data, let userdata else { return n }
    let ex = Unmanaged<Exchange>.fromOpaque(userdata).takeUnretainedValue()
    let line = headerLine(UnsafeRawBufferPointer(start: data, count: n))
    // A new HTTP status line starts a new response (an interim 100, say): keep the last.
    if line.hasPrefix("HTTP/") { ex.headerLines = [] }
    if !line.isEmpty && ex.headerLines.count < 500 { ex.headerLines.append(line) }
    return n
}

/// A header or reply line without its line break. ASCII lines (all of them, in practice)
/// are trimmed byte-wise; anything else as Foundation trims newlines.
private func headerLine(_ raw: UnsafeRawBufferPointer) -> String {
    var lo = 0, hi = raw.count
    var ascii = true
    for b in raw where b >= 0x80 { ascii = false; break }
    guard ascii else {
        return String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
    while lo < hi, raw[lo] == 0x0A || raw[lo] == 0x0D || raw[lo] == 0x0B || raw[lo] == 0x0C { lo += 1 }
    while hi > lo, raw[hi - 1] == 0x0A || raw[hi - 1] == 0x0D || raw[hi - 1] == 0x0B || raw[hi - 1] == 0x0C { hi -= 1 }
    return String(decoding: UnsafeRawBufferPointer(rebasing: raw[lo..<hi]), as: UTF8.self)
}
