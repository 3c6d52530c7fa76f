#include "client/app/FileOfferQuestions.h"

#include "common/Text.h"

#include <algorithm>
#include <charconv>

namespace toom::client {

namespace {
std::optional<int> parseNumber(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
        return std::nullopt;
    return value;
}

/// "accept 1 (yoda: big.bin), accept 2 (hans: notes.txt)", for an ambiguous answer.
std::string choices(const std::vector<FileOfferQuestions::Question>& waiting) {
    std::string out;
    for (const auto& question : waiting) {
        if (!out.empty())
            out += ", ";
        out += std::to_string(question.number) + " (" + question.offer.fileName + " from " +
               question.offer.presenter + ")";
    }
    return out;
}
} // namespace

std::optional<int> FileOfferQuestions::ask(p2p::transfer::FileOffer offer, Clock::time_point now) {
    if (_waiting.size() >= _settings.maxWaiting)
        return std::nullopt;
    for (const auto& question : _waiting) {
        if (question.offer.token == offer.token)
            return std::nullopt;
    }
    const int number = ++_lastNumber;
    _waiting.push_back(Question{number, std::move(offer), now + _settings.lifetime});
    return number;
}

FileOfferQuestions::Choice FileOfferQuestions::take(std::string_view selector) {
    if (_waiting.empty())
        return {std::nullopt, "no file offer is waiting for an answer"};
    std::vector<std::size_t> matches;
    if (selector.empty()) {
        if (_waiting.size() > 1)
            return {std::nullopt, std::to_string(_waiting.size()) +
                                      " file offers are waiting: say which, by number, sender "
                                      "or file name: " +
                                      choices(_waiting)};
        matches.push_back(0);
    } else if (auto number = parseNumber(selector)) {
        for (std::size_t i = 0; i < _waiting.size(); ++i) {
            if (_waiting[i].number == *number)
                matches.push_back(i);
        }
    } else {
        for (std::size_t i = 0; i < _waiting.size(); ++i) {
            if (iequals(_waiting[i].offer.presenter, selector) ||
                iequals(_waiting[i].offer.fileName, selector))
                matches.push_back(i);
        }
    }
    if (matches.empty())
        return {std::nullopt, "no file offer " + std::string(selector) +
                                  " is waiting; waiting: " + choices(_waiting)};
    if (matches.size() > 1)
        return {std::nullopt, "several file offers match " + std::string(selector) +
                                  ": say which by number: " + choices(_waiting)};
    Choice choice{_waiting[matches.front()], {}};
    _waiting.erase(_waiting.begin() + static_cast<std::ptrdiff_t>(matches.front()));
    return choice;
}

std::vector<FileOfferQuestions::Question> FileOfferQuestions::expire(Clock::time_point now) {
    std::vector<Question> expired;
    auto kept = std::stable_partition(_waiting.begin(), _waiting.end(),
                                      [now](const Question& q) { return q.expires > now; });
    expired.assign(std::make_move_iterator(kept), std::make_move_iterator(_waiting.end()));
    _waiting.erase(kept, _waiting.end());
    return expired;
}

std::vector<FileOfferQuestions::Question> FileOfferQuestions::takeAll() {
    std::vector<Question> all;
    all.swap(_waiting);
    return all;
}

} // namespace toom::client
