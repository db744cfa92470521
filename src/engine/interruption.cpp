#include "mineralsim/engine/interruption.hpp"

#include <csignal>

namespace mineralsim::engine {

namespace {

volatile std::sig_atomic_t g_signal = 0;

using Handler = void (*)(int);
Handler g_previous_interrupt = SIG_DFL;
Handler g_previous_terminate = SIG_DFL;

extern "C" void note_signal(int signal) {
  g_signal = signal;
  std::signal(signal, SIG_DFL);  // a second signal acts at once
}

}  // namespace

InterruptionGuard::InterruptionGuard() {
  g_signal = 0;
  g_previous_interrupt = std::signal(SIGINT, note_signal);
  g_previous_terminate = std::signal(SIGTERM, note_signal);
}

InterruptionGuard::~InterruptionGuard() {
  std::signal(SIGINT, g_previous_interrupt);
  std::signal(SIGTERM, g_previous_terminate);
}

int InterruptionGuard::received() { return static_cast<int>(g_signal); }

}  // namespace mineralsim::engine
