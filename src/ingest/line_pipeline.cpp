#include "ingest/line_pipeline.h"

#include "ingest/payee.h"

namespace anchornet::ingest {

namespace {
constexpr std::size_t kInFlight = 4;  // batches queued at once: bounds memory
}  // namespace

LinePipeline::LinePipeline(store::SpendWriter& writer, std::function<void(std::int64_t)> after_line)
    : writer_(writer), after_line_(std::move(after_line)) {
  filling_ = std::make_unique<Batch>();
  filling_->items.reserve(kBatch);
  thread_ = std::thread([this] { Run(); });
}

LinePipeline::~LinePipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

LineItem& LinePipeline::Next() {
  // Items are made as needed and reused with the batch, so a small file makes few.
  if (filling_->used == filling_->items.size()) filling_->items.emplace_back();
  return filling_->items[filling_->used];
}

core::Status LinePipeline::Commit() {
  if (++filling_->used < kBatch) return {};
  Hand(std::move(filling_));
  std::unique_lock<std::mutex> lock(mu_);
  // Wait for a free batch (or room to make one) so memory stays bounded.
  cv_.wait(lock, [&] { return failed_ || !free_.empty() || full_.size() < kInFlight; });
  if (failed_) return tl::unexpected(error_);
  if (!free_.empty()) {
    filling_ = std::move(free_.back());
    free_.pop_back();
  } else {
    filling_ = std::make_unique<Batch>();
    filling_->items.reserve(kBatch);
  }
  filling_->used = 0;
  return {};
}

void LinePipeline::Hand(std::unique_ptr<Batch> batch) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    full_.push_back(std::move(batch));
  }
  cv_.notify_all();
}

core::Result<WriteCounts> LinePipeline::Finish() {
  if (filling_ && filling_->used > 0) Hand(std::move(filling_));
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (failed_) return tl::unexpected(error_);
  return counts_;
}

void LinePipeline::Run() {
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return done_ || !full_.empty(); });
      if (full_.empty()) return;  // done and drained
      batch = std::move(full_.front());
      full_.pop_front();
    }
    core::Status s = failed_ ? core::Status{} : Write(*batch);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!s) {
        failed_ = true;
        error_ = s.error();
      }
      free_.push_back(std::move(batch));
    }
    cv_.notify_all();
  }
}

core::Status LinePipeline::Write(Batch& batch) {
  for (std::size_t i = 0; i < batch.used; ++i) {
    LineItem& item = batch.items[i];
    if (item.is_reject) {
      if (auto s = writer_.AddReject(item.reject); !s) return s;
      continue;
    }
    const bool personal = IsPersonalPayee(item.line.payee);
    item.line.payee_kind = personal ? core::PayeeKind::kPersonal : core::PayeeKind::kOrganisation;
    if (personal) ++counts_.personal;
    auto stored = writer_.Add(item.line);
    if (!stored) return tl::unexpected(stored.error());
    if (*stored) {
      const core::SpendLine& l = item.line;
      ++counts_.imported;
      counts_.total += l.amount;
      if (!counts_.first_paid || l.paid_on < *counts_.first_paid) counts_.first_paid = l.paid_on;
      if (!counts_.last_paid || *counts_.last_paid < l.paid_on) counts_.last_paid = l.paid_on;
    } else {
      ++counts_.duplicate;
    }
    if (after_line_) after_line_(item.line.row);
  }
  return {};
}

}  // namespace anchornet::ingest
