# remindd: build, test and install.
#
#   make                       debug build
#   make test                  all tests
#   make install               release build, then binary, systemd unit, example config
#   make install PREFIX=/usr DESTDIR=/tmp/pkg
#
# The configuration lives in /etc/remindd whatever PREFIX is: the unit's
# ConfigurationDirectory= says so. An existing /etc/remindd/remindd.yaml is never
# overwritten.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DOCDIR  ?= $(PREFIX)/share/doc/remindd
# Units of packages (PREFIX=/usr) go to the vendor directory, local installs to /etc.
UNITDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib/systemd/system,/etc/systemd/system)
CONFDIR  = /etc/remindd
SWIFT   ?= swift
# The binary install-files copies; `make install` builds it first.
REMINDD_BIN ?= .build/release/remindd

.PHONY: all build release test install install-files uninstall

all: build

build:
	$(SWIFT) build

# The Swift runtime is linked in: the server needs no Swift toolchain, and the daemon
# maps fewer pages at start.
release:
	$(SWIFT) build -c release --static-swift-stdlib --product remindd

test:
	$(SWIFT) test

install: release
	$(MAKE) install-files

install-files:
	@test -x "$(REMINDD_BIN)" || { echo "no remindd binary at $(REMINDD_BIN): run make release" >&2; exit 1; }
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(CONFDIR)" "$(DESTDIR)$(DOCDIR)"
	install -m 0755 "$(REMINDD_BIN)" "$(DESTDIR)$(BINDIR)/remindd"
	sed -e 's|/usr/local/bin/remindd|$(BINDIR)/remindd|' -e 's|/usr/local/share/doc/remindd|$(DOCDIR)|' \
		systemd/remindd.service > "$(DESTDIR)$(UNITDIR)/remindd.service.tmp"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/remindd.service.tmp"
	mv "$(DESTDIR)$(UNITDIR)/remindd.service.tmp" "$(DESTDIR)$(UNITDIR)/remindd.service"
	@if test -f config/remindd.example.yaml; then \
		install -m 0644 config/remindd.example.yaml "$(DESTDIR)$(DOCDIR)/remindd.example.yaml"; \
		if test -e "$(DESTDIR)$(CONFDIR)/remindd.yaml"; then \
			echo "keeping the existing $(DESTDIR)$(CONFDIR)/remindd.yaml"; \
		else \
			echo "install -m 0644 config/remindd.example.yaml $(DESTDIR)$(CONFDIR)/remindd.yaml"; \
			install -m 0644 config/remindd.example.yaml "$(DESTDIR)$(CONFDIR)/remindd.yaml"; \
		fi; \
	fi
	@if test -f README.md; then install -m 0644 README.md "$(DESTDIR)$(DOCDIR)/README.md"; fi
	@echo "installed. Next: edit $(CONFDIR)/remindd.yaml, put secrets in /etc/credstore/ (see the unit),"
	@echo "then: systemctl daemon-reload && systemctl enable --now remindd"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/remindd" "$(DESTDIR)$(UNITDIR)/remindd.service"
	rm -rf "$(DESTDIR)$(DOCDIR)"
	@echo "left in place: $(CONFDIR) (configuration) and /var/lib/remindd (state)"
