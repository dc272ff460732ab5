"""A throw-away PostgreSQL server for the store tests (Debian's `postgresql`).

    python3 pg_server.py DIR

initdb in DIR/data (as `nobody` when run as root: PostgreSQL refuses root), then
`postgres` on a free loopback port with password (SCRAM) authentication for TCP. Prints one
JSON line: {"port", "user", "password", "password_file", "bin"}. Then reads commands on
stdin, one per line, and answers each with one line:

    createdb NAME      -> ok | error: ...
    sql DB STATEMENT   -> ok | error: ...   (psql -c, as the superuser)
    stop               -> ok  (fast shutdown; stdin closing does the same)
    kill               -> ok  (SIGKILL to the server's processes: a crash)
    start              -> ok  (after stop or kill, on the same port)

The server goes away with the test process that started it.
"""
import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time


USER = "remindd"
PASSWORD = "pg-test-Secret-2718"


def find_bin():
    """The folder of initdb and postgres: PATH first, then Debian's versioned folders."""
    for d in os.environ.get("PATH", "").split(":"):
        if d and os.access(os.path.join(d, "initdb"), os.X_OK) and os.access(os.path.join(d, "postgres"), os.X_OK):
            return d
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return os.path.dirname(found[-1])
    sys.exit("initdb not found on PATH or in /usr/lib/postgresql/*/bin: install Debian's postgresql")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    base = os.path.abspath(sys.argv[1])
    binary = find_bin()
    os.makedirs(base, exist_ok=True)
    data, sockets = os.path.join(base, "data"), os.path.join(base, "sock")
    os.makedirs(sockets, exist_ok=True)
    pwfile = os.path.join(base, "password")
    with open(pwfile, "w") as f:
        f.write(PASSWORD + "\n")
    demote = None
    if os.getuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for p in [base, sockets, pwfile]:
            os.chown(p, nobody.pw_uid, nobody.pw_gid)

        def demote():
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", PGTZ="UTC")
    env.pop("PGDATA", None)
    log = open(os.path.join(base, "initdb.log"), "w")
    subprocess.run([os.path.join(binary, "initdb"), "-D", data, "-U", USER, "--pwfile", pwfile, "-E", "UTF8",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"],
                   check=True, stdout=log, stderr=subprocess.STDOUT, preexec_fn=demote, env=env, cwd=base)
    port = free_port()
    state = {"proc": None}

    def start():
        # A second start while the server runs would fail on its lock file and end this
        # script, leaving the running server behind: it is already started.
        if state["proc"] is not None and state["proc"].poll() is None:
            return
        serverlog = open(os.path.join(base, "postgres.log"), "a")
        state["proc"] = subprocess.Popen(
            [os.path.join(binary, "postgres"), "-D", data, "-p", str(port), "-k", sockets,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
             "-c", "full_page_writes=off", "-c", "max_connections=200", "-c", "log_min_messages=warning"],
            stdout=serverlog, stderr=subprocess.STDOUT, preexec_fn=demote, env=env, cwd=base,
            start_new_session=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            if state["proc"].poll() is not None:
                raise SystemExit("postgres exited at start; see " + os.path.join(base, "postgres.log"))
            r = subprocess.run([os.path.join(binary, "pg_isready") if os.path.exists(os.path.join(binary, "pg_isready"))
                                else shutil.which("pg_isready") or "pg_isready",
                                "-h", "127.0.0.1", "-p", str(port), "-q"], env=env)
            if r.returncode == 0:
                return
            time.sleep(0.1)
        raise SystemExit("postgres did not accept connections within 30 s")

    def stop(sig=signal.SIGINT):
        p = state["proc"]
        if p and p.poll() is None:
            if sig == signal.SIGKILL:
                os.killpg(p.pid, signal.SIGKILL)
            else:
                p.send_signal(sig)
            p.wait(timeout=30)
        state["proc"] = None

    def psql(db, statement):
        psql_bin = os.path.join(binary, "psql") if os.path.exists(os.path.join(binary, "psql")) else "psql"
        r = subprocess.run([psql_bin, "-h", sockets, "-p", str(port), "-U", USER, "-d", db, "-v", "ON_ERROR_STOP=1",
                            "-qAt", "-c", statement], capture_output=True, text=True, preexec_fn=demote, env=env)
        return "ok" if r.returncode == 0 else "error: " + (r.stderr.strip().splitlines() or ["psql failed"])[-1]

    # Like serverlife.die_with_parent, but the server goes too: postgres runs in a session
    # of its own and would outlive this script.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parent = os.getppid()

    def finish(sig=signal.SIGINT):
        # The server and its data folder go with this script, however it ends.
        try:
            stop(sig)
        except Exception:  # noqa: BLE001 - a server that will not stop is killed
            p = state["proc"]
            if p is not None:
                os.killpg(p.pid, signal.SIGKILL)
        shutil.rmtree(base, ignore_errors=True)
        os._exit(0)

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        finish(signal.SIGQUIT)

    threading.Thread(target=watch, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: finish())
    start()
    print(json.dumps({"port": port, "user": USER, "password": PASSWORD, "password_file": pwfile,
                      "bin": binary}), flush=True)
    lock = threading.Lock()
    for line in sys.stdin:
        words = line.strip().split(" ", 2)
        with lock:
            try:
                if words[0] == "createdb":
                    answer = psql("postgres", 'CREATE DATABASE "%s"' % words[1].replace('"', ""))
                elif words[0] == "sql":
                    answer = psql(words[1], words[2])
                elif words[0] == "stop":
                    stop()
                    answer = "ok"
                elif words[0] == "kill":
                    stop(signal.SIGKILL)
                    answer = "ok"
                elif words[0] == "start":
                    start()
                    answer = "ok"
                else:
                    answer = "error: unknown command"
            except (Exception, SystemExit) as e:  # noqa: BLE001 - the test reads the reason
                answer = "error: %s" % e
        print(answer, flush=True)
    finish()


if __name__ == "__main__":
    main()
