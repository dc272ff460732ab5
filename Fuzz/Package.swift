// swift-tools-version:6.0
// libFuzzer targets, one per parser, kept out of the main build: `scripts/fuzz` builds this
// package with `-sanitize=fuzzer,address` and runs them. Each target is an executable whose
// only entry point is `LLVMFuzzerTestOneInput`.
import PackageDescription

let fuzz: [(name: String, dependencies: [Target.Dependency])] = [
    ("fuzz-config", [.product(name: "RemindCore", package: "remindd"), .product(name: "RemindDelivery", package: "remindd")]),
    ("fuzz-planner", [.product(name: "RemindCore", package: "remindd"), .product(name: "RemindDelivery", package: "remindd")]),
    ("fuzz-import", [.product(name: "MinutesImport", package: "remindd"), .product(name: "RemindCore", package: "remindd")]),
    ("fuzz-docx", [.product(name: "MinutesImport", package: "remindd")]),
    ("fuzz-mail", [.product(name: "RemindDelivery", package: "remindd"), .product(name: "RemindCore", package: "remindd")]),
    ("fuzz-token", [.product(name: "RemindCore", package: "remindd")]),
    ("fuzz-api", [.product(name: "RemindCore", package: "remindd")]),
    ("fuzz-ical", [.product(name: "RemindCore", package: "remindd")]),
    ("fuzz-reply", [.product(name: "RemindCore", package: "remindd")]),
]

let package = Package(
    name: "remindd-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "remindd", path: "..")],
    targets: [.target(name: "FuzzDriver")]
        + fuzz.map { .executableTarget(name: $0.name, dependencies: $0.dependencies + ["FuzzDriver"]) }
)
