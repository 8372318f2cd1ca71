// A connected Unix-domain stream socket whose every read is bounded (poll before recv).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking Unix-domain socket connection with bounded reads. Not shared between tasks.
final class UnixSocketConnection {
    private var fd: Int32

    /// Connects to `path`, retrying until `timeout` while the socket is not there yet or not
    /// listening (QEMU creates it a moment after it starts).
    init(path: String, timeout: Duration) throws(GDBRemoteError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            throw .connect(path: path, reason: "the path is longer than \(capacity - 1) bytes (sun_path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            #if canImport(Glibc)
            let candidate = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let candidate = socket(AF_UNIX, SOCK_STREAM, 0)
            #endif
            guard candidate >= 0 else { throw .connect(path: path, reason: "socket(): \(String(cString: strerror(errno)))") }
            let result = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(candidate, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            if result == 0 {
                fd = candidate
                return
            }
            let error = errno
            closeDescriptor(candidate)
            guard error == ENOENT || error == ECONNREFUSED, ContinuousClock.now < deadline else {
                throw .connect(path: path, reason: "\(String(cString: strerror(error))) (for \(timeout))")
            }
            usleep(10_000)
        }
    }

    deinit { close() }

    func close() {
        if fd >= 0 {
            closeDescriptor(fd)
            fd = -1
        }
    }

    func send(_ bytes: [UInt8]) throws(GDBRemoteError) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io("send(): \(String(cString: strerror(errno)))")
            }
            sent += count
        }
    }

    /// Some bytes, waiting at most until `deadline`.
    func receive(until deadline: ContinuousClock.Instant, waitingFor what: String, bound: Duration) throws(GDBRemoteError) -> [UInt8] {
        while true {
            let left = deadline - ContinuousClock.now
            let milliseconds = max(0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard left > .zero else { throw .timeout(waitingFor: what, after: bound) }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .io("poll(): \(String(cString: strerror(errno)))")
            }
            if ready == 0 { continue }  // the deadline check above ends the loop
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .io("recv(): \(String(cString: strerror(errno)))")
            }
            if count == 0 { throw .closed(waitingFor: what) }
            return Array(buffer[0..<count])
        }
    }
}

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

private func systemSend(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(fd, pointer, count, flags)
}
