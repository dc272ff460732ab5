"""Lifetime of the test servers: shared by smtp_server.py and http_receiver.py."""
import os
import signal
import threading
import time


def die_with_parent():
    """Exit when the test process that started this server goes away, and accept SIGTERM
    even when the parent's thread had it blocked (the blocked mask is inherited)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
