#!/usr/bin/env python3
"""Parses one RFC 5322 file with Python's strict e-mail parser and prints its MIME tree
as JSON, so tests check the structure of a reminder with an implementation that is not
remindd's:

  {"defects": [...],            every defect of the message, its parts and headers
   "longest_line": N,           octets of the longest line, CRLF excluded
   "parts": [{"path": "1.2", "type": "text/calendar", "params": {...},
              "disposition": "attachment" or null, "filename": ... or null,
              "encoding": "base64", "content": "decoded text" (leaf parts only)}, ...]}

Usage: mime_structure.py FILE
"""
import email.parser
import email.policy
import json
import sys


def walk(part, path, out, defects):
    defects += [repr(d) for d in part.defects]
    for _, value in part.items():
        defects += [repr(d) for d in getattr(value, "defects", ())]
    entry = {
        "path": path,
        "type": part.get_content_type(),
        "params": {k: v for k, v in part.get_params(failobj=[])[1:]},
        "disposition": part.get_content_disposition(),
        "filename": part.get_filename(),
        "encoding": part.get("Content-Transfer-Encoding"),
    }
    out.append(entry)
    if part.is_multipart():
        for i, child in enumerate(part.iter_parts(), 1):
            walk(child, f"{path}.{i}" if path else str(i), out, defects)
    else:
        raw = part.get_payload(decode=True)
        entry["content"] = raw.decode(part.get_content_charset() or "utf-8")


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    msg = email.parser.BytesParser(policy=email.policy.strict).parsebytes(raw)
    parts, defects = [], []
    walk(msg, "", parts, defects)
    longest = max(len(line) for line in raw.split(b"\r\n"))
    print(json.dumps({"defects": defects, "longest_line": longest, "parts": parts}, ensure_ascii=False))


if __name__ == "__main__":
    main()
