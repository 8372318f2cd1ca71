// One batch at a time per output folder: two writing one gradebook would each rename its own
// version over the other's and lose rows. An advisory lock (flock) on `.gradebook.lock`, held
// while the batch runs; the system drops it when the process ends, however it ends.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class BatchLock {
    static let fileName = ".gradebook.lock"
    private var descriptor: Int32

    init(folder: URL) throws(BatchError) {
        let path = folder.appendingPathComponent(Self.fileName).path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .outputUnwritable(folder.path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .outputInUse(folder.path)
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
