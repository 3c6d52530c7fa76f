#pragma once
// Sizes and rates as people read them, in one unit system everywhere (server offers, the
// client's progress bars and messages): binary units, KiB = 1024 bytes, MiB = 1024 KiB, ...,
// with one decimal. A file offered as "6.0 MiB" then moves at "11.4 MiB/s", never "12.0 MB/s".

#include <cstdint>
#include <string>

namespace toom {

/// "850 bytes", "1 byte", "1.5 KiB", "6.0 MiB", "4.0 GiB" (up to TiB).
std::string formatByteSize(std::uint64_t bytes);

/// "850 B/s", "12.3 KiB/s", "1.1 GiB/s"; "0 B/s" for zero, negative or not a number. At most
/// 12 characters ("1023.9 KiB/s"; a value that rounds to 1024.0 moves up a unit).
std::string formatByteRate(double bytesPerSecond);

} // namespace toom
