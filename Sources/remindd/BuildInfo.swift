/// What `remindd --version` prints: the release, and the commit a build made by the
/// Makefile (`make release`, `make deb`) comes from. The Makefile writes that commit into
/// `BuildInfo.generated.swift` and compiles with `-DREMINDD_BUILD_INFO`; a plain `swift
/// build` (a clean clone, a tarball) needs neither and names no commit.
enum BuildInfo {
    /// The release; packages are named after it.
    static let release = "0.1.0"

    #if REMINDD_BUILD_INFO
    static let commit: String? = GeneratedBuildInfo.commit
    #else
    static let commit: String? = nil
    #endif

    /// `0.1.0 (commit 1a2b3c4d5e6f)`, or `0.1.0 (commit unknown)`.
    static var version: String { "\(release) (commit \(commit ?? "unknown"))" }
}
