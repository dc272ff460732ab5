import Dispatch
import ServiceLifecycle

/// The reply poller's part of the group: a poll, then a wait of `poll` (longer after
/// failures), until the graceful shutdown; a poll in progress finishes first.
struct InboxService: Service {
    let poller: InboxPoller

    func run() async {
        let poller = self.poller
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let wait = await poller.io.perform { poller.pollOnce() }
                try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            }
        }
    }
}
