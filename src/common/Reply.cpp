#include "common/Reply.h"

namespace toom {

Reply::Reply(std::string verb)
    : _verb(std::move(verb))
    , _final(ServerLine::ok(_verb)) {}

ServerLine& Reply::row() {
    _rows.push_back(ServerLine::data(_verb));
    return _rows.back();
}

ServerLine& Reply::ok() {
    if (_final.kind() != LineKind::Ok)
        _final = ServerLine::ok(_verb);
    return _final;
}

ServerLine& Reply::fail(std::string_view code) {
    _rows.clear();
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
