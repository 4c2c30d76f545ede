// The failing VFS behind store/fault.h: wraps the default VFS and fails xWrite with SQLITE_FULL
// once its budget is spent.
#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <mutex>

#include "store/fault.h"

namespace anchornet::store {

namespace {

std::atomic<std::int64_t> g_budget{-1};
std::atomic<std::int64_t> g_writes{0};
sqlite3_vfs* g_base = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;
const sqlite3_io_methods* g_base_methods = nullptr;

// Our file object: the base file follows it in the same allocation.
struct FailingFile {
  sqlite3_file base;  // pMethods = &g_methods
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

FailingFile* Wrap(sqlite3_file* f) { return reinterpret_cast<FailingFile*>(f); }

int Write(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
  const std::int64_t budget = g_budget.load();
  const std::int64_t n = g_writes.fetch_add(1);
  if (budget >= 0 && n >= budget) return SQLITE_FULL;
  sqlite3_file* real = Wrap(f)->real();
  return real->pMethods->xWrite(real, buf, amt, off);
}

#define FORWARD(name, sig, args)          \
  int name sig {                          \
    sqlite3_file* real = Wrap(f)->real(); \
    return real->pMethods->x##name args;  \
  }
FORWARD(Close, (sqlite3_file * f), (real))
FORWARD(Read, (sqlite3_file * f, void* buf, int amt, sqlite3_int64 off), (real, buf, amt, off))
FORWARD(Truncate, (sqlite3_file * f, sqlite3_int64 size), (real, size))
FORWARD(Sync, (sqlite3_file * f, int flags), (real, flags))
FORWARD(FileSize, (sqlite3_file * f, sqlite3_int64* size), (real, size))
FORWARD(Lock, (sqlite3_file * f, int lock), (real, lock))
FORWARD(Unlock, (sqlite3_file * f, int lock), (real, lock))
FORWARD(CheckReservedLock, (sqlite3_file * f, int* out), (real, out))
FORWARD(FileControl, (sqlite3_file * f, int op, void* arg), (real, op, arg))
FORWARD(SectorSize, (sqlite3_file * f), (real))
FORWARD(DeviceCharacteristics, (sqlite3_file * f), (real))
FORWARD(ShmMap, (sqlite3_file * f, int pg, int sz, int extend, void volatile** pp),
        (real, pg, sz, extend, pp))
FORWARD(ShmLock, (sqlite3_file * f, int offset, int n, int flags), (real, offset, n, flags))
FORWARD(ShmUnmap, (sqlite3_file * f, int del), (real, del))
#undef FORWARD

void ShmBarrier(sqlite3_file* f) {
  sqlite3_file* real = Wrap(f)->real();
  real->pMethods->xShmBarrier(real);
}

int Open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  FailingFile* ff = Wrap(f);
  int rc = g_base->xOpen(g_base, name, ff->real(), flags, out_flags);
  if (rc != SQLITE_OK) {
    ff->base.pMethods = nullptr;
    return rc;
  }
  g_base_methods = ff->real()->pMethods;
  ff->base.pMethods = &g_methods;
  return SQLITE_OK;
}

}  // namespace

bool RegisterFailingVfs() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    g_base = sqlite3_vfs_find(nullptr);
    if (!g_base) return;
    g_vfs = *g_base;
    g_vfs.zName = kFailingVfsName;
    g_vfs.szOsFile = static_cast<int>(sizeof(FailingFile)) + g_base->szOsFile;
    g_vfs.xOpen = Open;
    g_vfs.pNext = nullptr;
    std::memset(&g_methods, 0, sizeof g_methods);
    g_methods.iVersion = 2;
    g_methods.xClose = Close;
    g_methods.xRead = Read;
    g_methods.xWrite = Write;
    g_methods.xTruncate = Truncate;
    g_methods.xSync = Sync;
    g_methods.xFileSize = FileSize;
    g_methods.xLock = Lock;
    g_methods.xUnlock = Unlock;
    g_methods.xCheckReservedLock = CheckReservedLock;
    g_methods.xFileControl = FileControl;
    g_methods.xSectorSize = SectorSize;
    g_methods.xDeviceCharacteristics = DeviceCharacteristics;
    g_methods.xShmMap = ShmMap;
    g_methods.xShmLock = ShmLock;
    g_methods.xShmBarrier = ShmBarrier;
    g_methods.xShmUnmap = ShmUnmap;
    ok = sqlite3_vfs_register(&g_vfs, 0) == SQLITE_OK;
  });
  return ok;
}

void SetFailingVfsBudget(std::int64_t writes) {
  g_writes.store(0);
  g_budget.store(writes);
}

std::int64_t FailingVfsWrites() { return g_writes.load(); }

}  // namespace anchornet::store
