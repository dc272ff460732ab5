import Foundation
import ZIPFoundation

/// One file of a ZIP archive, read from the archive's bytes with every offset and size
/// checked against them. A Word document is a ZIP; only `word/document.xml` is needed.
///
/// Why not ZIPFoundation's `Archive`: its in-memory archive lets a seek past the end of a
/// damaged zip through to a read that traps, and its inflate loop asks its file for more
/// bytes forever once a truncated deflate stream has used them all (fuzz-docx found both).
/// Here the inflating (ZIPFoundation's, on zlib) gets its bytes from a provider that stops
/// at the entry's end.
struct ZipEntry {
    var name: String
    var method: UInt16
    var crc32: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int

    struct Damaged: Error {}
    static let chunk = 64 << 10
    struct TooLarge: Error {}

    /// The entry named `name`, from the central directory; nil when there is none.
    static func find(_ name: String, in b: [UInt8]) throws -> ZipEntry? {
        // The end of central directory record: 22 bytes and a comment of up to 64 KB.
        guard b.count >= 22 else { throw Damaged() }
        var eocd = -1
        var p = b.count - 22
        while p >= max(0, b.count - 22 - 0xFFFF) {
            if u32(b, p) == 0x0605_4B50 { eocd = p; break }
            p -= 1
        }
        guard eocd >= 0 else { throw Damaged() }
        let count = Int(u16(b, eocd + 10))
        let size = Int(u32(b, eocd + 12)), offset = Int(u32(b, eocd + 16))
        guard offset <= eocd, size <= eocd - offset else { throw Damaged() }
        var q = offset
        for _ in 0..<count {
            guard q + 46 <= offset + size, u32(b, q) == 0x0201_4B50 else { throw Damaged() }
            let nameLength = Int(u16(b, q + 28)), extra = Int(u16(b, q + 30)), comment = Int(u16(b, q + 32))
            guard q + 46 + nameLength <= b.count else { throw Damaged() }
            let entryName = String(decoding: b[(q + 46)..<(q + 46 + nameLength)], as: UTF8.self)
            if entryName == name {
                let e = ZipEntry(name: entryName, method: u16(b, q + 10), crc32: u32(b, q + 16),
                                 compressedSize: Int(u32(b, q + 20)), uncompressedSize: Int(u32(b, q + 24)),
                                 localHeaderOffset: Int(u32(b, q + 42)))
                // ZIP64 sizes (0xFFFFFFFF) are for files no Word document comes near.
                guard e.compressedSize != 0xFFFF_FFFF, e.uncompressedSize != 0xFFFF_FFFF,
                      e.localHeaderOffset != 0xFFFF_FFFF else { throw Damaged() }
                return e
            }
            q += 46 + nameLength + extra + comment
        }
        return nil
    }

    /// The entry's bytes, unpacked, at most `limit` of them (`TooLarge` past it).
    func data(in b: [UInt8], limit: Int) throws -> Data {
        let h = localHeaderOffset
        guard h <= b.count - 30, Self.u32(b, h) == 0x0403_4B50 else { throw Damaged() }
        let start = h + 30 + Int(Self.u16(b, h + 26)) + Int(Self.u16(b, h + 28))
        guard start <= b.count, compressedSize <= b.count - start else { throw Damaged() }
        let packed = b[start..<(start + compressedSize)]
        switch method {
        case 0:
            guard packed.count <= limit else { throw TooLarge() }
            let out = Data(packed)
            guard out.crc32(checksum: 0) == crc32 else { throw Damaged() }
            return out
        case 8:
            var out = Data()
            let crc = try Data.decompress(size: Int64(compressedSize), bufferSize: Self.chunk, skipCRC32: false,
                                          provider: { position, chunk in
                // Past the entry's last byte the stream is cut short: say so instead of
                // handing the inflater nothing, which it would ask for again forever.
                let from = Int(position)
                guard from < packed.count else { throw Damaged() }
                // Always `chunk` bytes: the inflater is told that many are there whatever
                // the chunk holds. Past the entry they are zeros, which a whole stream never
                // reaches and a cut one fails on (or on the checksum).
                let lo = packed.startIndex + from
                var out = Data(count: chunk)
                let n = min(packed.endIndex - lo, chunk)
                out.withUnsafeMutableBytes { dst in
                    packed[lo..<(lo + n)].withUnsafeBytes { src in dst.copyMemory(from: src) }
                }
                return out
            }, consumer: { chunk in
                guard out.count + chunk.count <= limit else { throw TooLarge() }
                out.append(chunk)
            })
            guard crc == crc32 else { throw Damaged() }
            return out
        default:
            throw Damaged()
        }
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
        guard i >= 0, i + 2 <= b.count else { return 0 }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        guard i >= 0, i + 4 <= b.count else { return 0 }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
