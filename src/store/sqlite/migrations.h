// The SQLite schema as an ordered list of migrations. Migration N takes user_version N-1 to N.
// Append only: a released migration is never edited.
#pragma once

#include <string_view>

namespace anchornet::store::sqlite {

inline constexpr std::string_view kMigrations[] = {
    // 1: network, members, files, payees, labels, blocks of payment lines, rejects.
    R"sql(
CREATE TABLE network (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  financial_year_start TEXT NOT NULL,
  geography_name TEXT NOT NULL,
  geography_codes TEXT NOT NULL,
  synthetic INTEGER NOT NULL,
  source TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
CREATE TABLE member (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sector TEXT NOT NULL,
  geography TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE goal (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  measure TEXT NOT NULL,
  kind TEXT NOT NULL,
  target REAL NOT NULL,
  member TEXT NOT NULL,
  from_fy INTEGER NOT NULL,
  to_fy INTEGER NOT NULL,
  description TEXT NOT NULL
);
CREATE TABLE spend_rule (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  match TEXT NOT NULL,
  patterns TEXT NOT NULL,
  reason TEXT NOT NULL,
  member TEXT NOT NULL
);
CREATE TABLE source_file (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES member(id),
  name TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  format TEXT NOT NULL,
  layout TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0,
  lines_imported INTEGER NOT NULL DEFAULT 0,
  lines_duplicate INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rows_skipped INTEGER NOT NULL DEFAULT 0,
  total_pence INTEGER NOT NULL DEFAULT 0,
  first_paid INTEGER,
  last_paid INTEGER,
  UNIQUE (member_id, content_hash)
);
CREATE TABLE payee (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES member(id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  kind INTEGER NOT NULL,
  vendor_id TEXT NOT NULL,
  company_number TEXT NOT NULL,
  charity_number TEXT NOT NULL,
  vat_number TEXT NOT NULL,
  postcode TEXT NOT NULL,
  UNIQUE (member_id, name, vendor_id, company_number, charity_number, vat_number, postcode)
);
CREATE INDEX payee_name_key ON payee(name_key);
CREATE TABLE label (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE
);
-- Payment lines live in blocks of up to 4,096 lines (store/internal/line_block.h): one row per
-- block keeps imports fast and aggregates a sequential scan.
CREATE TABLE spend_block (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES source_file(id),
  member_id INTEGER NOT NULL REFERENCES member(id),
  first_paid INTEGER NOT NULL,
  last_paid INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  total_pence INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX spend_block_member ON spend_block(member_id, first_paid);
CREATE INDEX spend_block_file ON spend_block(file_id);
CREATE TABLE reject (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES source_file(id),
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  raw TEXT NOT NULL
);
CREATE INDEX reject_file ON reject(file_id);
)sql",
};

}  // namespace anchornet::store::sqlite
