#pragma once
// The client's exit statuses and the decision taken when the server ends the connection, kept
// apart from the I/O so that each case is unit-tested.

#include <optional>
#include <string>

namespace toom::client {

/// Exit statuses of toom-client.
namespace exitcode {
inline constexpr int kOk = 0;           ///< Logout, end of input, timeout, server shutdown.
inline constexpr int kLoginRefused = 1; ///< Account locked or too many wrong passwords.
inline constexpr int kSetup = 2; ///< Usage or config error, cannot connect or bind, server full,
                                 ///< or no Toom greeting in time.
inline constexpr int kConnectionLost = 3; ///< The server closed the connection unexpectedly.
/// The connection was lost and reconnecting gave up (interactive mode, reconnect on).
inline constexpr int kReconnectFailed = 4;
} // namespace exitcode

/// What last explained why the server is ending the session.
enum class CloseCause {
    None,      ///< Nothing: the connection just dropped.
    LoggedOut, ///< OK LOGOUT was received.
    TimedOut,  ///< EVENT TIMEOUT.
    Shutdown,  ///< EVENT SHUTDOWN.
    Closing,   ///< EVENT CLOSING (the server said why it hangs up, but it is not a clean end).
};

/// How to end after the server closed the connection.
struct CloseDecision {
    int exitCode = exitcode::kConnectionLost;
    std::optional<std::string> notice; ///< A line to print, if the close is unexplained.
    bool operator==(const CloseDecision&) const = default;
};

/// The message printed when the server hangs up without explanation.
inline constexpr const char* kConnectionClosedNotice = "Connection closed by the server";

/// Decides the exit status and notice for a server close given what explained it.
CloseDecision decideOnServerClose(CloseCause cause);

/// Exit status for a login refused with the FAIL code `code` (ACCOUNT_LOCKED,
/// TOO_MANY_ATTEMPTS), or nothing if that code lets the user try again.
std::optional<int> loginFailureExit(const std::string& code);

} // namespace toom::client
