#include "core/clock.h"

#include <gtest/gtest.h>

namespace anchornet::core {
namespace {

using std::chrono::system_clock;

TEST(FixedClock, AlwaysTellsTheInstantItWasGiven) {
  const system_clock::time_point at = std::chrono::sys_days{std::chrono::year{2025} / 6 / 1} +
                                      std::chrono::hours{9} + std::chrono::minutes{30};
  const FixedClock clock(at);
  EXPECT_EQ(clock.Now(), at);
  EXPECT_EQ(clock.Now(), at);
  EXPECT_EQ(IsoUtc(clock.Now()), "2025-06-01T09:30:00Z");
}

TEST(IsoUtc, WritesUtcToTheSecondDroppingFractions) {
  EXPECT_EQ(IsoUtc(system_clock::time_point{}), "1970-01-01T00:00:00Z");
  const system_clock::time_point leap = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} +
                                        std::chrono::hours{23} + std::chrono::minutes{59} +
                                        std::chrono::seconds{59} + std::chrono::milliseconds{999};
  EXPECT_EQ(IsoUtc(leap), "2024-02-29T23:59:59Z");
}

TEST(SystemClock, IsOneClockForTheWholeProgram) { EXPECT_EQ(&SystemClock(), &SystemClock()); }

}  // namespace
}  // namespace anchornet::core
