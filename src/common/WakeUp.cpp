#include "common/WakeUp.h"

#include <cerrno>
#include <cstdint>
#include <poll.h>
#include <sys/eventfd.h>
#include <system_error>
#include <unistd.h>

namespace toom {

WakeUp::WakeUp()
    : _fd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (_fd < 0)
        throw std::system_error(errno, std::generic_category(), "eventfd");
}

WakeUp::~WakeUp() {
    ::close(_fd);
}

void WakeUp::notify() noexcept {
    const std::uint64_t one = 1;
    // Fails only with EAGAIN, when the counter is full, and a full counter is readable too.
    [[maybe_unused]] auto written = ::write(_fd, &one, sizeof one);
}

bool WakeUp::drain() noexcept {
    // An eventfd read returns the whole counter and resets it: one read drains any number of
    // notify() calls. EAGAIN: nothing was pending.
    std::uint64_t count = 0;
    return ::read(_fd, &count, sizeof count) == static_cast<ssize_t>(sizeof count);
}

bool WakeUp::pending() const noexcept {
    pollfd pfd{_fd, POLLIN, 0};
    return ::poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN) != 0;
}

} // namespace toom
