import Foundation
import Logging
import RemindCore
#if canImport(Glibc)
import Glibc
#endif

/// The zero-setup channel: each reminder becomes an RFC 5322 file in a Maildir, which any
/// mail reader (mutt -f, Thunderbird, Evolution) opens. Written the Maildir way — into
/// `tmp/`, flushed to disk, then renamed into `new/` — so a reader never sees half a message
/// and a crash leaves at most a stray file in `tmp/`.
final class MaildirNotifier: Notifier {
    let channel: String
    let root: String
    let from: Mailbox
    let renderer: MessageRenderer
    let logger: Logger
    let now: () -> Date
    private var counter = 0
    private let host: String

    init(_ c: MaildirChannel, renderer: MessageRenderer, logger: Logger, now: @escaping () -> Date = Date.init) {
        channel = c.name
        root = c.path
        from = Mailbox(name: c.fromName, address: c.fromAddress)
        self.renderer = renderer
        self.logger = logger
        self.now = now
        // The Maildir spec replaces "/" and ":" in the host part of a name.
        host = ProcessInfo.processInfo.hostName
            .replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
    }

    func deliver(_ batch: [OutgoingMessage]) -> [DeliveryResult] {
        batch.map { m in
            let r = write(m)
            let meta: Logger.Metadata = ["channel": "\(channel)", "delivery.key": "\(m.delivery.key)"]
            switch r {
            case .sent(let file): logger.debug("written to maildir: \(file)", metadata: meta)
            case .retry(let reason, _), .failed(let reason): logger.error("maildir write failed: \(reason)", metadata: meta)
            }
            return r
        }
    }

    private func write(_ m: OutgoingMessage) -> DeliveryResult {
        let recipients: Recipients
        do {
            recipients = try Recipients.resolve(m.delivery, config: renderer.config, localFallback: true)
        } catch {
            guard case .badAddress(let person, let reason) = error else { return .failed(reason: "\(error)") }
            return .failed(reason: "address of \(person) \(reason); nothing written")
        }
        let text = renderer.render(m)
        let date = now()
        var mail = MailMessage(from: from, to: recipients.to, cc: recipients.cc, subject: text.subject,
                               body: text.body, date: date, timeZone: renderer.config.timeZone, key: m.delivery.key,
                               calendar: CalendarAttachment(m, config: renderer.config, now: date), html: text.html)
        mail.replyTo = renderer.replies?.address(for: m.delivery.reminder)
        let bytes = Array(mail.rendered().utf8)
        do {
            for sub in ["", "/tmp", "/new", "/cur"] { try makeDirectory(root + sub) }
            counter += 1
            let micros = Int(date.timeIntervalSince1970 * 1_000_000) % 1_000_000
            let name = "\(Int(date.timeIntervalSince1970)).M\(micros)P\(getpid())Q\(counter).\(host)"
            let tmp = "\(root)/tmp/\(name)"
            let final = "\(root)/new/\(name)"
            try writeSynced(bytes, to: tmp)
            guard rename(tmp, final) == 0 else { throw posixError("rename into new/") }
            try syncDirectory("\(root)/new")
            return .sent(reply: "new/\(name)")
        } catch let e as MaildirError {
            return e.transient ? .retry(reason: e.message, retryAfter: nil) : .failed(reason: e.message)
        } catch {
            return .failed(reason: "\(error)")
        }
    }

    private struct MaildirError: Error {
        var message: String
        /// A full disk or quota frees up; a permission or a read-only file system does not.
        var transient: Bool
    }

    private func posixError(_ what: String) -> MaildirError {
        let code = errno
        let text = String(cString: strerror(code))
        return MaildirError(message: "\(what) in \(root): \(text)",
                            transient: [ENOSPC, EDQUOT, EIO, EAGAIN, EINTR, EMFILE, ENFILE].contains(code))
    }

    private func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw posixError("cannot create \(path)") }
    }

    private func writeSynced(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw posixError("cannot create a file") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = posixError("cannot write")
                unlink(path)
                throw e
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let e = posixError("cannot flush")
            unlink(path)
            throw e
        }
    }

    private func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("cannot open new/") }
        defer { close(fd) }
        _ = fsync(fd)
    }
}
