#pragma once
// Flood control per connection (config keys flood.*): a TokenBucket that refills at
// linesPerSecond up to burst. Every line costs 1 and a line that names no command costs
// unknownCommandCost; a client past its burst is not refused or disconnected, its next line
// waits until the rate has paid for it ("fake lag", the InspIRCd and Ergo model), and nothing
// more is read from it meanwhile, so TCP pushes back on a script. A rate of 0 turns it off.
//
// The defaults are far above what a person types or pastes, and below what a script that
// floods a room would like: 50 lines at once, then 10 a second.

namespace toom {

struct FloodLimits {
    double linesPerSecond = 10;
    double burst = 50;
    double unknownCommandCost = 3;
};

} // namespace toom
