#pragma once
// SIGINT and SIGTERM during a run: the first one lets the batch in flight finish and be committed,
// then the run stops with Interrupted; a second one kills the process at once (the default
// action), which leaves the file as a killed run does: every committed batch readable.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace mineralsim::engine {

class Interrupted : public std::runtime_error {
 public:
  Interrupted(int signal, const std::string& message)
      : std::runtime_error(message), signal_(signal) {}
  int signal() const { return signal_; }

 private:
  int signal_;
};

// Installs the handlers for its lifetime and restores the previous ones after.
class InterruptionGuard {
 public:
  InterruptionGuard();
  ~InterruptionGuard();
  InterruptionGuard(const InterruptionGuard&) = delete;
  InterruptionGuard& operator=(const InterruptionGuard&) = delete;

  // The signal received since the guard was installed, or 0.
  static int received();
};

}  // namespace mineralsim::engine
