#pragma once
// A scripted server for client tests: lines sent at connect, and for each expected client line
// the lines the server answers with. No sockets, no timing: receiveLine() blocks on a condition
// variable until the script has something to say.

#include "client/session/LineTransport.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace toom::client::fakes {

class FakeTransport : public LineTransport {
public:
    /// Lines the server sends as soon as the client connects (the greeting).
    FakeTransport& greet(std::vector<std::string> lines) {
        push(std::move(lines));
        return *this;
    }

    /// When the client next sends `expected`, the server answers `lines`, then closes the
    /// connection if `closeAfter`. Steps are consumed in order.
    FakeTransport& on(std::string expected, std::vector<std::string> lines,
                      bool closeAfter = false) {
        std::lock_guard lock(_mutex);
        _steps.push_back({std::move(expected), std::move(lines), closeAfter});
        return *this;
    }

    /// The server sends `lines` now.
    void push(std::vector<std::string> lines) {
        std::lock_guard lock(_mutex);
        for (auto& line : lines)
            _incoming.push_back(std::move(line));
        _changed.notify_all();
    }

    /// The server closes the connection (after the lines already pushed).
    void serverClose() {
        std::lock_guard lock(_mutex);
        _serverClosed = true;
        _changed.notify_all();
    }

    bool sendLine(std::string_view line) override {
        std::lock_guard lock(_mutex);
        if (_clientClosed || _serverClosed)
            return false;
        _sent.emplace_back(line);
        if (_steps.empty() || _steps.front().expected != line) {
            // An unexpected line ends the conversation, so a wrong test fails instead of
            // hanging on a reply that never comes.
            _unexpected.emplace_back(line);
            _serverClosed = true;
            _changed.notify_all();
            return true;
        }
        Step step = std::move(_steps.front());
        _steps.pop_front();
        for (auto& reply : step.lines)
            _incoming.push_back(std::move(reply));
        if (step.closeAfter)
            _serverClosed = true;
        _changed.notify_all();
        return true;
    }

    std::optional<std::string> receiveLine() override {
        std::unique_lock lock(_mutex);
        _changed.wait(lock, [&] { return _clientClosed || _serverClosed || !_incoming.empty(); });
        if (_clientClosed || _incoming.empty())
            return std::nullopt;
        std::string line = std::move(_incoming.front());
        _incoming.pop_front();
        return line;
    }

    void close() override {
        std::lock_guard lock(_mutex);
        _clientClosed = true;
        _changed.notify_all();
    }

    /// Every line the client sent, in order.
    std::vector<std::string> sent() const {
        std::lock_guard lock(_mutex);
        return _sent;
    }

    /// Lines the client sent that the script did not expect.
    std::vector<std::string> unexpected() const {
        std::lock_guard lock(_mutex);
        return _unexpected;
    }

    /// Script steps not reached.
    std::size_t stepsLeft() const {
        std::lock_guard lock(_mutex);
        return _steps.size();
    }

private:
    struct Step {
        std::string expected;
        std::vector<std::string> lines;
        bool closeAfter = false;
    };

    mutable std::mutex _mutex;
    std::condition_variable _changed;
    std::deque<std::string> _incoming;
    std::deque<Step> _steps;
    std::vector<std::string> _sent;
    std::vector<std::string> _unexpected;
    bool _serverClosed = false;
    bool _clientClosed = false;
};

} // namespace toom::client::fakes
