// Which character encoding a spend file is in, and conversion of its bytes to UTF-8.
//
// Publishers' files arrive as UTF-8 (with or without a byte-order mark), UTF-16 from Excel's
// "Unicode text", Windows-1252 (or Latin-1, its subset) and, from old finance systems, DOS code
// page 850, which stores '£' as byte 0x9C. Thread-safety: pure functions and per-object state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anchornet::ingest {

enum class Encoding : std::uint8_t { kUtf8, kUtf16Le, kUtf16Be, kWindows1252, kCp850 };

std::string_view EncodingName(Encoding e);

// What one pass over a file's bytes tells: its content hash, encoding, and line-end style.
struct FileProbe {
  std::string content_hash;  // hex BLAKE2b-256 of all bytes
  std::int64_t bytes = 0;
  Encoding encoding = Encoding::kUtf8;
  std::size_t bom_bytes = 0;  // byte-order mark to skip
  std::int64_t crlf = 0, lone_cr = 0, lone_lf = 0;
  bool looks_binary = false;  // NUL bytes outside UTF-16
  std::string head;           // the first up to 64 KiB, raw, for format sniffing

  std::string LineEndName() const;  // "CRLF", "LF", "CR", "mixed CR/CRLF" ...
};

// Reads the whole file once. Errors: kFileNotFound, kFileUnreadable.
[[nodiscard]] core::Result<FileProbe> ProbeFile(const std::string& path);

// The container a probed file is: "xlsx" (a zip), "json" (UTF-8 text starting with { or [, when
// allow_json) or "csv". Errors: kUnsupportedFormat for an old .xls workbook or a binary file,
// the message ending with `reads_from` ("registers are read from CSV, XLSX or JSON").
[[nodiscard]] core::Result<std::string> DetectContainer(const std::string& path,
                                                        const FileProbe& probe, bool allow_json,
                                                        std::string_view reads_from);

// Reads only the first `limit` bytes: the encoding is guessed from them, line ends are counted
// in them, `bytes` is the whole file's size and `content_hash` is empty. The importer uses it to
// start reading a large file while ProbeFile runs on another thread, and checks the guess
// against the full probe before committing. Errors: kFileNotFound, kFileUnreadable.
[[nodiscard]] core::Result<FileProbe> ProbeHead(const std::string& path,
                                                std::size_t limit = 1 << 20);

// Decides the encoding of bytes (used by ProbeFile; exposed for tests). `valid_utf8` is whether
// all bytes form valid UTF-8; the counts describe bytes >= 0x80.
Encoding DecideEncoding(std::string_view head, bool valid_utf8, std::int64_t pound_1252,
                        std::int64_t pound_850, std::int64_t c1_bytes);

// Converts a chunk of single-byte or UTF-16 text to UTF-8, appending to `out`. For UTF-16 an odd
// trailing byte is kept in `carry` for the next call. UTF-8 input is appended unchanged.
void AppendAsUtf8(Encoding e, std::string_view in, std::string& out, std::string& carry);

}  // namespace anchornet::ingest
