// The clock seam (LevelDB's Env idea, for time only): whatever stamps an output with "now" (the
// impact report's "generated" line, later the store's import times) asks a Clock, so tests pass a
// FixedClock and get the same bytes on every run.
//
// Thread-safety: SystemClock() is safe from any thread; a FixedClock is immutable after
// construction.
#pragma once

#include <chrono>
#include <string>

namespace anchornet::core {

class Clock {
 public:
  virtual ~Clock() = default;
  // The current instant.
  [[nodiscard]] virtual std::chrono::system_clock::time_point Now() const = 0;
};

// The real clock (std::chrono::system_clock); lives for the whole program.
const Clock& SystemClock();

// Always the instant it was given: for tests and reproducible outputs.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point at) : at_(at) {}
  [[nodiscard]] std::chrono::system_clock::time_point Now() const override { return at_; }

 private:
  std::chrono::system_clock::time_point at_;
};

// "2025-06-01T09:30:00Z": the instant in UTC to the second, ISO 8601.
std::string IsoUtc(std::chrono::system_clock::time_point at);

}  // namespace anchornet::core
