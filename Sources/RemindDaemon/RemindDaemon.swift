// The service: store, scheduler, outbox worker, control socket, systemd.
