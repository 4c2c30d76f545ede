#include "ingest/internal/register_pipeline.h"

namespace anchornet::ingest::registers {

namespace {
constexpr std::size_t kInFlight = 4;  // batches queued at once: bounds memory
}  // namespace

PipelinedRegisterWriter::PipelinedRegisterWriter(store::RegisterWriter& target) : target_(target) {
  filling_ = std::make_unique<Batch>();
  filling_->items.reserve(kBatch);
  thread_ = std::thread([this] { Run(); });
}

PipelinedRegisterWriter::~PipelinedRegisterWriter() { Stop(); }

void PipelinedRegisterWriter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

PipelinedRegisterWriter::Item& PipelinedRegisterWriter::Next(Type type) {
  // Items are made as needed and reused with their batch, so a small file makes few.
  if (filling_->used == filling_->items.size()) filling_->items.emplace_back();
  Item& item = filling_->items[filling_->used];
  item.type = type;
  return item;
}

core::Status PipelinedRegisterWriter::Pass() {
  if (++filling_->used < kBatch) return {};
  Hand(std::move(filling_));
  std::unique_lock<std::mutex> lock(mu_);
  // Wait for a free batch (or room to make one) so memory stays bounded.
  cv_.wait(lock, [&] {
    return failed_ || !free_.empty() || full_.size() + writing_ < kInFlight;
  });
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

void PipelinedRegisterWriter::Hand(std::unique_ptr<Batch> batch) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    full_.push_back(std::move(batch));
  }
  cv_.notify_all();
}

core::Status PipelinedRegisterWriter::Finish() {
  if (thread_.joinable()) {
    if (filling_ && filling_->used > 0) Hand(std::move(filling_));
    Stop();
  }
  if (failed_) return tl::unexpected(error_);
  return {};
}

void PipelinedRegisterWriter::Run() {
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !full_.empty(); });
      if (full_.empty()) return;  // stopped and drained
      batch = std::move(full_.front());
      full_.pop_front();
      ++writing_;
    }
    core::Status s = failed_ ? core::Status{} : Write(*batch);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!s && !failed_) {
        failed_ = true;
        error_ = s.error();
      }
      --writing_;
      free_.push_back(std::move(batch));
    }
    cv_.notify_all();
  }
}

core::Status PipelinedRegisterWriter::Write(Batch& batch) {
  for (std::size_t i = 0; i < batch.used; ++i) {
    const Item& item = batch.items[i];
    core::Status s;
    switch (item.type) {
      case Type::kOrg:
        s = target_.AddOrg(item.org);
        break;
      case Type::kLink:
        s = target_.AddLink(item.link);
        break;
      case Type::kName:
        s = target_.AddName(item.name);
        break;
      case Type::kPlace:
        s = target_.AddPostcode(item.place);
        break;
      case Type::kDeprivation:
        s = target_.AddDeprivation(item.deprivation);
        break;
      case Type::kArea:
        s = target_.AddAreaName(item.area);
        break;
      case Type::kReturn:
        s = target_.AddSupplierReturn(item.line);
        break;
      case Type::kReject:
        s = target_.AddReject(item.reject);
        break;
    }
    if (!s) return s;
  }
  return {};
}

template <typename T>
core::Status PipelinedRegisterWriter::Add(Type type, T Item::*field, const T& value) {
  if (!thread_.joinable()) {
    return core::Fail(core::ErrorCode::kInternal,
                      "a register record was added after the import ended");
  }
  Next(type).*field = value;
  return Pass();
}

core::Status PipelinedRegisterWriter::AddOrg(const store::RegisterOrg& org) {
  return Add(Type::kOrg, &Item::org, org);
}
core::Status PipelinedRegisterWriter::AddLink(const store::RegisterLink& link) {
  return Add(Type::kLink, &Item::link, link);
}
core::Status PipelinedRegisterWriter::AddName(const store::RegisterName& name) {
  return Add(Type::kName, &Item::name, name);
}
core::Status PipelinedRegisterWriter::AddPostcode(const store::PostcodePlace& place) {
  return Add(Type::kPlace, &Item::place, place);
}
core::Status PipelinedRegisterWriter::AddDeprivation(const store::Deprivation& row) {
  return Add(Type::kDeprivation, &Item::deprivation, row);
}
core::Status PipelinedRegisterWriter::AddAreaName(const store::AreaName& area) {
  return Add(Type::kArea, &Item::area, area);
}
core::Status PipelinedRegisterWriter::AddSupplierReturn(const store::SupplierReturnLine& line) {
  return Add(Type::kReturn, &Item::line, line);
}
core::Status PipelinedRegisterWriter::AddReject(const core::Reject& reject) {
  return Add(Type::kReject, &Item::reject, reject);
}

core::Status PipelinedRegisterWriter::SetFileIdentity(std::string_view content_hash,
                                                      std::int64_t bytes) {
  if (auto s = Finish(); !s) return s;
  return target_.SetFileIdentity(content_hash, bytes);
}

core::Result<std::int64_t> PipelinedRegisterWriter::Commit(const store::RegisterCounts& counts) {
  if (auto s = Finish(); !s) return tl::unexpected(s.error());
  return target_.Commit(counts);
}

}  // namespace anchornet::ingest::registers
