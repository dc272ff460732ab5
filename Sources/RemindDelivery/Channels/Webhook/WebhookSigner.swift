import Crypto
import Foundation

/// Standard Webhooks signing (standardwebhooks.com): the receiver checks that the post came
/// from remindd and is fresh. `webhook-id` is the delivery key, the same on every retry, so
/// the receiver can also drop duplicates. HMAC from swift-crypto.
struct WebhookSigner {
    let key: SymmetricKey

    init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
    }

    /// `v1,<base64 HMAC-SHA256 over "id.timestamp.body">`
    func signature(id: String, timestamp: Int, body: [UInt8]) -> String {
        var content = Array("\(id).\(timestamp).".utf8)
        content += body
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: key)
        return "v1," + Data(mac).base64EncodedString()
    }
}
