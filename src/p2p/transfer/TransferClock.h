#pragma once
// The one clock the transfer engine reads: monotonic, so that a change of the wall clock
// neither stalls nor aborts a transfer.

#include <chrono>

namespace toom::p2p::transfer {

using TransferClock = std::chrono::steady_clock;
using TimePoint = TransferClock::time_point;
using Micros = std::chrono::microseconds;

} // namespace toom::p2p::transfer
