#include "server/store/LineAppender.h"

#include <cstdio>
#include <fstream>

namespace toom {

namespace {
class DirectAppender final : public LineAppender {
public:
    void append(const std::string& path, std::string lines) override { appendNow(path, lines); }
    void replace(const std::string& path, std::string content) override {
        replaceNow(path, content);
    }
};
} // namespace

LineAppender& LineAppender::direct() {
    static DirectAppender appender;
    return appender;
}

void LineAppender::appendNow(const std::string& path, const std::string& lines) {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << lines;
}

void LineAppender::replaceNow(const std::string& path, const std::string& content) {
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc | std::ios::binary);
        out << content;
    }
    std::rename(temp.c_str(), path.c_str());
}

} // namespace toom
