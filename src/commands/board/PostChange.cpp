#include "commands/board/PostChange.h"

#include "commands/Arguments.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

#include <algorithm>

namespace toom {

namespace {
bool allDigits(const std::string& word, std::size_t minimum, std::size_t maximum) {
    return word.size() >= minimum && word.size() <= maximum &&
           std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "23 Fob 2021 16:01:01" was meant as a time, if a wrong one; "yesterday at noon" was not.
// A day and a year where the seed form has them is enough to tell: such an attempt gets
// BAD_TIMESTAMP in every profile rather than becoming the post's new text.
bool triesATime(const std::vector<std::string>& words) {
    return words.size() == 4 && allDigits(words[0], 1, 2) && allDigits(words[2], 4, 4);
}
} // namespace

std::optional<PostReference> postReference(CommandContext& ctx, std::size_t timedArgs,
                                           bool textFollows) {
    auto number = parseMessageNumber(ctx.arg(0));
    if (!number) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", "number")
            .say("Invalid message number '" + ctx.arg(0) + "'. Give it as 3 or #3");
        return std::nullopt;
    }
    const bool shortForms = ctx.settings().shortForms;
    std::vector<std::string> timeWords;
    for (std::size_t i = 1; i < 5 && i < ctx.argCount(); ++i)
        timeWords.push_back(ctx.arg(i));
    if (shortForms) {
        // The seed form wins whenever it is there: words that start like a time (a day, a
        // month, a year) are taken as one, as they are in the seed profiles.
        const bool timed = ctx.argCount() >= timedArgs && triesATime(timeWords);
        if (!timed && (textFollows || ctx.argCount() == 1))
            return PostReference{*number, std::nullopt, 1};
    }
    auto seconds = timestampArgument(timeWords, ctx.reply);
    if (!seconds)
        return std::nullopt;
    return PostReference{*number, *seconds, 5};
}

bool refuse(CommandContext& ctx, BoardService::Refusal refusal, const PostReference& ref,
            const std::string& verb) {
    const std::string number = "#" + std::to_string(ref.number);
    switch (refusal) {
    case BoardService::Refusal::None:
        return false;
    case BoardService::Refusal::UnknownNumber:
        ctx.reply.fail(err::kUnknownMessage)
            .with("n", ref.number)
            .say("Message " + number + " does not exist.");
        break;
    case BoardService::Refusal::NotAuthor: {
        ctx.reply.fail(err::kForbidden)
            .with("n", ref.number)
            .say("Unauthorised to " + verb + " Message " + number + ".");
        ctx.audit("%s attempts to %s MSG %s at %s. Authorisation fails.", ctx.user(), verb, number,
                  formatSeedTime(ctx.now(), ctx.settings().padDay));
        break;
    }
    case BoardService::Refusal::TimestampMismatch:
        ctx.reply.fail(err::kTimestampMismatch)
            .with("n", ref.number)
            .say("The timestamp does not match Message " + number + ".");
        break;
    }
    return true;
}

} // namespace toom
