#include "common/Reply.h"

namespace toom {

Reply::Reply(std::string verb, std::size_t rowBudget)
    : _verb(std::move(verb))
    , _rowBudget(rowBudget)
    , _final(ServerLine::ok(_verb)) {}

ServerLine Reply::newRow() const {
    return ServerLine::data(_verb);
}

bool Reply::add(ServerLine row) {
    if (_leftOut > 0) {
        ++_leftOut;
        return false;
    }
    // Formatting the row once more here is the price of an exact budget: escaping can triple a
    // text's size, so no estimate from the raw fields would do.
    const std::size_t bytes = row.format().size() + 1;
    if (!_rows.empty() && bytes > _rowBudget - std::min(_rowBudget, _rowBytes)) {
        ++_leftOut;
        return false;
    }
    _rowBytes += bytes;
    _rows.push_back(std::move(row));
    return true;
}

ServerLine& Reply::ok() {
    if (_final.kind() != LineKind::Ok)
        _final = ServerLine::ok(_verb);
    return _final;
}

ServerLine& Reply::fail(std::string_view code) {
    _rows.clear();
    _rowBytes = 0;
    _leftOut = 0;
    _final = ServerLine::fail(_verb, std::string(code));
    return _final;
}

std::vector<ServerLine> Reply::lines() const {
    std::vector<ServerLine> out = _rows;
    out.push_back(_final);
    return out;
}

std::string Reply::wire() const {
    std::string out;
    for (const auto& row : _rows) {
        out += row.format();
        out += '\n';
    }
    out += _final.format();
    out += '\n';
    return out;
}

} // namespace toom
