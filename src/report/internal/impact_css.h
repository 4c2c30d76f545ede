// The impact report's stylesheet, compiled in from src/report/impact_report.css and
// impact_report_synthetic.css (CMake writes impact_css.cpp from internal/impact_css.cpp.in, as
// src/api does for the OpenAPI document). Private to src/report/.
//
// Thread-safety: constant data.
#pragma once

#include <string_view>

namespace anchornet::report::internal {

// The page's CSS, screen and print.
std::string_view ImpactStylesheet();
// Added when the data is synthetic: the printed pages' margin line and watermark.
std::string_view ImpactSyntheticStylesheet();

}  // namespace anchornet::report::internal
