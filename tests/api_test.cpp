// The JSON API against the real server (api::Server on an ephemeral 127.0.0.1 port, driven over
// HTTP by httplib::Client) on the synthetic demo network: every endpoint answers what
// src/api/openapi.json says it does, for good requests and bad; filters, drill-down, settling,
// uploads (a real council spend file from ../shared/data/spend/), ETags, gzip, the dashboard's
// static files, the token, the upload limit and a graceful stop.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "api/server.h"
#include "demo/demo.h"
#include "openapi_check.h"
#include "store/store.h"
#include "test_util.h"

namespace anchornet::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::OpenApi;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A server over a store, serving on its own thread until the object goes.
class Running {
 public:
  explicit Running(ServerOptions options) {
    options.bind = "127.0.0.1";
    options.port = 0;
    auto started = Server::Start(options);
    if (!started) {
      ADD_FAILURE() << started.error().ToString();
      return;
    }
    server_ = std::move(*started);
    thread_ = std::thread([this] { run_ok_ = server_->Run().has_value(); });
    // Run() binds nothing new (Start did); wait until it is accepting.
    httplib::Client probe("127.0.0.1", server_->port());
    for (int i = 0; i < 200 && !probe.Get("/api/v1/health"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~Running() { Stop(); }
  // Stops and reports whether Run() returned cleanly.
  bool Stop() {
    if (server_ && thread_.joinable()) {
      server_->Stop();
      thread_.join();
    }
    return run_ok_;
  }
  int port() const { return server_ ? server_->port() : 0; }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port());
    c.set_read_timeout(120, 0);
    return c;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  bool run_ok_ = false;
};

// Percent-encodes a query value or path segment.
std::string Q(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::path(::testing::TempDir()) /
                         ("anchornet_api_" + std::to_string(::getpid())));
    fs::remove_all(*root_);
    fs::create_directories(*root_ / "web" / "assets");
    {
      auto opened = store::Store::Open(StoreUrl());
      ASSERT_TRUE(opened) << opened.error().ToString();
      demo::DemoOptions options;
      options.dir = (*root_ / "demo").string();
      options.total_lines = 3'000;
      options.seed = 5;
      options.threads = 2;
      auto made = demo::GenerateDemo(opened->get(), options);
      ASSERT_TRUE(made) << made.error().ToString();
      demo_ = new demo::DemoResult(std::move(*made));
    }
    testing::WriteFile((*root_ / "web" / "index.html").string(),
                       "<!doctype html><title>anchornet</title><div id=main></div>");
    testing::WriteFile((*root_ / "web" / "assets" / "index-abc123.js").string(),
                       "console.log('anchornet');");
    const json doc = json::parse(ReadAll(ANCHORNET_SOURCE_DIR "/src/api/openapi.json"));
    api_ = new OpenApi(doc);
    ServerOptions options;
    options.store_url = StoreUrl();
    options.web_dir = (*root_ / "web").string();
    options.threads = 4;
    server_ = new Running(options);
  }

  static void TearDownTestSuite() {
    delete server_;
    delete api_;
    delete demo_;
    std::error_code ec;
    fs::remove_all(*root_, ec);
    delete root_;
  }

  static std::string StoreUrl() { return "sqlite:" + (*root_ / "store.db").string(); }

  // GET `target` and check the answer against the document's `route` (a path template).
  static json Get(const std::string& route, const std::string& target, int want = 200) {
    auto c = server_->Client();
    auto res = c.Get(target);
    if (!res) {
      ADD_FAILURE() << "GET " << target << ": no response (" << httplib::to_string(res.error()) << ")";
      return nullptr;
    }
    Conforms(route, "get", *res, target);
    EXPECT_EQ(res->status, want) << "GET " << target << ": " << res->body.substr(0, 300);
    return json::parse(res->body, nullptr, false);
  }

  static void Conforms(const std::string& route, const std::string& method,
                       const httplib::Response& res, const std::string& target) {
    for (const std::string& p : api_->CheckResponse(route, method, res.status,
                                                    res.get_header_value("Content-Type"),
                                                    res.body)) {
      ADD_FAILURE() << method << " " << target << " (" << res.status << "): " << p;
    }
  }

  // An error answer: its status, its stable code, and conforming to the document.
  static void ExpectError(const std::string& route, const std::string& target, int status,
                          const std::string& code) {
    const json j = Get(route, target, status);
    ASSERT_TRUE(j.is_object()) << target;
    EXPECT_EQ(j["error"]["code"], code) << target << ": " << j.dump();
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  }

  static json Post(const std::string& route, const std::string& target, const std::string& body,
                   const std::string& type, int want, httplib::Headers headers = {}) {
    auto c = server_->Client();
    auto res = c.Post(target, headers, body, type);
    if (!res) {
      ADD_FAILURE() << "POST " << target << ": no response";
      return nullptr;
    }
    Conforms(route, "post", *res, target);
    EXPECT_EQ(res->status, want) << "POST " << target << ": " << res->body.substr(0, 300);
    return json::parse(res->body, nullptr, false);
  }

  static std::int64_t S(const json& measures, const std::string& measure,
                        const std::string& member = "", const std::string& fy = "") {
    std::int64_t sum = 0;
    for (const json& s : measures["scopes"]) {
      if (s["member"] != member || s["quarter"] != 0) continue;
      if (!fy.empty() && s["financial_year"] != fy) continue;
      sum += s["measures"][measure]["pence"].get<std::int64_t>();
    }
    return sum;
  }

  static fs::path* root_;
  static demo::DemoResult* demo_;
  static OpenApi* api_;
  static Running* server_;
};

fs::path* ApiTest::root_ = nullptr;
demo::DemoResult* ApiTest::demo_ = nullptr;
OpenApi* ApiTest::api_ = nullptr;
Running* ApiTest::server_ = nullptr;

// Every operation the document describes, and the test below that exercises it with a
// successful request. A new endpoint without a test here fails.
TEST_F(ApiTest, EveryDocumentedOperationIsExercised) {
  const std::set<std::string> exercised = {
      "get /api/v1/health",           "get /api/v1/openapi.json",
      "get /api/v1/network",          "get /api/v1/overview",
      "get /api/v1/measures",         "get /api/v1/goals",
      "get /api/v1/measures/catalogue",
      "get /api/v1/members/{id}",     "get /api/v1/place",
      "get /api/v1/suppliers",        "get /api/v1/suppliers/unmatched",
      "get /api/v1/suppliers/{key}",  "post /api/v1/suppliers/{key}/settle",
      "get /api/v1/payments",         "get /api/v1/imports",
      "get /api/v1/imports/{id}/rows", "get /api/v1/rejects",
      "get /api/v1/returns/status",   "post /api/v1/imports/spend",
      "post /api/v1/imports/returns"};
  std::set<std::string> documented;
  for (const auto& [path, ops] : api_->document()["paths"].items()) {
    for (const auto& [method, _] : ops.items()) documented.insert(method + " " + path);
  }
  EXPECT_EQ(documented, exercised);
}

TEST_F(ApiTest, TheServedDocumentIsTheSourceDocument) {
  const json served = Get("/api/v1/openapi.json", "/api/v1/openapi.json");
  EXPECT_EQ(served, api_->document());
  EXPECT_EQ(served["openapi"], "3.1.0");
}

// The checker itself rejects what it should, so the conformance checks above can fail.
TEST_F(ApiTest, TheCheckerRejectsNonConformingValues) {
  const json amount = {{"$ref", "#/components/schemas/Amount"}};
  EXPECT_TRUE(api_->Check({{"pence", 5}, {"lines", 1}}, amount).empty());
  EXPECT_FALSE(api_->Check({{"pence", 5}}, amount).empty());                    // missing
  EXPECT_FALSE(api_->Check({{"pence", 5.5}, {"lines", 1}}, amount).empty());    // not integer
  EXPECT_FALSE(api_->Check({{"pence", "5"}, {"lines", 1}}, amount).empty());    // not a number
  EXPECT_FALSE(api_->Check({{"pence", 5}, {"lines", -1}}, amount).empty());     // minimum
  EXPECT_FALSE(api_->Check({{"pence", 5}, {"lines", 1}, {"x", 1}}, amount).empty());  // extra
  EXPECT_FALSE(api_->Check(nullptr, amount).empty());
  const json nullable_ref = {{"oneOf", {amount, {{"type", "null"}}}}};
  EXPECT_TRUE(api_->Check(nullptr, nullable_ref).empty());
  EXPECT_FALSE(api_->Check(json::array(), nullable_ref).empty());
  const json size = {{"type", "string"}, {"enum", {"small", "large"}}};
  EXPECT_TRUE(api_->Check("small", size).empty());
  EXPECT_FALSE(api_->Check("huge", size).empty());
  const json fy = {{"type", "string"}, {"pattern", "^[0-9]{4}/[0-9]{2}$"}};
  EXPECT_FALSE(api_->Check("24/25", fy).empty());
  const json list = {{"type", "array"}, {"items", amount}};
  EXPECT_FALSE(api_->Check(json::array({{{"pence", 1}, {"lines", 1}}, {{"pence", 1}}}), list).empty());
  EXPECT_THROW(api_->Check(1, {{"anyOf", json::array()}}), std::invalid_argument);
  // A real answer with a field taken away or retyped no longer conforms.
  json payments = Get("/api/v1/payments", "/api/v1/payments?measure=S2&limit=2");
  ASSERT_TRUE(payments.is_object());
  std::string why;
  const json schema = api_->ResponseSchema("/api/v1/payments", "get", 200, "application/json", &why);
  EXPECT_TRUE(api_->Check(payments, schema).empty());
  json broken = payments;
  broken.erase("total");
  EXPECT_FALSE(api_->Check(broken, schema).empty());
  broken = payments;
  broken["rows"][0]["amount_pence"] = "12.50";
  EXPECT_FALSE(api_->Check(broken, schema).empty());
  EXPECT_TRUE(api_->ResponseSchema("/api/v1/payments", "get", 418, "application/json", &why).is_null());
}

TEST_F(ApiTest, EveryReadEndpointAnswersAsDocumented) {
  const json network = Get("/api/v1/network", "/api/v1/network");
  ASSERT_TRUE(network.is_object());
  EXPECT_TRUE(network["synthetic"].get<bool>());
  ASSERT_GE(network["financial_years"].size(), 2u);
  const std::string fy = network["latest_financial_year"];
  const json health = Get("/api/v1/health", "/api/v1/health");
  EXPECT_EQ(health["status"], "ok");

  Get("/api/v1/overview", "/api/v1/overview");
  Get("/api/v1/overview", "/api/v1/overview?fy=" + Q(network["financial_years"][0]));
  Get("/api/v1/goals", "/api/v1/goals");
  Get("/api/v1/measures", "/api/v1/measures");
  Get("/api/v1/measures", "/api/v1/measures?fy=" + Q(fy) + "&quarter=2&member=council-ashby&top=5");
  Get("/api/v1/measures", "/api/v1/measures?fy=2024&size=msme&geography=inside&category=" + Q("care"));
  Get("/api/v1/members/{id}", "/api/v1/members/council-ashby");
  Get("/api/v1/members/{id}", "/api/v1/members/nhs-northbank?fy=" + Q(fy));
  Get("/api/v1/place", "/api/v1/place");
  Get("/api/v1/place", "/api/v1/place?fy=" + Q(fy) + "&member=transport-capital&size=sme");
  const json suppliers = Get("/api/v1/suppliers", "/api/v1/suppliers?limit=5");
  Get("/api/v1/suppliers", "/api/v1/suppliers?q=ltd&member=council-ashby&fy=" + Q(fy) + "&offset=2");
  Get("/api/v1/suppliers/unmatched", "/api/v1/suppliers/unmatched?limit=3");
  ASSERT_FALSE(suppliers["suppliers"].empty());
  const std::string key = suppliers["suppliers"][0]["key"];
  const json supplier = Get("/api/v1/suppliers/{key}", "/api/v1/suppliers/" + Q(key));
  EXPECT_EQ(supplier["key"], key);
  EXPECT_FALSE(supplier["facts"].empty()) << "every supplier fact names its source";
  const json payments =
      Get("/api/v1/payments", "/api/v1/payments?measure=S3&breakdown=small&fy=" + Q(fy) +
                                  "&sort=date&order=asc&limit=10");
  ASSERT_FALSE(payments["rows"].empty());
  const json imports = Get("/api/v1/imports", "/api/v1/imports?member=council-ashby");
  ASSERT_FALSE(imports["imports"].empty());
  const json& row = payments["rows"][0];
  const json rows = Get("/api/v1/imports/{id}/rows",
                        "/api/v1/imports/" + std::to_string(row["file_id"].get<int>()) +
                            "/rows?context=1&row=" + std::to_string(row["row"].get<int>()));
  bool requested = false;
  for (const json& r : rows["rows"]) {
    if (r["is_requested"].get<bool>()) {
      requested = true;
      EXPECT_EQ(r["amount_pence"], row["amount_pence"]);
      EXPECT_EQ(r["payee"], row["payee"]);
    }
  }
  EXPECT_TRUE(requested) << "the source row is among the stored lines shown";
  Get("/api/v1/rejects", "/api/v1/rejects?limit=20");
  const json returns = Get("/api/v1/returns/status", "/api/v1/returns/status?fy=" + Q(fy));
  EXPECT_FALSE(returns["members"].empty());
}

TEST_F(ApiTest, FiltersNarrowTheFigures) {
  const std::string fy = Get("/api/v1/network", "/api/v1/network")["latest_financial_year"];
  const json all = Get("/api/v1/measures", "/api/v1/measures?fy=" + Q(fy));
  const json ashby = Get("/api/v1/measures", "/api/v1/measures?member=council-ashby&fy=" + Q(fy));
  const json small = Get("/api/v1/measures", "/api/v1/measures?size=small&fy=" + Q(fy));
  const json q1 = Get("/api/v1/measures", "/api/v1/measures?quarter=1&fy=" + Q(fy));
  EXPECT_TRUE(small["filtered"].get<bool>());
  EXPECT_FALSE(all["filtered"].get<bool>());
  // A member's S2 is its own: in the member's scope and no network scope comes back.
  for (const json& s : ashby["scopes"]) EXPECT_EQ(s["member"], "council-ashby");
  EXPECT_GT(S(ashby, "S2", "council-ashby"), 0);
  // The size filter keeps only small suppliers' lines: its S2 is the unfiltered S3 small band.
  std::int64_t small_band = 0;
  for (const json& s : all["scopes"]) {
    if (s["member"] == "" && s["quarter"] == 0) small_band = s["measures"]["S3"]["small"]["pence"];
  }
  EXPECT_EQ(S(small, "S2"), small_band);
  EXPECT_GT(small_band, 0);
  for (const json& s : q1["scopes"]) EXPECT_EQ(s["quarter"], 1);
  // Geography inside: S7b (outside) is empty, S7 (local) is all of it.
  const json inside = Get("/api/v1/measures", "/api/v1/measures?geography=inside&fy=" + Q(fy));
  EXPECT_EQ(S(inside, "S7b"), 0);
  EXPECT_EQ(S(inside, "S7"), S(inside, "S2"));
  EXPECT_EQ(S(inside, "S2"), S(all, "S7"));
}

// The catalogue is served whole; S3 has one name, and the measures that carry a coverage are
// the ones whose figures carry a confidence.
TEST_F(ApiTest, TheMeasureCatalogueIsServedAndEveryCoveredFigureCarriesAConfidence) {
  const json catalogue = Get("/api/v1/measures/catalogue", "/api/v1/measures/catalogue");
  std::set<std::string> covered;
  for (const json& m : catalogue["measures"]) {
    if (m["id"] == "S3") {
      EXPECT_EQ(m["long_label"], "Spend with micro, small and medium businesses");
    }
    if (m["has_coverage"].get<bool>()) covered.insert(m["id"].get<std::string>());
  }
  EXPECT_TRUE(covered.contains("S3"));
  EXPECT_FALSE(covered.contains("S2"));
  const json measures = Get("/api/v1/measures", "/api/v1/measures?top=0");
  const std::set<std::string> names = {"not-known", "low", "sufficient"};
  for (const json& scope : measures["scopes"]) {
    for (const auto& [id, m] : scope["measures"].items()) {
      EXPECT_EQ(m.contains("confidence"), covered.contains(id)) << id;
      if (!m.contains("confidence")) continue;
      EXPECT_TRUE(names.contains(m["confidence"].get<std::string>())) << id;
      // No coverage at all is not known, never a figure to read as zero.
      const json& basis = m.contains("basis_coverage") ? m["basis_coverage"] : m["coverage"];
      if (basis.is_null() || basis == 0) {
        EXPECT_EQ(m["confidence"], "not-known") << id;
      }
    }
  }
  const json overview = Get("/api/v1/overview", "/api/v1/overview");
  for (const json& m : overview["members"]) {
    if (m["coverage"].is_null()) {
      EXPECT_EQ(m["confidence"], "not-known");
    }
  }
}

// Search with a member shows only the suppliers that member paid in the period (as the list
// does, and as the CLI's search does: one use case, app::SearchSuppliers); without a member,
// every supplier that matches.
TEST_F(ApiTest, SearchWithAMemberShowsOnlyWhatTheMemberPaid) {
  const std::string fy = Get("/api/v1/network", "/api/v1/network")["latest_financial_year"];
  const std::string period = "&limit=1000&fy=" + Q(fy);
  const json paid = Get("/api/v1/suppliers", "/api/v1/suppliers?member=council-ashby" + period);
  const json every = Get("/api/v1/suppliers", "/api/v1/suppliers?limit=1000&fy=" + Q(fy));
  std::set<std::string> ashby;
  for (const json& s : paid["suppliers"]) ashby.insert(s["key"].get<std::string>());
  ASSERT_FALSE(ashby.empty());
  // A supplier the network paid in the year but the member did not.
  json other;
  for (const json& s : every["suppliers"]) {
    if (!ashby.contains(s["key"].get<std::string>())) {
      other = s;
      break;
    }
  }
  ASSERT_TRUE(other.is_object()) << "every supplier was paid by council-ashby";
  // Its longest word of letters only: not a legal form or a stop word the name keys drop.
  std::string word;
  std::istringstream words(other["name"].get<std::string>());
  for (std::string w; words >> w;) {
    const bool letters = std::all_of(w.begin(), w.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) != 0;
    });
    if (letters && w.size() > word.size()) word = w;
  }
  ASSERT_FALSE(word.empty()) << other["name"];
  auto keys = [](const json& page) {
    std::set<std::string> k;
    for (const json& s : page["suppliers"]) k.insert(s["key"].get<std::string>());
    return k;
  };
  const json all = Get("/api/v1/suppliers", "/api/v1/suppliers?q=" + Q(word) + period);
  const json mine = Get("/api/v1/suppliers",
                        "/api/v1/suppliers?q=" + Q(word) + "&member=council-ashby" + period);
  EXPECT_TRUE(keys(all).contains(other["key"].get<std::string>())) << word;
  EXPECT_FALSE(keys(mine).contains(other["key"].get<std::string>())) << word;
  for (const std::string& k : keys(mine)) EXPECT_TRUE(ashby.contains(k)) << k;
  EXPECT_LE(mine["total"].get<int>(), all["total"].get<int>());
}

TEST_F(ApiTest, BadRequestsGetStableErrors) {
  ExpectError("/api/v1/measures", "/api/v1/measures?fy=twenty", 400, "usage");
  ExpectError("/api/v1/measures", "/api/v1/measures?quarter=2", 400, "usage");
  ExpectError("/api/v1/measures", "/api/v1/measures?fy=2024&quarter=5", 400, "usage");
  ExpectError("/api/v1/measures", "/api/v1/measures?size=gigantic", 400, "usage");
  ExpectError("/api/v1/measures", "/api/v1/measures?colour=red", 400, "usage");
  ExpectError("/api/v1/measures", "/api/v1/measures?member=nobody", 404, "unknown_member");
  ExpectError("/api/v1/members/{id}", "/api/v1/members/nobody", 404, "unknown_member");
  ExpectError("/api/v1/suppliers", "/api/v1/suppliers?limit=0", 400, "usage");
  ExpectError("/api/v1/suppliers", "/api/v1/suppliers?limit=ten", 400, "usage");
  ExpectError("/api/v1/suppliers/{key}", "/api/v1/suppliers/" + Q("name:NO SUCH SUPPLIER"), 404,
              "not_found");
  ExpectError("/api/v1/payments", "/api/v1/payments", 400, "usage");
  ExpectError("/api/v1/payments", "/api/v1/payments?measure=S99", 400, "usage");
  ExpectError("/api/v1/payments", "/api/v1/payments?measure=S2&sort=colour", 400, "usage");
  ExpectError("/api/v1/payments", "/api/v1/payments?measure=S2&fy_to=2024", 400, "usage");
  ExpectError("/api/v1/payments", "/api/v1/payments?measure=S2&supplier=nobody", 404, "not_found");
  ExpectError("/api/v1/imports/{id}/rows", "/api/v1/imports/999999/rows?row=2", 404, "not_found");
  ExpectError("/api/v1/place", "/api/v1/place?geography=" + Q("not a place!"), 400, "usage");
  // Unknown paths under /api are JSON 404s too.
  auto c = server_->Client();
  auto res = c.Get("/api/v1/nothing-here");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "not_found");
}

// Every payments headline links to the query whose lines add up to it.
TEST_F(ApiTest, EveryHeadlineDrillsToPaymentsThatAddUpToIt) {
  const json overview = Get("/api/v1/overview", "/api/v1/overview");
  int drilled = 0;
  for (const json& h : overview["headlines"]) {
    if (h["source"] != "payments") {
      EXPECT_TRUE(h["payments"].is_null()) << h["id"];
      continue;
    }
    const json& link = h["payments"];
    ASSERT_TRUE(link.is_object()) << h["id"];
    std::string target = "/api/v1/payments?limit=1&measure=" + Q(link["measure"]) +
                         "&fy=" + Q(link["fy"]);
    if (link.contains("fy_to")) target += "&fy_to=" + Q(link["fy_to"]);
    const json page = Get("/api/v1/payments", target);
    EXPECT_EQ(page["total"]["pence"], h["value"]) << h["id"] << " " << target;
    ++drilled;
  }
  EXPECT_GE(drilled, 2);
  // A member's filtered figure, too: S2 of small suppliers in one quarter.
  const std::string fy = overview["financial_year"];
  const json m = Get("/api/v1/measures",
                     "/api/v1/measures?member=nhs-northbank&size=small&quarter=3&fy=" + Q(fy));
  ASSERT_EQ(m["scopes"].size(), 1u);
  const json page = Get("/api/v1/payments", "/api/v1/payments?measure=S2&member=nhs-northbank&"
                                            "size=small&quarter=3&fy=" + Q(fy));
  EXPECT_EQ(page["total"], json({{"pence", m["scopes"][0]["measures"]["S2"]["pence"]},
                                 {"lines", m["scopes"][0]["measures"]["S2"]["lines"]}}));
}

TEST_F(ApiTest, PaymentsPageSortAndDownloadAsCsv) {
  const json first = Get("/api/v1/payments", "/api/v1/payments?measure=S6&limit=7");
  const json second = Get("/api/v1/payments", "/api/v1/payments?measure=S6&limit=7&offset=7");
  ASSERT_EQ(first["rows"].size(), 7u);
  EXPECT_EQ(first["total"], second["total"]);
  EXPECT_GE(first["rows"][6]["amount_pence"], second["rows"][0]["amount_pence"]);
  auto c = server_->Client();
  auto csv = c.Get("/api/v1/payments?measure=S6&format=csv");
  ASSERT_TRUE(csv);
  Conforms("/api/v1/payments", "get", *csv, "csv");
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("payments-S6.csv"), std::string::npos);
  const auto lines = std::count(csv->body.begin(), csv->body.end(), '\n');
  EXPECT_EQ(lines, first["total"]["lines"].get<int>() + 1);  // the header and every line
}

TEST_F(ApiTest, ETagsAnswerNotModifiedAndLargeAnswersAreCompressed) {
  auto c = server_->Client();
  auto res = c.Get("/api/v1/overview");
  ASSERT_TRUE(res);
  const std::string etag = res->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c.Get("/api/v1/overview", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  Conforms("/api/v1/overview", "get", *again, "overview 304");

  httplib::Client raw("127.0.0.1", server_->port());
  raw.set_decompress(false);
  auto gz = raw.Get("/api/v1/overview", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(gz->body.size(), res->body.size() / 3);

  // The dashboard's files: index for any page path, hashed assets cached for a year.
  auto index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  auto bookmarked = c.Get("/suppliers");
  ASSERT_TRUE(bookmarked);
  EXPECT_EQ(bookmarked->body, index->body);
  auto asset = c.Get("/assets/index-abc123.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  auto cached = c.Get("/assets/index-abc123.js", {{"If-None-Match", asset->get_header_value("ETag")}});
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->status, 304);
  auto missing = c.Get("/assets/nothing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(ApiTest, SettlingASupplierMovesTheFigure) {
  const json before = Get("/api/v1/suppliers/unmatched", "/api/v1/suppliers/unmatched?limit=50");
  // The first unmatched supplier of unknown size with spend.
  json pick;
  for (const json& s : before["suppliers"]) {
    if (s["size"] == "unknown" && s["s2"]["pence"].get<std::int64_t>() > 0) {
      pick = s;
      break;
    }
  }
  ASSERT_TRUE(pick.is_object()) << "the demo has unclassified suppliers with spend";
  const std::string key = pick["key"];
  const json measures_before = Get("/api/v1/measures", "/api/v1/measures?top=0");
  const std::string settle = "/api/v1/suppliers/" + Q(key) + "/settle";
  const std::string route = "/api/v1/suppliers/{key}/settle";

  // Bad forms change nothing.
  auto bad = [&](const std::string& body, int status) {
    const json j = Post(route, settle, body, "application/json", status);
    EXPECT_EQ(j["error"]["code"], status == 404 ? "not_found" : "usage") << body;
  };
  bad("not json", 400);
  bad(R"({"size": "small"})", 400);                          // no "by"
  bad(R"({"size": "small", "by": "T", "colour": "red"})", 400);  // unknown field
  bad(R"({"size": "enormous", "by": "T"})", 400);
  bad(R"({"by": "T"})", 400);  // sets nothing
  Post(route, "/api/v1/suppliers/" + Q("name:NO SUCH SUPPLIER") + "/settle",
       R"({"size": "small", "by": "T"})", "application/json", 404);

  const json settled = Post(route, settle, R"({"size": "small", "by": "API test", "evidence": "self-declared"})",
                            "application/json", 200);
  EXPECT_EQ(settled["size"], "small");
  ASSERT_FALSE(settled["decisions"].empty());
  EXPECT_EQ(settled["decisions"].back()["by"], "API test");

  const json after = Get("/api/v1/suppliers/unmatched", "/api/v1/suppliers/unmatched?limit=50");
  EXPECT_GT(after["size_coverage"].get<double>(), before["size_coverage"].get<double>());
  const json measures_after = Get("/api/v1/measures", "/api/v1/measures?top=0");
  // Over every year: S3 (MSME) grows by exactly the supplier's addressable spend.
  EXPECT_EQ(S(measures_after, "S3"), S(measures_before, "S3") + pick["s2"]["pence"].get<std::int64_t>());
  EXPECT_EQ(S(measures_after, "S2"), S(measures_before, "S2"));
  const json detail = Get("/api/v1/suppliers/{key}", "/api/v1/suppliers/" + Q(key));
  bool from_decision = false;
  for (const json& f : detail["facts"]) {
    from_decision |= f["field"] == "size" && f["source"] == "decision" && f["chosen"].get<bool>();
  }
  EXPECT_TRUE(from_decision) << detail["facts"].dump();
}

TEST_F(ApiTest, UploadARealSpendFileThenQueryIt) {
  const std::string path = ANCHORNET_SHARED_DATA "/spend/lambeth_2012-06_invoices_over_500_original.csv";
  if (!fs::exists(path)) ANCHORNET_SKIP_OR_FAIL("real data not present: " + path);
  const std::string bytes = ReadAll(path);
  const std::string route = "/api/v1/imports/spend";
  const std::string target = "/api/v1/imports/spend?member=council-ashby&filename=lambeth_2012-06.csv";
  const json first = Post(route, target, bytes, "text/csv", 201);
  EXPECT_FALSE(first["already_imported"].get<bool>());
  EXPECT_EQ(first["file"], "lambeth_2012-06.csv");
  EXPECT_GT(first["lines_imported"].get<int>(), 3000);
  // The same bytes again (as a multipart form this time): nothing changes.
  auto c = server_->Client();
  httplib::MultipartFormDataItems form = {{"file", bytes, "lambeth_2012-06.csv", "text/csv"},
                                          {"member", "council-ashby", "", ""}};
  auto again = c.Post("/api/v1/imports/spend", form);
  ASSERT_TRUE(again);
  Conforms(route, "post", *again, "multipart");
  EXPECT_EQ(again->status, 200);
  EXPECT_TRUE(json::parse(again->body)["already_imported"].get<bool>());

  const json imports = Get("/api/v1/imports", "/api/v1/imports?member=council-ashby");
  int found = 0;
  for (const json& f : imports["imports"]) {
    if (f["name"] == "lambeth_2012-06.csv") {
      ++found;
      EXPECT_EQ(f["lines_imported"], first["lines_imported"]);
      EXPECT_EQ(f["total_pence"], first["total"]["pence"]);
    }
  }
  EXPECT_EQ(found, 1);
  // Its lines are in the figures: T1 of FY 2012/13 for the member is the file's lines of that year.
  const json page = Get("/api/v1/payments", "/api/v1/payments?measure=T1&member=council-ashby&fy=2012/13&limit=1");
  EXPECT_GT(page["total"]["lines"].get<int>(), 1000);
  const json m = Get("/api/v1/measures", "/api/v1/measures?member=council-ashby&fy=2012/13");
  EXPECT_EQ(S(m, "T1", "council-ashby"), page["total"]["pence"].get<std::int64_t>());
}

TEST_F(ApiTest, BadUploadsAreRefusedOrTheirBadRowsReported) {
  const std::string route = "/api/v1/imports/spend";
  const std::string bad_rows =
      "Payment Date,Supplier Name,Amount,Expense Type\n"
      "01/04/2024,ACME LTD,100.00,Stationery\n"
      "31/02/2024,BETA LTD,50.00,Cleaning\n"
      "02/04/2024,GAMMA LTD,abc,Cleaning\n"
      "03/04/2024,DELTA LTD,20.50,Catering\n";
  const json summary = Post(route, route + "?member=council-kingsbridge&filename=bad-rows.csv",
                            bad_rows, "text/csv", 201);
  EXPECT_EQ(summary["lines_imported"], 2);
  EXPECT_EQ(summary["rows_rejected"], 2);
  ASSERT_EQ(summary["first_rejects"].size(), 2u);
  EXPECT_EQ(summary["first_rejects"][0], json({{"line", 3}, {"column", 1}, {"code", "bad_date"},
                                               {"message", summary["first_rejects"][0]["message"]}}));
  const json rejects = Get("/api/v1/rejects", "/api/v1/rejects?file=" + std::to_string(summary["file_id"].get<int>()));
  ASSERT_EQ(rejects["rejects"].size(), 2u);
  EXPECT_EQ(rejects["rejects"][1]["line"], 4);
  EXPECT_EQ(rejects["rejects"][1]["column"], 3);
  EXPECT_EQ(rejects["rejects"][1]["code"], "bad_amount");

  auto error = [&](const std::string& target, const std::string& body, const std::string& type,
                   int status, const std::string& code) {
    const json j = Post(route, target, body, type, status);
    EXPECT_EQ(j["error"]["code"], code) << target;
    return j;
  };
  error(route + "?member=council-ashby&filename=junk.csv", std::string("\x00\x01\x02junk", 7),
        "application/octet-stream", 415, "unsupported_format");
  error(route + "?member=council-ashby&filename=empty.csv", "", "text/csv", 422, "file_empty");
  error(route + "?member=council-ashby&filename=words.csv", "just some words\nand more\n", "text/csv",
        422, "no_header_match");
  error(route + "?member=nobody&filename=x.csv", bad_rows, "text/csv", 404, "unknown_member");
  error(route + "?filename=x.csv", bad_rows, "text/csv", 400, "usage");
  // A file sent as a form (curl's default for --data-binary): refused with the way to send it.
  const json form = error(route + "?member=council-ashby&filename=x.csv", std::string(9000, 'a'),
                          "application/x-www-form-urlencoded", 413, "payload_too_large");
  EXPECT_NE(form["error"]["message"].get<std::string>().find("text/csv"), std::string::npos);

  // A returns file already imported by the demo: 200, nothing changes.
  ASSERT_FALSE(demo_->returns.empty());
  const std::string ret = demo_->returns.back().path;
  const json r = Post("/api/v1/imports/returns",
                      "/api/v1/imports/returns?filename=" + Q(fs::path(ret).filename().string()),
                      ReadAll(ret), "application/octet-stream", 200);
  EXPECT_TRUE(r["already_imported"].get<bool>());
}

// A second server on the same store: with a token, a small upload limit; stops gracefully.
TEST_F(ApiTest, TokenUploadLimitAndGracefulStop) {
  ServerOptions options;
  options.store_url = StoreUrl();
  options.token = "s3cret";
  options.max_upload_bytes = 1024;
  options.threads = 2;
  Running guarded(options);
  ASSERT_GT(guarded.port(), 0);
  auto c = guarded.Client();
  const std::string body = "Payment Date,Supplier Name,Amount\n01/04/2024,ACME LTD,1.00\n";
  auto no_token = c.Post("/api/v1/imports/spend?member=council-ashby&filename=t.csv", body, "text/csv");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 401);
  Conforms("/api/v1/imports/spend", "post", *no_token, "no token");
  EXPECT_EQ(json::parse(no_token->body)["error"]["code"], "unauthorized");
  auto wrong = c.Post("/api/v1/suppliers/x/settle", {{"Authorization", "Bearer nope"}},
                      R"({"size":"small","by":"T"})", "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  auto big = c.Post("/api/v1/imports/spend?member=council-ashby&filename=big.csv",
                    {{"Authorization", "Bearer s3cret"}}, body + std::string(4096, '\n'), "text/csv");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  Conforms("/api/v1/imports/spend", "post", *big, "too large");
  EXPECT_EQ(json::parse(big->body)["error"]["code"], "payload_too_large");
  // Reads need no token.
  auto read = c.Get("/api/v1/health");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  // Stop: Run() returns cleanly (requests in flight finish first: the CLI test stops a server
  // with SIGTERM under load) and nothing listens after.
  EXPECT_TRUE(guarded.Stop());
  EXPECT_FALSE(c.Get("/api/v1/health")) << "stopped: nothing listens";
}

}  // namespace
}  // namespace anchornet::api
