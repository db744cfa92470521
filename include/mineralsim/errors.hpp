#pragma once
// The one exception type for errors a user can fix (bad scenario, bad option, unwritable file).
// The message names the file, the line and column where known, the key and the reason.
#include <stdexcept>
#include <string>

namespace mineralsim {

class UserError : public std::runtime_error {
 public:
  UserError(std::string file, int line, int column, std::string key, std::string reason)
      : std::runtime_error(format(file, line, column, key, reason)),
        file_(std::move(file)),
        line_(line),
        column_(column),
        key_(std::move(key)),
        reason_(std::move(reason)) {}

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& key() const { return key_; }
  const std::string& reason() const { return reason_; }

 private:
  static std::string format(const std::string& file, int line, int column, const std::string& key,
                            const std::string& reason) {
    // Built with append() only: GCC 12 reports a false -Wrestrict for chained operator+.
    std::string out = file;
    if (line > 0) {
      out.append(":").append(std::to_string(line)).append(":").append(std::to_string(column));
    }
    if (!out.empty()) out.append(": ");
    if (!key.empty()) out.append(key).append(": ");
    out.append(reason);
    return out;
  }
  std::string file_;
  int line_;
  int column_;
  std::string key_;
  std::string reason_;
};

}  // namespace mineralsim
