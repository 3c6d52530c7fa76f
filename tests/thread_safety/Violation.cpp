// Compiled only by the `thread_safety_analysis` test (cmake/CheckThreadSafety.cmake), never
// linked: with TOOM_VIOLATE=0 it must compile cleanly under -Werror=thread-safety, with
// TOOM_VIOLATE=1 it must not. So the clang build proves that the annotations still reach the
// compiler, not only that src/ has no finding.

#include "common/Mutex.h"

namespace {

class Counter {
public:
    void add() {
#if !TOOM_VIOLATE
        toom::MutexLock lock(_mutex);
#endif
        ++_value; // With TOOM_VIOLATE: "writing variable '_value' requires holding mutex".
    }

private:
    toom::Mutex _mutex;
    int _value TOOM_GUARDED_BY(_mutex) = 0;
};

} // namespace

void useCounter() {
    Counter counter;
    counter.add();
}
