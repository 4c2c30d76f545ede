#include "ingest/csv_reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <vector>

namespace anchornet::ingest {

namespace {

constexpr std::size_t kChunk = 1 << 20;

// Where the reader's bytes come from: a file (converted to UTF-8 per chunk) or a string.
class ByteFeed {
 public:
  virtual ~ByteFeed() = default;
  // Appends more UTF-8 bytes to out; returns false at the end of the input.
  virtual core::Result<bool> Append(std::string& out) = 0;
};

class FileFeed final : public ByteFeed {
 public:
  FileFeed(FILE* f, Encoding encoding, std::string path)
      : f_(f),
        encoding_(encoding),
        path_(std::move(path)),
        raw_(std::make_unique_for_overwrite<char[]>(kChunk)) {}
  ~FileFeed() override { std::fclose(f_); }

  core::Result<bool> Append(std::string& out) override {
    const std::size_t n = std::fread(raw_.get(), 1, kChunk, f_);
    if (n == 0) {
      if (std::ferror(f_)) {
        return core::Fail(core::ErrorCode::kFileUnreadable,
                          fmt::format("read error: {}", std::strerror(errno)), {path_});
      }
      return false;
    }
    AppendAsUtf8(encoding_, std::string_view(raw_.get(), n), out, carry_);
    return true;
  }

 private:
  FILE* f_;
  Encoding encoding_;
  std::string path_;
  std::unique_ptr<char[]> raw_;
  std::string carry_;
};

class StringFeed final : public ByteFeed {
 public:
  explicit StringFeed(std::string data) : data_(std::move(data)) {}
  core::Result<bool> Append(std::string& out) override {
    if (done_) return false;
    out.append(data_);
    done_ = true;
    data_.clear();
    return true;
  }

 private:
  std::string data_;
  bool done_ = false;
};

class CsvReader final : public RowSource {
 public:
  CsvReader(std::unique_ptr<ByteFeed> feed, char delimiter, std::string description)
      : feed_(std::move(feed)), delimiter_(delimiter), description_(std::move(description)) {}

  // Loads the first chunk and sniffs the delimiter if it was not given.
  core::Status Start() {
    if (auto more = Fill(); !more) return tl::unexpected(more.error());
    if (delimiter_ == 0) delimiter_ = SniffDelimiter(std::string_view(buf_).substr(pos_, 65536));
    return {};
  }

  core::Result<bool> Next(Row& row) override {
    for (;;) {
      if (!eof_ && buf_.size() - pos_ < kChunk / 2) {
        if (auto more = Fill(); !more) return tl::unexpected(more.error());
      }
      if (pos_ >= buf_.size() && eof_) return false;
      const Parse r = ParseRecord(row, /*quotes=*/true);
      if (r == Parse::kBrokenQuote) {
        const std::int32_t column = open_quote_column_;
        ParseRecord(row, /*quotes=*/false);
        row.problem = core::ErrorCode::kUnterminatedQuote;
        row.problem_column = column;
        return true;
      }
      if (r == Parse::kNeedMore) {
        if (eof_) {
          // A quote opened and never closed: take it literally and stop at the line end.
          const std::int64_t line = line_;
          const std::int32_t column = open_quote_column_;
          ParseRecord(row, /*quotes=*/false);
          row.problem = core::ErrorCode::kUnterminatedQuote;
          row.problem_column = column;
          row.line = line;
          return true;
        }
        if (auto more = Fill(); !more) return tl::unexpected(more.error());
        continue;
      }
      return true;
    }
  }

  std::string Describe() const override {
    return fmt::format("{}, delimiter {}", description_, DelimiterName(delimiter_));
  }

 private:
  // kBrokenQuote: a quoted cell ran over a line break and closed on a quote that was not the
  // end of a cell, i.e. its opening quote was never closed on its own line.
  enum class Parse { kDone, kNeedMore, kBrokenQuote };

  core::Result<bool> Fill() {
    if (eof_) return false;
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    auto more = feed_->Append(buf_);
    if (!more) return tl::unexpected(more.error());
    if (!*more) eof_ = true;
    return *more;
  }

  std::string_view Unescaped(std::string_view raw) {
    if (scratch_used_ == scratch_.size()) scratch_.emplace_back();
    std::string& s = scratch_[scratch_used_++];
    s.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
      s += raw[i];
      if (raw[i] == '"' && i + 1 < raw.size() && raw[i + 1] == '"') ++i;
    }
    return s;
  }

  // Parses one record from pos_. On kDone, pos_ and line_ move past it.
  Parse ParseRecord(Row& row, bool quotes) {
    row.cells.clear();
    row.problem = core::ErrorCode::kOk;
    row.problem_column = 0;
    scratch_used_ = 0;
    const char* const begin = buf_.data();
    const char* const end = begin + buf_.size();
    const char* p = begin + pos_;
    std::int64_t lines = 0;
    const char d = delimiter_;
    for (;;) {
      // One field.
      if (quotes && p < end && *p == '"') {
        const char* start = ++p;
        bool escaped = false;
        for (;;) {
          const char* q = static_cast<const char*>(std::memchr(p, '"', end - p));
          if (q == nullptr) {
            open_quote_column_ = static_cast<std::int32_t>(row.cells.size() + 1);
            return Parse::kNeedMore;
          }
          if (q + 1 < end && q[1] == '"') {
            escaped = true;
            p = q + 2;
            continue;
          }
          if (q + 1 == end && !eof_) {
            open_quote_column_ = static_cast<std::int32_t>(row.cells.size() + 1);
            return Parse::kNeedMore;
          }
          std::int64_t breaks = 0;
          for (const char* c = start; c < q; ++c) {
            if (*c == '\n' || (*c == '\r' && (c + 1 == q || c[1] != '\n'))) ++breaks;
          }
          lines += breaks;
          std::string_view raw(start, q - start);
          p = q + 1;
          // Text after the closing quote (lenient): keep it.
          const char* tail = p;
          while (p < end && *p != d && *p != '\n' && *p != '\r') ++p;
          if (p == end && !eof_) return Parse::kNeedMore;
          if (tail != p && breaks > 0) {
            open_quote_column_ = static_cast<std::int32_t>(row.cells.size() + 1);
            return Parse::kBrokenQuote;
          }
          if (tail == p) {
            row.cells.push_back(escaped ? Unescaped(raw) : raw);
          } else {
            std::string_view joined = Unescaped(raw);
            std::string& s = scratch_[scratch_used_ - 1];
            s.append(tail, p - tail);
            joined = s;
            row.cells.push_back(joined);
          }
          break;
        }
      } else {
        const char* start = p;
        while (p < end && *p != d && *p != '\n' && *p != '\r') ++p;
        if (p == end && !eof_) return Parse::kNeedMore;
        row.cells.emplace_back(start, p - start);
      }
      // After a field: delimiter, line end or end of input.
      if (p == end) break;
      if (*p == d) {
        ++p;
        if (p == end && !eof_) return Parse::kNeedMore;
        continue;
      }
      if (*p == '\r') {
        if (p + 1 == end && !eof_) return Parse::kNeedMore;
        p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
      } else {
        ++p;
      }
      ++lines;
      break;
    }
    row.line = line_;
    line_ += lines;
    pos_ = static_cast<std::size_t>(p - begin);
    return Parse::kDone;
  }

  std::unique_ptr<ByteFeed> feed_;
  char delimiter_;
  std::string description_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  std::int64_t line_ = 1;
  std::int32_t open_quote_column_ = 0;
  std::deque<std::string> scratch_;  // deque: strings never move while views point at them
  std::size_t scratch_used_ = 0;
};

}  // namespace

std::string DelimiterName(char delimiter) {
  switch (delimiter) {
    case ',':
      return "','";
    case ';':
      return "';'";
    case '|':
      return "'|'";
    case '\t':
      return "tab";
    default:
      return fmt::format("'{}'", delimiter);
  }
}

char SniffDelimiter(std::string_view utf8) {
  constexpr char kCandidates[] = {',', ';', '\t', '|'};
  // Per candidate: how often each per-line count occurs over the first 40 non-blank lines.
  std::map<int, int> counts[4];
  int lines = 0;
  std::size_t i = 0;
  while (i < utf8.size() && lines < 40) {
    int per[4] = {0, 0, 0, 0};
    bool in_quotes = false;
    bool any = false;
    for (; i < utf8.size(); ++i) {
      const char c = utf8[i];
      if (c == '"') in_quotes = !in_quotes;
      if (!in_quotes && (c == '\n' || c == '\r')) break;
      if (c != ' ') any = true;
      if (in_quotes) continue;
      for (int k = 0; k < 4; ++k) {
        if (c == kCandidates[k]) ++per[k];
      }
    }
    while (i < utf8.size() && (utf8[i] == '\n' || utf8[i] == '\r')) ++i;
    if (!any) continue;
    ++lines;
    for (int k = 0; k < 4; ++k) ++counts[k][per[k]];
  }
  char best = ',';
  double best_score = 0;
  for (int k = 0; k < 4; ++k) {
    // Score: lines that share the most common non-zero count, weighted a little by that count.
    int mode_lines = 0, mode = 0;
    for (const auto& [count, n] : counts[k]) {
      if (count > 0 && n > mode_lines) {
        mode_lines = n;
        mode = count;
      }
    }
    if (mode == 0) continue;
    const double score = mode_lines + (mode > 1 ? 0.5 : 0.0);
    if (score > best_score) {
      best_score = score;
      best = kCandidates[k];
    }
  }
  return best;
}

core::Result<std::unique_ptr<RowSource>> OpenCsv(const std::string& path, const FileProbe& probe,
                                                 char delimiter) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return core::Fail(
        errno == ENOENT ? core::ErrorCode::kFileNotFound : core::ErrorCode::kFileUnreadable,
        fmt::format("cannot open: {}", std::strerror(errno)), {path});
  }
  if (probe.bom_bytes > 0) std::fseek(f, static_cast<long>(probe.bom_bytes), SEEK_SET);
  std::string description =
      fmt::format("CSV, {}{}, {} line ends", EncodingName(probe.encoding),
                  probe.bom_bytes == 3 ? " with BOM" : "", probe.LineEndName());
  auto reader = std::make_unique<CsvReader>(std::make_unique<FileFeed>(f, probe.encoding, path),
                                            delimiter, std::move(description));
  if (auto s = reader->Start(); !s) return tl::unexpected(s.error());
  return std::unique_ptr<RowSource>(std::move(reader));
}

std::unique_ptr<RowSource> CsvFromString(std::string utf8, char delimiter) {
  auto reader = std::make_unique<CsvReader>(std::make_unique<StringFeed>(std::move(utf8)),
                                            delimiter, "CSV text");
  (void)reader->Start();  // a string feed cannot fail
  return reader;
}

}  // namespace anchornet::ingest
