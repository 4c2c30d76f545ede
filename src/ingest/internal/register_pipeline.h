// A store::RegisterWriter that hands records to a writer thread in batches, so that reading a
// large register (CSV parsing, identifier and postcode normalisation) and storing it (name keys,
// B-tree inserts) run on two cores. Memory is bounded: at most a few batches are in flight and
// their records are reused, so their strings keep their capacity.
//
// Organisations and names, the bulk of a big register, are collected in runs of ~24 MiB,
// serialised, sorted by (scheme, id) and stored in that order: inserting in key order touches
// each B-tree page about once per run instead of once per record, which keeps a 5.5M-row
// Companies House import from re-reading pages the bounded page cache has dropped (measured:
// 122 s unsorted, 93 s in sorted runs of 262,144 rows). The sort is stable, so of two records
// with the same key the later one is still stored last (and wins the upsert).
//
// Thread-safety: the Add* methods, SetFileIdentity, Finish and Commit are called from one
// producer thread; only the writer thread touches the target writer until Finish returns.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/spend.h"
#include "store/store.h"

namespace anchornet::ingest::registers {

class PipelinedRegisterWriter final : public store::RegisterWriter {
 public:
  static constexpr std::size_t kBatch = 1024;

  explicit PipelinedRegisterWriter(store::RegisterWriter& target);
  ~PipelinedRegisterWriter() override;  // joins the writer thread

  // Each returns the writer thread's first error, if it has failed (later records are dropped).
  [[nodiscard]] core::Status AddOrg(const store::RegisterOrg& org) override;
  [[nodiscard]] core::Status AddLink(const store::RegisterLink& link) override;
  [[nodiscard]] core::Status AddName(const store::RegisterName& name) override;
  [[nodiscard]] core::Status AddPostcode(const store::PostcodePlace& place) override;
  [[nodiscard]] core::Status AddDeprivation(const store::Deprivation& row) override;
  [[nodiscard]] core::Status AddAreaName(const store::AreaName& area) override;
  [[nodiscard]] core::Status AddSupplierReturn(const store::SupplierReturnLine& line) override;
  [[nodiscard]] core::Status AddGhgFactor(const store::GhgFactor& factor) override;
  [[nodiscard]] core::Status AddReject(const core::Reject& reject) override;
  // Waits for every record to be written, then passes on.
  [[nodiscard]] core::Status SetFileIdentity(std::string_view content_hash,
                                             std::int64_t bytes) override;
  [[nodiscard]] core::Result<std::int64_t> Commit(const store::RegisterCounts& counts) override;

  // Waits until every record handed over so far is written. Returns the first error, if any.
  [[nodiscard]] core::Status Finish();

 private:
  // Records other than organisations and names, passed on in the order they were added.
  enum class Type : std::uint8_t { kLink, kPlace, kDeprivation, kArea, kReturn, kFactor, kReject };
  struct Item {
    Type type = Type::kLink;
    store::RegisterLink link;
    store::PostcodePlace place;
    store::Deprivation deprivation;
    store::AreaName area;
    store::SupplierReturnLine line;
    store::GhgFactor factor;
    core::Reject reject;
  };
  // Organisations and names serialised into one buffer, sorted by key before being stored.
  struct SortedRun {
    struct Entry {
      std::uint32_t offset = 0;  // into arena
      bool is_name = false;
    };
    std::string arena;  // each field as a 4-byte length and its bytes
    std::vector<Entry> entries;
  };
  struct Batch {
    std::vector<Item> items;
    std::size_t used = 0;
    std::unique_ptr<SortedRun> run;  // set: a run of organisations and names instead of items
  };

  core::Status AddToRun(const store::RegisterOrg* org, const store::RegisterName* name);
  core::Status HandRun();
  void WriteRunEntry(const SortedRun& run, const SortedRun::Entry& entry, core::Status& status);
  Item& Next(Type type);
  template <typename T>
  core::Status Add(Type type, T Item::*field, const T& value);
  core::Status Pass();
  void Hand(std::unique_ptr<Batch> batch);
  void Run();
  core::Status Write(Batch& batch);
  void Stop();

  store::RegisterWriter& target_;
  std::unique_ptr<Batch> filling_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> full_;   // waiting for the writer thread
  std::vector<std::unique_ptr<Batch>> free_;  // written, ready for reuse
  std::size_t writing_ = 0;                   // batches taken by the writer thread, not yet freed
  std::unique_ptr<SortedRun> run_;            // being filled by the producer
  std::vector<std::unique_ptr<SortedRun>> free_runs_;  // written, ready for reuse
  std::size_t runs_out_ = 0;                           // handed to the writer thread, not yet freed
  store::RegisterOrg run_org_;                         // writer thread: a run entry, read back
  store::RegisterName run_name_;
  bool stop_ = false;
  bool failed_ = false;
  core::Error error_;
  std::thread thread_;
};

}  // namespace anchornet::ingest::registers
