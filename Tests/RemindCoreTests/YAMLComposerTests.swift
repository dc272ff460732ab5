import Foundation
import Testing
@testable import RemindCore

/// The YAML tree the config reader works on, built from libyaml's events: the positions,
/// styles and errors the reader relies on, and items read as they are parsed.
@Suite struct YAMLComposerTests {
    @Test func marksStylesAndTags() throws {
        let text = """
        a: plain
        b: 'single'
        c: !!null
        d:
          - "double"
          - |
            literal
        """
        let root = try #require(try YAMLComposer().compose(text))
        guard case .mapping(let m) = root else { Issue.record("not a mapping"); return }
        let pairs = Array(m)
        #expect(pairs.map { $0.key.string } == ["a", "b", "c", "d"])
        guard case .scalar(let a) = pairs[0].value, case .scalar(let b) = pairs[1].value,
              case .scalar(let c) = pairs[2].value, case .sequence(let d) = pairs[3].value else {
            Issue.record("unexpected shape"); return
        }
        #expect(a.string == "plain" && a.style == .plain && a.tag == nil && a.mark.line == 1 && a.mark.column == 4)
        #expect(b.style == .singleQuoted && b.tag == YAMLNode.strTag)
        #expect(c.tag == YAMLNode.nullTag && c.string == "")
        let list = Array(d)
        #expect(list.map(\.string) == ["double", "literal"])
        #expect(list[0].mark?.line == 5 && list[0].mark?.column == 5)
        #expect(m.mark.line == 1 && m.mark.column == 1)
    }

    @Test func aliasesAreResolvedAndUndefinedOnesRefused() throws {
        let root = try #require(try YAMLComposer().compose("base: &b {x: 1}\ncopy: *b\n"))
        guard case .mapping(let m) = root, case .mapping(let copy) = Array(m)[1].value else { Issue.record("shape"); return }
        #expect(Array(copy).map { $0.key.string } == ["x"])
        #expect(throws: YAMLSyntaxError.self) { try YAMLComposer().compose("a: *missing\n") }
        do {
            _ = try YAMLComposer().compose("a: 1\nb: *missing\n")
        } catch let e as YAMLSyntaxError {
            #expect(ConfigDraft.describe(e) == "invalid YAML: found undefined alias")
            #expect(e.mark.line == 2 && e.mark.column == 4)
        }
    }

    @Test func oneDocumentOnly() throws {
        #expect(throws: YAMLSyntaxError.self) { try YAMLComposer().compose("a: 1\n---\nb: 2\n") }
        do {
            _ = try YAMLComposer().compose("a: 1\n---\nb: 2\n")
        } catch let e as YAMLSyntaxError {
            #expect(ConfigDraft.describe(e)
                    == "invalid YAML: but found another document (expected a single document in the stream that starts at line 1, column 1)")
            #expect(e.mark.line == 2)
        } catch {
            Issue.record("\(error)")
        }
        #expect((try YAMLComposer().compose("")) == nil)
    }

    @Test func repeatedKeysAreNamedAtTheirFirstPlace() {
        do {
            _ = try YAMLComposer().compose("z: 1\nb: 2\nb: 3\nz: 4\n")
            Issue.record("accepted")
        } catch let e as YAMLSyntaxError {
            #expect(ConfigDraft.describe(e) == "duplicate key 'b', 'z' in mapping")
            #expect(e.mark.line == 2 && e.mark.column == 1)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func itemsGoToTheSinkAsTheyAreParsed() throws {
        var seen: [String?] = []
        let root = try #require(try YAMLHandoff.compose("items:\n  - id: a\n  - id: b\nother:\n  items: [x]\n") { node in
            if case .mapping(let m) = node { seen.append(Array(m).first?.value.string) }
        })
        #expect(seen == ["a", "b"])
        guard case .mapping(let m) = root else { Issue.record("shape"); return }
        let pairs = Array(m)
        // The root's list is left empty (its position kept); a nested `items` is not streamed.
        guard case .sequence(let streamed) = pairs[0].value, case .mapping(let other) = pairs[1].value,
              case .sequence(let nested) = Array(other)[0].value else { Issue.record("shape"); return }
        #expect(Array(streamed).isEmpty && streamed.mark.line == 2)
        #expect(Array(nested).map(\.string) == ["x"])
    }

    /// A reader slower than the parser keeps the queue from running empty; every item still
    /// comes, once and in order, as the queue drops the nodes already taken on the way.
    @Test func aSlowReaderGetsEveryItemInOrder() throws {
        let count = 3_000
        let text = "items:\n" + (0..<count).map { "  - { id: i\($0), title: T }\n" }.joined()
        var seen: [String] = []
        _ = try YAMLHandoff.compose(text) { node in
            if seen.count % 100 == 0 { usleep(2_000) }
            if case .mapping(let m) = node, let id = Array(m).first?.value.string { seen.append(id) }
        }
        #expect(seen == (0..<count).map { "i\($0)" })
    }

    static let people = """
    timezone: Europe/Amsterdam
    channels:
      local: { type: maildir, path: ./mail }
    people:
      SJenV: sjenv@example.org
      MBZK: mbzk@example.org

    """
    static let items = """
    items:
      - { id: a, title: Eerste, owner: SJenV, agreed: 2023-09-25, due: in 1 week }
      - { id: b, title: Tweede, owner: Nobody, agreed: 2023-09-25, due: by friday }
      - { id: a, title: Dubbel, owner: MBZK, agreed: 2023-09-25 }

    """

    @Test func errorsAndItemsAreTheSameWhereverItemsStand() {
        let first = ConfigErrorFixtureTests.errorLines { try ConfigLoader.load(text: Self.items + Self.people, path: "/x/a.yaml") }
        let last = ConfigErrorFixtureTests.errorLines { try ConfigLoader.load(text: Self.people + Self.items, path: "/x/a.yaml") }
        let shift = Self.people.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        // Same messages (listed by position, so in another order); only the lines move.
        #expect(first?.count == 3 && last?.count == 3)
        let strip = { (lines: [String]?) in
            lines?.map { $0.replacingOccurrences(of: #"/x/a\.yaml:\d+:\d+"#, with: "POS", options: .regularExpression) }.sorted()
        }
        #expect(strip(first) == strip(last))
        #expect(shift > 0)
    }

    @Test func aFileThatDoesNotParseAddsNoItems() {
        let text = Self.people + Self.items + "items:\n  - { id: c, title: Derde, owner: SJenV, agreed: 2023-09-25 }\n"
        #expect(ConfigErrorFixtureTests.errorLines { try ConfigLoader.load(text: text, path: "/x/a.yaml") }
                == ["/x/a.yaml:7:1: error: duplicate key 'items' in mapping"])
    }

    @Test func streamedItemsLoadAsBefore() throws {
        let text = Self.people + """
        items:
          - { id: a, title: Eerste, owner: SJenV, with: [MBZK], agreed: 2023-09-25, due: in 1 week }
          - { id: b, title: Tweede, owner: MBZK, agreed: 2023-09-25, remind_at: ["2023-09-27 10:00"] }
        """
        let c = try ConfigLoader.load(text: text, path: "/x/a.yaml")
        #expect(c.items.map(\.id) == ["a", "b"] && c.item("b")?.owner == "MBZK" && c.item("a")?.with == ["MBZK"])
        #expect(c.item("b")?.remindAt == [Date(timeIntervalSince1970: 1_695_801_600)])
        #expect(c.item("a")?.location?.line == 8)
    }
}
