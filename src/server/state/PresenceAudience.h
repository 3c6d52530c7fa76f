#pragma once
// Who is told that a user logged in or out, when presence is scoped to contacts
// (PresenceScope::Contacts). The presence service asks; it need not know rooms or MONITOR.

#include <string>
#include <vector>

namespace toom {

class PresenceAudience {
public:
    virtual ~PresenceAudience() = default;
    /// Everyone who should hear about `subject` (online or not, blocks not yet applied; the
    /// subject may be among them). No duplicates.
    virtual std::vector<std::string> audienceOf(const std::string& subject) const = 0;
};

} // namespace toom
