import Foundation
import PostgresTestServer
import RemindCore
import RemindDaemon
import Testing

extension PostgresServer {
    static var skipComment: Comment { Comment(rawValue: skipReason) }

    /// A new, empty database on the server, as the store's URL.
    func newStoreURL() throws -> StoreURL { try StoreURL(try newDatabase()) }

    /// A `PostgresStore` on a new database.
    func newStore(nodeID: String = PostgresStore.newNodeID()) throws -> PostgresStore {
        try PostgresStore(url: try newStoreURL(), password: password, nodeID: nodeID)
    }
}

/// The two stores the store's unit suite runs on.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty store of this kind.
    func make() throws -> any StateStore {
        switch self {
        case .sqlite: return try Store.inMemory()
        case .postgres: return try PostgresServer.get().newStore()
        }
    }

    /// Both, or SQLite only where PostgreSQL is not installed (and CI is not set).
    static var available: [StoreKind] { PostgresServer.available ? allCases : [.sqlite] }
}
