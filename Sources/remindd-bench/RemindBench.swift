import ArgumentParser

/// The measuring half of `scripts/bench`. Each subcommand measures one claim and prints
/// `key value` lines on stdout (the script gathers them into its table and JSON object);
/// anything for people goes to stderr.
@main
struct RemindBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remindd-bench",
        abstract: "Measure remindd's timing, throughput, start-up, agenda and idle figures.",
        subcommands: [
            FixtureCommand.self, TimerCommand.self, TimerFloorCommand.self, DurableCommand.self, RawCommand.self,
            StartupCommand.self, AgendaTimeCommand.self, IdleCommand.self, APICommand.self, DigestBenchCommand.self,
        ]
    )
}
