import Foundation
import RemindCore

/// What an API route answers: a status and a JSON body, or an RFC 9457 problem document.
struct APIAnswer: Sendable {
    var status: Int
    var body: String
    var contentType: String

    static func ok(_ json: JSON) -> APIAnswer {
        APIAnswer(status: 200, body: json.serialized() + "\n", contentType: "application/json")
    }

    static func raw(_ text: String) -> APIAnswer {
        APIAnswer(status: 200, body: text.hasSuffix("\n") ? text : text + "\n", contentType: "application/json")
    }

    static let titles = [400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
                         405: "Method Not Allowed", 413: "Content Too Large", 415: "Unsupported Media Type",
                         500: "Internal Server Error", 503: "Service Unavailable"]

    static func problem(_ status: Int, _ detail: String) -> APIAnswer {
        let doc = JSON.object([
            ("type", .string("about:blank")),
            ("title", .string(titles[status] ?? "Error")),
            ("status", .int(status)),
            ("detail", .string(detail)),
        ])
        return APIAnswer(status: status, body: doc.serialized() + "\n", contentType: "application/problem+json")
    }
}
