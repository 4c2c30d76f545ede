// Recognises payees that are private individuals or redacted names ("REDACTED PERSONAL DATA",
// "Name redacted", "REFUND TO PRIVATE INDIVIDUAL"), matching whole words so that real companies
// such as "Redactive Publishing Ltd" are not caught. Thread-safety: pure function.
#pragma once

#include <string_view>

namespace anchornet::ingest {

bool IsPersonalPayee(std::string_view name);

}  // namespace anchornet::ingest
