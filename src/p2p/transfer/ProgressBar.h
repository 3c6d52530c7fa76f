#pragma once
// One line of text for a transfer's progress, e.g.
//
//   [#########.........]   45%   12.3 MiB/s  0:04 left
//
// A pure function of the progress and the width, so the client redraws it as often as it
// likes and tests pin it down exactly.

#include "p2p/transfer/TransferProgress.h"

#include <cstddef>
#include <string>

namespace toom::p2p::transfer {

/// The line, at most `width` characters (ASCII only, so characters are columns). The figures
/// keep fixed widths so that the bar does not jitter as they change; when the width is too
/// small the bar goes first, then the rate and time, and the percentage stays. Rates are in the
/// binary units of common/ByteSize.h, like every size the client shows.
std::string renderProgressBar(const TransferProgress& progress, std::size_t width);

/// Remaining time as "m:ss" or "h:mm:ss"; "-:--" when unknown.
std::string formatTimeLeft(std::optional<double> seconds);

} // namespace toom::p2p::transfer
