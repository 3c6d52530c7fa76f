#pragma once
// A command whose body is a lambda, for registering ad-hoc commands in dispatcher tests.

#include "commands/Command.h"

#include <functional>
#include <utility>

namespace toom::test {

class LambdaCommand final : public Command {
public:
    explicit LambdaCommand(std::function<void(CommandContext&)> body)
        : _body(std::move(body)) {}
    void execute(CommandContext& ctx) override { _body(ctx); }

private:
    std::function<void(CommandContext&)> _body;
};

} // namespace toom::test
