#include "common/ByteSize.h"

#include <cmath>
#include <cstdio>
#include <iterator>

namespace toom {

namespace {
/// `value` (at least 1024) in the largest unit that keeps it under 1024 once rounded to one
/// decimal, e.g. 1048575 bytes is "1.0 MiB", not "1024.0 KiB".
std::string scaled(double value, const char* const* units, std::size_t unitCount) {
    std::size_t unit = 0;
    while (value >= 1023.95 && unit + 1 < unitCount) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
    return text;
}
} // namespace

std::string formatByteSize(std::uint64_t bytes) {
    static const char* const kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024)
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    return scaled(static_cast<double>(bytes), kUnits, std::size(kUnits));
}

std::string formatByteRate(double bytesPerSecond) {
    static const char* const kUnits[] = {"B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s"};
    if (!(bytesPerSecond > 0))
        return "0 B/s";
    if (bytesPerSecond < 1023.5)
        return std::to_string(static_cast<long>(std::lround(bytesPerSecond))) + " B/s";
    return scaled(bytesPerSecond, kUnits, std::size(kUnits));
}

} // namespace toom
