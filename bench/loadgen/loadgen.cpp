// Toom's copy of the team's load generator (../shared/loadgen/loadgen.cpp, whose README allows
// a copy in the project), so that bench/run.sh can repeat the issue-11 rows with nothing but
// this repository. It is the yardstick Toom is compared with the IRC servers by: keep it as
// the original (only reformatted to .clang-format); changes belong upstream in
// ../shared/loadgen. Built without the project's warning set (bench/CMakeLists.txt).
//
// loadgen.cpp -- bounded, single-threaded epoll load generator for line-based
// chat servers.  C++17, standard library + POSIX/Linux only.
//
//   build:  g++ -O2 -std=c++17 -Wall -o loadgen loadgen.cpp
//   usage:  ./loadgen --help
//
// Scenarios (one JSON object per scenario on stdout, progress on stderr):
//   connections : open N clients, register all, hold H s, report registered
//                 count + server RSS before/after (memory per connection).
//   fanout      : N clients join one group, S senders each send at R msg/s;
//                 deliveries/s across all clients + end-to-end latency.
//   direct      : N clients paired (i <-> i^1), aggregate rate R msg/s spread
//                 round-robin over all clients; delivered msg/s + latency.
//   maxrate     : --mode direct|fanout; rate is multiplied by --factor each
//                 step until the delivered rate stops growing; reports plateau.
//
// Every phase is bounded in time (setup timeouts, warmup+duration+drain, and a
// global --max-runtime watchdog via alarm()), so the process always stops by
// itself.  Only loopback targets (127.0.0.0/8) are accepted.
//
// Protocol drivers: a protocol is a subclass of `Driver` (see below) providing
// names, the registration handshake, join, direct/group send, and a line parser
// that recognises registration/join confirmations and delivered messages.  The
// message body (send timestamp, sender, seq, padding) is produced and decoded
// by the core helpers make_body()/decode_body(), so a new driver only has to
// wrap/unwrap the body in its own framing.  Register a new driver in
// make_driver().

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

// ---------------------------------------------------------------- time -----
inline uint64_t now_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}
inline double ns_to_ms(double ns) {
    return ns / 1e6;
}

// ----------------------------------------------------------- histogram -----
// Log-linear histogram of nanosecond values: 32 sub-buckets per power of two
// (~3% relative precision), exact min/max/mean.
class Histogram {
public:
    static constexpr int SUB_BITS = 5;
    static constexpr int SUB = 1 << SUB_BITS;
    Histogram()
        : b_((64 - SUB_BITS + 1) * SUB, 0) {}
    void add(uint64_t v) {
        ++b_[index(v)];
        ++n_;
        sum_ += double(v);
        if (v > max_)
            max_ = v;
        if (v < min_)
            min_ = v;
    }
    uint64_t count() const { return n_; }
    uint64_t max() const { return n_ ? max_ : 0; }
    uint64_t min() const { return n_ ? min_ : 0; }
    double mean() const { return n_ ? sum_ / double(n_) : 0.0; }
    // Upper bound of the bucket holding the p-quantile (clamped to max).
    uint64_t quantile(double p) const {
        if (!n_)
            return 0;
        uint64_t target = uint64_t(std::ceil(p * double(n_)));
        if (target < 1)
            target = 1;
        uint64_t cum = 0;
        for (size_t i = 0; i < b_.size(); ++i) {
            cum += b_[i];
            if (cum >= target)
                return std::min(upper(int(i)), max_);
        }
        return max_;
    }
    void clear() {
        std::fill(b_.begin(), b_.end(), 0);
        n_ = 0;
        sum_ = 0;
        max_ = 0;
        min_ = UINT64_MAX;
    }

private:
    static int index(uint64_t v) {
        if (v < uint64_t(SUB))
            return int(v);
        int msb = 63 - __builtin_clzll(v);
        int shift = msb - SUB_BITS;
        int sub = int((v >> shift) & (SUB - 1));
        return SUB + shift * SUB + sub;
    }
    static uint64_t upper(int idx) {
        if (idx < SUB)
            return uint64_t(idx);
        int shift = (idx - SUB) / SUB;
        uint64_t sub = uint64_t((idx - SUB) % SUB);
        uint64_t lo = (uint64_t(SUB) + sub) << shift;
        return lo + ((uint64_t(1) << shift) - 1);
    }
    std::vector<uint64_t> b_;
    uint64_t n_ = 0, max_ = 0, min_ = UINT64_MAX;
    double sum_ = 0;
};

// ---------------------------------------------------------------- json -----
class Json {
public:
    Json()
        : s_("{") {}
    Json& kv(const std::string& k, const std::string& v) {
        key(k);
        str(v);
        return *this;
    }
    Json& kv(const std::string& k, const char* v) { return kv(k, std::string(v)); }
    Json& kv(const std::string& k, double v) {
        key(k);
        if (!std::isfinite(v)) {
            s_ += "null";
            return *this;
        }
        char buf[64];
        snprintf(buf, sizeof buf, "%.6g", v);
        s_ += buf;
        return *this;
    }
    Json& kv(const std::string& k, uint64_t v) {
        key(k);
        s_ += std::to_string(v);
        return *this;
    }
    Json& kv(const std::string& k, int64_t v) {
        key(k);
        s_ += std::to_string(v);
        return *this;
    }
    Json& kv(const std::string& k, int v) { return kv(k, int64_t(v)); }
    Json& kv(const std::string& k, unsigned v) { return kv(k, uint64_t(v)); }
    Json& kv(const std::string& k, bool v) {
        key(k);
        s_ += v ? "true" : "false";
        return *this;
    }
    Json& raw(const std::string& k, const std::string& json) {
        key(k);
        s_ += json;
        return *this;
    }
    std::string done() const { return s_ + "}"; }
    static std::string quote(const std::string& v) {
        std::string o = "\"";
        for (unsigned char c : v) {
            if (c == '"' || c == '\\') {
                o += '\\';
                o += char(c);
            } else if (c < 0x20) {
                char b[8];
                snprintf(b, sizeof b, "\\u%04x", c);
                o += b;
            } else
                o += char(c);
        }
        return o + "\"";
    }

private:
    void key(const std::string& k) {
        if (s_.size() > 1)
            s_ += ',';
        s_ += quote(k);
        s_ += ':';
    }
    void str(const std::string& v) { s_ += quote(v); }
    std::string s_;
};

std::string json_array(const std::vector<std::string>& items) {
    std::string s = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i)
            s += ',';
        s += items[i];
    }
    return s + "]";
}
template <class T>
std::string json_num_array(const std::vector<T>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i)
            s += ',';
        s += std::to_string(v[i]);
    }
    return s + "]";
}

// --------------------------------------------------------- /proc utils -----
long rss_kb(int pid) {
    if (pid <= 0)
        return -1;
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atol(line.c_str() + 6);
    return -1;
}
// Thread count of a process ("Threads:" in /proc/PID/status).
long proc_threads(int pid) {
    if (pid <= 0)
        return -1;
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("Threads:", 0) == 0)
            return std::atol(line.c_str() + 8);
    return -1;
}
// System-wide kernel memory (kB): Slab (socket/epoll/file objects live here) and
// KernelStack (one per thread) from /proc/meminfo; TCP buffer pages from sockstat.
struct SysMem {
    long slab_kb = -1, kstack_kb = -1, tcp_mem_kb = -1;
};
SysMem sys_mem() {
    SysMem m;
    std::ifstream f("/proc/meminfo");
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind("Slab:", 0) == 0)
            m.slab_kb = std::atol(line.c_str() + 5);
        if (line.rfind("KernelStack:", 0) == 0)
            m.kstack_kb = std::atol(line.c_str() + 12);
    }
    std::ifstream g("/proc/net/sockstat");
    while (std::getline(g, line)) {
        if (line.rfind("TCP:", 0) != 0)
            continue;
        size_t p = line.find(" mem ");
        if (p != std::string::npos)
            m.tcp_mem_kb = std::atol(line.c_str() + p + 5) * (sysconf(_SC_PAGESIZE) / 1024);
    }
    return m;
}

// utime+stime in clock ticks (fields 14 and 15 of /proc/PID/stat).
long long cpu_ticks(int pid) {
    std::string path = pid > 0 ? "/proc/" + std::to_string(pid) + "/stat" : "/proc/self/stat";
    std::ifstream f(path);
    std::string s;
    std::getline(f, s);
    size_t p = s.rfind(')');
    if (p == std::string::npos)
        return -1;
    std::istringstream is(s.substr(p + 2));
    std::string tok;
    long long ut = 0, st = 0;
    for (int field = 3; is >> tok; ++field) {
        if (field == 14)
            ut = std::atoll(tok.c_str());
        if (field == 15) {
            st = std::atoll(tok.c_str());
            break;
        }
    }
    return ut + st;
}
// Busy ticks of the whole machine (user+nice+system+irq+softirq+steal, "cpu" line of /proc/stat).
long long machine_busy_ticks() {
    std::ifstream f("/proc/stat");
    std::string tag;
    long long v[8] = {0};
    f >> tag;
    for (int k = 0; k < 8 && f; ++k)
        f >> v[k];
    return v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
}
// Nanoseconds this process spent runnable but waiting for a CPU (2nd field of
// /proc/self/schedstat; single-threaded, so the main thread's figure).
long long self_runqueue_wait_ns() {
    std::ifstream f("/proc/self/schedstat");
    long long run = 0, wait = -1;
    f >> run >> wait;
    return wait;
}
struct CpuSnap {
    uint64_t t = 0;
    long long server = -1, self = -1, machine = -1, self_wait_ns = -1;
};
CpuSnap cpu_snap(int server_pid) {
    CpuSnap c;
    c.t = now_ns();
    c.server = server_pid > 0 ? cpu_ticks(server_pid) : -1;
    c.self = cpu_ticks(0);
    c.machine = machine_busy_ticks();
    c.self_wait_ns = self_runqueue_wait_ns();
    return c;
}
// Adds server_cpu_pct / loadgen_cpu_pct (100 = one full core).
void add_cpu(Json& j, const std::string& prefix, const CpuSnap& a, const CpuSnap& b) {
    double secs = double(b.t - a.t) / 1e9;
    double hz = double(sysconf(_SC_CLK_TCK));
    if (secs <= 0)
        return;
    if (a.server >= 0 && b.server >= 0)
        j.kv(prefix + "server_cpu_pct", 100.0 * double(b.server - a.server) / hz / secs);
    j.kv(prefix + "loadgen_cpu_pct", 100.0 * double(b.self - a.self) / hz / secs);
    // share of the window the loadgen was runnable but not running (CPU starvation)
    if (a.self_wait_ns >= 0 && b.self_wait_ns >= 0)
        j.kv(prefix + "loadgen_runqueue_wait_pct",
             100.0 * double(b.self_wait_ns - a.self_wait_ns) / 1e9 / secs);
    // everything else on the machine (other work sharing it), 100 = one core
    if (a.server >= 0 && b.server >= 0 && a.machine >= 0)
        j.kv(prefix + "other_cpu_pct",
             100.0 * double((b.machine - a.machine) - (b.server - a.server) - (b.self - a.self)) /
                 hz / secs);
}

// ----------------------------------------------------- message body codec --
// Body: "LG<send_ns>.<sender>.<seq>" + ' ' + 'x' padding up to `size` bytes.
struct Stamp {
    uint64_t send_ns = 0;
    uint32_t sender = 0;
    uint64_t seq = 0;
    bool group = false;
};
size_t make_body(char* buf, size_t cap, uint64_t ts, uint32_t sender, uint64_t seq, size_t size) {
    int n = snprintf(buf, cap, "LG%" PRIu64 ".%u.%" PRIu64, ts, sender, seq);
    size_t len = size_t(n);
    if (size > len + 1 && size < cap) {
        buf[len++] = ' ';
        while (len < size)
            buf[len++] = 'x';
    }
    return len;
}
inline bool parse_u64(std::string_view s, size_t& i, uint64_t& out) {
    size_t st = i;
    uint64_t v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + uint64_t(s[i++] - '0');
    out = v;
    return i > st;
}
bool decode_body(std::string_view b, Stamp& st) {
    if (b.size() < 7 || b[0] != 'L' || b[1] != 'G')
        return false;
    size_t i = 2;
    uint64_t ts, snd, seq;
    if (!parse_u64(b, i, ts) || i >= b.size() || b[i++] != '.')
        return false;
    if (!parse_u64(b, i, snd) || i >= b.size() || b[i++] != '.')
        return false;
    if (!parse_u64(b, i, seq))
        return false;
    st.send_ns = ts;
    st.sender = uint32_t(snd);
    st.seq = seq;
    return true;
}

// --------------------------------------------------------- driver API ------
enum class Ev { None, Registered, Joined, Delivered, Error };
struct LineResult {
    Ev ev = Ev::None;
    Stamp stamp;           // valid for Delivered
    std::string_view text; // valid for Error (points into the line)
};

// A protocol driver.  All output is appended to `out`; the core owns sockets,
// buffering, rate control and measurement.  Client indices are 0..N-1.
class Driver {
public:
    virtual ~Driver() = default;
    virtual const char* name() const = 0;
    // Called once before connecting: prepare per-client identities.
    virtual void prepare(uint32_t nclients) = 0;
    // Registration handshake to send right after the TCP connection is up.
    virtual void hello(uint32_t idx, std::string& out) = 0;
    // Join the group (channel / room).
    virtual void join(uint32_t idx, const std::string& group, std::string& out) = 0;
    // Direct message from -> to.  `body` comes from make_body().
    virtual void direct(uint32_t from, uint32_t to, std::string_view body, std::string& out) = 0;
    // Group message.
    virtual void group_msg(uint32_t from, const std::string& group, std::string_view body,
                           std::string& out) = 0;
    // One received line (without line terminator).  May append a protocol
    // reply (e.g. PONG) to `reply`.  Recognises registration done, join done,
    // delivered messages (use decode_body() on the body) and errors.
    virtual LineResult on_line(uint32_t idx, std::string_view line, std::string& reply) = 0;
    // Name of the default group.
    virtual std::string default_group() const = 0;
};

inline bool starts_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// IRC (RFC 1459/2812 client subset): NICK/USER, PING->PONG, JOIN, PRIVMSG.
class IrcDriver final : public Driver {
public:
    explicit IrcDriver(uint32_t run_id) {
        // 2-letter per-run nick prefix so consecutive runs never collide on nicks
        // the server has not yet released.
        prefix_ = {char('a' + run_id % 26), char('a' + (run_id / 26) % 26)};
    }
    const char* name() const override { return "irc"; }
    void prepare(uint32_t n) override {
        nicks_.resize(n);
        for (uint32_t i = 0; i < n; ++i)
            nicks_[i] = prefix_ + std::to_string(i);
    }
    void hello(uint32_t i, std::string& out) override {
        out += "NICK ";
        out += nicks_[i];
        out += "\r\nUSER ";
        out += nicks_[i];
        out += " 0 * :loadgen\r\n";
    }
    void join(uint32_t, const std::string& g, std::string& out) override {
        out += "JOIN ";
        out += g;
        out += "\r\n";
    }
    void direct(uint32_t, uint32_t to, std::string_view body, std::string& out) override {
        out += "PRIVMSG ";
        out += nicks_[to];
        out += " :";
        out += body;
        out += "\r\n";
    }
    void group_msg(uint32_t, const std::string& g, std::string_view body,
                   std::string& out) override {
        out += "PRIVMSG ";
        out += g;
        out += " :";
        out += body;
        out += "\r\n";
    }
    std::string default_group() const override { return "#bench"; }

    LineResult on_line(uint32_t, std::string_view l, std::string& reply) override {
        LineResult r;
        if (l.empty())
            return r;
        std::string_view rest = l;
        if (l[0] == ':') {
            size_t sp = l.find(' ');
            if (sp == std::string_view::npos)
                return r;
            rest = l.substr(sp + 1);
        }
        size_t sp2 = rest.find(' ');
        std::string_view cmd = rest.substr(0, sp2);
        std::string_view args =
            sp2 == std::string_view::npos ? std::string_view() : rest.substr(sp2 + 1);
        if (cmd == "PRIVMSG") {
            size_t c = args.find(" :");
            if (c == std::string_view::npos)
                return r;
            if (decode_body(args.substr(c + 2), r.stamp)) {
                r.ev = Ev::Delivered;
                r.stamp.group = c > 0 && (args[0] == '#' || args[0] == '&');
            }
            return r;
        }
        if (cmd == "PING") {
            reply += "PONG ";
            reply.append(args.data(), args.size());
            reply += "\r\n";
            return r;
        }
        if (cmd.size() == 3 && isdigit((unsigned char)cmd[0]) && isdigit((unsigned char)cmd[1]) &&
            isdigit((unsigned char)cmd[2])) {
            int code = (cmd[0] - '0') * 100 + (cmd[1] - '0') * 10 + (cmd[2] - '0');
            if (code == 1)
                r.ev = Ev::Registered;
            else if (code == 366)
                r.ev = Ev::Joined;
            else if (code >= 400 && code < 600 && code != 422) {
                r.ev = Ev::Error;
                r.text = l;
            }
            return r;
        }
        if (cmd == "ERROR") {
            r.ev = Ev::Error;
            r.text = l;
        }
        return r;
    }

private:
    std::string prefix_;
    std::vector<std::string> nicks_;
};

// Toom (TOOM/1, see the Toom checkout's docs/PROTOCOL.md).  Login: the server greets with
// HELLO; we then send the username and the password lines (pipelined; every request gets
// exactly one reply, in order).  With self-registration on, an unknown name gets
// "OK USER ... next=new_password" and the password line creates the account; "OK PASS" means
// logged in.  Direct: "PM <user> <body>" -> "EVENT MESSAGE from= ts= offline= text=<escaped>".
// Fanout: a named group.  Members must be online when it is made, so client 0 sends
// "CREATEGROUP <g> <every other logged-in client>" (needs toom.max_line_bytes and
// rooms.max_members large enough; CREATEGROUP takes at most 1000 arguments, i.e. 999
// invitees); every other client answers its "EVENT INVITE group=<g>" with "JOINGROUP <g>".
// "GROUPMSG <g> <body>" -> "EVENT ROOM kind=group room=<g> n= from= ts= text=<escaped>".
// --toom-fanout board uses the public board instead ("POST <body>" -> "EVENT BOARD ...",
// pushed to every online user; join is a no-op).
// Field values escape space as \s: decode_body() stops at the first non-digit after the seq,
// so the timestamp/sender/seq prefix needs no unescaping.  Replies to our own requests
// (OK PM / OK GROUPMSG / OK POST) are ignored; any FAIL or CLOSING/SHUTDOWN/TIMEOUT counts as
// an error.
class ToomDriver final : public Driver {
public:
    ToomDriver(uint32_t run_id, std::string prefix, std::string password, bool board)
        : board_(board)
        , password_(std::move(password)) {
        if (prefix.empty())
            prefix = {char('a' + run_id % 26), char('a' + (run_id / 26) % 26), 'u'};
        prefix_ = prefix;
        group_ =
            "bench" + std::string{char('a' + (run_id / 7) % 26), char('a' + (run_id / 183) % 26),
                                  char('a' + (run_id / 4759) % 26)};
    }
    const char* name() const override { return "toom"; }
    void prepare(uint32_t n) override {
        names_.resize(n);
        for (uint32_t i = 0; i < n; ++i)
            names_[i] = prefix_ + std::to_string(i);
        st_.assign(n, 0);
    }
    void hello(uint32_t, std::string&) override {} // wait for HELLO
    void join(uint32_t i, const std::string& g, std::string& out) override {
        if (board_) {
            out += "BLOCKS\n";
            return;
        } // a cheap one-reply request stands in for join
        if (i == 0) {
            out += "CREATEGROUP ";
            out += g;
            uint32_t k = 0;
            for (uint32_t m = 1; m < names_.size() && k < 999; ++m)
                if (st_[m] & LOGGED_IN) {
                    out += ' ';
                    out += names_[m];
                    ++k;
                }
            out += '\n';
            return;
        }
        if (st_[i] & INVITED) {
            out += "JOINGROUP ";
            out += g;
            out += '\n';
            st_[i] |= JOIN_SENT;
        } else
            st_[i] |= WANT_JOIN;
    }
    void direct(uint32_t, uint32_t to, std::string_view body, std::string& out) override {
        out += "PM ";
        out += names_[to];
        out += ' ';
        out += body;
        out += '\n';
    }
    void group_msg(uint32_t, const std::string& g, std::string_view body,
                   std::string& out) override {
        if (board_) {
            out += "POST ";
            out += body;
            out += '\n';
            return;
        }
        out += "GROUPMSG ";
        out += g;
        out += ' ';
        out += body;
        out += '\n';
    }
    std::string default_group() const override { return group_; }

    LineResult on_line(uint32_t i, std::string_view l, std::string& reply) override {
        LineResult r;
        if (starts_with(l, "EVENT ")) {
            std::string_view rest = l.substr(6);
            bool msg = starts_with(rest, "MESSAGE "), room = starts_with(rest, "ROOM "),
                 board = starts_with(rest, "BOARD ");
            if (msg || room || board) {
                size_t t = l.find(" text=");
                if (t != std::string_view::npos && decode_body(l.substr(t + 6), r.stamp)) {
                    r.ev = Ev::Delivered;
                    r.stamp.group = !msg;
                }
                return r;
            }
            if (starts_with(rest, "INVITE ")) {
                st_[i] |= INVITED;
                if ((st_[i] & WANT_JOIN) && !(st_[i] & JOIN_SENT)) {
                    reply += "JOINGROUP ";
                    reply += group_;
                    reply += '\n';
                    st_[i] |= JOIN_SENT;
                }
                return r;
            }
            if (starts_with(rest, "CLOSING") || starts_with(rest, "SHUTDOWN") ||
                starts_with(rest, "TIMEOUT")) {
                r.ev = Ev::Error;
                r.text = l;
            }
            return r; // PRESENCE etc.
        }
        if (starts_with(l, "OK ")) {
            std::string_view rest = l.substr(3);
            if (starts_with(rest, "PASS ")) {
                st_[i] |= LOGGED_IN;
                r.ev = Ev::Registered;
            } else if (starts_with(rest, "JOINGROUP ") || starts_with(rest, "CREATEGROUP "))
                r.ev = Ev::Joined;
            else if (board_ && starts_with(rest, "BLOCKS"))
                r.ev = Ev::Joined;
            return r; // OK USER, OK PM, OK GROUPMSG, OK POST
        }
        if (starts_with(l, "HELLO ")) {
            reply += names_[i];
            reply += '\n';
            reply += password_;
            reply += '\n';
            return r;
        }
        if (starts_with(l, "FAIL ")) {
            r.ev = Ev::Error;
            r.text = l;
        }
        return r; // DATA rows
    }

private:
    enum : uint8_t { LOGGED_IN = 1, INVITED = 2, WANT_JOIN = 4, JOIN_SENT = 8 };
    bool board_;
    std::string prefix_, password_, group_;
    std::vector<std::string> names_;
    std::vector<uint8_t> st_;
};

std::unique_ptr<Driver> make_driver_impl(const std::string& name, uint32_t run_id,
                                         const std::string& toom_prefix,
                                         const std::string& toom_password, bool toom_board) {
    if (name == "irc")
        return std::make_unique<IrcDriver>(run_id);
    if (name == "toom")
        return std::make_unique<ToomDriver>(run_id, toom_prefix, toom_password, toom_board);
    // Add new protocols here.
    return nullptr;
}

// ------------------------------------------------------------- options -----
struct Opts {
    std::map<std::string, std::string> kv;
    std::string s(const std::string& k, const std::string& d) const {
        auto it = kv.find(k);
        return it == kv.end() ? d : it->second;
    }
    double d(const std::string& k, double dflt) const {
        auto it = kv.find(k);
        return it == kv.end() ? dflt : std::atof(it->second.c_str());
    }
    long long i(const std::string& k, long long dflt) const {
        auto it = kv.find(k);
        return it == kv.end() ? dflt : std::atoll(it->second.c_str());
    }
};

const char* kUsage = R"(loadgen -- bounded epoll load generator (loopback only)
  --scenario connections|fanout|direct|maxrate   (required)
  --host 127.0.0.1 --port P --proto irc|toom
  --toom-fanout group|board   toom: fanout through a named group (default) or the board
  --toom-prefix P         toom: usernames P0..P(N-1) (default: a fresh 3-letter prefix per run,
                          so every run self-registers new accounts)
  --toom-password W       toom: password for every account (default benchpw)
  --server-pid PID        server process for RSS / CPU sampling (optional)
  --label NAME            free text copied into the JSON ("server")
  --clients N             number of clients (default 1000)
  --concurrency C         max connects/registrations/joins in flight (default 8;
                          ngircd listens with backlog 10, larger values overflow it)
  --setup-timeout S       bound for connect+register and for join (default 60)
  --hold S                connections: hold time after registration (default 5)
  --senders S             fanout: number of senders (default 10)
  --rate R                fanout: msg/s PER SENDER; direct: aggregate msg/s
  --mode direct|fanout    maxrate: which traffic to ramp (default direct)
  --start-rate R --factor F --max-steps K   maxrate ramp (defaults 5000, 1.5, 12)
                          (for fanout mode the rate is per sender)
  --warmup S --duration S --drain S         per measurement (defaults 1, 5, 5)
  --msg-size B            message body bytes (default 64)
  --sendq-cap B           skip a send when that client's unsent bytes exceed B (default 262144)
  --quickack 0|1          re-arm TCP_QUICKACK after every read (default 0).  Servers
                          that do not set TCP_NODELAY (ngircd, inspircd) show ~40 ms
                          Nagle/delayed-ACK stalls; 1 removes that from the numbers.
  --max-runtime S         hard watchdog for the whole process (default 600)
)";

// ---------------------------------------------------------------- core -----
enum : uint8_t { ST_FREE, ST_CONNECTING, ST_REGISTERING, ST_READY, ST_JOINING, ST_JOINED, ST_DEAD };

struct Client {
    int fd = -1;
    uint8_t st = ST_FREE;
    bool wantw = false;
    std::string in, out;
};

struct StepResult {
    std::string json;
    double delivered_per_s = 0, expected_per_s = 0, sent_per_s = 0, p99_ms = 0;
    uint64_t died = 0;
};

class Runner {
public:
    Runner(const Opts& o, Driver& d)
        : o_(o)
        , drv_(d) {
        ep_ = epoll_create1(EPOLL_CLOEXEC);
        if (ep_ < 0) {
            perror("epoll_create1");
            exit(2);
        }
        memset(&addr_, 0, sizeof addr_);
        addr_.sin_family = AF_INET;
        addr_.sin_port = htons(uint16_t(o.i("port", 6667)));
        std::string host = o.s("host", "127.0.0.1");
        if (inet_pton(AF_INET, host.c_str(), &addr_.sin_addr) != 1) {
            fprintf(stderr, "bad --host %s (numeric IPv4 loopback only)\n", host.c_str());
            exit(2);
        }
        if ((ntohl(addr_.sin_addr.s_addr) >> 24) != 127) {
            fprintf(stderr, "refusing non-loopback target %s\n", host.c_str());
            exit(2);
        }
        server_pid_ = int(o.i("server-pid", 0));
        sendq_cap_ = size_t(o.i("sendq-cap", 262144));
        msg_size_ = size_t(o.i("msg-size", 64));
        quickack_ = o.i("quickack", 0) != 0;
        group_ = drv_.default_group();
        rbuf_.resize(1 << 18);
    }
    ~Runner() {
        close_all();
        if (ep_ >= 0)
            close(ep_);
    }

    int server_pid() const { return server_pid_; }
    uint32_t n() const { return uint32_t(cl_.size()); }
    uint64_t registered_alive() const {
        uint64_t k = 0;
        for (auto& c : cl_)
            k += (c.st == ST_READY || c.st == ST_JOINING || c.st == ST_JOINED);
        return k;
    }
    uint64_t joined_alive() const {
        uint64_t k = 0;
        for (auto& c : cl_)
            k += (c.st == ST_JOINED);
        return k;
    }

    // Opens n clients with at most `conc` connections in connect/registration.
    // Fills setup stats into j.  Returns number registered.
    uint64_t connect_all(uint32_t nclients, uint32_t conc, double timeout_s, Json& j) {
        cl_.assign(nclients, Client());
        drv_.prepare(nclients);
        uint64_t t0 = now_ns(), deadline = t0 + uint64_t(timeout_s * 1e9);
        uint32_t next = 0;
        uint64_t last_report = t0;
        while (now_ns() < deadline) {
            while (next < nclients && inflight_ < conc)
                open_one(next++);
            if (next == nclients && inflight_ == 0)
                break;
            poll(5);
            uint64_t t = now_ns();
            if (t - last_report > 2000000000ull) {
                last_report = t;
                fprintf(stderr,
                        "  connect: %u opened, %" PRIu64 " registered, %" PRIu64 " failed\n", next,
                        registered_, conn_failed_);
            }
        }
        uint64_t t1 = now_ns();
        uint64_t pending = 0;
        for (auto& c : cl_)
            if (c.st == ST_CONNECTING || c.st == ST_REGISTERING)
                ++pending;
        double secs = double(t1 - t0) / 1e9;
        j.kv("clients_requested", uint64_t(nclients));
        j.kv("registered", registered_);
        j.kv("connect_failed", conn_failed_);
        j.kv("not_registered_in_time", pending + (nclients - next));
        j.kv("register_seconds", secs);
        j.kv("register_per_s", secs > 0 ? double(registered_) / secs : 0.0);
        return registered_;
    }

    uint64_t join_all(uint32_t conc, double timeout_s, Json& j) {
        uint64_t t0 = now_ns(), deadline = t0 + uint64_t(timeout_s * 1e9);
        uint32_t next = 0;
        joined_ = 0;
        join_inflight_ = 0;
        uint64_t last_report = t0;
        while (now_ns() < deadline) {
            while (next < n() && join_inflight_ < conc) {
                Client& c = cl_[next];
                if (c.st == ST_READY) {
                    scratch_.clear();
                    drv_.join(next, group_, scratch_);
                    c.st = ST_JOINING;
                    ++join_inflight_;
                    send_raw(next, scratch_.data(), scratch_.size());
                }
                ++next;
            }
            if (next >= n() && join_inflight_ == 0)
                break;
            poll(5);
            uint64_t t = now_ns();
            if (t - last_report > 2000000000ull) {
                last_report = t;
                fprintf(stderr, "  join: %u issued, %" PRIu64 " joined\n", next, joined_);
            }
        }
        double secs = double(now_ns() - t0) / 1e9;
        j.kv("joined", joined_alive());
        j.kv("join_seconds", secs);
        return joined_alive();
    }

    // Runs the event loop for `secs` seconds (answers PINGs, counts deaths).
    void idle(double secs) {
        uint64_t end = now_ns() + uint64_t(secs * 1e9);
        while (now_ns() < end)
            poll(20);
    }

    // One bounded measurement at a fixed aggregate rate.
    //   senders: client indices; group: group messages (else direct to idx^1).
    StepResult measure(const std::vector<uint32_t>& senders, bool group, double rate,
                       double warmup_s, double dur_s, double drain_s) {
        StepResult res;
        Json j;
        const uint64_t died_before = died_;
        hist_.clear();
        win_deliv_ = 0;
        stale_ = 0;
        uint64_t t0 = now_ns();
        step_t0_ = t0;
        win_start_ = t0 + uint64_t(warmup_s * 1e9);
        win_end_ = win_start_ + uint64_t(dur_s * 1e9);
        per_sec_.assign(size_t(std::ceil(dur_s)), 0);
        const uint64_t deliv_before = total_deliv_;
        const uint64_t fan_before = group ? joined_alive() : 0;
        uint64_t sched = 0, sent = 0, sent_win = 0, skip_bp = 0, skip_dead = 0, skip_lag = 0;
        uint64_t expected = 0; // deliveries expected for what was sent
        const uint64_t max_burst = std::max<uint64_t>(1, uint64_t(rate * 0.05)); // 50 ms of backlog
        size_t rr = 0;
        std::string body(msg_size_ + 64, '\0');
        std::string line;
        bool win_started = false;
        uint64_t died_seen = died_;
        if (group)
            joined_alive_cached_ = joined_alive();
        CpuSnap c0{}, c1{};
        while (true) {
            uint64_t now = now_ns();
            if (!win_started && now >= win_start_) {
                win_started = true;
                c0 = cpu_snap(server_pid_);
            }
            if (now >= win_end_)
                break;
            uint64_t target = uint64_t(double(now - t0) * rate / 1e9);
            uint64_t due = target > sched ? target - sched : 0;
            if (due > max_burst) {
                skip_lag += due - max_burst;
                sched += due - max_burst;
                due = max_burst;
            }
            for (uint64_t k = 0; k < due; ++k, ++sched) {
                uint32_t s = senders[rr++ % senders.size()];
                Client& c = cl_[s];
                uint32_t to = s ^ 1u;
                bool alive = group ? c.st == ST_JOINED
                                   : (c.st >= ST_READY && c.st <= ST_JOINED && to < n() &&
                                      cl_[to].st >= ST_READY && cl_[to].st <= ST_JOINED);
                if (!alive) {
                    ++skip_dead;
                    continue;
                }
                if (c.out.size() > sendq_cap_) {
                    ++skip_bp;
                    continue;
                }
                uint64_t ts = now_ns();
                size_t bl = make_body(&body[0], body.size(), ts, s, ++seq_, msg_size_);
                line.clear();
                if (group)
                    drv_.group_msg(s, group_, std::string_view(body.data(), bl), line);
                else
                    drv_.direct(s, to, std::string_view(body.data(), bl), line);
                send_raw(s, line.data(), line.size());
                ++sent;
                if (ts >= win_start_)
                    ++sent_win;
                expected += group ? (joined_alive_cached_ > 0 ? joined_alive_cached_ - 1 : 0) : 1;
            }
            if (group && died_ != died_seen) {
                died_seen = died_;
                joined_alive_cached_ = joined_alive();
            }
            poll(1);
        }
        c1 = cpu_snap(server_pid_);
        if (!win_started)
            c0 = c1;
        long rss_end = rss_kb(server_pid_);
        long thr_end = proc_threads(server_pid_);
        // drain: stop sending, collect in-flight deliveries until quiet or bound.
        uint64_t drain_end = win_end_ + uint64_t(drain_s * 1e9);
        while (true) {
            uint64_t now = now_ns();
            if (now >= drain_end)
                break;
            if (total_deliv_ - deliv_before >= expected)
                break;
            if (now - win_end_ > 200000000ull && now - last_deliv_ns_ > 500000000ull)
                break;
            poll(5);
        }
        uint64_t drained_at = now_ns();
        uint64_t delivered = total_deliv_ - deliv_before;
        res.died = died_ - died_before;
        res.delivered_per_s = double(win_deliv_) / dur_s;
        res.sent_per_s = double(sent_win) / dur_s;
        res.p99_ms = ns_to_ms(double(hist_.quantile(0.99)));
        res.expected_per_s = rate * (group ? double(fan_before > 0 ? fan_before - 1 : 0) : 1.0);
        j.kv("rate_attempted_msgs_per_s", rate);
        j.kv("sent_msgs_per_s", res.sent_per_s);
        j.kv("delivered_per_s", res.delivered_per_s);
        j.kv("expected_deliveries_per_s", res.expected_per_s);
        j.kv("msgs_sent", sent);
        j.kv("deliveries_expected", expected);
        j.kv("deliveries_received", delivered);
        j.kv("delivery_ratio", expected ? double(delivered) / double(expected) : 0.0);
        j.kv("skipped_backpressure", skip_bp);
        j.kv("skipped_loadgen_lag", skip_lag);
        j.kv("skipped_dead", skip_dead);
        j.kv("stale_deliveries", stale_);
        j.kv("latency_samples", hist_.count());
        j.kv("lat_p50_ms", ns_to_ms(double(hist_.quantile(0.50))));
        j.kv("lat_p90_ms", ns_to_ms(double(hist_.quantile(0.90))));
        j.kv("lat_p99_ms", ns_to_ms(double(hist_.quantile(0.99))));
        j.kv("lat_p999_ms", ns_to_ms(double(hist_.quantile(0.999))));
        j.kv("lat_max_ms", ns_to_ms(double(hist_.max())));
        j.kv("lat_mean_ms", ns_to_ms(hist_.mean()));
        j.kv("drain_seconds", double(drained_at - win_end_) / 1e9);
        j.kv("clients_died", res.died);
        j.kv("server_rss_kb_end", int64_t(rss_end));
        j.kv("server_threads_end", int64_t(thr_end));
        add_cpu(j, "", c0, c1);
        j.raw("delivered_per_sec_timeline", json_num_array(per_sec_));
        res.json = j.done();
        return res;
    }

    void add_errors(Json& j) {
        j.kv("server_errors", errors_);
        j.kv("clients_died_total", died_);
        std::vector<std::string> q;
        for (auto& e : first_errors_)
            q.push_back(Json::quote(e));
        j.raw("first_errors", json_array(q));
    }

    void close_all() {
        for (auto& c : cl_) {
            if (c.fd >= 0) {
                linger lg{1, 0}; // RST: no TIME_WAIT pile-up between runs
                setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
                close(c.fd);
                c.fd = -1;
            }
            c.st = ST_FREE;
        }
    }

private:
    void open_one(uint32_t i) {
        Client& c = cl_[i];
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            fail_connect(i, "socket", errno);
            return;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int r = connect(fd, reinterpret_cast<sockaddr*>(&addr_), sizeof addr_);
        if (r < 0 && errno != EINPROGRESS) {
            int e = errno;
            close(fd);
            fail_connect(i, "connect", e);
            return;
        }
        c.fd = fd;
        c.st = ST_CONNECTING;
        epoll_event ev{};
        ev.events = EPOLLOUT | EPOLLIN;
        ev.data.u32 = i;
        epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
        ++inflight_;
    }
    void fail_connect(uint32_t i, const char* what, int err) {
        ++conn_failed_;
        if (first_errors_.size() < 5)
            first_errors_.push_back(std::string(what) + ": " + strerror(err));
        cl_[i].st = ST_DEAD;
    }
    void set_wantw(uint32_t i, bool w) {
        Client& c = cl_[i];
        if (c.wantw == w || c.fd < 0)
            return;
        c.wantw = w;
        epoll_event ev{};
        ev.events = EPOLLIN | (w ? uint32_t(EPOLLOUT) : 0u);
        ev.data.u32 = i;
        epoll_ctl(ep_, EPOLL_CTL_MOD, c.fd, &ev);
    }
    void kill(uint32_t i, const char* why) {
        Client& c = cl_[i];
        if (c.st == ST_DEAD || c.st == ST_FREE)
            return;
        if (c.st == ST_CONNECTING) {
            ++conn_failed_;
            --inflight_;
        } else if (c.st == ST_REGISTERING) {
            ++conn_failed_;
            --inflight_;
        } else if (c.st == ST_JOINING) {
            --join_inflight_;
            ++died_;
        } else
            ++died_;
        if (first_errors_.size() < 5)
            first_errors_.push_back(std::string("closed: ") + why);
        if (c.fd >= 0) {
            epoll_ctl(ep_, EPOLL_CTL_DEL, c.fd, nullptr);
            close(c.fd);
        }
        c.fd = -1;
        c.st = ST_DEAD;
        c.in.clear();
        c.in.shrink_to_fit();
        c.out.clear();
        c.out.shrink_to_fit();
    }
    bool send_raw(uint32_t i, const char* p, size_t len) {
        Client& c = cl_[i];
        if (c.fd < 0)
            return false;
        if (!c.out.empty() || c.st == ST_CONNECTING) {
            c.out.append(p, len);
            return true;
        }
        ssize_t w = ::send(c.fd, p, len, MSG_NOSIGNAL);
        if (w == ssize_t(len))
            return true;
        if (w < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                kill(i, strerror(errno));
                return false;
            }
            w = 0;
        }
        c.out.append(p + w, len - size_t(w));
        set_wantw(i, true);
        return true;
    }
    void flush(uint32_t i) {
        Client& c = cl_[i];
        while (!c.out.empty()) {
            ssize_t w = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
            if (w < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return;
                kill(i, strerror(errno));
                return;
            }
            c.out.erase(0, size_t(w));
        }
        set_wantw(i, false);
    }

    void poll(int timeout_ms) {
        epoll_event evs[1024];
        int k = epoll_wait(ep_, evs, 1024, timeout_ms);
        if (k <= 0)
            return;
        for (int e = 0; e < k; ++e) {
            uint32_t i = evs[e].data.u32;
            Client& c = cl_[i];
            if (c.fd < 0)
                continue;
            uint32_t ev = evs[e].events;
            if (c.st == ST_CONNECTING) {
                int err = 0;
                socklen_t el = sizeof err;
                getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &el);
                if (err) {
                    errno = err;
                    kill(i, strerror(err));
                    continue;
                }
                if (!(ev & (EPOLLOUT | EPOLLIN)))
                    continue;
                c.st = ST_REGISTERING;
                std::string pending;
                pending.swap(c.out);
                scratch_.clear();
                drv_.hello(i, scratch_);
                scratch_ += pending;
                c.wantw = true; // force MOD below
                set_wantw(i, false);
                send_raw(i, scratch_.data(), scratch_.size());
                if (c.fd < 0)
                    continue;
            }
            if (ev & EPOLLIN) {
                ssize_t r = ::read(c.fd, &rbuf_[0], rbuf_.size());
                if (r == 0) {
                    kill(i, "EOF from server");
                    continue;
                }
                if (r < 0) {
                    if (errno != EAGAIN && errno != EWOULDBLOCK) {
                        kill(i, strerror(errno));
                        continue;
                    }
                } else {
                    t_read_ = now_ns();
                    if (quickack_) { // defeat delayed ACKs (diagnostic: exposes server-side Nagle)
                        int one = 1;
                        setsockopt(c.fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
                    }
                    on_data(i, rbuf_.data(), size_t(r));
                    if (cl_[i].fd < 0)
                        continue;
                }
            } else if (ev & (EPOLLERR | EPOLLHUP)) {
                kill(i, "EPOLLERR/HUP");
                continue;
            }
            if ((ev & EPOLLOUT) && c.wantw)
                flush(i);
        }
    }

    void on_data(uint32_t i, const char* p, size_t n) {
        Client& c = cl_[i];
        const char* data;
        size_t len;
        bool buffered = !c.in.empty();
        if (buffered) {
            c.in.append(p, n);
            data = c.in.data();
            len = c.in.size();
        } else {
            data = p;
            len = n;
        }
        size_t start = 0;
        while (start < len) {
            const char* nl = static_cast<const char*>(memchr(data + start, '\n', len - start));
            if (!nl)
                break;
            size_t e = size_t(nl - data);
            size_t le = e;
            if (le > start && data[le - 1] == '\r')
                --le;
            handle_line(i, std::string_view(data + start, le - start));
            if (cl_[i].fd < 0)
                return;
            start = e + 1;
        }
        if (buffered)
            c.in.erase(0, start);
        else if (start < len)
            c.in.assign(data + start, len - start);
        if (c.in.size() > (1u << 20))
            kill(i, "line too long");
    }

    void handle_line(uint32_t i, std::string_view line) {
        reply_.clear();
        LineResult r = drv_.on_line(i, line, reply_);
        if (!reply_.empty())
            send_raw(i, reply_.data(), reply_.size());
        Client& c = cl_[i];
        switch (r.ev) {
        case Ev::Registered:
            if (c.st == ST_REGISTERING) {
                c.st = ST_READY;
                ++registered_;
                --inflight_;
            }
            break;
        case Ev::Joined:
            if (c.st == ST_JOINING) {
                c.st = ST_JOINED;
                ++joined_;
                --join_inflight_;
            }
            break;
        case Ev::Delivered: {
            last_deliv_ns_ = t_read_;
            if (r.stamp.send_ns < step_t0_) {
                ++stale_;
                break;
            } // sent in an earlier step
            ++total_deliv_;
            if (t_read_ >= win_start_ && t_read_ < win_end_) {
                ++win_deliv_;
                hist_.add(t_read_ > r.stamp.send_ns ? t_read_ - r.stamp.send_ns : 0);
                size_t sec = size_t((t_read_ - win_start_) / 1000000000ull);
                if (sec < per_sec_.size())
                    ++per_sec_[sec];
            }
            break;
        }
        case Ev::Error:
            ++errors_;
            if (first_errors_.size() < 5)
                first_errors_.push_back(std::string(r.text.substr(0, 200)));
            break;
        case Ev::None:
            break;
        }
    }

    const Opts& o_;
    Driver& drv_;
    int ep_ = -1;
    sockaddr_in addr_;
    int server_pid_ = 0;
    bool quickack_ = false;
    size_t sendq_cap_, msg_size_;
    std::string group_;
    std::vector<Client> cl_;
    std::string rbuf_, scratch_, reply_;
    uint32_t inflight_ = 0, join_inflight_ = 0;
    uint64_t registered_ = 0, joined_ = 0, conn_failed_ = 0, died_ = 0, errors_ = 0;
    std::vector<std::string> first_errors_;
    // measurement state
    uint64_t seq_ = 0, total_deliv_ = 0, win_deliv_ = 0, stale_ = 0;
    uint64_t t_read_ = 0, last_deliv_ns_ = 0, step_t0_ = 0, win_start_ = UINT64_MAX, win_end_ = 0;
    uint64_t joined_alive_cached_ = 0;
    std::vector<uint64_t> per_sec_;
    Histogram hist_;

public:
    void refresh_joined_cache() { joined_alive_cached_ = joined_alive(); }
};

// ----------------------------------------------------------- scenarios -----
Json header(const Opts& o, const std::string& scenario, const Driver& d) {
    Json j;
    j.kv("scenario", scenario);
    j.kv("server", o.s("label", ""));
    j.kv("proto", d.name());
    j.kv("port", int64_t(o.i("port", 6667)));
    j.kv("clients", int64_t(o.i("clients", 1000)));
    j.kv("concurrency", int64_t(o.i("concurrency", 8)));
    j.kv("quickack", o.i("quickack", 0) != 0);
    { // machine load when the run started (other work may share this machine)
        std::ifstream f("/proc/loadavg");
        std::string la;
        std::getline(f, la);
        j.kv("loadavg_at_start", la);
    }
    return j;
}

int run_connections(const Opts& o, Driver& d) {
    Runner r(o, d);
    Json j = header(o, "connections", d);
    uint32_t n = uint32_t(o.i("clients", 1000));
    long rss0 = rss_kb(r.server_pid());
    long thr0 = proc_threads(r.server_pid());
    SysMem k0 = sys_mem();
    CpuSnap c0 = cpu_snap(r.server_pid());
    uint64_t reg = r.connect_all(n, uint32_t(o.i("concurrency", 8)), o.d("setup-timeout", 60), j);
    CpuSnap c1 = cpu_snap(r.server_pid());
    long rss1 = rss_kb(r.server_pid());
    double hold = o.d("hold", 5);
    r.idle(hold);
    CpuSnap c2 = cpu_snap(r.server_pid());
    long rss2 = rss_kb(r.server_pid());
    long thr2 = proc_threads(r.server_pid());
    SysMem k2 = sys_mem();
    uint64_t alive = r.registered_alive();
    j.kv("hold_seconds", hold);
    j.kv("registered_after_hold", alive);
    j.kv("server_rss_kb_before", int64_t(rss0));
    j.kv("server_rss_kb_registered", int64_t(rss1));
    j.kv("server_rss_kb_after_hold", int64_t(rss2));
    j.kv("server_threads_before", int64_t(thr0));
    j.kv("server_threads_after_hold", int64_t(thr2));
    if (rss0 > 0 && rss2 > 0 && alive > 0)
        j.kv("server_bytes_per_conn", double(rss2 - rss0) * 1024.0 / double(alive));
    // kernel side, both ends of every loopback connection, whole machine (noisy)
    j.kv("sys_slab_kb_delta", int64_t(k2.slab_kb - k0.slab_kb));
    j.kv("sys_kernelstack_kb_delta", int64_t(k2.kstack_kb - k0.kstack_kb));
    j.kv("sys_tcp_mem_kb_delta", int64_t(k2.tcp_mem_kb - k0.tcp_mem_kb));
    if (alive > 0)
        j.kv("sys_slab_bytes_per_conn", double(k2.slab_kb - k0.slab_kb) * 1024.0 / double(alive));
    add_cpu(j, "register_", c0, c1);
    add_cpu(j, "hold_", c1, c2);
    j.kv("loadgen_rss_kb", int64_t(rss_kb(getpid())));
    r.add_errors(j);
    printf("%s\n", j.done().c_str());
    fflush(stdout);
    return reg == n ? 0 : 1;
}

bool setup_clients(Runner& r, const Opts& o, Json& j, bool join) {
    uint32_t n = uint32_t(o.i("clients", 1000));
    uint32_t conc = uint32_t(o.i("concurrency", 8));
    double to = o.d("setup-timeout", 60);
    uint64_t reg = r.connect_all(n, conc, to, j);
    if (reg < 2)
        return false;
    if (join) {
        if (r.join_all(conc, to, j) < 2)
            return false;
        r.refresh_joined_cache();
    }
    r.idle(0.5); // let join broadcasts settle
    return true;
}

int run_fanout(const Opts& o, Driver& d) {
    Runner r(o, d);
    Json j = header(o, "fanout", d);
    if (!setup_clients(r, o, j, true)) {
        r.add_errors(j);
        printf("%s\n", j.done().c_str());
        return 1;
    }
    uint32_t s = uint32_t(std::min<long long>(o.i("senders", 10), r.n()));
    double per_sender = o.d("rate", 10);
    std::vector<uint32_t> senders;
    for (uint32_t i = 0; i < s; ++i)
        senders.push_back(i);
    j.kv("senders", uint64_t(s));
    j.kv("rate_per_sender", per_sender);
    j.kv("msg_size", uint64_t(o.i("msg-size", 64)));
    StepResult m = r.measure(senders, true, per_sender * s, o.d("warmup", 1), o.d("duration", 5),
                             o.d("drain", 5));
    j.raw("result", m.json);
    r.add_errors(j);
    printf("%s\n", j.done().c_str());
    fflush(stdout);
    return 0;
}

int run_direct(const Opts& o, Driver& d) {
    Runner r(o, d);
    Json j = header(o, "direct", d);
    if (!setup_clients(r, o, j, false)) {
        r.add_errors(j);
        printf("%s\n", j.done().c_str());
        return 1;
    }
    std::vector<uint32_t> senders;
    for (uint32_t i = 0; i < r.n(); ++i)
        senders.push_back(i);
    j.kv("msg_size", uint64_t(o.i("msg-size", 64)));
    StepResult m = r.measure(senders, false, o.d("rate", 10000), o.d("warmup", 1),
                             o.d("duration", 5), o.d("drain", 5));
    j.raw("result", m.json);
    r.add_errors(j);
    printf("%s\n", j.done().c_str());
    fflush(stdout);
    return 0;
}

int run_maxrate(const Opts& o, Driver& d) {
    Runner r(o, d);
    std::string mode = o.s("mode", "direct");
    bool group = mode == "fanout";
    Json j = header(o, "maxrate", d);
    j.kv("mode", mode);
    if (!setup_clients(r, o, j, group)) {
        r.add_errors(j);
        printf("%s\n", j.done().c_str());
        return 1;
    }
    std::vector<uint32_t> senders;
    uint32_t s = group ? uint32_t(std::min<long long>(o.i("senders", 10), r.n())) : r.n();
    for (uint32_t i = 0; i < s; ++i)
        senders.push_back(i);
    double rate = o.d("start-rate", 5000), factor = o.d("factor", 1.5);
    int max_steps = int(o.i("max-steps", 12));
    double best = 0, best_rate = 0, clean = 0, clean_rate = 0;
    int no_growth = 0;
    std::vector<std::string> steps;
    j.kv("senders", uint64_t(s));
    j.kv("msg_size", uint64_t(o.i("msg-size", 64)));
    std::string stop = "max-steps";
    for (int k = 0; k < max_steps; ++k) {
        double agg = group ? rate * s : rate;
        fprintf(stderr, "  step %d: %s rate %.0f msg/s%s\n", k, mode.c_str(), agg,
                group ? " (aggregate)" : "");
        StepResult m =
            r.measure(senders, group, agg, o.d("warmup", 1), o.d("duration", 4), o.d("drain", 8));
        steps.push_back(m.json);
        fprintf(stderr, "    delivered %.0f/s (expected %.0f/s)\n", m.delivered_per_s,
                m.expected_per_s);
        if (m.delivered_per_s > best * 1.03) {
            best_rate = agg;
            no_growth = 0;
        } else
            ++no_growth;
        best = std::max(best, m.delivered_per_s);
        // "clean": everything offered was sent and >=97% delivered inside the window, p99 <= 100 ms
        if (m.sent_per_s >= 0.97 * agg && m.delivered_per_s >= 0.97 * m.expected_per_s &&
            m.p99_ms <= 100.0 && m.delivered_per_s > clean) {
            clean = m.delivered_per_s;
            clean_rate = agg;
        }
        if (m.died > 0) {
            stop = "clients died";
            break;
        }
        if (no_growth >= 1 && k >= 1) {
            stop = "delivered rate stopped growing";
            break;
        }
        if (m.delivered_per_s < 0.5 * m.expected_per_s) {
            stop = "delivered < 50% of offered";
            break;
        }
        rate *= factor;
    }
    j.kv("plateau_delivered_per_s", best);
    j.kv("plateau_at_offered_msgs_per_s", best_rate);
    j.kv("max_clean_delivered_per_s", clean);
    j.kv("max_clean_offered_msgs_per_s", clean_rate);
    j.kv("stop_reason", stop);
    j.raw("steps", json_array(steps));
    r.add_errors(j);
    printf("%s\n", j.done().c_str());
    fflush(stdout);
    return 0;
}

void on_alarm(int) {
    static const char msg[] = "{\"error\":\"loadgen watchdog (--max-runtime) fired\"}\n";
    ssize_t rc = write(1, msg, sizeof msg - 1);
    (void)rc;
    _exit(3);
}

} // namespace

int main(int argc, char** argv) {
    Opts o;
    for (int a = 1; a < argc; ++a) {
        std::string k = argv[a];
        if (k == "-h" || k == "--help") {
            fputs(kUsage, stdout);
            return 0;
        }
        if (k.rfind("--", 0) != 0 || a + 1 >= argc) {
            fprintf(stderr, "bad argument %s\n%s", k.c_str(), kUsage);
            return 2;
        }
        o.kv[k.substr(2)] = argv[++a];
    }
    signal(SIGPIPE, SIG_IGN);
    signal(SIGALRM, on_alarm);
    alarm(unsigned(std::max<long long>(1, o.i("max-runtime", 600))));
    rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }

    uint32_t run_id = uint32_t(now_ns() / 1000000ull) ^ uint32_t(getpid());
    std::string tf = o.s("toom-fanout", "group");
    if (tf != "group" && tf != "board") {
        fprintf(stderr, "bad --toom-fanout\n");
        return 2;
    }
    auto drv = make_driver_impl(o.s("proto", "irc"), run_id, o.s("toom-prefix", ""),
                                o.s("toom-password", "benchpw"), tf == "board");
    if (!drv) {
        fprintf(stderr, "unknown --proto\n");
        return 2;
    }
    std::string sc = o.s("scenario", "");
    if (sc == "connections")
        return run_connections(o, *drv);
    if (sc == "fanout")
        return run_fanout(o, *drv);
    if (sc == "direct")
        return run_direct(o, *drv);
    if (sc == "maxrate")
        return run_maxrate(o, *drv);
    fprintf(stderr, "missing/unknown --scenario\n%s", kUsage);
    return 2;
}
