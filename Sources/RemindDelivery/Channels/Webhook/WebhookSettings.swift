import Foundation
import RemindCore

/// A webhook channel's config, checked again here: an http(s) URL without line breaks
/// (libcurl is also told to speak nothing else and to follow no redirect).
struct WebhookSettings {
    var channel: String
    var url: String
    var format: WebhookFormat
    var caFile: String?
    var connectTimeout: Double
    var timeout: Double

    init(_ c: WebhookChannel, unseenCredentialsAllowed: Bool = false) throws(DeliveryConfigError) {
        channel = c.name
        guard !c.url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
              let comps = URLComponents(string: c.url), let scheme = comps.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = comps.host, !host.isEmpty else {
            throw DeliveryConfigError(channel: c.name, key: "url", "url must be an http:// or https:// URL")
        }
        url = c.url
        format = c.format
        // Unseen: a trust file under the service's credentials directory, checked by `check`
        // only when that directory is there (the load warns); the service reads it at start.
        if let ca = c.caFile, !(unseenCredentialsAllowed && LocalFiles.isUnseenCredential(ca)) {
            try LocalFiles.checkCertificates(ca, channel: c.name)
        }
        caFile = c.caFile
        connectTimeout = c.connectTimeout
        timeout = c.timeout
    }
}
