// The inline SVG charts (svg.h). Geometry is in viewBox units; text widths are estimated from
// the font size (generously: wide fonts such as DejaVu Sans average about 0.6 em per character),
// and a label that would not fit its space is cut with an ellipsis and given whole in a <title>.
#include "report/svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/text.h"

namespace anchornet::report::svg {

namespace {

constexpr std::string_view kInk = "#202124";
constexpr std::string_view kMutedInk = "#5f6368";
constexpr std::string_view kGrid = "#d0d4d9";
constexpr std::string_view kTrack = "#eef0f2";
constexpr std::string_view kMarker = "#6a1b9a";  // the expected-by-now marker (9:1 on white)

constexpr double kCharEm = 0.64;  // a generous average character width, in em (DejaVu Sans)
constexpr double kWidth = 640;

// Horizontal bars.
constexpr double kLabelWidth = 190;
constexpr double kValueWidth = 120;
constexpr double kGap = 8;
constexpr double kRowHeight = 24;
constexpr double kBarHeight = 14;
constexpr double kLegendHeight = 22;
constexpr double kFont = 12;

// Vertical bars.
constexpr double kPlotLeft = 76;
constexpr double kPlotRight = 12;
constexpr double kPlotTop = 22;
constexpr double kPlotBottom = 170;
constexpr double kTrendHeight = 214;
constexpr double kSmallFont = 11;
constexpr double kMaxColumnWidth = 56;
constexpr double kColumnFill = 0.6;  // of the slot
constexpr int kTicks = 4;

// Progress bar.
constexpr double kTrackX = 8;
constexpr double kTrackWidth = kWidth - 2 * kTrackX;
constexpr double kTrackY = 34;
constexpr double kTrackHeight = 22;
constexpr double kProgressHeight = 100;
constexpr double kProgressFont = 13;

std::size_t PointsThatFit(double width, double font_size) {
  return static_cast<std::size_t>(std::max(1.0, std::floor(width / (kCharEm * font_size))));
}

// A number for an attribute: one decimal, no trailing ".0".
std::string Num(double v) {
  if (!std::isfinite(v)) return "0";
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

std::string Open(double width, double height, const std::string& title) {
  const std::string t = Escape(title);
  return fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" preserveAspectRatio=\"xMinYMin meet\" style=\"max-width:100%;height:auto\">"
      "<title>{}</title>",
      t, Num(width), Num(height), Num(width), Num(height), t);
}

// A <text> whose content is cut to `max_points`, with the full text as its <title> when cut.
// `attributes` are written as given (numbers and fixed words only).
std::string Text(double x, double y, const std::string& attributes, std::string_view text,
                 std::size_t max_points) {
  const std::string shown = Ellipsis(text, max_points);
  std::string title;
  if (shown != text) title = "<title>" + Escape(text) + "</title>";
  return fmt::format(R"(<text x="{}" y="{}" {}>{}{}</text>)", Num(x), Num(y), attributes, title,
                     Escape(shown));
}

// Where a label at x sits: its anchor keeps it inside [0, width].
std::string_view AnchorFor(double x, double width) {
  if (x < width * 0.25) return "start";
  if (x > width * 0.75) return "end";
  return "middle";
}

double NiceStep(double max) {
  const double raw = max / kTicks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double normal = raw / magnitude;
  double step = 10;
  if (normal <= 1) {
    step = 1;
  } else if (normal <= 2) {
    step = 2;
  } else if (normal <= 5) {
    step = 5;
  }
  return step * magnitude;
}

std::vector<std::string> Lines(std::string_view label) {
  std::vector<std::string> out;
  for (std::string_view part : core::Split(label, '\n')) out.emplace_back(part);
  return out;
}

// "not reported" on up to two lines: "not" / "reported".
std::vector<std::string> Wrap(std::string_view text) {
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos) return {std::string(text)};
  return {std::string(text.substr(0, space)), std::string(text.substr(space + 1))};
}

// A gap's words: the bar's own ("not known") or the chart's ("not reported").
template <typename Chart>
const std::string& MissingText(const Chart& chart, const Bar& bar) {
  return bar.missing_text.empty() ? chart.missing_text : bar.missing_text;
}

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Ellipsis(std::string_view text, std::size_t max_points) {
  if (core::DisplayWidth(text) <= max_points) return std::string(text);
  if (max_points == 0) return "";
  std::string out;
  std::size_t points = 0;
  for (const char c : text) {
    const bool starts_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_point && ++points == max_points) break;  // room for the ellipsis
    out += c;
  }
  return out + "\u2026";
}

std::string_view ToneColour(Tone tone) {
  switch (tone) {
    case Tone::kNeutral:
      return "#1f5f8b";
    case Tone::kGood:
      return "#2e7d32";
    case Tone::kDone:
      return "#1b5e20";
    case Tone::kWarning:
      return "#8a5300";
    case Tone::kBad:
      return "#b3261e";
    case Tone::kMuted:
      return kMutedInk;
  }
  return kInk;
}

std::string HorizontalBars(const HorizontalBarsChart& chart) {
  const bool legend = chart.target.has_value() || chart.marker.has_value();
  const double top = (legend ? kLegendHeight : 0) + 6;
  const double rows = static_cast<double>(std::max<std::size_t>(chart.bars.size(), 1));
  const double height = top + rows * kRowHeight + 8;
  const double bar_x = kLabelWidth + kGap;
  const double bar_width = kWidth - bar_x - kValueWidth;
  double max = 0;
  for (const Bar& b : chart.bars) max = std::max(max, b.value.value_or(0));
  max = std::max({max, chart.target.value_or(0), chart.marker.value_or(0)});
  if (max <= 0) max = 1;
  auto x_of = [&](double v) { return bar_x + std::max(0.0, v) / max * bar_width; };

  std::string out = Open(kWidth, height, chart.title);
  const std::string font = fmt::format(R"(font-size="{}" fill="{}")", Num(kFont), kInk);
  const std::string muted =
      fmt::format(R"(font-size="{}" fill="{}" font-style="italic")", Num(kFont), kMutedInk);
  if (chart.bars.empty()) {
    out += Text(bar_x, top + kRowHeight / 2 + 4, muted, "nothing to show", 40);
  }
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    const double middle = top + static_cast<double>(i) * kRowHeight + kRowHeight / 2;
    out += Text(kLabelWidth, middle + 4, font + " text-anchor=\"end\"", b.label,
                PointsThatFit(kLabelWidth, kFont));
    if (!b.value) {
      out += Text(bar_x + 4, middle + 4, muted, MissingText(chart, b),
                  PointsThatFit(bar_width, kFont));
      continue;
    }
    double width = x_of(*b.value) - bar_x;
    if (*b.value > 0 && width < 1) width = 1;  // a small value is still visible
    out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)", Num(bar_x),
                       Num(middle - kBarHeight / 2), Num(width), Num(kBarHeight),
                       ToneColour(Tone::kNeutral));
    out += Text(bar_x + width + 6, middle + 4, font, b.value_text,
                PointsThatFit(kValueWidth - 6 + (bar_width - width), kFont));
  }
  const double bottom = top + rows * kRowHeight;
  double legend_x = bar_x;
  auto legend_item = [&](std::string_view colour, const char* dash, const std::string& text) {
    out += fmt::format(R"(<line x1="{}" y1="9" x2="{}" y2="9" stroke="{}" stroke-width="3"{}/>)",
                       Num(legend_x), Num(legend_x + 18), colour, dash);
    const std::size_t room = PointsThatFit(kWidth - legend_x - 24, kFont);
    out += Text(legend_x + 24, 13, font, text, room);
    legend_x +=
        24 + static_cast<double>(std::min(core::DisplayWidth(text), room)) * kCharEm * kFont + 16;
  };
  if (chart.target) {
    const double x = x_of(*chart.target);
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"/>)",
                       Num(x), Num(top - 3), Num(x), Num(bottom + 3), kInk);
    legend_item(kInk, "", chart.target_text);
  }
  if (chart.marker) {
    const double x = x_of(*chart.marker);
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\" "
        "stroke-dasharray=\"5 3\"/>",
        Num(x), Num(top - 3), Num(x), Num(bottom + 3), kMarker);
    legend_item(kMarker, " stroke-dasharray=\"5 3\"", chart.marker_text);
  }
  return out + "</svg>";
}

std::string VerticalBars(const VerticalBarsChart& chart) {
  std::string out = Open(kWidth, kTrendHeight, chart.title);
  const double plot_width = kWidth - kPlotLeft - kPlotRight;
  const double plot_height = kPlotBottom - kPlotTop;
  double max = 0;
  for (const Bar& b : chart.bars) max = std::max(max, b.value.value_or(0));
  if (max <= 0) max = 1;
  const double step = chart.whole_numbers ? std::max(1.0, NiceStep(max)) : NiceStep(max);
  const double top_value = std::ceil(max / step) * step;
  auto axis = [&](double v) {
    return chart.axis_text ? chart.axis_text(v) : fmt::format("{:g}", v);
  };
  const std::string small = fmt::format(R"(font-size="{}" fill="{}")", Num(kSmallFont), kInk);
  const std::string muted = fmt::format(R"(font-size="{}" fill="{}" font-style="italic")",
                                        Num(kSmallFont - 1), kMutedInk);
  for (int t = 0; t * step <= top_value + step / 2; ++t) {
    const double v = t * step;
    const double y = kPlotBottom - v / top_value * plot_height;
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>)",
                       Num(kPlotLeft), Num(y), Num(kWidth - kPlotRight), Num(y),
                       t == 0 ? kInk : kGrid);
    out += Text(kPlotLeft - 6, y + 4, small + " text-anchor=\"end\"", axis(v),
                PointsThatFit(kPlotLeft - 8, kSmallFont));
  }
  if (chart.bars.empty()) {
    out += Text(kPlotLeft + 8, kPlotBottom - 10, muted, "nothing to show", 40);
    return out + "</svg>";
  }
  const double slot = plot_width / static_cast<double>(chart.bars.size());
  const double bar_width = std::min(slot * kColumnFill, kMaxColumnWidth);
  const std::size_t fit = PointsThatFit(slot - 4, kSmallFont);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    const double middle = kPlotLeft + slot * (static_cast<double>(i) + 0.5);
    const std::vector<std::string> lines = Lines(b.label);
    for (std::size_t l = 0; l < lines.size() && l < 2; ++l) {
      out += Text(middle, kPlotBottom + 18 + 14 * static_cast<double>(l),
                  small + " text-anchor=\"middle\"", lines[l], fit);
    }
    if (!b.value) {
      const std::vector<std::string> missing = Wrap(MissingText(chart, b));
      for (std::size_t l = 0; l < missing.size(); ++l) {
        out += Text(middle, kPlotBottom - 24 + 12 * static_cast<double>(l),
                    muted + " text-anchor=\"middle\"", missing[l], fit);
      }
      continue;
    }
    double height = std::max(0.0, *b.value) / top_value * plot_height;
    if (*b.value > 0 && height < 1) height = 1;
    out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)",
                       Num(middle - bar_width / 2), Num(kPlotBottom - height), Num(bar_width),
                       Num(height), ToneColour(Tone::kNeutral));
    // The value above its bar when it fits the slot; the table under the chart always has it.
    if (core::DisplayWidth(b.value_text) <= fit) {
      out += Text(middle, kPlotBottom - height - 5, small + " text-anchor=\"middle\"", b.value_text,
                  fit);
    }
  }
  return out + "</svg>";
}

std::string ProgressBar(const ProgressChart& chart) {
  std::string out = Open(kWidth, kProgressHeight, chart.title);
  const std::string bold =
      fmt::format(R"(font-size="{}" font-weight="bold" fill="{}")", Num(kProgressFont), kInk);
  const std::string font = fmt::format(R"(font-size="{}" fill="{}")", Num(kFont), kInk);
  const std::string_view colour = ToneColour(chart.tone);
  const std::size_t half = PointsThatFit(kTrackWidth / 2 - 8, kProgressFont);
  out += Text(kTrackX, 18, bold, chart.achieved ? chart.achieved_text : chart.missing_text, half);
  out += Text(kTrackX + kTrackWidth, 18,
              fmt::format(R"(font-size="{}" font-weight="bold" fill="{}" text-anchor="end")",
                          Num(kProgressFont), colour),
              chart.status_text, half);
  double scale = std::max({chart.target, chart.achieved.value_or(0), chart.expected.value_or(0)});
  if (scale <= 0) scale = 1;
  auto x_of = [&](double v) { return kTrackX + std::max(0.0, v) / scale * kTrackWidth; };
  const double target_x = x_of(chart.target);
  out += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" "
      "stroke-width=\"1\"/>",
      Num(kTrackX), Num(kTrackY), Num(target_x - kTrackX), Num(kTrackHeight), kTrack, kMutedInk);
  if (chart.achieved) {
    double width = x_of(*chart.achieved) - kTrackX;
    if (*chart.achieved > 0 && width < 2) width = 2;
    out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)", Num(kTrackX),
                       Num(kTrackY), Num(width), Num(kTrackHeight), colour);
  }
  const double below = kTrackY + kTrackHeight;
  out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3"/>)",
                     Num(target_x), Num(kTrackY - 6), Num(target_x), Num(below + 6), kInk);
  const std::size_t room = PointsThatFit(kWidth / 2, kFont);
  out += Text(target_x, below + 20,
              fmt::format("{} text-anchor=\"{}\"", font, AnchorFor(target_x, kWidth)),
              chart.target_text, room);
  if (chart.expected) {
    const double x = x_of(*chart.expected);
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\" "
        "stroke-dasharray=\"4 3\"/>",
        Num(x), Num(kTrackY - 4), Num(x), Num(below + 4), kMarker);
    out += fmt::format(R"(<polygon points="{},{} {},{} {},{}" fill="{}"/>)", Num(x - 5),
                       Num(kTrackY - 11), Num(x + 5), Num(kTrackY - 11), Num(x), Num(kTrackY - 4),
                       kMarker);
    out += Text(x, below + 36,
                fmt::format(R"(font-size="{}" fill="{}" text-anchor="{}")", Num(kFont), kMarker,
                            AnchorFor(x, kWidth)),
                chart.expected_text, room);
  }
  return out + "</svg>";
}

}  // namespace anchornet::report::svg
