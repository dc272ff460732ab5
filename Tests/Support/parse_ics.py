#!/usr/bin/env python3
"""Reads iCalendar with an independent parser (PyPI's `icalendar`) and prints what it
found as JSON, so tests check remindd's calendar files field by field:

  {"calendars": [{"source": "file" | "text/calendar" | "application/ics",
                  "filename": ... or null, "version": ..., "prodid": ..., "method": ...,
                  "calscale": ..., "errors": [...],
                  "events": [{"uid": ..., "summary": ..., "description": ...,
                              "sequence": N, "dtstamp": ISO,
                              "dtstart": ISO date or date-time, "dtstart_is_date": bool,
                              "dtend": ... or null, "dtend_is_date": bool or null,
                              "utc": true when every date-time is in UTC}]}]}

FILE is an .ics file, or an RFC 5322 message whose calendar parts are read (with
Python's strict e-mail parser). Usage: parse_ics.py FILE
"""
import datetime
import email.parser
import email.policy
import json
import sys

import icalendar


def stamp(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value.isoformat() if value is not None else None


def is_utc(value):
    if not isinstance(value, datetime.datetime):
        return True
    return value.tzinfo is not None and value.utcoffset() == datetime.timedelta(0)


def read(raw, source, filename=None):
    cal = icalendar.Calendar.from_ical(raw)
    errors = [repr(e) for e in getattr(cal, "errors", [])]
    events = []
    for ev in cal.walk("VEVENT"):
        errors += [repr(e) for e in getattr(ev, "errors", [])]
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND") if "DTEND" in ev else None
        stamp_value = ev.decoded("DTSTAMP")
        events.append({
            "uid": str(ev["UID"]),
            "summary": str(ev["SUMMARY"]),
            "description": str(ev["DESCRIPTION"]) if "DESCRIPTION" in ev else None,
            "sequence": int(ev["SEQUENCE"]),
            "dtstamp": stamp(stamp_value),
            "dtstart": stamp(start),
            "dtstart_is_date": not isinstance(start, datetime.datetime),
            "dtend": stamp(end),
            "dtend_is_date": None if end is None else not isinstance(end, datetime.datetime),
            "utc": all(is_utc(v) for v in (start, end, stamp_value) if v is not None),
        })
    return {"source": source, "filename": filename, "version": str(cal.get("VERSION")),
            "prodid": str(cal.get("PRODID")), "method": str(cal.get("METHOD")),
            "calscale": str(cal.get("CALSCALE")), "errors": errors, "events": events}


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    calendars = []
    if raw.startswith(b"BEGIN:VCALENDAR"):
        calendars.append(read(raw, "file"))
    else:
        msg = email.parser.BytesParser(policy=email.policy.strict).parsebytes(raw)
        for part in msg.walk():
            if part.get_content_type() in ("text/calendar", "application/ics"):
                calendars.append(read(part.get_payload(decode=True), part.get_content_type(), part.get_filename()))
    print(json.dumps({"calendars": calendars}, ensure_ascii=False))


if __name__ == "__main__":
    main()
