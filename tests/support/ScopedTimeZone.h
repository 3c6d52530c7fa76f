#pragma once
// Sets the process time zone (POSIX TZ, e.g. "JST-9") for one test and restores it afterwards,
// calling tzset() both times so that localtime_r sees the change.

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace toom::test {

class ScopedTimeZone {
public:
    explicit ScopedTimeZone(const char* tz) {
        if (const char* old = std::getenv("TZ"))
            _old = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~ScopedTimeZone() {
        if (_old)
            setenv("TZ", _old->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    ScopedTimeZone(const ScopedTimeZone&) = delete;
    ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

private:
    std::optional<std::string> _old;
};

} // namespace toom::test
