#!/usr/bin/env python3
"""A real SMTP server for remindd's tests, on loopback, built on aiosmtpd.

It records what a mail server would see, so tests can assert on the wire and not on
remindd's own idea of it:

  DIR/events.jsonl   one JSON object per line, in order:
                     {"event": "connect", "conn": N}
                     {"event": "ehlo", "conn": N, "hostname": ...}
                     {"event": "auth", "conn": N, "user": ..., "ok": bool}
                     {"event": "mail", "conn": N, "from": ...}
                     {"event": "rcpt", "conn": N, "to": ...}
                     {"event": "message", "conn": N, "file": "msg-0001.eml", "mail_from": ...,
                      "rcpt_tos": [...], "tls": bool, "auth_user": ..., "reply": "250 ...",
                      "decoded": {"headers": [[name, value], ...], "subject": ...,
                                  "body": ..., "defects": [...]}}
  DIR/msg-NNNN.eml   the message exactly as received

"decoded" comes from Python's email package (policy=default): RFC 2047 headers and the
quoted-printable/base64 body decoded by an independent implementation.

Usage:
  smtp_server.py --dir DIR [--starttls CERT KEY] [--implicit-tls CERT KEY]
                 [--auth USER PASSWORD_FILE] [--data-replies "451 4.3.0 Later,250"]
Prints "READY <port>" on stdout once it listens on 127.0.0.1 (a free port) and serves
until killed. --data-replies answers successive messages with those replies (the last
one repeats); the default is "250 OK: queued".
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import ssl
import sys
import threading
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from serverlife import die_with_parent

_lock = threading.Lock()


class Recorder:
    def __init__(self, directory):
        self.dir = directory
        self.events = open(os.path.join(directory, "events.jsonl"), "a", encoding="utf-8")
        self.count = 0
        self.conns = 0

    def write(self, obj):
        with _lock:
            self.events.write(json.dumps(obj, ensure_ascii=False) + "\n")
            self.events.flush()


def decode(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [repr(d) for d in msg.defects]
    headers = []
    for name, value in msg.items():
        headers.append([name, str(value)])
        defects += [repr(d) for d in getattr(value, "defects", ())]
    body = None
    part = msg.get_body(preferencelist=("plain",))
    if part is not None:
        body = part.get_content()
    return {"headers": headers, "subject": str(msg["Subject"]) if msg["Subject"] is not None else None,
            "body": body, "defects": defects}


class Handler:
    def __init__(self, recorder, replies):
        self.rec = recorder
        self.replies = replies
        self.index = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.rec.write({"event": "ehlo", "conn": server.conn_id, "hostname": hostname})
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.rec.write({"event": "mail", "conn": server.conn_id, "from": address})
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rec.write({"event": "rcpt", "conn": server.conn_id, "to": address})
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = self.replies[min(self.index, len(self.replies) - 1)]
        self.index += 1
        raw = envelope.original_content or envelope.content
        with _lock:
            self.rec.count += 1
            name = "msg-%04d.eml" % self.rec.count
        with open(os.path.join(self.rec.dir, name), "wb") as f:
            f.write(raw)
        self.rec.write({
            "event": "message", "conn": server.conn_id, "file": name,
            "mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos),
            "tls": bool(session.ssl) or server.transport.get_extra_info("ssl_object") is not None, "auth_user": server.auth_user, "reply": reply,
            "decoded": decode(raw),
        })
        return reply


class RecordingSMTP(SMTP):
    recorder = None

    def connection_made(self, transport):
        with _lock:
            self.recorder.conns += 1
            self.conn_id = self.recorder.conns
        self.auth_user = None
        self.recorder.write({"event": "connect", "conn": self.conn_id})
        super().connection_made(transport)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth", nargs=2, metavar=("USER", "PASSWORD_FILE"))
    p.add_argument("--data-replies", default="250 OK: queued")
    a = p.parse_args()
    die_with_parent()

    rec = Recorder(a.dir)
    RecordingSMTP.recorder = rec
    handler = Handler(rec, [r.strip() for r in a.data_replies.split(",")])

    def context(pair):
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(pair[0], pair[1])
        return ctx

    authenticator = None
    if a.auth:
        user = a.auth[0]
        with open(a.auth[1], encoding="utf-8") as f:
            password = f.read().rstrip("\r\n")

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
            login = data.login.decode(errors="replace") if isinstance(data, LoginPassword) else None
            rec.write({"event": "auth", "conn": server.conn_id, "user": login, "ok": ok})
            if ok:
                server.auth_user = login
            # handled=False: aiosmtpd then sends the 235/535 reply itself.
            return AuthResult(success=ok, handled=False)

    kwargs = {"hostname": "remindd-test-server"}
    if a.starttls:
        kwargs.update(tls_context=context(a.starttls), require_starttls=True)
    if authenticator:
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=bool(a.starttls or a.implicit_tls))

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server_ssl = context(a.implicit_tls) if a.implicit_tls else None
    server = loop.run_until_complete(loop.create_server(
        lambda: RecordingSMTP(handler, loop=loop, **kwargs), host="127.0.0.1", port=0, ssl=server_ssl))
    print("READY %d" % server.sockets[0].getsockname()[1], flush=True)
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
