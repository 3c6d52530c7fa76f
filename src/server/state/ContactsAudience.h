#pragma once
// The contacts of a user, as IRC has them: everyone who shares a separate room or a named
// group with them (invited or joined), and everyone who follows them (MONITOR).

#include "server/state/PresenceAudience.h"
#include "services/MonitorService.h"
#include "services/RoomService.h"

namespace toom {

class ContactsAudience final : public PresenceAudience {
public:
    /// Both must outlive this object.
    ContactsAudience(const RoomService& rooms, const MonitorService& monitors)
        : _rooms(rooms)
        , _monitors(monitors) {}

    std::vector<std::string> audienceOf(const std::string& subject) const override;

private:
    const RoomService& _rooms;
    const MonitorService& _monitors;
};

} // namespace toom
