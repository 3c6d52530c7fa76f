#include "client/terminal/WakePipe.h"

#include <cerrno>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

namespace toom::client {

WakePipe::WakePipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        throw std::system_error(errno, std::generic_category(), "pipe2");
    _read = fds[0];
    _write = fds[1];
}

WakePipe::~WakePipe() {
    ::close(_read);
    ::close(_write);
}

void WakePipe::signal() {
    if (_signalled.exchange(true))
        return;
    // The byte is never read: the pipe stays readable so every later poll() returns at once.
    char byte = 1;
    [[maybe_unused]] auto n = ::write(_write, &byte, 1);
}

} // namespace toom::client
