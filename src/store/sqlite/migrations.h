// The SQLite schema as an ordered list of migrations. Migration N takes user_version N-1 to N.
// Append only: a released migration is never edited.
#pragma once

#include <iterator>
#include <string_view>

#include "store/store.h"

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
    // 2: registers, supplier returns, resolved suppliers with their facts, decisions, and the
    // data version that tells when suppliers must be resolved again.
    R"sql(
CREATE TABLE spend_rule_v2 (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  match TEXT NOT NULL,
  patterns TEXT NOT NULL,
  reason TEXT NOT NULL,
  member TEXT NOT NULL,
  stage TEXT NOT NULL DEFAULT 'S2',
  enabled INTEGER NOT NULL DEFAULT 1,
  UNIQUE (code, member)
);
INSERT INTO spend_rule_v2 (id, code, match, patterns, reason, member)
  SELECT id, code, match, patterns, reason, member FROM spend_rule;
DROP TABLE spend_rule;
ALTER TABLE spend_rule_v2 RENAME TO spend_rule;
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('data_version', 1), ('resolved_version', -1);
CREATE TABLE register_import (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  member TEXT NOT NULL,
  name TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  format TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rows_skipped INTEGER NOT NULL DEFAULT 0,
  committed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, member, content_hash)
);
CREATE TABLE register_reject (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES register_import(id),
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  raw TEXT NOT NULL
);
CREATE INDEX register_reject_import ON register_reject(import_id);
CREATE TABLE reg_org (
  scheme TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  postcode TEXT NOT NULL,
  form TEXT NOT NULL,
  status TEXT NOT NULL,
  account_category TEXT NOT NULL,
  sic TEXT NOT NULL,
  as_of TEXT NOT NULL,
  import_id INTEGER NOT NULL,
  PRIMARY KEY (scheme, id)
) WITHOUT ROWID;
CREATE INDEX reg_org_name_key ON reg_org(name_key);
CREATE TABLE reg_name (
  scheme TEXT NOT NULL,
  id TEXT NOT NULL,
  name_key TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (scheme, id, name_key)
) WITHOUT ROWID;
CREATE INDEX reg_name_key ON reg_name(name_key);
CREATE TABLE reg_link (
  scheme_a TEXT NOT NULL,
  id_a TEXT NOT NULL,
  scheme_b TEXT NOT NULL,
  id_b TEXT NOT NULL,
  PRIMARY KEY (scheme_a, id_a, scheme_b, id_b)
) WITHOUT ROWID;
CREATE INDEX reg_link_b ON reg_link(scheme_b, id_b);
CREATE TABLE postcode_place (
  postcode TEXT PRIMARY KEY,
  district INTEGER NOT NULL,
  local_authority TEXT NOT NULL,
  local_authority_name TEXT NOT NULL,
  ward TEXT NOT NULL,
  lsoa TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE deprivation (
  lsoa TEXT PRIMARY KEY,
  local_authority TEXT NOT NULL,
  rank INTEGER NOT NULL,
  decile INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE area_name (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE supplier_return (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES register_import(id),
  member_id INTEGER NOT NULL REFERENCES member(id),
  row INTEGER NOT NULL,
  name TEXT NOT NULL,
  company_number TEXT NOT NULL,
  charity_number TEXT NOT NULL,
  vat_number TEXT NOT NULL,
  size TEXT NOT NULL,
  vcse TEXT NOT NULL,
  vcse_form TEXT NOT NULL,
  diverse_yes INTEGER NOT NULL,
  diverse_no INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  certified_by TEXT NOT NULL,
  postcodes TEXT NOT NULL,
  public_body TEXT NOT NULL,
  as_of TEXT NOT NULL
);
CREATE INDEX supplier_return_member ON supplier_return(member_id);
CREATE TABLE supplier (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  company_number TEXT NOT NULL,
  charity_number TEXT NOT NULL,
  vat_number TEXT NOT NULL,
  match_method TEXT NOT NULL,
  match_confidence REAL NOT NULL,
  register_scheme TEXT NOT NULL,
  register_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  vcse INTEGER NOT NULL,
  diverse_yes INTEGER NOT NULL,
  diverse_known INTEGER NOT NULL,
  diverse_evidence INTEGER NOT NULL,
  public_body INTEGER NOT NULL,
  personal INTEGER NOT NULL,
  postcode TEXT NOT NULL,
  local_authority TEXT NOT NULL,
  ward TEXT NOT NULL,
  lsoa TEXT NOT NULL,
  imd_decile INTEGER NOT NULL,
  local INTEGER NOT NULL,
  ambiguous INTEGER NOT NULL,
  aliases TEXT NOT NULL,
  members TEXT NOT NULL
);
CREATE TABLE supplier_payee (
  payee_id INTEGER PRIMARY KEY,
  supplier_id INTEGER NOT NULL
);
CREATE INDEX supplier_payee_supplier ON supplier_payee(supplier_id);
CREATE TABLE supplier_fact (
  supplier_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  detail TEXT NOT NULL,
  source TEXT NOT NULL,
  source_detail TEXT NOT NULL,
  as_of TEXT NOT NULL,
  chosen INTEGER NOT NULL,
  conflicts INTEGER NOT NULL,
  PRIMARY KEY (supplier_id, seq)
) WITHOUT ROWID;
CREATE TABLE decision (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  detail TEXT NOT NULL,
  old_value TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX decision_subject ON decision(subject);
)sql",
    // 3: a company's incorporation date, so that a name is never matched to a company
    // incorporated after the payments it would explain.
    R"sql(
ALTER TABLE reg_org ADD COLUMN incorporated TEXT NOT NULL DEFAULT '';
)sql",
    // 4: UK government GHG conversion factors, by year (`import register ghg-factors`).
    R"sql(
CREATE TABLE ghg_factor (
  year INTEGER NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  scope TEXT NOT NULL,
  level1 TEXT NOT NULL,
  level2 TEXT NOT NULL,
  level3 TEXT NOT NULL,
  level4 TEXT NOT NULL,
  column_text TEXT NOT NULL,
  unit TEXT NOT NULL,
  ghg_unit TEXT NOT NULL,
  value_text TEXT NOT NULL,
  value REAL NOT NULL,
  import_id INTEGER NOT NULL,
  PRIMARY KEY (year, id)
) WITHOUT ROWID;
)sql",
    // 5: members' returns (docs/returns.md): the files, one submission per member and period
    // (a resubmission supersedes the current one, which stays as history), the figures, levy
    // transfers and carbon projects of each, and the issues found in them.
    R"sql(
CREATE TABLE return_file (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  bytes INTEGER NOT NULL,
  format TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
CREATE TABLE return_submission (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES return_file(id),
  member_id INTEGER NOT NULL REFERENCES member(id),
  financial_year INTEGER NOT NULL,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
  supersedes INTEGER REFERENCES return_submission(id),
  superseded_by INTEGER REFERENCES return_submission(id),
  figures INTEGER NOT NULL,
  transfers INTEGER NOT NULL,
  projects INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL
);
CREATE INDEX return_submission_period ON return_submission(member_id, financial_year, quarter);
CREATE INDEX return_submission_file ON return_submission(file_id);
CREATE TABLE return_figure (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES return_submission(id),
  measure TEXT NOT NULL,
  value INTEGER NOT NULL,
  note TEXT NOT NULL,
  flag TEXT NOT NULL,
  row INTEGER NOT NULL
);
CREATE INDEX return_figure_submission ON return_figure(submission_id, row);
CREATE TABLE return_transfer (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES return_submission(id),
  row INTEGER NOT NULL,
  recipient TEXT NOT NULL,
  recipient_sme INTEGER CHECK (recipient_sme IN (0, 1)),
  committed INTEGER NOT NULL,
  paid INTEGER NOT NULL,
  apprenticeships INTEGER NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX return_transfer_submission ON return_transfer(submission_id, row);
CREATE TABLE return_project (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES return_submission(id),
  row INTEGER NOT NULL,
  project_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  activity TEXT NOT NULL,
  unit TEXT NOT NULL,
  activity_year INTEGER NOT NULL,
  baseline REAL NOT NULL,
  after REAL NOT NULL,
  factor_id TEXT NOT NULL,
  factor_path TEXT NOT NULL,
  factor REAL NOT NULL,
  saved_kg INTEGER NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX return_project_submission ON return_project(submission_id, row);
-- An issue with no submission belongs to the file (e.g. a row naming an unknown member).
CREATE TABLE return_issue (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES return_file(id),
  submission_id INTEGER REFERENCES return_submission(id),
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  raw TEXT NOT NULL,
  warning INTEGER NOT NULL CHECK (warning IN (0, 1))
);
CREATE INDEX return_issue_file ON return_issue(file_id, submission_id);
CREATE INDEX return_issue_submission ON return_issue(submission_id);
)sql",
    // 6: the network's low-coverage threshold (network.toml `coverage_warning_below`), in basis
    // points so that it round-trips exactly.
    R"sql(
ALTER TABLE network ADD COLUMN coverage_warning_below_bp INTEGER NOT NULL DEFAULT 5000;
)sql",
};

static_assert(std::size(kMigrations) == kSchemaVersion,
              "every schema version has its migration: bump kSchemaVersion in store/store.h");

}  // namespace anchornet::store::sqlite
