#include "p2p/transfer/ProgressBar.h"

#include "common/ByteSize.h"

#include <cmath>
#include <cstdio>

namespace toom::p2p::transfer {

namespace {
constexpr std::size_t kPercentWidth = 4; ///< "100%"
constexpr std::size_t kRateWidth = 12;   ///< "1023.9 KiB/s"
constexpr std::size_t kMinBarCells = 5;

std::string rightAligned(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string percentText(const TransferProgress& progress) {
    // Rounded down, so "100%" means finished and never "almost".
    int percent = progress.finished() ? 100 : static_cast<int>(progress.fraction() * 100);
    if (percent > 99 && !progress.finished())
        percent = 99;
    return std::to_string(percent) + "%";
}
} // namespace

std::string formatTimeLeft(std::optional<double> seconds) {
    if (!seconds || !std::isfinite(*seconds) || *seconds < 0)
        return "-:--";
    auto total = static_cast<long long>(std::ceil(*seconds));
    long long hours = total / 3600;
    long long minutes = (total / 60) % 60;
    long long secs = total % 60;
    char text[48];
    if (hours > 0)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", hours, minutes, secs);
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", minutes, secs);
    return text;
}

std::string renderProgressBar(const TransferProgress& progress, std::size_t width) {
    std::string percent = rightAligned(percentText(progress), kPercentWidth);
    std::string figures = percent + "  " +
                          rightAligned(formatByteRate(progress.bytesPerSecond), kRateWidth) + "  " +
                          formatTimeLeft(progress.secondsLeft) + " left";
    std::string withGap = "  " + figures;
    if (width >= withGap.size() + 2 + kMinBarCells) {
        std::size_t cells = width - withGap.size() - 2;
        auto filled = static_cast<std::size_t>(progress.fraction() * static_cast<double>(cells));
        if (!progress.finished() && filled == cells)
            filled = cells - 1;
        return "[" + std::string(filled, '#') + std::string(cells - filled, '.') + "]" + withGap;
    }
    if (width >= figures.size())
        return figures;
    std::string bare = percentText(progress);
    return bare.substr(0, width);
}

} // namespace toom::p2p::transfer
