// Reading one part of a zip container (an XLSX workbook) in tests. Unit tests only: the binary
// that includes this links libzip.
#pragma once

#include <zip.h>

#include <string>

namespace anchornet::testing {

// One part of a zip container, e.g. "xl/workbook.xml", or "" when absent.
inline std::string ZipPart(const std::string& path, const char* name) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) return {};
  std::string out;
  if (zip_file_t* f = zip_fopen(archive, name, 0); f != nullptr) {
    char buf[4096];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
  }
  zip_close(archive);
  return out;
}

}  // namespace anchornet::testing
