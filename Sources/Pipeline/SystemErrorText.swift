import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns file-system errors (POSIX `errno`, Foundation's `NSError`s) into words an operator
/// can act on: "no space left on device", "permission denied", "no such file or folder".
///
/// Errors of our own types (which already say what and where) pass through unchanged.
public enum SystemErrorText {
    /// The words for POSIX error `code`.
    public static func posix(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on device"
        case EDQUOT: return "disk quota exceeded"
        case EACCES: return "permission denied"
        case EPERM: return "operation not permitted"
        case ENOENT: return "no such file or folder"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "is a folder, not a file"
        case EROFS: return "read-only file system"
        case EIO: return "input/output error (disk or network file system)"
        case EMFILE, ENFILE: return "too many open files"
        case ENAMETOOLONG: return "file name too long"
        case EEXIST: return "already exists"
        case ENOMEM: return "out of memory"
        case EFBIG: return "file too large"
        default: return String(cString: strerror(code))
        }
    }

    /// The words for the current `errno`.
    public static func lastError() -> String { posix(errno) }

    /// The words for `error`: the POSIX cause of a Foundation error when there is one
    /// (Foundation wraps `ENOSPC` as `NSFileWriteOutOfSpaceError`, `EACCES` as
    /// `NSFileWriteNoPermissionError`, …), else the error's own description.
    public static func describe(_ error: Error) -> String {
        let ns = error as NSError
        let file = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let words = wordsOnly(error)
        guard let file, ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return words }
        return "\(file): \(words)"
    }

    /// ``describe(_:)`` without the file name.
    static func wordsOnly(_ error: Error) -> String {
        if let code = posixCode(of: error) { return posix(code) }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileWriteOutOfSpaceError: return posix(ENOSPC)
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return posix(EACCES)
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return posix(ENOENT)
            case NSFileWriteVolumeReadOnlyError: return posix(EROFS)
            case NSFileReadCorruptFileError: return "the file is corrupt"
            case NSFileReadInapplicableStringEncodingError: return "the file is not valid UTF-8 text"
            case NSFileWriteFileExistsError: return posix(EEXIST)
            default: break
            }
        }
        if ns.domain == NSCocoaErrorDomain { return ns.localizedDescription }
        return "\(error)"
    }

    /// The POSIX error code behind `error`, looking through `NSUnderlyingErrorKey`.
    public static func posixCode(of error: Error) -> Int32? {
        if let p = error as? POSIXError { return p.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error {
            return posixCode(of: underlying)
        }
        return nil
    }
}
