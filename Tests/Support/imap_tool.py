#!/usr/bin/env python3
"""An IMAP client independent of remindd's (Python's imaplib), for the inbox tests: it puts
messages in by APPEND, reads a message's flags and the mailbox's UIDVALIDITY, and creates
and deletes mailboxes, so the tests check remindd's client against another's view of the
server.

Usage:
  imap_tool.py --port P --user U --password-file F [--tls-ca CA] COMMAND ...
    append MAILBOX FILE...      APPEND each file's bytes (no flags): {"uids": [...]}
    flags MAILBOX UID           {"flags": [...]} of that UID ([] when it is not there)
    unseen MAILBOX UID          takes \Seen off that UID
    status MAILBOX              {"uidvalidity": N, "uidnext": N, "messages": N}
    create MAILBOX | delete MAILBOX
Prints one JSON object on stdout; exits non-zero with the server's reply on stderr when a
command fails. With --tls-ca it speaks implicit TLS, trusting that CA.
"""
import argparse
import imaplib
import json
import re
import ssl
import sys


def connect(args):
    if args.tls_ca:
        context = ssl.create_default_context(cafile=args.tls_ca)
        conn = imaplib.IMAP4_SSL("127.0.0.1", args.port, ssl_context=context)
    else:
        conn = imaplib.IMAP4("127.0.0.1", args.port)
    with open(args.password_file, encoding="utf-8") as f:
        conn.login(args.user, f.read())
    return conn


def check(result):
    typ, data = result
    if typ != "OK":
        sys.exit(f"server replied {typ}: {data!r}")
    return data


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--tls-ca")
    p.add_argument("command", choices=["append", "flags", "unseen", "status", "create", "delete"])
    p.add_argument("mailbox")
    p.add_argument("rest", nargs="*")
    args = p.parse_args()
    conn = connect(args)
    out = {}
    if args.command == "append":
        uids = []
        for path in args.rest:
            with open(path, "rb") as f:
                data = check(conn.append(args.mailbox, None, None, f.read()))
            m = re.search(rb"\[APPENDUID \d+ (\d+)\]", data[0] or b"")
            if not m:
                sys.exit(f"no APPENDUID in {data!r}")
            uids.append(int(m.group(1)))
        out["uids"] = uids
    elif args.command == "flags":
        check(conn.select(args.mailbox, readonly=True))
        data = check(conn.uid("FETCH", args.rest[0], "(FLAGS)"))
        flags = []
        for item in data:
            if isinstance(item, bytes) and b"FLAGS" in item:
                m = re.search(rb"FLAGS \(([^)]*)\)", item)
                flags = m.group(1).decode().split() if m else []
        out["flags"] = flags
    elif args.command == "unseen":
        check(conn.select(args.mailbox))
        check(conn.uid("STORE", args.rest[0], "-FLAGS", "(\\Seen)"))
    elif args.command == "status":
        data = check(conn.status(args.mailbox, "(UIDVALIDITY UIDNEXT MESSAGES)"))
        text = data[0].decode()
        for key in ("UIDVALIDITY", "UIDNEXT", "MESSAGES"):
            m = re.search(key + r" (\d+)", text)
            out[key.lower()] = int(m.group(1)) if m else None
    elif args.command == "create":
        check(conn.create(args.mailbox))
    elif args.command == "delete":
        check(conn.delete(args.mailbox))
    conn.logout()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
