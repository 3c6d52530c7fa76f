#pragma once
// Whom a bare `y` or `n` answers. Two questions use them: a private messaging request (the
// server's, answered on the server) and a file offer (the client's own, FileTransferBridge).
// While only one kind waits, y/n answer it; while both wait, y/n are refused with what to type
// instead (`acceptprivate` / `declineprivate <user>`, `accept` / `decline [<which>]`), so
// that a "y" meant for a chat can never accept a file, nor the other way round. With neither
// waiting, the line goes to the server, which answers as it always has.

#include "client/session/CommandHooks.h"

#include <cstddef>

namespace toom::client {

class FileTransferBridge;
class PrivateChatBridge;

/// Where a `y` / `n` goes.
enum class AnswerTarget {
    PrivateRequest, ///< To the server (also when nothing waits: it says so).
    FileOffer,      ///< To the file offer waiting.
    Ambiguous       ///< Both kinds wait: refused, with what to type instead.
};

/// The decision, from how many of each kind of question wait.
AnswerTarget routeAnswer(std::size_t privateRequestsWaiting, std::size_t fileOffersWaiting);

/// The text printed for an Ambiguous answer.
std::string ambiguousAnswerText();

/// Installs the `y` and `n` hooks (replacing PrivateChatBridge's), routing each answer by
/// routeAnswer(). Both bridges must outlive the hooks.
void installAnswerRouting(CommandHooks& hooks, PrivateChatBridge& privateChats,
                          FileTransferBridge& files);

} // namespace toom::client
