#pragma once
// The file offers waiting for the user's answer: in the default profile a file is received
// only once the user accepts it (`y`, `accept`), and `n` / `decline` refuses it. Each offer is
// numbered as it arrives, so that with several waiting the user can say which
// (`accept 2`, `decline yoda`, `accept big.bin`). An offer nobody answers expires (its
// presenter stops retrying at about the same time), and at most `maxWaiting` wait at once.
//
// Pure: the time is passed in, nothing is printed or sent; FileTransferBridge does that (and
// the locking: this class is not thread-safe).

#include "p2p/transfer/FileOffer.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// FileOfferQuestions' limits.
struct FileOfferQuestionSettings {
    /// Offers waiting at once; one more is declined at once ("too many waiting").
    std::size_t maxWaiting = 8;
    /// How long an offer waits for its answer: a little less than the presenter's
    /// SenderSettings::startTimeout, so that the presenter hears "declined" rather than
    /// timing out.
    std::chrono::milliseconds lifetime{110'000};
};

class FileOfferQuestions {
public:
    using Clock = std::chrono::steady_clock;
    using Settings = FileOfferQuestionSettings;

    /// One offer the user was asked about.
    struct Question {
        int number = 0; ///< 1, 2, ... in order of arrival, never reused in a session.
        p2p::transfer::FileOffer offer;
        Clock::time_point expires;
    };

    /// What a selector picked: the question (now answered, so removed), or why none.
    struct Choice {
        std::optional<Question> question;
        std::string error; ///< For the user, when there is no question.
    };

    explicit FileOfferQuestions(Settings settings = Settings())
        : _settings(settings) {}

    /// Asks about `offer`; its number, or nothing when maxWaiting are waiting already (or the
    /// token is being asked about already).
    std::optional<int> ask(p2p::transfer::FileOffer offer, Clock::time_point now);

    /// Takes the question `selector` means: "" the only one waiting (an error if several
    /// are), a number, or a presenter's name or a file name that only one waiting offer has
    /// (ASCII case-insensitive for the name).
    Choice take(std::string_view selector);

    /// Removes and returns the questions whose time is up at `now`, oldest first.
    std::vector<Question> expire(Clock::time_point now);

    /// Removes and returns every question (logout, exit).
    std::vector<Question> takeAll();

    /// Questions waiting, oldest first.
    const std::vector<Question>& waiting() const { return _waiting; }

    std::size_t size() const { return _waiting.size(); }

private:
    Settings _settings;
    std::vector<Question> _waiting;
    int _lastNumber = 0;
};

} // namespace toom::client
