import GRDB

/// The database schema, as an ordered list of migrations. A migration, once shipped, is
/// never edited: a later change is a new migration, so every state file written by an
/// older remindd opens in a newer one.
enum StoreSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: items, events, deliveries, meta") { db in
            // What the secretariat changed about an item after the config was written.
            // Instants are unix seconds (REAL, so a Date survives the round trip exactly).
            try db.execute(sql: """
                CREATE TABLE item_state (
                    id            TEXT PRIMARY KEY NOT NULL,
                    done          INTEGER NOT NULL DEFAULT 0,
                    done_at       REAL,
                    snoozed_until REAL,
                    reopened_at   REAL,
                    updated_at    REAL NOT NULL
                );

                -- Outside events that happened; the day is local to the config's zone.
                CREATE TABLE event (
                    name        TEXT PRIMARY KEY NOT NULL,
                    occurred    TEXT NOT NULL,
                    recorded_at REAL NOT NULL
                );

                -- The outbox: one row per reminder x channel, written before the first
                -- attempt. `reminder` keeps the whole reminder so a pending delivery can be
                -- re-sent after a restart even if the config changed meanwhile.
                CREATE TABLE delivery (
                    key             TEXT PRIMARY KEY NOT NULL,
                    subject         TEXT NOT NULL,
                    kind            TEXT NOT NULL,
                    scheduled       REAL NOT NULL,
                    channel         TEXT NOT NULL,
                    recipients      TEXT NOT NULL,
                    to_people       TEXT NOT NULL,
                    cc_people       TEXT NOT NULL,
                    reminder        TEXT NOT NULL,
                    state           TEXT NOT NULL
                                    CHECK (state IN ('pending', 'sent', 'failed', 'missed')),
                    attempts        INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL,
                    claimed_until   REAL,
                    last_error      TEXT,
                    reply           TEXT,
                    late            INTEGER NOT NULL DEFAULT 0,
                    created_at      REAL NOT NULL,
                    updated_at      REAL NOT NULL
                );
                CREATE INDEX delivery_scheduled ON delivery(scheduled);
                CREATE INDEX delivery_subject ON delivery(subject, scheduled);
                CREATE INDEX delivery_pending ON delivery(next_attempt_at) WHERE state = 'pending';

                -- Small facts about the daemon itself, such as the planning watermark.
                CREATE TABLE meta (
                    key   TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: when a snooze began") { db in
            // What fell due between the snooze and its end comes once when it ends; without
            // the start the planner cannot tell what was held back.
            try db.execute(sql: "ALTER TABLE item_state ADD COLUMN snoozed_at REAL")
        }
        migrator.registerMigration("v3: cancelled deliveries") { db in
            // A delivery that can no longer be useful (its item done, snoozed past it or
            // removed) ends `cancelled`, its reason in last_error. SQLite cannot change a
            // CHECK constraint in place: the table is copied into one that allows the state.
            try db.execute(sql: """
                CREATE TABLE delivery_v3 (
                    key             TEXT PRIMARY KEY NOT NULL,
                    subject         TEXT NOT NULL,
                    kind            TEXT NOT NULL,
                    scheduled       REAL NOT NULL,
                    channel         TEXT NOT NULL,
                    recipients      TEXT NOT NULL,
                    to_people       TEXT NOT NULL,
                    cc_people       TEXT NOT NULL,
                    reminder        TEXT NOT NULL,
                    state           TEXT NOT NULL
                                    CHECK (state IN ('pending', 'sent', 'failed', 'missed', 'cancelled')),
                    attempts        INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL,
                    claimed_until   REAL,
                    last_error      TEXT,
                    reply           TEXT,
                    late            INTEGER NOT NULL DEFAULT 0,
                    created_at      REAL NOT NULL,
                    updated_at      REAL NOT NULL
                );
                INSERT INTO delivery_v3 SELECT key, subject, kind, scheduled, channel, recipients, to_people, cc_people,
                    reminder, state, attempts, next_attempt_at, claimed_until, last_error, reply, late, created_at,
                    updated_at FROM delivery;
                DROP TABLE delivery;
                ALTER TABLE delivery_v3 RENAME TO delivery;
                CREATE INDEX delivery_scheduled ON delivery(scheduled);
                CREATE INDEX delivery_subject ON delivery(subject, scheduled);
                CREATE INDEX delivery_pending ON delivery(next_attempt_at) WHERE state = 'pending';
                """)
        }
        migrator.registerMigration("v4: actions with their source") { db in
            // Every change of an item's state or an event, with who asked for it (cli, api,
            // link, mail): `history` lists them beside the deliveries.
            try db.execute(sql: """
                CREATE TABLE action (
                    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
                    subject  TEXT NOT NULL,
                    action   TEXT NOT NULL CHECK (action IN ('done', 'reopen', 'snooze', 'event')),
                    source   TEXT NOT NULL CHECK (source IN ('cli', 'api', 'link', 'mail')),
                    at       REAL NOT NULL,
                    until    REAL,
                    occurred TEXT
                );
                CREATE INDEX action_subject ON action(subject, at);
                """)
        }
        migrator.registerMigration("v5: digests, calendar revisions and replies by mail") { db in
            // A digest's content (or a reply's answer) is put together when it is written and
            // kept with its delivery, so a retry after a restart or a reload sends what was
            // due then. Each item's last calendar deadline and SEQUENCE: a moved deadline
            // always raises the SEQUENCE. `key_hash` is what a mail's Message-ID carries, so
            // a reply's In-Reply-To finds its reminder. The inbox's UIDVALIDITY and last UID,
            // and one row per message read, so a restart reads nothing twice.
            try db.execute(sql: """
                ALTER TABLE delivery ADD COLUMN payload TEXT;
                ALTER TABLE delivery ADD COLUMN calendar_sequence INTEGER;
                ALTER TABLE delivery ADD COLUMN key_hash TEXT;
                CREATE INDEX delivery_key_hash ON delivery(key_hash);
                CREATE TABLE inbox_state (
                    mailbox      TEXT PRIMARY KEY NOT NULL,
                    uid_validity INTEGER NOT NULL,
                    last_uid     INTEGER NOT NULL
                );
                CREATE TABLE inbox_message (
                    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
                    mailbox      TEXT NOT NULL,
                    uid_validity INTEGER NOT NULL,
                    uid          INTEGER NOT NULL,
                    message_id   TEXT,
                    sender       TEXT,
                    item         TEXT,
                    outcome      TEXT NOT NULL,
                    at           REAL NOT NULL,
                    UNIQUE (mailbox, uid_validity, uid)
                );
                CREATE TABLE calendar_revision (
                    item     TEXT PRIMARY KEY NOT NULL,
                    deadline REAL NOT NULL,
                    sequence INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }()
}
