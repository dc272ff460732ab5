import Foundation

/// The PostgreSQL schema: the SQLite one (`StoreSchema`) in PostgreSQL's types, migration by
/// migration under the same names, then what several nodes need. Applied once under an
/// advisory lock, so nodes starting together do not race; a database that has a migration
/// this remindd does not know is refused (`StoreError.newerSchema`).
enum PostgresSchema {
    /// Instants are unix seconds in DOUBLE PRECISION, as SQLite's REAL: a `Date` survives
    /// the round trip exactly and both stores read the same values.
    static let migrations: [(name: String, sql: String)] = [
        ("v1: items, events, deliveries, meta", """
            CREATE TABLE item_state (
                id            TEXT PRIMARY KEY NOT NULL,
                done          BIGINT NOT NULL DEFAULT 0,
                done_at       DOUBLE PRECISION,
                snoozed_until DOUBLE PRECISION,
                reopened_at   DOUBLE PRECISION,
                updated_at    DOUBLE PRECISION NOT NULL
            );
            CREATE TABLE event (
                name        TEXT PRIMARY KEY NOT NULL,
                occurred    TEXT NOT NULL,
                recorded_at DOUBLE PRECISION NOT NULL
            );
            CREATE TABLE delivery (
                key             TEXT PRIMARY KEY NOT NULL,
                subject         TEXT NOT NULL,
                kind            TEXT NOT NULL,
                scheduled       DOUBLE PRECISION NOT NULL,
                channel         TEXT NOT NULL,
                recipients      TEXT NOT NULL,
                to_people       TEXT NOT NULL,
                cc_people       TEXT NOT NULL,
                reminder        TEXT NOT NULL,
                state           TEXT NOT NULL
                                CONSTRAINT delivery_state CHECK (state IN ('pending', 'sent', 'failed', 'missed')),
                attempts        BIGINT NOT NULL DEFAULT 0,
                next_attempt_at DOUBLE PRECISION,
                claimed_until   DOUBLE PRECISION,
                last_error      TEXT,
                reply           TEXT,
                late            BIGINT NOT NULL DEFAULT 0,
                created_at      DOUBLE PRECISION NOT NULL,
                updated_at      DOUBLE PRECISION NOT NULL
            );
            CREATE INDEX delivery_scheduled ON delivery(scheduled);
            CREATE INDEX delivery_subject ON delivery(subject, scheduled);
            CREATE INDEX delivery_pending ON delivery(next_attempt_at) WHERE state = 'pending';
            CREATE TABLE meta (
                key   TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            """),
        ("v2: when a snooze began", "ALTER TABLE item_state ADD COLUMN snoozed_at DOUBLE PRECISION"),
        ("v3: cancelled deliveries", """
            ALTER TABLE delivery DROP CONSTRAINT delivery_state;
            ALTER TABLE delivery ADD CONSTRAINT delivery_state
                CHECK (state IN ('pending', 'sent', 'failed', 'missed', 'cancelled'));
            """),
        ("v4: actions with their source", """
            CREATE TABLE action (
                seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                subject  TEXT NOT NULL,
                action   TEXT NOT NULL CHECK (action IN ('done', 'reopen', 'snooze', 'event')),
                source   TEXT NOT NULL CHECK (source IN ('cli', 'api', 'link', 'mail')),
                at       DOUBLE PRECISION NOT NULL,
                until    DOUBLE PRECISION,
                occurred TEXT
            );
            CREATE INDEX action_subject ON action(subject, at);
            """),
        ("v5: digests, calendar revisions and replies by mail", """
            ALTER TABLE delivery ADD COLUMN payload TEXT;
            ALTER TABLE delivery ADD COLUMN calendar_sequence BIGINT;
            ALTER TABLE delivery ADD COLUMN key_hash TEXT;
            CREATE INDEX delivery_key_hash ON delivery(key_hash);
            CREATE TABLE inbox_state (
                mailbox      TEXT PRIMARY KEY NOT NULL,
                uid_validity BIGINT NOT NULL,
                last_uid     BIGINT NOT NULL
            );
            CREATE TABLE inbox_message (
                seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                mailbox      TEXT NOT NULL,
                uid_validity BIGINT NOT NULL,
                uid          BIGINT NOT NULL,
                message_id   TEXT,
                sender       TEXT,
                item         TEXT,
                outcome      TEXT NOT NULL,
                at           DOUBLE PRECISION NOT NULL,
                UNIQUE (mailbox, uid_validity, uid)
            );
            CREATE TABLE calendar_revision (
                item     TEXT PRIMARY KEY NOT NULL,
                deadline DOUBLE PRECISION NOT NULL,
                sequence BIGINT NOT NULL
            );
            """),
        // Several nodes: who holds a claim, which nodes are alive, who leads.
        ("pg1: nodes, claims by node, the leader's lease", """
            ALTER TABLE delivery ADD COLUMN claimed_by TEXT;
            CREATE TABLE node (
                id         TEXT PRIMARY KEY NOT NULL,
                host       TEXT NOT NULL,
                pid        BIGINT NOT NULL,
                started_at DOUBLE PRECISION NOT NULL,
                last_seen  DOUBLE PRECISION NOT NULL
            );
            CREATE TABLE leader (
                one         BIGINT PRIMARY KEY CHECK (one = 1),
                node        TEXT NOT NULL,
                lease_until DOUBLE PRECISION NOT NULL
            );
            """),
    ]

    /// The advisory lock key migrations run under (any fixed number; "remindd" in ASCII).
    static let migrationLock: Int64 = 0x72656D696E6464

    /// Brings the schema up to date in one transaction under the migration lock.
    /// - Returns: the names of the migrations applied now.
    @discardableResult
    static func migrate(_ session: PGSession) throws -> [String] {
        try session.transaction { t in
            try t.query("SELECT pg_advisory_xact_lock($1)", [.int(migrationLock)])
            try t.query("""
                CREATE TABLE IF NOT EXISTS schema_migration (
                    name       TEXT PRIMARY KEY NOT NULL,
                    applied_at DOUBLE PRECISION NOT NULL
                )
                """)
            let applied = try t.query("SELECT name FROM schema_migration ORDER BY applied_at, name").all.map { try $0.string(0) }
            let known = Set(migrations.map(\.name))
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw StoreError.newerSchema(location: session.settings.url.description, migration: unknown)
            }
            var now: [String] = []
            for m in migrations where !applied.contains(m.name) {
                for statement in m.sql.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try t.query(statement)
                }
                try t.query("INSERT INTO schema_migration (name, applied_at) VALUES ($1, $2)",
                            [.text(m.name), .date(Date())])
                now.append(m.name)
            }
            return now
        }
    }
}
