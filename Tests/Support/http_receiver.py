#!/usr/bin/env python3
"""An HTTP receiver for remindd's webhook tests, on loopback.

Records every request as one JSON line in LOG:
  {"conn": N, "method": ..., "path": ..., "headers": [[name, value], ...], "body": "...",
   "status": S, "signature_valid": bool|null, "signature_hmac_valid": bool|null,
   "decoded_headers": {"Title": "...", ...}}
"conn" numbers TCP connections, so a test can see that posts shared one. With --secret,
"signature_valid" is the Standard Webhooks verdict of the `standardwebhooks` package
(timestamp tolerance included; null when the package is missing) and
"signature_hmac_valid" a plain HMAC-SHA256 check of webhook-signature over
"id.timestamp.body". "decoded_headers" holds RFC 2047-decoded values of headers that
contain encoded-words (ntfy's Title).

Usage:
  http_receiver.py --log FILE [--responses SPEC] [--secret whsec_...]
SPEC is a comma-separated sequence of responses for successive requests, the last one
repeating: "500,200", "429:Retry-After=2,200",
"503:Retry-After=Wed, 21 Oct 2037 07:28:00 GMT", "301:Location=http://127.0.0.1:9/x".
Prints "READY <port>" once it listens on 127.0.0.1 (a free port).
"""
import argparse
import base64
import email.header
import hashlib
import hmac
import json
import os
import re
import signal
import sys
import threading
import time

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from serverlife import die_with_parent

lock = threading.Lock()
state = {"conns": 0, "requests": 0}


def parse_spec(spec):
    out = []
    for part in re.split(r",\s*(?=\d{3}(?::|,|$))", spec.strip()):
        status, _, rest = part.partition(":")
        headers = []
        if rest:
            for h in rest.split(";"):
                name, _, value = h.partition("=")
                headers.append((name.strip(), value.strip()))
        out.append((int(status), headers))
    return out


def hmac_valid(secret, headers, body):
    try:
        key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
        signed = ("%s.%s." % (headers["webhook-id"], headers["webhook-timestamp"])).encode() + body
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        sigs = [s.split(",", 1)[1] for s in headers["webhook-signature"].split(" ") if s.startswith("v1,")]
        return any(hmac.compare_digest(expected, s) for s in sigs)
    except Exception:
        return False


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--log", required=True)
    p.add_argument("--responses", default="200")
    p.add_argument("--secret")
    a = p.parse_args()
    die_with_parent()
    responses = parse_spec(a.responses)
    log = open(a.log, "a", encoding="utf-8")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            with lock:
                state["conns"] += 1
                self.conn_id = state["conns"]

        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with lock:
                i = state["requests"]
                state["requests"] += 1
            status, extra = responses[min(i, len(responses) - 1)]
            lower = {k.lower(): v for k, v in self.headers.items()}
            valid = hmac_ok = None
            if a.secret:
                hmac_ok = hmac_valid(a.secret, lower, body)
                try:
                    from standardwebhooks.webhooks import Webhook
                    Webhook(a.secret).verify(body, lower)
                    valid = True
                except ImportError:
                    valid = None
                except Exception:
                    valid = False
            decoded = {}
            for k, v in self.headers.items():
                if "=?" in v:
                    decoded[k] = str(email.header.make_header(email.header.decode_header(v)))
            record = {"conn": self.conn_id, "method": self.command, "path": self.path,
                      "headers": [[k, v] for k, v in self.headers.items()],
                      "body": body.decode("utf-8", errors="replace"), "status": status,
                      "signature_valid": valid, "signature_hmac_valid": hmac_ok,
                      "decoded_headers": decoded}
            with lock:
                log.write(json.dumps(record, ensure_ascii=False) + "\n")
                log.flush()
            reply = b"" if 200 <= status < 300 else ("error %d\n" % status).encode()
            self.send_response(status)
            for name, value in extra:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        do_PUT = do_POST
        do_GET = do_POST

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("READY %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
