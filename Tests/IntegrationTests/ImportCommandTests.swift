import Foundation
import Testing

/// `remindd import` as a secretary runs it: `--explain` instead of the draft.
@Suite struct ImportCommandTests {
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
