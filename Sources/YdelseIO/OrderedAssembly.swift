import ColumnStore
import Foundation

/// Appends the deliveries of one source to its table in delivery order while
/// they are parsed in parallel, and recycles their buffers.
///
/// A delivery's buffers are appended as soon as every earlier delivery has
/// been; until then they wait. Appended buffers go back to a pool that the
/// next delivery to start takes from, so a source is parsed with a handful of
/// buffers whose pages are already mapped instead of one fresh set per file.
final class OrderedAssembly: @unchecked Sendable {
    private let plan: RecordPlan
    private let lock = NSLock()
    private var columns: ExtractColumns
    /// A delivery's rows: parse buffers, or a table from the cache.
    private enum Part {
        case buffers(ColumnBuffers)
        case table(Table)
    }

    /// Parsed deliveries not yet appended, by index.
    private var waiting: [Int: Part] = [:]
    /// The next delivery to append.
    private var next = 0
    private var spare: [ColumnBuffers] = []

    init(plan: RecordPlan, reservingRows: Int) {
        self.plan = plan
        columns = ExtractColumns(plan: plan, reservingRows: reservingRows)
    }

    /// Buffers of an appended delivery, if one is free.
    func spareBuffers() -> ColumnBuffers? {
        lock.withLock { spare.popLast() }
    }

    /// Hands over delivery `index`'s rows; appends every delivery now in order.
    func submit(_ buffers: ColumnBuffers, delivery index: Int) {
        submit(.buffers(buffers), index)
    }

    /// Hands over delivery `index`'s rows as a table (from the cache).
    func submit(_ table: Table, delivery index: Int) {
        submit(.table(table), index)
    }

    private func submit(_ part: Part, _ index: Int) {
        lock.withLock {
            waiting[index] = part
            while let ready = waiting.removeValue(forKey: next) {
                switch ready {
                case .buffers(let buffers):
                    columns.append(buffers, delivery: Int32(next))
                    spare.append(buffers)
                case .table(let table):
                    columns.append(table, plan: plan, delivery: Int32(next))
                }
                next += 1
            }
        }
    }

    /// The source's table, once every delivery has been submitted.
    func table() -> Table {
        lock.withLock {
            precondition(waiting.isEmpty, "deliveries missing before \(waiting.keys.min() ?? next)")
            return columns.table(plan: plan)
        }
    }
}
