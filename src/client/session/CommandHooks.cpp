#include "client/session/CommandHooks.h"

#include "common/Text.h"

namespace toom::client {

void CommandHooks::on(std::string_view word, Hook hook) {
    _hooks[toLower(word)] = std::move(hook);
}

bool CommandHooks::has(std::string_view word) const {
    return _hooks.find(toLower(word)) != _hooks.end();
}

HookResult CommandHooks::apply(HookContext& context, const std::string& line) const {
    if (_first) {
        if (auto decided = _first(context, line))
            return std::move(*decided);
    }
    auto words = splitWords(line);
    if (words.empty())
        return HookResult::pass(line);
    // Seeds spell commands in different cases (UPD, private, /p2pvideo); the hook decides
    // whether case matters for its own arguments.
    auto it = _hooks.find(toLower(words.front()));
    if (it == _hooks.end())
        return HookResult::pass(line);
    return it->second(context, line);
}

} // namespace toom::client
