// A streaming CSV reader for publishers' spend files.
//
// Reads in 1 MiB chunks, converting to UTF-8 on the way, so memory does not grow with the file.
// Accepts ',', ';', '|' and tab delimiters (sniffed when not given), CR, LF and CRLF line ends
// (even mixed), quoted fields with embedded delimiters, line breaks and doubled quotes, and text
// after a closing quote. A quote left open is taken literally from the point where it opened, the
// row is flagged kUnterminatedQuote and reading goes on at the next line: one bad quote never
// swallows the rest of the file. Thread-safety: one thread per reader.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "ingest/encoding.h"
#include "ingest/row_source.h"

namespace anchornet::ingest {

// Picks the delimiter whose count per line is most consistent over the first lines of `utf8`.
// Returns ',' when nothing is convincing.
char SniffDelimiter(std::string_view utf8);

// Opens a CSV file already probed by ProbeFile. delimiter 0 means sniff.
// Errors: kFileNotFound, kFileUnreadable.
[[nodiscard]] core::Result<std::unique_ptr<RowSource>> OpenCsv(const std::string& path,
                                                               const FileProbe& probe,
                                                               char delimiter = 0);

// A reader over UTF-8 text in memory (tests and the fuzzer). delimiter 0 means sniff.
std::unique_ptr<RowSource> CsvFromString(std::string utf8, char delimiter = 0);

std::string DelimiterName(char delimiter);

}  // namespace anchornet::ingest
