// Hands parsed lines and rejects from the reading thread to a writer thread that owns the
// SpendWriter, in batches, so that parsing and storing overlap on two cores. The writer thread
// is the only one that touches the store while an import runs. It also decides each line's
// payee kind (IsPersonalPayee), work moved off the reading thread, which is the busier one.
//
// Thread-safety: Push/Finish from one producer thread; everything else runs on the writer thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/spend.h"
#include "store/store.h"

namespace anchornet::ingest {

// One parsed row on its way to the store: a payment line or a reject.
struct LineItem {
  bool is_reject = false;
  core::SpendLine line;
  core::Reject reject;
};

// What the writer thread learnt: new lines vs duplicates, and their totals.
struct WriteCounts {
  std::int64_t imported = 0;
  std::int64_t duplicate = 0;
  std::int64_t personal = 0;  // lines paid to private individuals or redacted names
  core::Pence total = 0;
  std::optional<core::Date> first_paid, last_paid;
};

class LinePipeline {
 public:
  static constexpr std::size_t kBatch = 512;

  // `after_line` (may be empty) is called on the writer thread after each stored line.
  LinePipeline(store::SpendWriter& writer, std::function<void(std::int64_t)> after_line);
  ~LinePipeline();  // joins the writer thread

  // The next item to fill (reused: its strings keep their capacity). Call Commit() when filled.
  LineItem& Next();
  // Passes the filled item on. Returns the writer's error, if it has failed.
  [[nodiscard]] core::Status Commit();
  // Waits for every item to be written. Returns the first error, if any.
  [[nodiscard]] core::Result<WriteCounts> Finish();

 private:
  struct Batch {
    std::vector<LineItem> items;
    std::size_t used = 0;
  };
  void Run();
  core::Status Write(Batch& batch);
  void Hand(std::unique_ptr<Batch> batch);

  store::SpendWriter& writer_;
  std::function<void(std::int64_t)> after_line_;
  std::unique_ptr<Batch> filling_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> full_;   // waiting for the writer
  std::vector<std::unique_ptr<Batch>> free_;  // written, ready for reuse
  bool done_ = false;
  bool failed_ = false;
  core::Error error_;
  WriteCounts counts_;
  std::thread thread_;
};

}  // namespace anchornet::ingest
