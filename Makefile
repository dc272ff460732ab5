# remindd: build, test, install and package.
#
#   make                       debug build
#   make test                  all tests
#   make install               release build, then binary, systemd unit, example config,
#                              man pages and shell completions
#   make install PREFIX=/usr DESTDIR=/tmp/pkg
#   make deb                   dist/remindd_VERSION_ARCH.deb (dpkg-deb; no debhelper)
#   make package-test          make deb, then lintian and the man pages' render check
#
# The configuration lives in /etc/remindd whatever PREFIX is: the unit's
# ConfigurationDirectory= says so. An existing /etc/remindd/remindd.yaml is never
# overwritten.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DOCDIR  ?= $(PREFIX)/share/doc/remindd
MANDIR  ?= $(PREFIX)/share/man
# Where each shell looks for the completions of packages (PREFIX=/usr) and of local installs.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(if $(filter /usr,$(PREFIX)),/usr/share/zsh/vendor-completions,$(PREFIX)/share/zsh/site-functions)
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
# Units of packages (PREFIX=/usr) go to the vendor directory, local installs to /etc.
UNITDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib/systemd/system,/etc/systemd/system)
CONFDIR  = /etc/remindd
SWIFT   ?= swift
# The binary install-files copies; `make install` builds it first.
REMINDD_BIN ?= .build/release/remindd
# remindd(1) and the completion scripts, generated from REMINDD_BIN by `make docs`.
GENDIR  ?= .build/docs

# The release (Sources/remindd/BuildInfo.swift) and the commit `remindd --version` names.
VERSION  = $(shell sed -n 's/^ *static let release = "\(.*\)"$$/\1/p' Sources/remindd/BuildInfo.swift 2>/dev/null)
COMMIT   = $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD -- 2>/dev/null || c=$$c-dirty; echo $$c; })
BUILDINFO = Sources/remindd/BuildInfo.generated.swift
# The man page's date: the commit's, so a commit always renders the same page.
MANDATE  = $(shell git log -1 --format=%cd --date=short 2>/dev/null || date -u +%F)

.PHONY: all build release buildinfo docs test install install-files uninstall deb package-test

all: build

build:
	$(SWIFT) build

# The Swift runtime is linked in: the server needs no Swift toolchain, and the daemon
# maps fewer pages at start. Each function gets a section of its own, so that the link can
# place the ones a starting daemon runs together (Package.swift, packaging/remindd.order).
release: buildinfo
	$(SWIFT) build -c release --static-swift-stdlib --product remindd -Xswiftc -DREMINDD_BUILD_INFO \
		-Xswiftc -Xfrontend -Xswiftc -function-sections

# Rewritten only when the commit changes, so an unchanged tree rebuilds nothing.
buildinfo:
	@printf '// Written by `make release`; see BuildInfo.swift.\n#if REMINDD_BUILD_INFO\nenum GeneratedBuildInfo {\n    static let commit: String? = %s\n}\n#endif\n' \
		'$(if $(COMMIT),"$(COMMIT)",nil)' > $(BUILDINFO).tmp
	@if cmp -s $(BUILDINFO).tmp $(BUILDINFO); then rm $(BUILDINFO).tmp; else mv $(BUILDINFO).tmp $(BUILDINFO); fi

# remindd(1) from the command tree, as swift-argument-parser's GenerateManual plugin makes
# it (`swift package plugin generate-manual` runs the same generate-manual tool, but on a
# build of every product of its own); completion scripts from the binary itself.
# REMINDD_CONFIG is unset so that the documented default of --config is the real one.
docs:
	@test -x "$(REMINDD_BIN)" || { echo "no remindd binary at $(REMINDD_BIN): run make release" >&2; exit 1; }
	$(SWIFT) build --product generate-manual
	mkdir -p $(GENDIR)
	env -u REMINDD_CONFIG "$$($(SWIFT) build --show-bin-path)/generate-manual" "$(REMINDD_BIN)" --date $(MANDATE) \
		--authors "remindd maintainers" --output-directory $(GENDIR)
	@# A blank line in a command's discussion is a paragraph break; mdoc wants .Pp there.
	sed -i 's/^$$/.Pp/' $(GENDIR)/remindd.1
	@# bash-completion sources the script: it has no use for a #! line.
	env -u REMINDD_CONFIG "$(REMINDD_BIN)" --generate-completion-script bash | sed '1{/^#!/d}' > $(GENDIR)/remindd.bash
	env -u REMINDD_CONFIG "$(REMINDD_BIN)" --generate-completion-script zsh > $(GENDIR)/_remindd
	env -u REMINDD_CONFIG "$(REMINDD_BIN)" --generate-completion-script fish > $(GENDIR)/remindd.fish

test:
	$(SWIFT) test

install: release
	$(MAKE) docs
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
	@if test -f docs/man/remindd.yaml.5; then \
		install -d "$(DESTDIR)$(MANDIR)/man5" && install -m 0644 docs/man/remindd.yaml.5 "$(DESTDIR)$(MANDIR)/man5/"; fi
	@if test -f "$(GENDIR)/remindd.1"; then \
		install -d "$(DESTDIR)$(MANDIR)/man1" && install -m 0644 "$(GENDIR)/remindd.1" "$(DESTDIR)$(MANDIR)/man1/"; fi
	@if test -f "$(GENDIR)/remindd.bash"; then \
		install -d "$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(ZSHCOMPDIR)" "$(DESTDIR)$(FISHCOMPDIR)" && \
		install -m 0644 "$(GENDIR)/remindd.bash" "$(DESTDIR)$(BASHCOMPDIR)/remindd" && \
		install -m 0644 "$(GENDIR)/_remindd" "$(DESTDIR)$(ZSHCOMPDIR)/_remindd" && \
		install -m 0644 "$(GENDIR)/remindd.fish" "$(DESTDIR)$(FISHCOMPDIR)/remindd.fish"; fi
	@echo "installed. Next: edit $(CONFDIR)/remindd.yaml, put secrets in /etc/credstore/ (see the unit),"
	@echo "then: systemctl daemon-reload && systemctl enable --now remindd"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/remindd" "$(DESTDIR)$(UNITDIR)/remindd.service"
	rm -f "$(DESTDIR)$(MANDIR)/man1/remindd.1" "$(DESTDIR)$(MANDIR)/man5/remindd.yaml.5"
	rm -f "$(DESTDIR)$(BASHCOMPDIR)/remindd" "$(DESTDIR)$(ZSHCOMPDIR)/_remindd" "$(DESTDIR)$(FISHCOMPDIR)/remindd.fish"
	rm -rf "$(DESTDIR)$(DOCDIR)"
	@echo "left in place: $(CONFDIR) (configuration) and /var/lib/remindd (state)"

# A Debian package of the release build: scripts/build-deb says what goes in.
deb: release
	$(MAKE) docs
	scripts/build-deb "$(REMINDD_BIN)" $(GENDIR) $(VERSION)

package-test:
	scripts/package-test
