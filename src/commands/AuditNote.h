#pragma once
// One line a command leaves for the server's audit log ("yoda posted MSG #1 ..."). Commands
// only describe what happened; whether and where a note is written is the AuditTrail
// observer's decision, made once for every command.

#include <string>

namespace toom {

struct AuditNote {
    /// Whether the line quotes what a user wrote (a message, a post). Such notes are kept out
    /// of the log unless the operator asked for message text (privacy by default).
    enum class Content { Event, MessageText };

    std::string line;
    Content content = Content::Event;
};

} // namespace toom
