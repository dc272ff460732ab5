import ArgumentParser
import Foundation
import MinutesImport
import RemindCore

/// `remindd import FILE|-`: drafts items from minutes. Reads, calls `MinutesImporter`,
/// prints; everything else lives in the library.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Draft action items from meeting minutes (Dutch or English: text, .docx or .pdf).",
        discussion: """
        Reads minutes as plain text (as pdftotext or a Word export gives them), as a Word \
        document (.docx: paragraphs, lists and tables) or as a PDF (through pdftotext -layout, \
        from poppler-utils), the kind taken from the content, and drafts the action items: \
        who (owner, co-owners), what, and by when, as a YAML file to include from the main \
        config, or as JSON with --json. Nothing leaves the machine: the extraction is rules and \
        word lists.

        The YAML holds items:, plus the events: and meetings: they need; never people:. Owners \
        are written as person ids (MvdB stays MvdB, "Jan de Vries" becomes jan-de-vries); a \
        comment lists each id with the name in the minutes, so the main config can define them. \
        Items whose owner is unknown are written commented out so the draft passes `remindd \
        check` as it is. In --json, owner is that id and owner_name the name as written.

        Items scored below --min-confidence stay in the YAML, commented out with their quote. \
        --explain prints, instead of the draft, why each item was taken and why sentences \
        that look like actions were not.

        Exit status: 0 (also when no actions are found; a note goes to stderr), 65 when the \
        input cannot be read as minutes (binary data, a damaged .docx or PDF), 69 for a PDF \
        when pdftotext is not installed.

        Examples:
          remindd import minutes.txt > items.d/lrt-2023-09-25.yaml
          remindd import minutes.docx --explain
          remindd import minutes.pdf --meeting-date 2023-09-25 --json
        """
    )

    @Argument(help: ArgumentHelp("The minutes: text, .docx or .pdf; - reads standard input.", valueName: "FILE|-"),
              completion: .file())
    var file: String

    @Option(name: .customLong("meeting-date"), help: ArgumentHelp("The meeting's date when the text does not say it, or says it wrongly.", valueName: "YYYY-MM-DD"))
    var meetingDate: String?

    @Option(help: ArgumentHelp("Meeting series id for `meeting:` and `next meeting` (default: from the minutes, e.g. LRT → lrt, else meeting).", valueName: "NAME"))
    var series: String?

    @Flag(name: .customLong("omit-meetings"), help: "Leave out the meetings: block (the main config already defines the series).")
    var omitMeetings = false

    @Option(name: .customLong("min-confidence"), help: ArgumentHelp("Leave out items scored below this (0–1).", valueName: "X"))
    var minConfidence: Double = 0.5

    @Option(help: ArgumentHelp("Time zone for resolving deadlines.", valueName: "IANA"))
    var timezone: String = "Europe/Amsterdam"

    @Flag(help: "Print JSON instead of YAML.")
    var json = false

    @Flag(help: "Print, instead of the draft, why each item was taken and why sentences that look like actions were not.")
    var explain = false

    func validate() throws {
        if let d = meetingDate, LocalDate(d) == nil { throw ValidationError("--meeting-date must be YYYY-MM-DD, got \(d)") }
        if let s = series, s.isEmpty || !s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            throw ValidationError("--series must be letters, digits, - or _")
        }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be between 0 and 1") }
        if TimeZone(identifier: timezone) == nil { throw ValidationError("unknown time zone \(timezone)") }
    }

    func run() throws {
        let data: Data
        do {
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir), !isDir.boolValue else {
                    throw UnreadableInput(isDir.boolValue ? "is a directory" : "no such file")
                }
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            }
            let text = try MinutesFile.text(data)
            let options = ImportOptions(meetingDate: meetingDate.flatMap(LocalDate.init), series: series,
                                        calendar: WorkCalendar(timeZone: TimeZone(identifier: timezone)!),
                                        minimumConfidence: minConfidence)
            let result = MinutesImporter.extract(text, options: options)
            for n in result.notes { FileHandle.standardError.write(Data("remindd import: note: \(n)\n".utf8)) }
            let name = file == "-" ? nil : URL(fileURLWithPath: file).lastPathComponent
            let out = explain ? DraftExplain.render(result) : json ? DraftJSON.render(result)
                : DraftYAML.render(result, options: .init(omitMeetings: omitMeetings, sourceName: name))
            FileHandle.standardOutput.write(Data(out.utf8))
        } catch let e as UnreadableInput {
            FileHandle.standardError.write(Data("remindd import: \(file): \(e.reason)\n".utf8))
            throw ExitCode(65)
        } catch let e as ToolUnavailable {
            FileHandle.standardError.write(Data("remindd import: \(file): \(e.reason)\n".utf8))
            throw ExitCode(69)
        } catch let e as CocoaError {
            FileHandle.standardError.write(Data("remindd import: \(file): cannot read: \(e.localizedDescription)\n".utf8))
            throw ExitCode(65)
        }
    }
}
