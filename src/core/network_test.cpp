// Tests for the network's member lookup and the one "no such member" error.
#include "core/network.h"

#include <gtest/gtest.h>

namespace anchornet::core {
namespace {

TEST(NetworkTest, RequireMemberFindsAMember) {
  Network n;
  n.members.push_back(Member{});
  n.members.back().id = "council-ashby";
  auto m = n.RequireMember("council-ashby");
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)->id, "council-ashby");
}

TEST(NetworkTest, AnUnknownMemberIsOneErrorWithOneWording) {
  Network n;
  auto m = n.RequireMember("nobody");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kUnknownMember);
  EXPECT_EQ(m.error().where.member, "nobody");
  Location where;
  where.file = "file.csv";
  const Error direct = UnknownMember("nobody", where);
  EXPECT_EQ(direct.message, m.error().message);
  EXPECT_EQ(direct.where.file, "file.csv");
  EXPECT_EQ(direct.where.member, "nobody");
  EXPECT_NE(direct.message.find("'nobody'"), std::string::npos);
}

}  // namespace
}  // namespace anchornet::core
