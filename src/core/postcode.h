// UK postcodes: normalising what publishers write ("sw1a1aa", "SW1A  1AA") to the ONS form
// "SW1A 1AA", and the district ("SW1A") used as a coarser fallback.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace anchornet::core {

// "SW1A 1AA" for a valid full postcode in any spacing or case; "" otherwise. Valid: an outward
// code A9, A99, AA9, AA99, A9A or AA9A and an inward code 9AA, with Royal Mail's letter rules
// (no Q, V or X first, no I, J or Z second, no C, I, K, M, O or V in the inward code), or
// "GIR 0AA". Spaces, tabs and no-break spaces are ignored; any other character makes `text`
// invalid.
std::string NormalisePostcode(std::string_view text);

// The outward code ("SW1A") of a full postcode or of a bare district ("se11" -> "SE11");
// "" when `text` is neither.
std::string PostcodeDistrict(std::string_view text);

// The last full postcode found in free text such as a one-line address
// ("5 London Road Rainham ME8 7RG United Kingdom" -> "ME8 7RG"); "" when none. The text is read
// as words of ASCII letters and digits; a postcode is one word ("SP53BG") or two separated only
// by spaces or commas ("ME8, 7RG"), in any case.
std::string FindPostcode(std::string_view text);

}  // namespace anchornet::core
