// What payee names look like. IsPersonalPayee recognises payees that are private individuals or
// redacted names ("REDACTED PERSONAL DATA", "Name redacted", "REFUND TO PRIVATE INDIVIDUAL"),
// matching whole words so that real companies such as "Redactive Publishing Ltd" are not caught.
// ScorePayeeColumn judges how much a column of a file without a usable header behaves like a
// column of payee names (docs/import.md, "Which column is the payee").
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

namespace anchornet::ingest {

bool IsPersonalPayee(std::string_view name);

// True when the name has a legal form ("Ltd", "Limited", "PLC", "LLP", "CIC", ... as
// core::NormaliseName finds them) or an organisation word ("Council", "Trust", "University",
// "Company", "Sons", ...), as whole words in any case.
bool HasOrganisationWord(std::string_view name);

// How a column's values behave as payee names. Each part is a share of the non-empty values
// (0 to 1); the score weighs them 0.5, 0.2, 0.15, 0.15.
struct PayeeColumnScore {
  double organisation = 0;  // with a legal form or an organisation word (HasOrganisationWord)
  double name_case = 0;     // written as names: no lower-case word other than "of", "and", ...
                            // (descriptions read "Agency costs", "bumper cover")
  double few_digits = 0;    // with no digit at all (descriptions carry dates, weeks, codes)
  double repetition = 0;    // 1 when values repeat some but not all of the time (distinct values
                            // between 5% and 95%): payees recur, codes recur almost always,
                            // free text hardly ever; else 0
  double score = 0;
};

// A guess of the payee column is weak, and the file refused, when the best column scores below
// kPayeeScoreFloor or leads the next best by less than kPayeeLeadFloor.
inline constexpr double kPayeeScoreFloor = 0.5;
inline constexpr double kPayeeLeadFloor = 0.15;

// Scores a column from its non-empty values (blank values are ignored).
PayeeColumnScore ScorePayeeColumn(const std::vector<std::string_view>& values);

}  // namespace anchornet::ingest
