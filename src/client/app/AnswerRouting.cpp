#include "client/app/AnswerRouting.h"

#include "client/app/FileTransferBridge.h"
#include "client/app/PrivateChatBridge.h"
#include "client/terminal/Console.h"
#include "common/Text.h"

namespace toom::client {

AnswerTarget routeAnswer(std::size_t privateRequestsWaiting, std::size_t fileOffersWaiting) {
    if (fileOffersWaiting == 0)
        return AnswerTarget::PrivateRequest;
    if (privateRequestsWaiting == 0)
        return AnswerTarget::FileOffer;
    return AnswerTarget::Ambiguous;
}

std::string ambiguousAnswerText() {
    return "Error. A private messaging request and a file offer are both waiting: answer the "
           "request with acceptprivate or declineprivate <user>, the file with accept or "
           "decline [<number>]";
}

void installAnswerRouting(CommandHooks& hooks, PrivateChatBridge& privateChats,
                          FileTransferBridge& files) {
    for (const char* word : {"y", "n"}) {
        const bool yes = word[0] == 'y';
        hooks.on(word, [&privateChats, &files, yes](HookContext& context, const std::string& line) {
            switch (routeAnswer(privateChats.requestsWaiting(), files.offersWaiting())) {
            case AnswerTarget::PrivateRequest:
                return privateChats.answer(context, line);
            case AnswerTarget::FileOffer: {
                // "y 2" picks like "accept 2" does.
                WordCursor words(line);
                files.answer(yes, words.size() >= 2 ? std::string_view(words.word(1))
                                                    : std::string_view());
                return HookResult::handled();
            }
            case AnswerTarget::Ambiguous:
                break;
            }
            context.console().printLine(ambiguousAnswerText());
            return HookResult::handled();
        });
    }
}

} // namespace toom::client
