#include "client/session/ServerConnection.h"

namespace toom::client {

ServerConnection::ServerConnection(LineTransport& transport, EventRouter& events,
                                   std::size_t queueCapacity)
    : _transport(transport)
    , _events(events)
    , _replies(queueCapacity) {}

ServerConnection::~ServerConnection() {
    stop();
}

void ServerConnection::start() {
    if (!_reader.joinable())
        _reader = std::thread([this] { readLoop(); });
}

bool ServerConnection::send(std::string_view line) {
    return _transport.sendLine(line);
}

std::optional<ServerReply> ServerConnection::nextReply() {
    return _replies.pop();
}

std::optional<ServerReply> ServerConnection::nextReplyWithin(std::chrono::milliseconds timeout) {
    return _replies.popFor(timeout);
}

void ServerConnection::stop() {
    _transport.close();
    // abandon() also releases a reader blocked on a full queue, so the join cannot hang.
    _replies.abandon();
    if (_reader.joinable() && _reader.get_id() != std::this_thread::get_id())
        _reader.join();
}

void ServerConnection::readLoop() {
    while (auto raw = _transport.receiveLine()) {
        auto line = ServerLine::parse(*raw);
        if (!line) {
            // Not protocol: nothing sensible to route it to. Remembered, so that a peer that
            // is not a Toom server is named as such.
            _sawForeignLine = true;
            continue;
        }
        auto output = _assembler.feed(std::move(*line));
        if (auto* reply = std::get_if<ServerReply>(&output)) {
            if (_onReply)
                _onReply(*reply);
            _replies.push(std::move(*reply));
        } else if (auto* event = std::get_if<ServerLine>(&output))
            _events.dispatch(*event);
    }
    _closed = true;
    _replies.close();
    if (_onClosed)
        _onClosed();
}

} // namespace toom::client
