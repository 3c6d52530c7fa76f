#pragma once
// The durable store: everything the server must remember across restarts, as six slices.
// SqliteStore implements them all over one SQLite file (WAL, every write in a transaction);
// each service takes only the slices it uses.

#include "server/store/AccountStore.h"
#include "server/store/BlockStore.h"
#include "server/store/BoardStore.h"
#include "server/store/LoginHistory.h"
#include "server/store/PrivateMessageStore.h"
#include "server/store/RoomStore.h"

namespace toom {

class Store : public AccountStore,
              public LoginHistory,
              public BoardStore,
              public PrivateMessageStore,
              public BlockStore,
              public RoomStore {};

} // namespace toom
