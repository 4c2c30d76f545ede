// A test seam: a SQLite VFS that behaves like a disk that fills up after a set number of writes.
// Open a store with OpenOptions{.vfs = kFailingVfsName} after RegisterFailingVfs().
//
// Thread-safety: the write budget is a process-wide atomic; meant for single-test use.
#pragma once

#include <cstdint>

namespace anchornet::store {

inline constexpr const char* kFailingVfsName = "anchornet-failing";

// Registers the VFS once (idempotent). Returns false if SQLite refused.
bool RegisterFailingVfs();
// After `writes` more successful xWrite calls, every write fails with SQLITE_FULL.
// A negative value means never fail.
void SetFailingVfsBudget(std::int64_t writes);
// Writes seen since the budget was last set.
std::int64_t FailingVfsWrites();

}  // namespace anchornet::store
