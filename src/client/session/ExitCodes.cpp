#include "client/session/ExitCodes.h"

#include "common/Protocol.h"

namespace toom::client {

CloseDecision decideOnServerClose(CloseCause cause) {
    switch (cause) {
    case CloseCause::LoggedOut:
    case CloseCause::TimedOut:
    case CloseCause::Shutdown:
        // The server said goodbye and the user has read why: a normal end.
        return {exitcode::kOk, std::nullopt};
    case CloseCause::Closing:
        // The reason was printed, so no generic notice, but the session did not end normally.
        return {exitcode::kConnectionLost, std::nullopt};
    case CloseCause::None:
        break;
    }
    return {exitcode::kConnectionLost, std::string(kConnectionClosedNotice)};
}

std::optional<int> loginFailureExit(const std::string& code) {
    // The seed clients shut down once the account is blocked; retrying could not succeed
    // before the lock expires anyway.
    if (code == err::kAccountLocked || code == err::kTooManyAttempts)
        return exitcode::kLoginRefused;
    return std::nullopt;
}

} // namespace toom::client
