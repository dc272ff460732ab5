import Foundation
import RemindCore

/// A draft written beside a main config that defines `people` (id: name) and includes it,
/// then loaded as `remindd check` loads it: the draft is a file to `include:`.
enum DraftInclusion {
    static func load(_ draft: String, people: [String]) throws -> Config {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minutes-draft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("items.d"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try draft.write(to: dir.appendingPathComponent("items.d/draft.yaml"), atomically: true, encoding: .utf8)
        let list = people.map { "  \($0): { email: \($0.lowercased())@example.org }" }.joined(separator: "\n")
        let main = """
        timezone: Europe/Amsterdam
        channels:
          local: { type: maildir, path: ./mail }
        defaults:
          channels: [local]
        people:
        \(list)
        include: ["items.d/*.yaml"]
        """
        let path = dir.appendingPathComponent("remindd.yaml").path
        try main.write(toFile: path, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(path: path)
    }
}
