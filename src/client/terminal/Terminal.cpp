#include "client/terminal/Terminal.h"

#include <cerrno>
#include <csignal>
#include <exception>
#include <sys/ioctl.h>
#include <system_error>
#include <termios.h>
#include <unistd.h>

namespace toom::client {

namespace {
// Signal handlers can only reach globals. They are written before the handlers are installed
// and only read afterwards, and tcsetattr() is async-signal-safe.
int gFd = -1;
termios gOriginal{};
termios gCurrent{};
volatile sig_atomic_t gActive = 0;
std::terminate_handler gPreviousTerminate = nullptr;
// Where bracketed paste mode was turned on, or -1; the exit paths turn it off again, or the
// shell would see every later paste wrapped in ESC [200~ ... ESC [201~.
volatile sig_atomic_t gPasteFd = -1;

constexpr int kFatalSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
constexpr char kPasteOn[] = "\x1b[?2004h";
constexpr char kPasteOff[] = "\x1b[?2004l";

// write(2) is async-signal-safe; a short write of eight bytes to a terminal does not happen
// in practice, and there is nothing better to do about one on these paths.
void writeMode(int fd, const char* sequence, std::size_t size) {
    if (fd >= 0) {
        const ssize_t written = ::write(fd, sequence, size);
        (void)written;
    }
}

void restoreOriginal() {
    if (gActive) {
        writeMode(gPasteFd, kPasteOff, sizeof kPasteOff - 1);
        ::tcsetattr(gFd, TCSANOW, &gOriginal);
    }
}

void onFatalSignal(int sig) {
    restoreOriginal();
    // Die of the same signal, so the shell sees the usual status (130 for Ctrl-C).
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void onStop(int sig) {
    restoreOriginal();
    std::signal(sig, SIG_DFL);
    std::raise(sig); // Stops here until SIGCONT.
    std::signal(sig, onStop);
    if (gActive) {
        ::tcsetattr(gFd, TCSANOW, &gCurrent);
        writeMode(gPasteFd, kPasteOn, sizeof kPasteOn - 1);
    }
}

void onTerminate() {
    restoreOriginal();
    if (gPreviousTerminate)
        gPreviousTerminate();
    std::abort();
}

void apply(const termios& mode) {
    gCurrent = mode;
    ::tcsetattr(gFd, TCSANOW, &gCurrent);
}
} // namespace

bool Terminal::isTerminal(int fd) {
    return ::isatty(fd) == 1;
}

Terminal::Terminal(int fd)
    : _fd(fd) {
    if (::tcgetattr(fd, &gOriginal) != 0)
        throw std::system_error(errno, std::generic_category(), "tcgetattr");
    gFd = fd;
    gCurrent = gOriginal;
    gActive = 1;
    for (int sig : kFatalSignals)
        std::signal(sig, onFatalSignal);
    std::signal(SIGTSTP, onStop);
    gPreviousTerminate = std::set_terminate(onTerminate);
}

Terminal::~Terminal() {
    restore();
    gPasteFd = -1;
    gActive = 0;
    for (int sig : kFatalSignals)
        std::signal(sig, SIG_DFL);
    std::signal(SIGTSTP, SIG_DFL);
    std::set_terminate(gPreviousTerminate);
}

void Terminal::rawMode() {
    termios raw = gOriginal;
    raw.c_iflag &= ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    raw.c_cflag |= CS8;
    raw.c_lflag &= ~(ECHO | ICANON | IEXTEN | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    apply(raw);
}

void Terminal::waitMode() {
    termios quiet = gOriginal;
    quiet.c_lflag &= ~(ECHO | ICANON);
    quiet.c_cc[VMIN] = 1;
    quiet.c_cc[VTIME] = 0;
    apply(quiet);
}

void Terminal::lineMode(bool echo) {
    termios line = gOriginal;
    line.c_lflag |= ICANON | ISIG;
    if (echo)
        line.c_lflag |= ECHO;
    else
        line.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    apply(line);
}

void Terminal::restore() {
    writeMode(gPasteFd, kPasteOff, sizeof kPasteOff - 1);
    ::tcsetattr(_fd, TCSANOW, &gOriginal);
}

void Terminal::bracketedPaste(int outputFd) {
    gPasteFd = outputFd;
    writeMode(outputFd, kPasteOn, sizeof kPasteOn - 1);
}

int Terminal::columns() const {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    if (::ioctl(_fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

} // namespace toom::client
