import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// How the remindd executable is linked on Linux (Package.swift, `daemonLinking`): what keeps
/// the pages a starting daemon maps few. Read from the binary the tests run with `readelf`.
@Suite struct LinkLayoutTests {
    @Test func noSwiftSymbolGoesIntoTheDynamicSymbolTable() async throws {
        let symbols = try await readelf(["--dyn-syms", "-W"])
        let defined = symbols.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count >= 8 && fields[6] != "UND" && fields[7].hasPrefix("$s")
        }
        // Exported, they were 40,000 symbols: 4 MB of tables read at every start.
        let exported = defined.count
        #expect(exported == 0, "Swift symbols exported, e.g. \(defined.prefix(3))")
    }

    @Test func relativeRelocationsArePackedWhereTheCLibraryReadsThem() async throws {
        guard let version = glibcVersion(), version >= (2, 36) else { return }
        let sections = try await readelf(["-SW"])
        let packed = sections.contains(".relr.dyn")
        #expect(packed, "no .relr.dyn section with glibc \(version)")
    }

    /// packaging/remindd.order must name functions as the linker sees them (mangled, one a
    /// line): a list of names the binary lacks would be ignored without a word.
    @Test func theStartUpOrderNamesFunctionsOfThisExecutable() async throws {
        let order = try String(contentsOfFile: Paths.repositoryFile("packaging/remindd.order"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(order.count > 1000)
        var functions = Set<String>()
        for line in try await readelf(["-sW"]).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 8, fields[3] == "FUNC", fields[6] != "UND" { functions.insert(String(fields[7])) }
        }
        let known = order.filter(functions.contains).count
        // A debug build has other specialisations than the release build the list was made
        // from; about half the names are the same.
        #expect(Double(known) / Double(order.count) > 0.3, "\(known) of \(order.count) listed functions are in the binary")
    }

    private func readelf(_ arguments: [String]) async throws -> String {
        let ws = try Workspace("link-layout")
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/readelf"),
                                     arguments: arguments + [try Paths.binary().path], directory: ws.url, name: "readelf")
        let status = try await child.waitForExit(timeout: 60)
        #expect(status == 0, "readelf: \(child.stderr)")
        return child.stdout
    }

    private func glibcVersion() -> (Int, Int)? {
        var buffer = [CChar](repeating: 0, count: 64)
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let numbers = text.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
        return numbers.count >= 2 ? (numbers[0], numbers[1]) : nil
    }
}
