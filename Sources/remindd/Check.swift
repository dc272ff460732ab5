import ArgumentParser

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the configuration.")
    func run() throws {}
}
