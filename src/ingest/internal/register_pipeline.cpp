#include "ingest/internal/register_pipeline.h"

#include <algorithm>
#include <cstring>

namespace anchornet::ingest::registers {

namespace {

constexpr std::size_t kInFlight = 4;  // batches queued at once: bounds memory
// A run is handed to the writer thread once its records take this much: with one run being
// written and one being filled, runs hold at most ~2 x 24 MiB.
constexpr std::size_t kRunBytes = 24 << 20;
constexpr std::size_t kRunsOut = 1;  // runs handed over and not yet written

void PutField(std::string& arena, std::string_view value) {
  const auto size = static_cast<std::uint32_t>(value.size());
  char length[sizeof size];
  std::memcpy(length, &size, sizeof size);
  arena.append(length, sizeof size);
  arena.append(value);
}

// The field at `pos`, moving `pos` past it.
std::string_view GetField(const std::string& arena, std::size_t& pos) {
  std::uint32_t size = 0;
  std::memcpy(&size, arena.data() + pos, sizeof size);
  pos += sizeof size;
  const std::string_view value(arena.data() + pos, size);
  pos += size;
  return value;
}

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
  cv_.wait(lock, [&] { return failed_ || !free_.empty() || full_.size() + writing_ < kInFlight; });
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

core::Status PipelinedRegisterWriter::AddToRun(const store::RegisterOrg* org,
                                               const store::RegisterName* name) {
  if (!thread_.joinable()) {
    return core::Fail(core::ErrorCode::kInternal,
                      "a register record was added after the import ended");
  }
  if (!run_) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_runs_.empty()) {
      run_ = std::move(free_runs_.back());
      free_runs_.pop_back();
    } else {
      run_ = std::make_unique<SortedRun>();
    }
    run_->arena.clear();
    run_->entries.clear();
  }
  std::string& arena = run_->arena;
  run_->entries.push_back({static_cast<std::uint32_t>(arena.size()), name != nullptr});
  if (org != nullptr) {
    for (const std::string* f : {&org->scheme, &org->id, &org->name, &org->postcode, &org->form,
                                 &org->status, &org->account_category, &org->sic, &org->as_of}) {
      PutField(arena, *f);
    }
  } else {
    for (const std::string* f : {&name->scheme, &name->id, &name->name}) PutField(arena, *f);
  }
  if (arena.size() < kRunBytes) return {};
  return HandRun();
}

core::Status PipelinedRegisterWriter::HandRun() {
  SortedRun& run = *run_;
  // By table, then (scheme, id); stable, so equal keys keep their file order.
  const std::string& arena = run.arena;
  std::stable_sort(run.entries.begin(), run.entries.end(),
                   [&arena](const SortedRun::Entry& a, const SortedRun::Entry& b) {
                     if (a.is_name != b.is_name) return b.is_name;
                     std::size_t pa = a.offset, pb = b.offset;
                     const std::string_view scheme_a = GetField(arena, pa);
                     const std::string_view scheme_b = GetField(arena, pb);
                     if (scheme_a != scheme_b) return scheme_a < scheme_b;
                     return GetField(arena, pa) < GetField(arena, pb);
                   });
  auto batch = std::make_unique<Batch>();
  batch->run = std::move(run_);
  {
    std::unique_lock<std::mutex> lock(mu_);
    // One run written while the next is filled: wait for the writer thread to catch up.
    cv_.wait(lock, [&] { return failed_ || runs_out_ < kRunsOut; });
    if (failed_) return tl::unexpected(error_);
    ++runs_out_;
    full_.push_back(std::move(batch));
  }
  cv_.notify_all();
  return {};
}

void PipelinedRegisterWriter::WriteRunEntry(const SortedRun& run, const SortedRun::Entry& entry,
                                            core::Status& status) {
  std::size_t pos = entry.offset;
  if (entry.is_name) {
    for (std::string* f : {&run_name_.scheme, &run_name_.id, &run_name_.name}) {
      f->assign(GetField(run.arena, pos));
    }
    status = target_.AddName(run_name_);
    return;
  }
  for (std::string* f :
       {&run_org_.scheme, &run_org_.id, &run_org_.name, &run_org_.postcode, &run_org_.form,
        &run_org_.status, &run_org_.account_category, &run_org_.sic, &run_org_.as_of}) {
    f->assign(GetField(run.arena, pos));
  }
  status = target_.AddOrg(run_org_);
}

core::Status PipelinedRegisterWriter::Finish() {
  if (thread_.joinable()) {
    if (run_ && !run_->entries.empty()) {
      if (auto s = HandRun(); !s) {
        Stop();
        return s;
      }
    }
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
      if (batch->run) {
        --runs_out_;
        free_runs_.push_back(std::move(batch->run));
      } else {
        free_.push_back(std::move(batch));
      }
    }
    cv_.notify_all();
  }
}

core::Status PipelinedRegisterWriter::Write(Batch& batch) {
  if (batch.run) {
    core::Status s;
    for (const SortedRun::Entry& entry : batch.run->entries) {
      WriteRunEntry(*batch.run, entry, s);
      if (!s) return s;
    }
    return {};
  }
  for (std::size_t i = 0; i < batch.used; ++i) {
    const Item& item = batch.items[i];
    core::Status s;
    switch (item.type) {
      case Type::kLink:
        s = target_.AddLink(item.link);
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
      case Type::kFactor:
        s = target_.AddGhgFactor(item.factor);
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
  return AddToRun(&org, nullptr);
}
core::Status PipelinedRegisterWriter::AddLink(const store::RegisterLink& link) {
  return Add(Type::kLink, &Item::link, link);
}
core::Status PipelinedRegisterWriter::AddName(const store::RegisterName& name) {
  return AddToRun(nullptr, &name);
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
core::Status PipelinedRegisterWriter::AddGhgFactor(const store::GhgFactor& factor) {
  return Add(Type::kFactor, &Item::factor, factor);
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
