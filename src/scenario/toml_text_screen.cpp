#include "toml_text_screen.hpp"

#include <fmt/format.h>

#include <cstddef>

#include "mineralsim/errors.hpp"

namespace mineralsim::scenario {
namespace {

// Where the scan stands in TOML's lexical structure: only strings and comments may hold non-ASCII.
enum class Context { bare, comment, basic, literal, multiline_basic, multiline_literal };

bool is_non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

class TomlTextScreen {
 public:
  TomlTextScreen(std::string_view text, const std::string& source_name)
      : text_(text), source_name_(source_name) {}

  void run() {
    while (pos_ < text_.size()) {
      switch (context_) {
        case Context::bare:
          scan_bare();
          break;
        case Context::comment:
          leave_at('\n');
          break;
        case Context::basic:
          scan_basic();
          break;
        case Context::literal:
          leave_at('\'');
          break;
        case Context::multiline_basic:
          scan_multiline_basic();
          break;
        case Context::multiline_literal:
          scan_multiline_literal();
          break;
      }
    }
  }

 private:
  void scan_bare() {
    const char c = text_[pos_];
    if (is_non_ascii(c)) {
      reject(
          fmt::format("{} outside a string or comment: TOML allows non-ASCII characters only "
                      "inside strings and comments",
                      code_point_here()));
    }
    if (c == '#') {
      enter(Context::comment, 1);
    } else if (starts_with("\"\"\"")) {
      enter(Context::multiline_basic, 3);
    } else if (starts_with("'''")) {
      enter(Context::multiline_literal, 3);
    } else if (c == '"') {
      enter(Context::basic, 1);
    } else if (c == '\'') {
      enter(Context::literal, 1);
    } else {
      advance(1);
    }
  }

  // Comments and single-line literal strings end at their delimiter (a newline ends an
  // unterminated string too: the parser reports that).
  void leave_at(char delimiter) {
    const char c = text_[pos_];
    if (c == delimiter || c == '\n') context_ = Context::bare;
    advance(1);
  }

  void scan_basic() {
    const char c = text_[pos_];
    if (c == '"' || c == '\n') context_ = Context::bare;
    advance(c == '\\' ? 2 : 1);
  }

  void scan_multiline_literal() {
    if (starts_with("'''")) {
      leave_multiline('\'');
    } else {
      advance(1);
    }
  }

  void scan_multiline_basic() {
    if (starts_with("\"\"\"")) {
      leave_multiline('"');
      return;
    }
    if (text_[pos_] != '\\') {
      advance(1);
      return;
    }
    advance(1);
    if (pos_ == text_.size()) return;
    if (is_non_ascii(text_[pos_])) {
      reject(fmt::format("invalid escape: a backslash followed by {}", code_point_here()));
    }
    if (!is_toml_whitespace_or_newline(text_[pos_])) {
      advance(1);  // the escaped character
      return;
    }
    // A line-ending backslash: the parser skips the whitespace and line breaks that follow and
    // asks of the next character whether it is whitespace too.
    while (pos_ < text_.size() && is_toml_whitespace_or_newline(text_[pos_])) advance(1);
    if (pos_ < text_.size() && is_non_ascii(text_[pos_])) {
      reject(
          fmt::format("{} right after a line-ending backslash: write it as an escape "
                      "(\\u or \\U); toml++ 3.3, the TOML library, cannot read it safely here "
                      "(marzer/tomlplusplus#295)",
                      code_point_here()));
    }
  }

  // Multi-line strings may end in up to two quotes of their own before the closing three.
  void leave_multiline(char quote) {
    advance(3);
    for (int extra = 0; extra < 2 && pos_ < text_.size() && text_[pos_] == quote; ++extra) {
      advance(1);
    }
    context_ = Context::bare;
  }

  static bool is_toml_whitespace_or_newline(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  bool starts_with(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

  void enter(Context context, std::size_t delimiter_length) {
    context_ = context;
    advance(delimiter_length);
  }

  // Lines and columns count as the parser's do: from 1, columns in code points.
  void advance(std::size_t bytes) {
    for (std::size_t i = 0; i < bytes && pos_ < text_.size(); ++i, ++pos_) {
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '\n') {
        ++line_;
        column_ = 1;
      } else if ((byte & 0xC0) != 0x80) {
        ++column_;
      }
    }
  }

  // "U+00E9 'é'" for a UTF-8 sequence, or "the byte 0xCF (not UTF-8)".
  std::string code_point_here() const {
    const auto byte_at = [&](std::size_t i) {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0u;
    };
    const unsigned lead = byte_at(0);
    const std::size_t length = lead >= 0xF0 && lead <= 0xF4   ? 4
                               : lead >= 0xE0 && lead <= 0xEF ? 3
                               : lead >= 0xC2 && lead <= 0xDF ? 2
                                                              : 0;
    char32_t code_point = length == 0 ? 0 : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
      if ((byte_at(i) & 0xC0) != 0x80) return fmt::format("the byte 0x{:02X} (not UTF-8)", lead);
      code_point = (code_point << 6) | (byte_at(i) & 0x3F);
    }
    if (length == 0) return fmt::format("the byte 0x{:02X} (not UTF-8)", lead);
    return fmt::format("U+{:04X} '{}'", static_cast<unsigned>(code_point),
                       text_.substr(pos_, length));
  }

  [[noreturn]] void reject(const std::string& reason) const {
    throw UserError(source_name_, line_, column_, "", reason);
  }

  std::string_view text_;
  const std::string& source_name_;
  Context context_ = Context::bare;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

void screen_toml_text(std::string_view text, const std::string& source_name) {
  TomlTextScreen(text, source_name).run();
}

}  // namespace mineralsim::scenario
