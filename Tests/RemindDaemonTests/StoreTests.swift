import Foundation
import GRDB
import RemindCore
import Testing
@testable import RemindDaemon

/// Opening, migrating and reopening the state file.
@Suite struct StoreTests {
    /// GRDB's own default (user-initiated) makes each Dispatch worker thread ask for nice -2,
    /// which a service may not take, and log the refusal.
    @Test func storeQueuesUseTheDefaultQualityOfService() {
        #expect(Store.configuration(busyTimeout: 1).qos == .default)
    }

    @Test func freshFileIsMigratedInWALMode() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/nested/deeper/state.sqlite"
        let store = try Store(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try store.journalMode() == "wal")
        #expect(try store.appliedMigrations() == ["v1: items, events, deliveries, meta", "v2: when a snooze began",
                                                  "v3: cancelled deliveries", "v4: actions with their source",
                                                  "v5: digests, calendar revisions and replies by mail"])
        let synchronous = try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 1) // NORMAL
        // The writer waits for another process's write lock instead of failing at once.
        let busy = try store.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
        #expect(busy == 5000)
    }

    @Test func reopeningKeepsDataAndAppliesNothingTwice() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state.sqlite"
        let now = Date(timeIntervalSince1970: 1_695_625_200)
        do {
            let store = try Store(path: path)
            try store.setDone("taakstelling", at: now)
            try store.recordEvent("rvs-ruling", occurred: LocalDate(year: 2023, month: 12, day: 6), at: now)
        }
        let again = try Store(path: path)
        #expect(try again.appliedMigrations().count == 5)
        let state = try again.planState()
        #expect(state.items["taakstelling"] == ItemState(done: true, doneAt: now))
        #expect(state.occurredEvents == ["rvs-ruling": LocalDate(year: 2023, month: 12, day: 6)])
        // Each change was recorded with its source, oldest first.
        let actions = try again.actions()
        #expect(actions.map(\.action) == ["done", "event"] && actions.allSatisfy { $0.source == .cli && $0.at == now })
        #expect(actions.last?.occurred == LocalDate(year: 2023, month: 12, day: 6))
        try again.snooze("taakstelling", until: now.addingTimeInterval(86_400), at: now, source: .link)
        #expect(try again.actions(subject: "taakstelling").map(\.source) == [.cli, .link])
        #expect(try again.actions(subject: "taakstelling").last?.until == now.addingTimeInterval(86_400))
        #expect(try again.actions(limit: 1).map(\.action) == ["snooze"])
    }

    @Test func twoStoresOnOneFileSeeEachOthersWrites() throws {
        // The daemon and a `remindd done` run side by side on the same file.
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state.sqlite"
        let daemon = try Store(path: path)
        let command = try Store(path: path)
        try command.snooze("x", until: Date(timeIntervalSince1970: 2_000), at: Date(timeIntervalSince1970: 1_000))
        #expect(try daemon.itemState("x")?.snoozedUntil == Date(timeIntervalSince1970: 2_000))
    }

    @Test func releasingMemoryKeepsTheStoreWorking() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/state.sqlite")
        let now = Date(timeIntervalSince1970: 1_695_625_200)
        try store.setDone("a", at: now)
        #expect(try store.planState().items["a"]?.done == true)
        store.releaseMemory()
        try store.setDone("b", at: now)
        #expect(try store.planState().items.keys.sorted() == ["a", "b"])
        store.releaseMemory()
        store.releaseMemory()
        #expect(try store.journalMode() == "wal")
        let memory = try Store.inMemory()
        try memory.setDone("c", at: now)
        memory.releaseMemory()
        #expect(try memory.planState().items["c"]?.done == true)
    }

    @Test func unusablePathFailsWithTheFileName() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blocker = dir + "/file"
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
        do {
            _ = try Store(path: blocker + "/state.sqlite")
            Issue.record("opening under a regular file should fail")
        } catch let error as StoreError {
            #expect(String(describing: error).contains(blocker))
        }
    }

    @Test func garbageFileIsRefusedNotOverwritten() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state.sqlite"
        let garbage = Data(repeating: 0x41, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { _ = try Store(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func inMemoryStoreHasTheSameSchema() throws {
        let store = try Store.inMemory()
        #expect(store.path == nil)
        #expect(try store.appliedMigrations().count == 5)
        #expect(try store.plannedThrough() == nil)
    }
}

/// A fresh folder under the system temp dir; the caller removes it.
func storeTempDir() throws -> String {
    let path = NSTemporaryDirectory() + "remindd-test-" + UUID().uuidString.prefix(8)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A planned delivery for tests, keyed the way the planner keys them.
func sampleDelivery(subject: String = "taakstelling", kind: ReminderKind = .due, at: Date,
                    channel: String = "mail", to: [String] = ["SJenV", "MBZK"], cc: [String] = []) -> PlannedDelivery {
    let reminder = Reminder(subject: subject, kind: kind, at: at, deadline: at.addingTimeInterval(8 * 3600),
                            people: to, escalation: cc, ordinal: kind == .overdue ? 2 : 0,
                            lead: kind == .before ? DurationSpec(1, .days) : nil)
    return PlannedDelivery(key: reminder.key(channel: channel), reminder: reminder, channel: channel, to: to, cc: cc)
}
