#!/usr/bin/env python3
"""Parses one RFC 5322 file with Python's email package and prints what a mail reader
would show, as JSON: {"headers": [[name, value], ...], "subject": ..., "body": ...,
"defects": [...]}. Used by the maildir tests to read a written message back with an
implementation that is not remindd's.

Usage: parse_mail.py FILE
"""
import email
import email.policy
import json
import sys


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [repr(d) for d in msg.defects]
    headers = []
    for name, value in msg.items():
        headers.append([name, str(value)])
        defects += [repr(d) for d in getattr(value, "defects", ())]
    part = msg.get_body(preferencelist=("plain",))
    print(json.dumps({"headers": headers, "subject": str(msg["Subject"]),
                      "body": part.get_content() if part is not None else None,
                      "defects": defects}, ensure_ascii=False))


if __name__ == "__main__":
    main()
