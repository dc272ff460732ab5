import Foundation
import Testing
@testable import RemindCore
import RemindDelivery

/// docs/man/remindd.yaml.5 documents every key the loader accepts, and no other: a key
/// added to a section's list without a paragraph in the page (or a paragraph left behind
/// for a key that went) fails here.
@Suite struct ManPageKeysTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let pagePath = root.appendingPathComponent("docs/man/remindd.yaml.5").path

    /// The page's `.SS` headings and the loader's lists they document.
    static var sections: [String: [String]] {
        var s: [String: [String]] = [
            "Top level": ConfigLoader.topKeys,
            "channels": ConfigDraft.channelKeys,
            "people": ConfigDraft.personKeys,
            "retry": ConfigDraft.retryKeys,
            "defaults": ConfigDraft.defaultsKeys,
            "policy": ConfigDraft.policyKeys,
            "policy.overdue": ConfigDraft.overdueKeys,
            "policy.escalate": ConfigDraft.escalateKeys,
            "policy.undated": ConfigDraft.undatedKeys,
            "meetings": ConfigDraft.meetingKeys,
            "events": ConfigDraft.eventKeys,
            "items": ConfigDraft.itemKeys,
            "include": ConfigLoader.includeKeys,
            "templates": ConfigDraft.templateNames,
            "template": ConfigDraft.templateKeys,
            "http": ConfigDraft.httpKeys,
            "links": ConfigDraft.linksKeys,
            "digests": ConfigDraft.digestKeys,
            "inbox": ConfigDraft.inboxKeys,
            "store": ConfigDraft.storeKeys,
        ]
        for kind in Channels.kinds.all { s["Channels of type \(kind.type)"] = kind.keys }
        return s
    }

    @Test func everySectionDocumentsExactlyTheLoadersKeys() throws {
        let page = try ManPage(contentsOf: Self.pagePath)
        for (title, keys) in Self.sections.sorted(by: { $0.key < $1.key }) {
            let documented = Set(page.keys[title]?.map(\.name) ?? [])
            let missing = Set(keys).subtracting(documented).sorted()
            let extra = documented.subtracting(keys).sorted()
            #expect(missing.isEmpty, "\(title): keys the loader accepts but remindd.yaml.5 does not document: \(missing)")
            #expect(extra.isEmpty, "\(title): keys remindd.yaml.5 documents but the loader refuses: \(extra)")
        }
        let unknown = Set(page.keys.keys).subtracting(Self.sections.keys).sorted()
        #expect(unknown.isEmpty, "remindd.yaml.5 has key paragraphs under headings no loader list belongs to: \(unknown)")
    }

    @Test func everyKeySaysItsDefaultOrThatItIsRequired() throws {
        let page = try ManPage(contentsOf: Self.pagePath)
        for (title, keys) in page.keys {
            for key in keys where !key.text.contains("Default") && !key.text.contains("Required") {
                Issue.record("\(title): \(key.name) says neither its default nor that it is required")
            }
        }
    }

    @Test func keysRefusedWithAMessageAreMentioned() throws {
        let text = try String(contentsOfFile: Self.pagePath, encoding: .utf8)
        for kind in Channels.kinds.all {
            for key in kind.refusedKeys {
                #expect(text.contains(".B \(key)\n"), "remindd.yaml.5 does not say that \(kind.type) refuses '\(key)'")
            }
        }
    }

    /// groff's own judgement: no warning of any kind (`-ww`), as `man --warnings` would show.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff")))
    func thePageRendersWithoutWarnings() throws {
        let groff = Process()
        groff.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
        groff.arguments = ["-ww", "-man", "-Tutf8", "-z", Self.pagePath]
        let err = Pipe()
        groff.standardError = err
        try groff.run()
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        groff.waitUntilExit()
        #expect(groff.terminationStatus == 0)
        #expect(warnings.isEmpty, "groff: \(warnings)")
    }

    @Test func theParserReadsKeyParagraphs() {
        let page = ManPage(text: """
            .SH X
            .TP
            .B outside
            Default: 1.
            .SS "Some heading"
            .TP
            .B first_key
            Required.
            .TP
            .B event\\-late
            Text
            that goes on.
            .PP
            .TP
            .BR not_a_key ", " either
            .SH Y
            .TP
            .B after
            """)
        #expect(page.keys.keys.sorted() == ["Some heading"])
        #expect(page.keys["Some heading"]?.map(\.name) == ["first_key", "event-late"])
        #expect(page.keys["Some heading"]?.last?.text == "Text that goes on.")
    }
}

/// The key paragraphs of a man(7) page: a `.TP` whose tag line is `.B key`, under the
/// `.SS` heading it follows (headings reset at each `.SH`).
struct ManPage {
    struct Key {
        var name: String
        var text: String
    }

    var keys: [String: [Key]] = [:]

    init(contentsOf path: String) throws {
        self.init(text: try String(contentsOfFile: path, encoding: .utf8))
    }

    init(text: String) {
        var heading: String?
        var current: (heading: String, key: Key)?
        var expectTag = false
        func close() {
            if let c = current { keys[c.heading, default: []].append(c.key) }
            current = nil
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if expectTag {
                expectTag = false
                if line.hasPrefix(".B "), let h = heading {
                    current = (h, Key(name: Self.plain(String(line.dropFirst(3))), text: ""))
                    continue
                }
            }
            if line.hasPrefix(".SH") || line.hasPrefix(".SS") || line.hasPrefix(".TP") || line.hasPrefix(".PP")
                || line.hasPrefix(".EX") {
                close()
            }
            if line.hasPrefix(".SH") { heading = nil }
            if line.hasPrefix(".SS ") { heading = Self.plain(String(line.dropFirst(4))) }
            if line.hasPrefix(".TP") { expectTag = true }
            if current != nil, !line.hasPrefix(".\\\"") {
                let words = line.hasPrefix(".") ? line.split(separator: " ").dropFirst().joined(separator: " ") : line
                current!.key.text += (current!.key.text.isEmpty ? "" : " ") + Self.plain(words)
            }
        }
        close()
    }

    /// Roff text as read: quotes and escapes gone.
    static func plain(_ s: String) -> String {
        s.replacingOccurrences(of: "\\-", with: "-").replacingOccurrences(of: "\\(dq", with: "\"")
            .replacingOccurrences(of: "\"", with: "").trimmingCharacters(in: .whitespaces)
    }
}
