#include "p2p/chat/PeerLine.h"

#include "common/ServerLine.h"

namespace toom::p2p::chat {

namespace {

constexpr std::string_view kHelloVerb = "HELLO";
constexpr std::string_view kMessageVerb = "MSG";
constexpr std::string_view kStopVerb = "STOP";
constexpr std::string_view kStoppedWord = "stopped";
constexpr std::string_view kLeavingWord = "leaving";

} // namespace

PeerLine PeerLine::hello(std::string from, std::string token) {
    PeerLine line;
    line.type = Type::Hello;
    line.name = std::move(from);
    line.token = std::move(token);
    return line;
}

PeerLine PeerLine::accepted(std::string user) {
    PeerLine line;
    line.type = Type::Accepted;
    line.name = std::move(user);
    return line;
}

PeerLine PeerLine::refused(std::string_view code, std::string reason) {
    PeerLine line;
    line.type = Type::Refused;
    line.code = std::string(code);
    line.text = std::move(reason);
    return line;
}

PeerLine PeerLine::message(std::string text) {
    PeerLine line;
    line.type = Type::Message;
    line.text = std::move(text);
    return line;
}

PeerLine PeerLine::stop(StopReason reason) {
    PeerLine line;
    line.type = Type::Stop;
    line.reason = reason;
    return line;
}

std::string PeerLine::format() const {
    // Reusing ServerLine keeps one escaping rule for every Toom line, and a person debugging
    // with nc reads both protocols the same way.
    switch (type) {
    case Type::Hello:
        return ServerLine(LineKind::Hello, std::string(kPeerProtocol))
            .with("from", name)
            .with("token", token)
            .format();
    case Type::Accepted:
        return ServerLine::ok(std::string(kHelloVerb)).with("user", name).format();
    case Type::Refused:
        return ServerLine::fail(std::string(kHelloVerb), code).say(text).format();
    case Type::Message:
        return ServerLine::event(std::string(kMessageVerb)).say(text).format();
    case Type::Stop:
        return ServerLine::event(std::string(kStopVerb))
            .with("reason",
                  std::string(reason == StopReason::Leaving ? kLeavingWord : kStoppedWord))
            .format();
    }
    return {};
}

std::optional<PeerLine> PeerLine::parse(std::string_view raw) {
    auto line = ServerLine::parse(raw);
    if (!line)
        return std::nullopt;
    switch (line->kind()) {
    case LineKind::Hello: {
        auto from = line->field("from");
        auto token = line->field("token");
        // The version is the verb: a peer speaking another version gets BAD_HELLO, not a
        // half-understood session.
        if (line->verb() != kPeerProtocol || !from || from->empty() || !token || token->empty())
            return std::nullopt;
        return hello(std::move(*from), std::move(*token));
    }
    case LineKind::Ok: {
        auto user = line->field("user");
        if (line->verb() != kHelloVerb || !user || user->empty())
            return std::nullopt;
        return accepted(std::move(*user));
    }
    case LineKind::Fail:
        if (line->verb() != kHelloVerb)
            return std::nullopt;
        return refused(line->code(), line->text());
    case LineKind::Event:
        if (line->verb() == kMessageVerb)
            return message(line->text());
        if (line->verb() == kStopVerb) {
            // An unknown reason still stops the session: stopping is the part that matters.
            auto reason = line->field("reason");
            return stop(reason == kLeavingWord ? StopReason::Leaving : StopReason::Stopped);
        }
        return std::nullopt;
    case LineKind::Data:
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace toom::p2p::chat
