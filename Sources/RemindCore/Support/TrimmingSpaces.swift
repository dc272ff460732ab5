import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`, without Foundation's cost in the usual case
    /// of nothing to trim (every deadline and duration of a config is read through here).
    var trimmingSpaces: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if !CharacterSet.whitespaces.contains(first) && !CharacterSet.whitespaces.contains(last) {
            return String(self)
        }
        return trimmingCharacters(in: .whitespaces)
    }
}
