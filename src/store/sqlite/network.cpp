// SQLite: the network and its members (store/sqlite/network.h).
// Thread-safety: the connection's thread only.
#include "store/sqlite/network.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "core/text.h"
#include "store/sqlite/registers.h"
#include "store/sqlite/statement.h"

namespace anchornet::store::sqlite {

namespace {

using core::ErrorCode;
using core::Fail;

std::string EscapeSql(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out;
}

core::Status SaveNetworkInTransaction(sqlite3* db, const core::Network& network,
                                      std::string_view source_text) {
  // Members with imported files or returns must stay.
  auto used = Statement::Prepare(
      db,
      "SELECT m.code FROM member m WHERE "
      "EXISTS (SELECT 1 FROM source_file f WHERE f.member_id = m.id) OR "
      "EXISTS (SELECT 1 FROM return_submission r WHERE r.member_id = m.id) ORDER BY m.position");
  if (!used) return tl::unexpected(used.error());
  std::vector<std::string> missing;
  while (used->Step() == SQLITE_ROW) {
    std::string code = used->Text(0);
    if (!network.FindMember(code)) missing.push_back(code);
  }
  if (!missing.empty()) {
    return Fail(ErrorCode::kConfigInvalid,
                fmt::format("members {} have imported files or returns and cannot be "
                            "removed from the network; keep them in the file",
                            core::Join(missing, ", ")));
  }
  auto net = Statement::Prepare(
      db,
      "INSERT INTO network (id, name, financial_year_start, geography_name, geography_codes, "
      "synthetic, source, saved_at, coverage_warning_below_bp) VALUES (1,?1,?2,?3,?4,?5,?6,?7,?8) "
      "ON CONFLICT (id) DO UPDATE "
      "SET name=excluded.name, financial_year_start=excluded.financial_year_start, "
      "geography_name=excluded.geography_name, geography_codes=excluded.geography_codes, "
      "synthetic=excluded.synthetic, source=excluded.source, saved_at=excluded.saved_at, "
      "coverage_warning_below_bp=excluded.coverage_warning_below_bp");
  if (!net) return tl::unexpected(net.error());
  net->Bind(1, network.name);
  net->Bind(2, fmt::format("{:02}-{:02}", network.financial_year_start.month,
                           network.financial_year_start.day));
  net->Bind(3, network.geography_name);
  net->Bind(4, core::Join(network.geography_codes, ","));
  net->Bind(5, static_cast<std::int64_t>(network.synthetic ? 1 : 0));
  net->Bind(6, source_text);
  net->Bind(7, NowIsoUtc());
  net->Bind(8, static_cast<std::int64_t>(std::llround(network.coverage_warning_below * 10000.0)));
  if (net->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving the network"));

  auto upsert = Statement::Prepare(
      db,
      "INSERT INTO member (code, name, sector, geography, position) VALUES (?1,?2,?3,?4,?5) "
      "ON CONFLICT (code) DO UPDATE SET name=excluded.name, sector=excluded.sector, "
      "geography=excluded.geography, position=excluded.position");
  if (!upsert) return tl::unexpected(upsert.error());
  std::int64_t position = 0;
  for (const core::Member& m : network.members) {
    upsert->Bind(1, m.id);
    upsert->Bind(2, m.name);
    upsert->Bind(3, core::SectorName(m.sector));
    upsert->Bind(4, m.geography);
    upsert->Bind(5, position++);
    if (upsert->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving a member"));
    upsert->Reset();
  }
  // Members no longer in the file and without data go.
  std::vector<std::string> codes;
  for (const core::Member& m : network.members) codes.push_back("'" + EscapeSql(m.id) + "'");
  if (auto s = Exec(db, fmt::format("DELETE FROM member WHERE code NOT IN ({})",
                                    codes.empty() ? "''" : core::Join(codes, ",")));
      !s) {
    return s;
  }
  if (auto s = Exec(db, "DELETE FROM goal; DELETE FROM spend_rule;"); !s) return s;
  auto goal = Statement::Prepare(
      db,
      "INSERT INTO goal (code, measure, kind, target, member, from_fy, to_fy, description) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  if (!goal) return tl::unexpected(goal.error());
  for (const core::Goal& g : network.goals) {
    goal->Bind(1, g.id);
    goal->Bind(2, g.measure);
    goal->Bind(3, core::GoalKindName(g.kind));
    sqlite3_bind_double(goal->get(), 4, core::GoalTargetInUnit(g));
    goal->Bind(5, g.member);
    goal->Bind(6, static_cast<std::int64_t>(g.from_fy));
    goal->Bind(7, static_cast<std::int64_t>(g.to_fy));
    goal->Bind(8, g.description);
    if (goal->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving a goal"));
    goal->Reset();
  }
  auto rule = Statement::Prepare(
      db,
      "INSERT INTO spend_rule (code, match, patterns, reason, member, stage, enabled) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7)");
  if (!rule) return tl::unexpected(rule.error());
  for (const core::SpendRule& r : network.rules) {
    rule->Bind(1, r.id);
    rule->Bind(2, core::RuleMatchName(r.match));
    rule->Bind(3, core::Join(r.patterns, "\x1f"));
    rule->Bind(4, r.reason);
    rule->Bind(5, r.member);
    rule->Bind(6, core::RuleStageName(r.stage));
    rule->Bind(7, static_cast<std::int64_t>(r.enabled));
    if (rule->Step() != SQLITE_DONE) return tl::unexpected(SqliteError(db, "saving a rule"));
    rule->Reset();
  }
  return {};
}

}  // namespace

core::Status SaveNetwork(sqlite3* db, const core::Network& network, std::string_view source_text) {
  if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s) return s;
  auto result = SaveNetworkInTransaction(db, network, source_text);
  if (!result) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return result;
  }
  return Commit(db);
}

core::Result<core::Network> LoadNetwork(sqlite3* db) {
  auto s = Statement::Prepare(db,
                              "SELECT name, financial_year_start, geography_name, "
                              "geography_codes, synthetic, coverage_warning_below_bp FROM network "
                              "WHERE id = 1");
  if (!s) return tl::unexpected(s.error());
  const int rc = s->Step();
  if (rc == SQLITE_DONE) {
    return Fail(ErrorCode::kNoWorkspace,
                "no network in this workspace yet: run `anchornet init --network network.toml`");
  }
  if (rc != SQLITE_ROW) return tl::unexpected(SqliteError(db, "reading the network"));
  core::Network n;
  n.name = s->Text(0);
  n.financial_year_start = core::ParseMonthDay(s->Text(1)).value_or(core::MonthDay{});
  n.geography_name = s->Text(2);
  const std::string codes = s->Text(3);
  for (std::string_view code : core::Split(codes, ',')) {
    if (!code.empty()) n.geography_codes.emplace_back(code);
  }
  n.synthetic = s->Int(4) != 0;
  n.coverage_warning_below = static_cast<double>(s->Int(5)) / 10000.0;
  auto m = Statement::Prepare(
      db, "SELECT code, name, sector, geography FROM member ORDER BY position, id");
  if (!m) return tl::unexpected(m.error());
  while (m->Step() == SQLITE_ROW) {
    core::Member member;
    member.id = m->Text(0);
    member.name = m->Text(1);
    member.sector = core::ParseSector(m->Text(2)).value_or(core::Sector::kOther);
    member.geography = m->Text(3);
    n.members.push_back(std::move(member));
  }
  auto g = Statement::Prepare(db,
                              "SELECT code, measure, kind, target, member, from_fy, to_fy, "
                              "description FROM goal ORDER BY id");
  if (!g) return tl::unexpected(g.error());
  while (g->Step() == SQLITE_ROW) {
    core::Goal goal;
    goal.id = g->Text(0);
    goal.measure = g->Text(1);
    // The target is stored in the goal's unit (pounds, people, tonnes, a fraction) as REAL;
    // its text (15 significant digits) reads back exactly (core::ParseGoalTarget).
    const auto kind = core::ParseGoalKind(g->Text(2));
    const auto target = kind ? core::ParseGoalTarget(g->Text(3), *kind, core::GoalUnit(goal), nullptr)
                             : std::nullopt;
    if (!target) {
      return Fail(ErrorCode::kStoreIo,
                  fmt::format("stored goal '{}' has kind '{}' and target '{}', which do not read "
                              "back: save the network file again",
                              goal.id, g->Text(2), g->Text(3)));
    }
    goal.kind = *kind;
    goal.target = *target;
    goal.member = g->Text(4);
    goal.from_fy = static_cast<int>(g->Int(5));
    goal.to_fy = static_cast<int>(g->Int(6));
    goal.description = g->Text(7);
    n.goals.push_back(std::move(goal));
  }
  auto r = Statement::Prepare(
      db,
      "SELECT code, match, patterns, reason, member, stage, enabled FROM spend_rule ORDER BY id");
  if (!r) return tl::unexpected(r.error());
  while (r->Step() == SQLITE_ROW) {
    core::SpendRule rule;
    rule.id = r->Text(0);
    rule.match = core::ParseRuleMatch(r->Text(1));  // "" for none
    const std::string patterns = r->Text(2);
    for (std::string_view p : core::Split(patterns, '\x1f')) {
      if (!p.empty()) rule.patterns.emplace_back(p);
    }
    rule.reason = r->Text(3);
    rule.member = r->Text(4);
    rule.stage = core::ParseRuleStage(r->Text(5)).value_or(core::RuleStage::kS2);
    rule.enabled = r->Int(6) != 0;
    n.rules.push_back(std::move(rule));
  }
  return n;
}

core::Result<std::string> NetworkSource(sqlite3* db) {
  auto s = Statement::Prepare(db, "SELECT source FROM network WHERE id = 1");
  if (!s) return tl::unexpected(s.error());
  if (s->Step() != SQLITE_ROW) {
    return Fail(ErrorCode::kNoWorkspace, "no network in this workspace yet");
  }
  return s->Text(0);
}

core::Result<std::int64_t> MemberId(sqlite3* db, std::string_view code) {
  auto s = Statement::Prepare(db, "SELECT id FROM member WHERE code = ?1");
  if (!s) return tl::unexpected(s.error());
  s->Bind(1, code);
  if (s->Step() != SQLITE_ROW) {
    return tl::unexpected(core::UnknownMember(code));
  }
  return s->Int(0);
}

}  // namespace anchornet::store::sqlite
