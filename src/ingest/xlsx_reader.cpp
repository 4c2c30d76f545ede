// The XLSX reader: opens the workbook container with libzip, reads the workbook, its
// relationships, the shared strings and the cell styles into memory, then streams one worksheet's
// XML through expat in 64 KiB chunks, handing out completed rows one at a time.
//
// Element and attribute names are compared by their local part (after any "prefix:"), so
// workbooks whose writers use prefixed namespaces ("x:row", "x:c") read the same as Excel's.
//
// Thread-safety: a reader and the functions here share no state; one thread per reader.
#include "ingest/xlsx_reader.h"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <new>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/date.h"

namespace anchornet::ingest {

namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::size_t kChunkSize = std::size_t{64} * 1024;
constexpr std::int64_t kMaxColumns = 16384;  // column XFD, Excel's limit
constexpr double kDate1904Offset = 1462;     // days from 1900-01-00 to 1904-01-01 in serials
constexpr std::size_t kSpareRowLimit = 16;   // row buffers kept for reuse
constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";
constexpr std::string_view kSharedStringsPart = "xl/sharedStrings.xml";
constexpr std::string_view kStylesPart = "xl/styles.xml";

// ---------------------------------------------------------------------------------------------
// Small text helpers.

// "x:row" -> "row"; "row" -> "row".
std::string_view LocalName(const XML_Char* name) {
  std::string_view text(name);
  const std::size_t colon = text.rfind(':');
  return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

// The value of the attribute whose local name is `local`, or null.
const XML_Char* FindAttribute(const XML_Char** attributes, std::string_view local) {
  for (int i = 0; attributes[i] != nullptr; i += 2) {
    if (LocalName(attributes[i]) == local) return attributes[i + 1];
  }
  return nullptr;
}

template <typename Int>
std::optional<Int> ParseInteger(std::string_view text) {
  Int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// 0 -> "A", 27 -> "AB".
std::string ColumnName(std::int64_t index) {
  std::string name;
  for (std::int64_t n = index + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

// The 0-based column of a cell reference such as "C7" (-> 2), or nullopt when malformed.
std::optional<std::int64_t> ColumnOfReference(std::string_view reference) {
  std::int64_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size(); ++i) {
    const char c = reference[i];
    int letter = 0;
    if (c >= 'A' && c <= 'Z') {
      letter = c - 'A' + 1;
    } else if (c >= 'a' && c <= 'z') {
      letter = c - 'a' + 1;
    } else {
      break;
    }
    column = column * 26 + letter;
    if (column > kMaxColumns) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  for (std::size_t j = i; j < reference.size(); ++j) {
    if (reference[j] < '0' || reference[j] > '9') return std::nullopt;
  }
  return column - 1;
}

// Resolves a relationship target against the folder of the part that owns it: "worksheets/a.xml"
// from "xl/" is "xl/worksheets/a.xml"; "/xl/a.xml" is absolute; "." and ".." segments collapse.
std::string ResolvePartName(std::string_view base_folder, std::string_view target) {
  std::string joined;
  if (!target.empty() && target.front() == '/') {
    joined = target.substr(1);
  } else {
    joined = std::string(base_folder) + std::string(target);
  }
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string part;
  for (std::string_view segment : segments) {
    if (!part.empty()) part += '/';
    part += segment;
  }
  return part;
}

// ---------------------------------------------------------------------------------------------
// Number formats.

// Excel's built-in number formats that show dates or times (ECMA-376 Part 1, 18.8.30, plus the
// East Asian locale date formats).
bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// True when a custom format code shows a date or time: it has a d, m, y or h token outside
// quoted text, [brackets] (colours, locales, conditions, elapsed time), escapes (\x), padding
// (_x) and fills (*x).
bool IsDateFormatCode(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    switch (c) {
      case '"': {
        const std::size_t close = code.find('"', i + 1);
        if (close == std::string_view::npos) return false;
        i = close;
        break;
      }
      case '[': {
        const std::size_t close = code.find(']', i + 1);
        if (close == std::string_view::npos) return false;
        i = close;
        break;
      }
      case '\\':
      case '_':
      case '*':
        ++i;  // skip the character that follows
        break;
      default:
        switch (AsciiLower(c)) {
          case 'd':
          case 'm':
          case 'y':
          case 'h':
            return true;
          default:
            break;
        }
    }
  }
  return false;
}

// Appends `value` as text with at most 15 significant digits and no trailing zeros: 1534.24,
// 900, 0.1, -2.5. Very large or very small magnitudes keep an exponent (1.5e-12).
void AppendNumber(double value, std::string& out) {
  if (value == 0) {  // also -0
    out += '0';
    return;
  }
  // "-1.53424000000000e+03": a sign, 15 digits with a point after the first, an exponent.
  std::array<char, 40> buffer{};
  const int length = std::snprintf(buffer.data(), buffer.size(), "%.14e", value);
  if (length <= 0) return;
  const std::string_view text(buffer.data(), static_cast<std::size_t>(length));
  const std::size_t e = text.find('e');
  if (e == std::string_view::npos) {  // inf or nan
    out.append(text);
    return;
  }
  const bool negative = text.front() == '-';
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c >= '0' && c <= '9') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exponent =
      ParseInteger<int>(text.substr(text[e + 1] == '+' ? e + 2 : e + 1)).value_or(0);
  if (negative) out += '-';
  if (exponent < -9 || exponent > 20) {
    out += digits.front();
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += fmt::format("e{}", exponent);
    return;
  }
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out += digits;
    return;
  }
  const auto integer_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    out += digits;
    out.append(integer_digits - digits.size(), '0');
    return;
  }
  out.append(digits, 0, integer_digits);
  out += '.';
  out.append(digits, integer_digits);
}

// ---------------------------------------------------------------------------------------------
// libzip and expat plumbing.

struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipDiscard>;

struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFile = std::unique_ptr<zip_file_t, ZipFileClose>;

struct ParserFree {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};
using ParserHandle = std::unique_ptr<XML_ParserStruct, ParserFree>;

// True when the file starts like an OLE compound document: an old .xls or an encrypted .xlsx.
bool LooksLikeCompoundDocument(const std::string& path) {
  static constexpr std::array<unsigned char, 8> kSignature = {0xD0, 0xCF, 0x11, 0xE0,
                                                              0xA1, 0xB1, 0x1A, 0xE1};
  std::ifstream in(path, std::ios::binary);
  std::array<char, 8> head{};
  if (!in.read(head.data(), head.size())) return false;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (static_cast<unsigned char>(head[i]) != kSignature[i]) return false;
  }
  return true;
}

core::Result<ZipArchive> OpenArchive(const std::string& path) {
  std::error_code status_error;
  if (std::filesystem::is_directory(path, status_error)) {
    return Fail(ErrorCode::kFileUnreadable,
                fmt::format("{} is a folder, not an XLSX workbook file", path));
  }
  int code = ZIP_ER_OK;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive != nullptr) return ZipArchive(archive);
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  const int system_error = zip_error_code_system(&error);
  const std::string detail = zip_error_strerror(&error);
  zip_error_fini(&error);
  if (code == ZIP_ER_NOENT || (code == ZIP_ER_OPEN && system_error == ENOENT)) {
    return Fail(ErrorCode::kFileNotFound, fmt::format("{} does not exist", path));
  }
  if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_SEEK) {
    return Fail(ErrorCode::kFileUnreadable, fmt::format("cannot read {}: {}", path, detail));
  }
  if (code == ZIP_ER_NOZIP && LooksLikeCompoundDocument(path)) {
    return Fail(ErrorCode::kUnsupportedFormat,
                fmt::format("{} is an old-format Excel (.xls) or password-protected workbook; "
                            "save it from Excel as .xlsx without a password",
                            path));
  }
  if (code == ZIP_ER_NOZIP && std::filesystem::file_size(path, status_error) == 0) {
    return Fail(ErrorCode::kUnsupportedFormat,
                fmt::format("{} is empty, not an XLSX workbook", path));
  }
  if (code == ZIP_ER_NOZIP) {
    return Fail(ErrorCode::kUnsupportedFormat,
                fmt::format("{} is not an XLSX workbook (it is not a zip archive)", path));
  }
  return Fail(ErrorCode::kUnsupportedFormat,
              fmt::format("{} is a damaged XLSX workbook: {}", path, detail));
}

// An error while reading the bytes of one part: an I/O failure, or a damaged container.
core::Error PartReadError(const std::string& path, const std::string& part, zip_error_t* error) {
  const int code = zip_error_code_zip(error);
  const ErrorCode ours = code == ZIP_ER_READ || code == ZIP_ER_SEEK ? ErrorCode::kFileUnreadable
                                                                    : ErrorCode::kUnsupportedFormat;
  return core::Error{
      ours, fmt::format("cannot read {} from {}: {}", part, path, zip_error_strerror(error)), {}};
}

// Opens a part of the container; null (not an error) when there is no such part.
core::Result<ZipFile> OpenPart(zip_t* archive, const std::string& path, const std::string& part) {
  const zip_int64_t index = zip_name_locate(archive, part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return ZipFile();
  zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) return tl::unexpected(PartReadError(path, part, zip_get_error(archive)));
  return ZipFile(file);
}

// Receives the events of one XML document. A handler that finds the content unusable records an
// error; parsing then stops and the error is returned.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void OnStart(std::string_view name, const XML_Char** attributes) = 0;
  virtual void OnEnd(std::string_view name) = 0;
  virtual void OnText(std::string_view text) = 0;

  [[nodiscard]] const std::optional<core::Error>& error() const { return error_; }

 protected:
  void SetError(ErrorCode code, std::string message) {
    if (!error_) error_ = core::Error{code, std::move(message), {}};
  }

 private:
  std::optional<core::Error> error_;
};

// One expat parser feeding one handler. Not movable: expat holds a pointer to it.
class XmlStream {
 public:
  XmlStream(std::string path, std::string part, XmlHandler& handler)
      : path_(std::move(path)), part_(std::move(part)), handler_(handler) {}
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Creates the parser. Errors: kInternal (out of memory).
  [[nodiscard]] core::Status Start() {
    parser_.reset(XML_ParserCreate(nullptr));
    if (parser_ == nullptr) {
      return Fail(ErrorCode::kInternal, fmt::format("out of memory reading {}", path_));
    }
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), &XmlStream::StartElement, &XmlStream::EndElement);
    XML_SetCharacterDataHandler(parser_.get(), &XmlStream::CharacterData);
    return {};
  }

  // Parses the next chunk (`last`: the document ends here). Errors: kUnsupportedFormat (bad
  // XML, with its line and column, or the handler's own error), kInternal (out of memory).
  [[nodiscard]] core::Status Feed(const char* data, int size, bool last) {
    if (XML_Parse(parser_.get(), data, size, last ? XML_TRUE : XML_FALSE) != XML_STATUS_ERROR) {
      return {};
    }
    if (out_of_memory_) {
      return Fail(ErrorCode::kInternal, fmt::format("out of memory reading {}", path_));
    }
    if (handler_.error()) return tl::unexpected(*handler_.error());
    return Fail(ErrorCode::kUnsupportedFormat,
                fmt::format("{} is a damaged XLSX workbook: bad XML in {} at line {}, "
                            "column {}: {}",
                            path_, part_, XML_GetCurrentLineNumber(parser_.get()),
                            XML_GetCurrentColumnNumber(parser_.get()) + 1,
                            XML_ErrorString(XML_GetErrorCode(parser_.get()))));
  }

 private:
  template <typename Event>
  void Dispatch(Event&& event) {
    if (stopped_) return;  // expat may deliver a few events after XML_StopParser
    try {
      event(handler_);
    } catch (const std::bad_alloc&) {
      // Exceptions must not unwind through expat's C frames; report it from Feed instead.
      out_of_memory_ = true;
    }
    if (out_of_memory_ || handler_.error()) {
      stopped_ = true;
      XML_StopParser(parser_.get(), XML_FALSE);
    }
  }

  static void XMLCALL StartElement(void* data, const XML_Char* name, const XML_Char** attributes) {
    static_cast<XmlStream*>(data)->Dispatch(
        [&](XmlHandler& handler) { handler.OnStart(LocalName(name), attributes); });
  }
  static void XMLCALL EndElement(void* data, const XML_Char* name) {
    static_cast<XmlStream*>(data)->Dispatch(
        [&](XmlHandler& handler) { handler.OnEnd(LocalName(name)); });
  }
  static void XMLCALL CharacterData(void* data, const XML_Char* text, int size) {
    static_cast<XmlStream*>(data)->Dispatch([&](XmlHandler& handler) {
      handler.OnText(std::string_view(text, static_cast<std::size_t>(size)));
    });
  }

  std::string path_;
  std::string part_;
  XmlHandler& handler_;
  ParserHandle parser_;
  bool stopped_ = false;
  bool out_of_memory_ = false;
};

// Reads one chunk of a part. Returns the byte count; 0 at the end.
core::Result<int> ReadChunk(zip_file_t* file, std::vector<char>& buffer, const std::string& path,
                            const std::string& part) {
  const zip_int64_t got = zip_fread(file, buffer.data(), buffer.size());
  if (got < 0) return tl::unexpected(PartReadError(path, part, zip_file_get_error(file)));
  return static_cast<int>(got);
}

// Parses a whole part. Returns false (not an error) when the container has no such part.
core::Result<bool> ParsePart(zip_t* archive, const std::string& path, std::string_view part_name,
                             XmlHandler& handler) {
  const std::string part(part_name);
  auto file = OpenPart(archive, path, part);
  if (!file) return tl::unexpected(file.error());
  if (*file == nullptr) return false;
  XmlStream stream(path, part, handler);
  if (auto started = stream.Start(); !started) return tl::unexpected(started.error());
  std::vector<char> buffer(kChunkSize);
  for (;;) {
    auto got = ReadChunk(file->get(), buffer, path, part);
    if (!got) return tl::unexpected(got.error());
    auto fed = stream.Feed(buffer.data(), *got, *got == 0);
    if (!fed) return tl::unexpected(fed.error());
    if (*got == 0) return true;
  }
}

// ---------------------------------------------------------------------------------------------
// The workbook-level parts.

struct SheetEntry {
  std::string name;
  std::string relationship_id;
};

// xl/workbook.xml: the sheets in order and the date system.
class WorkbookHandler : public XmlHandler {
 public:
  void OnStart(std::string_view name, const XML_Char** attributes) override {
    if (name == "sheets") {
      in_sheets_ = true;
    } else if (name == "sheet" && in_sheets_) {
      const XML_Char* sheet_name = FindAttribute(attributes, "name");
      const XML_Char* id = FindAttribute(attributes, "id");  // r:id
      sheets_.push_back({sheet_name != nullptr ? sheet_name : "", id != nullptr ? id : ""});
    } else if (name == "workbookPr") {
      const XML_Char* value = FindAttribute(attributes, "date1904");
      date1904_ = value != nullptr &&
                  (std::string_view(value) == "1" || EqualsIgnoringAsciiCase(value, "true"));
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "sheets") in_sheets_ = false;
  }
  void OnText(std::string_view /*text*/) override {}

  std::vector<SheetEntry>& sheets() { return sheets_; }
  [[nodiscard]] bool date1904() const { return date1904_; }

 private:
  std::vector<SheetEntry> sheets_;
  bool in_sheets_ = false;
  bool date1904_ = false;
};

// xl/_rels/workbook.xml.rels: relationship id -> part name.
class RelationshipsHandler : public XmlHandler {
 public:
  void OnStart(std::string_view name, const XML_Char** attributes) override {
    if (name != "Relationship") return;
    const XML_Char* id = FindAttribute(attributes, "Id");
    const XML_Char* target = FindAttribute(attributes, "Target");
    const XML_Char* mode = FindAttribute(attributes, "TargetMode");
    if (id == nullptr || target == nullptr) return;
    if (mode != nullptr && std::string_view(mode) == "External") return;
    targets_[id] = ResolvePartName("xl/", target);
  }
  void OnEnd(std::string_view /*name*/) override {}
  void OnText(std::string_view /*text*/) override {}

  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& targets() const {
    return targets_;
  }

 private:
  std::map<std::string, std::string, std::less<>> targets_;
};

// All shared strings in one buffer; string i is [offsets[i], offsets[i + 1]).
class SharedStrings {
 public:
  SharedStrings() : offsets_{0} {}
  void Add(std::string_view text) {
    text_ += text;
    offsets_.push_back(text_.size());
  }
  [[nodiscard]] std::size_t size() const { return offsets_.size() - 1; }
  [[nodiscard]] std::string_view Get(std::size_t index) const {
    return std::string_view(text_).substr(offsets_[index], offsets_[index + 1] - offsets_[index]);
  }

 private:
  std::string text_;
  std::vector<std::size_t> offsets_;
};

// xl/sharedStrings.xml: each <si> is plain <t> text or rich-text runs <r><t>; phonetic guides
// (<rPh>) are not part of the value.
class SharedStringsHandler : public XmlHandler {
 public:
  explicit SharedStringsHandler(SharedStrings& strings) : strings_(strings) {}

  void OnStart(std::string_view name, const XML_Char** /*attributes*/) override {
    if (name == "si") {
      in_item_ = true;
      text_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "si") {
      in_item_ = false;
      strings_.Add(text_);
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "t") {
      in_text_ = false;
    }
  }
  void OnText(std::string_view text) override {
    if (in_text_) text_ += text;
  }

 private:
  SharedStrings& strings_;
  std::string text_;
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

// xl/styles.xml: which cell formats (the "s" attribute of a cell) show dates.
class StylesHandler : public XmlHandler {
 public:
  void OnStart(std::string_view name, const XML_Char** attributes) override {
    if (name == "numFmts") {
      in_formats_ = true;
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "numFmt" && in_formats_) {
      const XML_Char* id = FindAttribute(attributes, "numFmtId");
      const XML_Char* code = FindAttribute(attributes, "formatCode");
      const auto number = id != nullptr ? ParseInteger<int>(id) : std::nullopt;
      if (number && code != nullptr) custom_[*number] = IsDateFormatCode(code);
    } else if (name == "xf" && in_cell_formats_) {
      const XML_Char* id = FindAttribute(attributes, "numFmtId");
      cell_format_ids_.push_back(id != nullptr ? ParseInteger<int>(id).value_or(0) : 0);
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "numFmts") in_formats_ = false;
    if (name == "cellXfs") in_cell_formats_ = false;
  }
  void OnText(std::string_view /*text*/) override {}

  // Entry i is true when cell style i shows a date.
  [[nodiscard]] std::vector<bool> DateStyles() const {
    std::vector<bool> dates;
    dates.reserve(cell_format_ids_.size());
    for (int id : cell_format_ids_) {
      const auto custom = custom_.find(id);
      dates.push_back(custom != custom_.end() ? custom->second : IsBuiltinDateFormat(id));
    }
    return dates;
  }

 private:
  std::map<int, bool> custom_;  // numFmtId -> shows a date
  std::vector<int> cell_format_ids_;
  bool in_formats_ = false;
  bool in_cell_formats_ = false;
};

// An opened container with its sheet list.
struct Workbook {
  ZipArchive archive;
  std::vector<SheetEntry> sheets;
  std::map<std::string, std::string, std::less<>> targets;  // relationship id -> part
  bool date1904 = false;
};

core::Result<Workbook> OpenWorkbook(const std::string& path) {
  auto archive = OpenArchive(path);
  if (!archive) return tl::unexpected(archive.error());
  Workbook workbook;
  workbook.archive = std::move(*archive);
  WorkbookHandler workbook_handler;
  auto found = ParsePart(workbook.archive.get(), path, kWorkbookPart, workbook_handler);
  if (!found) return tl::unexpected(found.error());
  if (!*found) {
    return Fail(ErrorCode::kUnsupportedFormat,
                fmt::format("{} is a zip archive but not an XLSX workbook (it has no {})", path,
                            kWorkbookPart));
  }
  if (workbook_handler.sheets().empty()) {
    return Fail(ErrorCode::kUnsupportedFormat,
                fmt::format("{} is a damaged XLSX workbook: it lists no sheets", path));
  }
  RelationshipsHandler relationships;
  found = ParsePart(workbook.archive.get(), path, kWorkbookRelsPart, relationships);
  if (!found) return tl::unexpected(found.error());
  workbook.sheets = std::move(workbook_handler.sheets());
  workbook.targets = relationships.targets();
  workbook.date1904 = workbook_handler.date1904();
  return workbook;
}

// ---------------------------------------------------------------------------------------------
// The worksheet.

enum class CellType : std::uint8_t {
  kNumber,         // t="n" or no t
  kSharedString,   // t="s"
  kInlineString,   // t="inlineStr"
  kFormulaString,  // t="str"
  kBoolean,        // t="b"
  kError,          // t="e"
  kIsoDate,        // t="d"
};

CellType CellTypeOf(const XML_Char* type) {
  if (type == nullptr) return CellType::kNumber;
  const std::string_view t(type);
  if (t == "s") return CellType::kSharedString;
  if (t == "inlineStr") return CellType::kInlineString;
  if (t == "str") return CellType::kFormulaString;
  if (t == "b") return CellType::kBoolean;
  if (t == "e") return CellType::kError;
  if (t == "d") return CellType::kIsoDate;
  return CellType::kNumber;
}

struct CellSpan {
  std::size_t offset = 0;
  std::size_t size = 0;
};

// A row's text in one buffer; cell i is text[cells[i].offset, +size).
struct PendingRow {
  std::int64_t line = 0;
  std::string text;
  std::vector<CellSpan> cells;

  void Clear() {
    line = 0;
    text.clear();
    cells.clear();
  }
};

// Turns the events of a worksheet into rows.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(std::string path, std::string part, const SharedStrings& strings,
               std::vector<bool> date_styles, bool date1904)
      : path_(std::move(path)),
        part_(std::move(part)),
        strings_(strings),
        date_styles_(std::move(date_styles)),
        date1904_(date1904) {}

  void OnStart(std::string_view name, const XML_Char** attributes) override {
    if (name == "row") {
      StartRow(attributes);
    } else if (name == "c" && in_row_) {
      StartCell(attributes);
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
      has_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_inline_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
  }

  void OnEnd(std::string_view name) override {
    if (name == "row") {
      if (in_row_) ready_.push_back(std::move(row_));
      in_row_ = false;
    } else if (name == "c") {
      if (in_cell_) EndCell();
      in_cell_ = false;
    } else if (name == "v") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "t") {
      in_text_ = false;
    }
  }

  void OnText(std::string_view text) override {
    if (in_value_ || in_text_) cell_text_ += text;
  }

  std::deque<PendingRow>& ready() { return ready_; }

  // Gives back a row buffer for reuse, so steady-state reading does not allocate per row.
  void Recycle(PendingRow row) {
    if (spare_.size() < kSpareRowLimit) spare_.push_back(std::move(row));
  }

 private:
  void StartRow(const XML_Char** attributes) {
    if (!spare_.empty()) {
      row_ = std::move(spare_.back());
      spare_.pop_back();
    }
    row_.Clear();
    const XML_Char* number = FindAttribute(attributes, "r");
    const auto parsed = number != nullptr ? ParseInteger<std::int64_t>(number) : std::nullopt;
    line_ = parsed && *parsed > 0 ? *parsed : line_ + 1;
    row_.line = line_;
    next_column_ = 0;
    in_row_ = true;
  }

  void StartCell(const XML_Char** attributes) {
    const XML_Char* reference = FindAttribute(attributes, "r");
    const auto column = reference != nullptr ? ColumnOfReference(reference) : std::nullopt;
    column_ = column.value_or(next_column_);
    next_column_ = column_ + 1;
    type_ = CellTypeOf(FindAttribute(attributes, "t"));
    const XML_Char* style = FindAttribute(attributes, "s");
    const auto style_index = style != nullptr ? ParseInteger<std::size_t>(style) : std::nullopt;
    is_date_ = style_index && *style_index < date_styles_.size() && date_styles_[*style_index];
    cell_text_.clear();
    has_inline_ = false;
    phonetic_depth_ = 0;
    in_cell_ = true;
  }

  void EndCell() {
    const std::size_t offset = row_.text.size();
    AppendValue(row_.text);
    if (error()) return;
    const auto index = static_cast<std::size_t>(column_);
    if (row_.cells.size() <= index) row_.cells.resize(index + 1);
    row_.cells[index] = CellSpan{offset, row_.text.size() - offset};
  }

  void AppendValue(std::string& out) {
    const std::string_view raw = cell_text_;
    if (has_inline_) {  // t="inlineStr"; also taken when a writer omits the type
      out += raw;
      return;
    }
    switch (type_) {
      case CellType::kSharedString: {
        if (raw.empty()) return;
        const auto index = ParseInteger<std::size_t>(raw);
        if (!index || *index >= strings_.size()) {
          SetError(ErrorCode::kUnsupportedFormat,
                   fmt::format("{} is a damaged XLSX workbook: cell {}{} in {} refers to shared "
                               "string '{}' but the workbook has {} shared strings",
                               path_, ColumnName(column_), line_, part_, raw, strings_.size()));
          return;
        }
        out += strings_.Get(*index);
        return;
      }
      case CellType::kBoolean:
        out += raw == "1" ? "TRUE" : (raw == "0" ? "FALSE" : raw);
        return;
      case CellType::kIsoDate:  // "2024-03-31T00:00:00" -> "2024-03-31"
        out += raw.size() >= 10 && raw[4] == '-' && raw[7] == '-' ? raw.substr(0, 10) : raw;
        return;
      case CellType::kInlineString:
      case CellType::kFormulaString:
      case CellType::kError:
        out += raw;
        return;
      case CellType::kNumber:
        AppendNumberCell(raw, out);
        return;
    }
  }

  void AppendNumberCell(std::string_view raw, std::string& out) const {
    if (raw.empty()) return;
    double value = 0;
    const char* end = raw.data() + raw.size();
    auto [ptr, ec] = std::from_chars(raw.data(), end, value);
    if (ec != std::errc() || ptr != end) {
      out += raw;  // not a number after all: keep what the file says
      return;
    }
    if (is_date_) {
      if (auto date = core::FromExcelSerial(date1904_ ? value + kDate1904Offset : value)) {
        out += core::ToIso(*date);
        return;
      }
    }
    AppendNumber(value, out);
  }

  std::string path_;
  std::string part_;
  const SharedStrings& strings_;
  std::vector<bool> date_styles_;
  bool date1904_ = false;

  std::deque<PendingRow> ready_;
  std::vector<PendingRow> spare_;
  PendingRow row_;
  std::int64_t line_ = 0;
  std::int64_t next_column_ = 0;
  bool in_row_ = false;

  std::int64_t column_ = 0;
  CellType type_ = CellType::kNumber;
  bool is_date_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  bool has_inline_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
  std::string cell_text_;
};

class XlsxReader : public RowSource {
 public:
  XlsxReader(const std::string& path, std::string sheet_name, std::string part, ZipArchive archive,
             SharedStrings strings, std::vector<bool> date_styles, bool date1904)
      : path_(path),
        sheet_name_(std::move(sheet_name)),
        part_(std::move(part)),
        date1904_(date1904),
        archive_(std::move(archive)),
        strings_(std::move(strings)),
        handler_(path, part_, strings_, std::move(date_styles), date1904),
        stream_(path, part_, handler_) {}
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // Opens the sheet part. Errors: kUnsupportedFormat (no such part), kFileUnreadable, kInternal.
  [[nodiscard]] core::Status Start() {
    auto file = OpenPart(archive_.get(), path_, part_);
    if (!file) return tl::unexpected(file.error());
    if (*file == nullptr) {
      return Fail(ErrorCode::kUnsupportedFormat,
                  fmt::format("{} is a damaged XLSX workbook: sheet '{}' should be in {}, which "
                              "is missing",
                              path_, sheet_name_, part_));
    }
    file_ = std::move(*file);
    buffer_.resize(kChunkSize);
    return stream_.Start();
  }

  // Rows completed before a damaged part of the sheet are still given, then the error, so what a
  // caller sees does not depend on where the chunks happen to split.
  core::Result<bool> Next(Row& row) override {
    std::deque<PendingRow>& ready = handler_.ready();
    while (ready.empty()) {
      if (failed_) return tl::unexpected(*failed_);
      if (finished_) return false;
      if (auto pumped = Pump(); !pumped) failed_ = pumped.error();
    }
    handler_.Recycle(std::move(current_));
    current_ = std::move(ready.front());
    ready.pop_front();
    row.line = current_.line;
    row.problem = ErrorCode::kOk;
    row.problem_column = 0;
    row.cells.clear();
    row.cells.reserve(current_.cells.size());
    const std::string_view text = current_.text;
    for (const CellSpan& cell : current_.cells) {
      row.cells.push_back(text.substr(cell.offset, cell.size));
    }
    return true;
  }

  [[nodiscard]] std::string Describe() const override {
    return fmt::format("XLSX, sheet '{}'{}", sheet_name_, date1904_ ? ", 1904 date system" : "");
  }

 private:
  // Feeds one chunk of the sheet to the parser, which queues the rows it completes.
  core::Status Pump() {
    auto got = ReadChunk(file_.get(), buffer_, path_, part_);
    if (!got) return tl::unexpected(got.error());
    if (*got == 0) finished_ = true;
    return stream_.Feed(buffer_.data(), *got, finished_);
  }

  std::string path_;
  std::string sheet_name_;
  std::string part_;
  bool date1904_ = false;
  ZipArchive archive_;
  ZipFile file_;  // declared after archive_: closed first
  SharedStrings strings_;
  SheetHandler handler_;
  XmlStream stream_;
  std::vector<char> buffer_;
  PendingRow current_;
  bool finished_ = false;
  std::optional<core::Error> failed_;
};

std::string QuotedNames(const std::vector<SheetEntry>& sheets) {
  std::string names;
  for (const SheetEntry& sheet : sheets) {
    if (!names.empty()) names += ", ";
    names += fmt::format("'{}'", sheet.name);
  }
  return names;
}

}  // namespace

core::Result<std::vector<std::string>> ListXlsxSheets(const std::string& path) {
  auto workbook = OpenWorkbook(path);
  if (!workbook) return tl::unexpected(workbook.error());
  std::vector<std::string> names;
  names.reserve(workbook->sheets.size());
  for (SheetEntry& sheet : workbook->sheets) names.push_back(std::move(sheet.name));
  return names;
}

core::Result<std::unique_ptr<RowSource>> OpenXlsx(const std::string& path,
                                                  const std::string& sheet) {
  auto workbook = OpenWorkbook(path);
  if (!workbook) return tl::unexpected(workbook.error());
  const std::vector<SheetEntry>& sheets = workbook->sheets;

  const SheetEntry* chosen = sheet.empty() ? &sheets.front() : nullptr;
  for (const SheetEntry& entry : sheets) {
    if (chosen == nullptr && entry.name == sheet) chosen = &entry;
  }
  for (const SheetEntry& entry : sheets) {  // Excel's sheet names ignore case
    if (chosen == nullptr && EqualsIgnoringAsciiCase(entry.name, sheet)) chosen = &entry;
  }
  if (chosen == nullptr) {
    return Fail(ErrorCode::kNotFound, fmt::format("{} has no sheet '{}'; its sheets are: {}", path,
                                                  sheet, QuotedNames(sheets)));
  }
  const auto target = workbook->targets.find(chosen->relationship_id);
  if (target == workbook->targets.end()) {
    return Fail(ErrorCode::kUnsupportedFormat,
                fmt::format("{} is a damaged XLSX workbook: sheet '{}' has no location ({})", path,
                            chosen->name, kWorkbookRelsPart));
  }

  SharedStrings strings;
  SharedStringsHandler strings_handler(strings);
  if (auto parsed = ParsePart(workbook->archive.get(), path, kSharedStringsPart, strings_handler);
      !parsed) {
    return tl::unexpected(parsed.error());
  }
  StylesHandler styles;
  if (auto parsed = ParsePart(workbook->archive.get(), path, kStylesPart, styles); !parsed) {
    return tl::unexpected(parsed.error());
  }

  auto reader =
      std::make_unique<XlsxReader>(path, chosen->name, target->second, std::move(workbook->archive),
                                   std::move(strings), styles.DateStyles(), workbook->date1904);
  if (auto started = reader->Start(); !started) return tl::unexpected(started.error());
  return std::unique_ptr<RowSource>(std::move(reader));
}

}  // namespace anchornet::ingest
