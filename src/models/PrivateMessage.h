#pragma once
// A private message from one user to another, kept in the store while its recipient is
// offline.

#include <Poco/Timestamp.h>

#include <cstdint>
#include <string>

namespace toom {

struct PrivateMessage {
    std::int64_t id = 0;
    std::string sender;
    std::string recipient;
    std::string text;
    Poco::Timestamp sentAt;
};

} // namespace toom
