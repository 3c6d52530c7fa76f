#include "client/terminal/ScriptInput.h"

#include "client/terminal/Console.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <unistd.h>

using namespace toom::client;

namespace {
class Pipe {
public:
    Pipe() { EXPECT_EQ(::pipe(_fds), 0); }
    ~Pipe() {
        closeWrite();
        ::close(_fds[0]);
    }
    int readFd() const { return _fds[0]; }
    void write(std::string_view bytes) {
        EXPECT_EQ(::write(_fds[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }
    void closeWrite() {
        if (_fds[1] >= 0)
            ::close(_fds[1]);
        _fds[1] = -1;
    }

private:
    int _fds[2] = {-1, -1};
};

using Status = InputResult::Status;
} // namespace

TEST(ScriptInputTest, ReadsLinesThenEndOfInput) {
    Pipe pipe;
    pipe.write("yoda\r\nATU\n\nlast");
    pipe.closeWrite();
    std::ostringstream out;
    Console console(out);
    ScriptInput input(pipe.readFd(), console, false);
    InputRequest request{"> ", false, false};
    EXPECT_EQ(input.readLine(request).line, "yoda");
    EXPECT_EQ(input.readLine(request).line, "ATU");
    auto blank = input.readLine(request);
    EXPECT_EQ(blank.status, Status::Line);
    EXPECT_EQ(blank.line, "");
    EXPECT_EQ(input.readLine(request).line, "last");
    EXPECT_EQ(input.readLine(request).status, Status::EndOfInput);
    EXPECT_EQ(out.str(), "");
    EXPECT_FALSE(input.showsPrompts());
}

TEST(ScriptInputTest, EchoPrintsPromptAndLineButNotPasswords) {
    Pipe pipe;
    pipe.write("yoda\nwise@!man\nATU\n");
    pipe.closeWrite();
    std::ostringstream out;
    Console console(out);
    ScriptInput input(pipe.readFd(), console, true);
    input.readLine({"Username: ", false, false});
    input.readLine({"Password: ", true, false});
    input.readLine({"> ", false, true});
    EXPECT_EQ(out.str(), "Username: yoda\nPassword: \n> ATU\n");
    EXPECT_TRUE(input.showsPrompts());
}

TEST(ScriptInputTest, InterruptWinsOverBufferedLines) {
    Pipe pipe;
    pipe.write("a\nb\n");
    std::ostringstream out;
    Console console(out);
    ScriptInput input(pipe.readFd(), console, false);
    EXPECT_EQ(input.readLine({}).line, "a");
    input.interrupt();
    EXPECT_EQ(input.readLine({}).status, Status::Interrupted);
}

TEST(ScriptInputTest, InterruptWakesABlockedRead) {
    Pipe pipe; // The write end stays open: readLine blocks.
    std::ostringstream out;
    Console console(out);
    ScriptInput input(pipe.readFd(), console, false);
    std::thread waker([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        input.interrupt();
    });
    EXPECT_EQ(input.readLine({}).status, Status::Interrupted);
    waker.join();
}

TEST(ScriptInputTest, ResumeUndoesAnInterrupt) {
    Pipe pipe;
    pipe.write("a\n");
    std::ostringstream out;
    Console console(out);
    ScriptInput input(pipe.readFd(), console, false);
    input.interrupt();
    EXPECT_EQ(input.readLine({}).status, Status::Interrupted);
    input.resume();
    EXPECT_EQ(input.readLine({}).line, "a");
}

TEST(ScriptInputTest, ATimeoutEndsAWaitWithNothingTyped) {
    Pipe pipe; // The write end stays open: nothing arrives.
    std::ostringstream out;
    Console console(out);
    ScriptInput input(pipe.readFd(), console, false);
    InputRequest request("> ");
    request.timeoutMs = 20;
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(input.readLine(request).status, Status::TimedOut);
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(20));
    pipe.write("b\n");
    EXPECT_EQ(input.readLine(request).line, "b") << "a line that is there comes first";
}
