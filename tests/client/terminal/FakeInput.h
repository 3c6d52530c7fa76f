#pragma once
// Scripted keyboard input for session tests: returns the given lines, records the prompts it
// was asked for, and at the end either reports end of input or waits to be interrupted (after
// running a callback, so that a test can make the server act exactly then).

#include "client/terminal/InputSource.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace toom::client::fakes {

class FakeInput : public InputSource {
public:
    explicit FakeInput(std::vector<std::string> lines, bool showsPrompts = false)
        : _lines(lines.begin(), lines.end())
        , _showsPrompts(showsPrompts) {}

    /// When the lines run out: run `callback`, then wait for interrupt() instead of
    /// reporting the end of input.
    void waitAtEnd(std::function<void()> callback = {}) {
        _waitAtEnd = true;
        _onExhausted = std::move(callback);
    }

    /// What an interrupted line held (the half-typed draft), returned with Interrupted.
    void draftWhenInterrupted(std::string draft) { _interruptedDraft = std::move(draft); }

    /// After resume() (a reconnect), the user types `lines`, then the input ends.
    void afterResume(std::vector<std::string> lines) {
        _afterResume = std::move(lines);
        _endAfterResume = true;
    }

    /// Ends with Ctrl-C (Quit) rather than end of input.
    void quitAtEnd() { _quitAtEnd = true; }

    InputResult readLine(const InputRequest& request) override {
        std::unique_lock lock(_mutex);
        _requests.push_back(request);
        if (_interrupted)
            return {InputResult::Status::Interrupted, _interruptedDraft};
        if (request.timeoutMs >= 0) // A wait (to reconnect) passes at once, nothing typed.
            return {InputResult::Status::TimedOut, request.draft};
        if (!_lines.empty()) {
            std::string line = std::move(_lines.front());
            _lines.pop_front();
            return {InputResult::Status::Line, std::move(line)};
        }
        if (_quitAtEnd)
            return {InputResult::Status::Quit, {}};
        if (!_waitAtEnd)
            return {InputResult::Status::EndOfInput, {}};
        if (_onExhausted) {
            auto callback = std::move(_onExhausted);
            _onExhausted = nullptr;
            lock.unlock();
            callback();
            lock.lock();
        }
        _changed.wait(lock, [&] { return _interrupted; });
        return {InputResult::Status::Interrupted, _interruptedDraft};
    }

    void interrupt() override {
        std::lock_guard lock(_mutex);
        _interrupted = true;
        _changed.notify_all();
    }

    void resume() override {
        std::lock_guard lock(_mutex);
        _interrupted = false;
        ++_resumes;
        if (_endAfterResume) {
            _lines.insert(_lines.end(), _afterResume.begin(), _afterResume.end());
            _afterResume.clear();
            _waitAtEnd = false;
            _endAfterResume = false;
        }
    }

    /// How often resume() was called.
    int resumes() const {
        std::lock_guard lock(_mutex);
        return _resumes;
    }

    bool showsPrompts() const override { return _showsPrompts; }

    /// Every request, in order.
    std::vector<InputRequest> requests() const {
        std::lock_guard lock(_mutex);
        return _requests;
    }

    /// The prompt texts asked for, in order.
    std::vector<std::string> prompts() const {
        std::vector<std::string> out;
        for (const auto& request : requests())
            out.push_back(request.prompt);
        return out;
    }

private:
    mutable std::mutex _mutex;
    std::condition_variable _changed;
    std::deque<std::string> _lines;
    std::vector<InputRequest> _requests;
    bool _showsPrompts;
    bool _waitAtEnd = false;
    bool _quitAtEnd = false;
    bool _interrupted = false;
    std::function<void()> _onExhausted;
    std::string _interruptedDraft;
    std::vector<std::string> _afterResume;
    bool _endAfterResume = false;
    int _resumes = 0;
};

} // namespace toom::client::fakes
