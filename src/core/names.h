// Supplier name normalisation: the key under which differently spelt names of one organisation
// meet ("ACME LTD", "Acme Limited", "The Acme Co. Ltd (T/A Acme Cleaning)" -> "ACME").
//
// A pure rule with no I/O, so the register importers (ingest/) and the resolver (resolve/)
// compute the same key. Rules, in order (docs/suppliers.md, "Name keys"):
//   1. Unicode NFKC, case folded to upper case, accents removed (utf8proc; names that are pure
//      ASCII skip this step). Bytes that are not valid UTF-8 are read as Windows-1252. Symbols
//      that are neither letters nor digits ("†", "£") become spaces;
//   2. a trading-as clause ("T/A", "t/as", "T / A", "trading as"; a bare "TA" is not one) is
//      split off and kept separately; inside parentheses it ends at the closing one
//      ("The Acme Co. Ltd (T/A Acme Cleaning)" -> "ACME" t/a "ACME CLEANING"). When nothing
//      precedes the clause, the trading name is the key;
//   3. "&" and "+" become AND; apostrophes are dropped ("St John's" -> "ST JOHNS");
//      other punctuation, parentheses included, becomes a space ("Age UK (Lambeth)" ->
//      "AGE UK LAMBETH"); runs of single letters are joined ("S.R.S.", "S R S" -> "SRS";
//      "L.T.D." -> "LTD");
//   4. a leading THE is dropped (not when it is the only word);
//   5. trailing legal forms are dropped, repeatedly: LTD, LIMITED, PLC, LLP, LP, CIC, CIO,
//      INC, LLC, CO, COMPANY, the Welsh CYF, and the spelt-out "PUBLIC LIMITED COMPANY",
//      "LIMITED LIABILITY PARTNERSHIP", "LIMITED PARTNERSHIP", "COMMUNITY INTEREST COMPANY",
//      "CHARITABLE INCORPORATED ORGANISATION" ("ACME CO LTD" -> "ACME"); an AND left
//      dangling by CO goes too ("Jill Bartlett & Company Ltd" -> "JILL BARTLETT"); words such
//      as UK or GROUP are kept. A key is never stripped to nothing ("Limited" -> "LIMITED",
//      "CO LTD" -> "CO");
//   6. runs of spaces become one; no space leads or trails.
// Two names with the same key are treated as one supplier when nothing (an identifier)
// says otherwise.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace anchornet::core {

struct NameKey {
  std::string key;         // e.g. "ACME"; empty when the name has no letters or digits
  std::string trading_as;  // key of the trading-as name, e.g. "ACME CLEANING"; often empty
  std::string legal_form;  // the outermost legal form removed from the key, normalised:
                           // "LTD" (also for LIMITED, CYF), "PLC", "LLP", "LP", "CIC", "CIO",
                           // "INC", "LLC"; "" when none or only CO/COMPANY (used as evidence,
                           // e.g. CIC -> VCSE)
};

NameKey NormaliseName(std::string_view name);

// Convenience: NormaliseName(name).key.
std::string NameKeyOf(std::string_view name);

// Company numbers as Companies House writes them: 8 characters, upper case, digits zero-padded
// on the left ("1234567" -> "01234567", "sc12345" -> "SC012345"). Spaces and an org-id prefix
// "GB-COH-" are removed. Accepted: 1 to 8 digits; two letters (SC, NI, OC, ...) or "R0" and
// 1 to 6 digits; a mutual society's full 8-character number with its letter suffix (prefix
// IP, SP, RS or NP: "IP10002R", "SP1032RS"), kept as written. Returns "" when `text` cannot be
// a company number ("N/A", "0", longer than 8 characters).
std::string NormaliseCompanyNumber(std::string_view text);

// Charity numbers: digits only for England and Wales, 6 to 8 of them once leading zeros are
// dropped ("1000611"; "GB-CHC-" prefix and a "-1" linked-charity suffix dropped); "SC" and 6
// digits, zero-padded, for Scotland ("GB-SC-SC016040" -> "SC016040"); "NIC" and the digits for
// Northern Ireland ("GB-NIC-100005" -> "NIC100005"). Spaces are removed. A bare "NI" and digits
// is a Northern Ireland company number, not a charity number. "" when not a charity number.
std::string NormaliseCharityNumber(std::string_view text);

// VAT numbers: "GB123456789" (9 or 12 digits after an optional GB; spaces and punctuation
// removed). The check digits are not verified. "" when invalid.
std::string NormaliseVatNumber(std::string_view text);

}  // namespace anchornet::core
