import Foundation
import Testing

/// `remindd import` as a secretary runs it: on a Word document or a PDF, whatever the
/// file's name, and with `--explain` instead of the draft.
@Suite struct ImportCommandTests {
    static var pdftotextInstalled: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/pdftotext") }
    }

    /// The fixtures of MinutesImportTests: made by LibreOffice from a dev corpus document.
    static func document(_ name: String) throws -> Data {
        try Data(contentsOf: Paths.packageRoot.appendingPathComponent("Tests/MinutesImportTests/Fixtures/documents/\(name)"))
    }

    @Test func aWordDocumentIsReadWhateverItsName() async throws {
        let ws = try Workspace("import-docx")
        let file = ws.path("minutes.txt")
        try Self.document("nl-p3ops-overleg-2020-09-28.docx").write(to: URL(fileURLWithPath: file))
        let result = try await Remindd.run(["import", file, "--json"], in: ws)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"owner_name\" : \"scoffir\""), "\(result)")
        #expect(result.stdout.contains("\"meeting_date\" : \"2020-09-28\""), "\(result)")
    }

    /// Under CI pdftotext is installed by .ci/run; without it there this fails rather than skips.
    @Test func aPDFIsReadThroughPdftotext() async throws {
        guard Self.pdftotextInstalled || ProcessInfo.processInfo.environment["CI"] != nil else { return }
        let ws = try Workspace("import-pdf")
        let file = ws.path("minutes.pdf")
        try Self.document("nl-p3ops-overleg-2020-09-28.pdf").write(to: URL(fileURLWithPath: file))
        let result = try await Remindd.run(["import", file, "--json"], in: ws)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"owner_name\" : \"scoffir\""), "\(result)")
    }

    @Test func aPDFWithoutPdftotextExits69AndSaysWhatToInstall() async throws {
        let ws = try Workspace("import-pdf-missing")
        let file = ws.path("minutes.pdf")
        try Self.document("nl-p3ops-overleg-2020-09-28.pdf").write(to: URL(fileURLWithPath: file))
        let result = try await Remindd.run(["import", file], in: ws, environment: ["PATH": ws.path("no-tools")])
        #expect(result.status == 69, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("pdftotext") && result.stderr.contains("poppler-utils"), "\(result)")
    }

    @Test func explainSaysWhyAndWhyNot() async throws {
        let ws = try Workspace("import-explain")
        let file = ws.path("minutes.txt")
        let minutes = """
        Verslag werkgroep 25 september 2023

        Actie: Jan stuurt de planning rond voor vrijdag.

        Als de begroting klopt, zal Anna het rapport versturen.

        """
        try minutes.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await Remindd.run(["import", file, "--explain"], in: ws)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Taken (1):"), "\(result)")
        #expect(result.stdout.contains("why: marked as an action (\"Actie\")"), "\(result)")
        #expect(result.stdout.contains("why not: conditional"), "\(result)")
        #expect(!result.stdout.contains("items:"), "\(result)")
    }
}
