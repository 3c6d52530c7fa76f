#pragma once
// Clang's thread-safety annotations (https://clang.llvm.org/docs/ThreadSafetyAnalysis.html),
// as muduo and Dragonfly spell them. Under clang they let the compiler check, at build time,
// that every member marked TOOM_GUARDED_BY(m) is touched only with `m` held and that every
// function marked TOOM_REQUIRES(m) is called with it held; elsewhere they expand to nothing.
// The check runs in the clang build with -Wthread-safety -Werror=thread-safety
// (-DTOOM_THREAD_SAFETY=ON, scripts/test.sh --thread-safety).
//
// The lock types that carry them are in common/Mutex.h; the lock order is in
// docs/ARCHITECTURE.md, "Threads and locks".

#if defined(__clang__)
#define TOOM_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define TOOM_THREAD_ANNOTATION(x)
#endif

/// A class whose objects are locks (toom::Mutex).
#define TOOM_CAPABILITY(name) TOOM_THREAD_ANNOTATION(capability(name))
/// An RAII class that holds a lock for its lifetime (toom::MutexLock).
#define TOOM_SCOPED_CAPABILITY TOOM_THREAD_ANNOTATION(scoped_lockable)

/// A data member read and written only with the lock held.
#define TOOM_GUARDED_BY(lock) TOOM_THREAD_ANNOTATION(guarded_by(lock))
/// A pointer member whose pointee is read and written only with the lock held.
#define TOOM_PT_GUARDED_BY(lock) TOOM_THREAD_ANNOTATION(pt_guarded_by(lock))

/// Documents (and, with -Wthread-safety-beta, checks) the lock order.
#define TOOM_ACQUIRED_BEFORE(...) TOOM_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define TOOM_ACQUIRED_AFTER(...) TOOM_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))

/// The caller must hold the lock (exclusively / at least shared).
#define TOOM_REQUIRES(...) TOOM_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define TOOM_REQUIRES_SHARED(...) TOOM_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))

/// The function takes the lock and returns holding it (no argument: `this`).
#define TOOM_ACQUIRE(...) TOOM_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define TOOM_ACQUIRE_SHARED(...) TOOM_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
/// The function releases a lock the caller holds.
#define TOOM_RELEASE(...) TOOM_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TOOM_RELEASE_SHARED(...) TOOM_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define TOOM_RELEASE_GENERIC(...) TOOM_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
/// The function takes the lock when it returns `result`.
#define TOOM_TRY_ACQUIRE(...) TOOM_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))

/// The caller must not hold the lock (the function takes it itself).
#define TOOM_EXCLUDES(...) TOOM_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))

/// Tells the analysis the lock is held here (checked at run time by whoever calls it).
#define TOOM_ASSERT_CAPABILITY(lock) TOOM_THREAD_ANNOTATION(assert_capability(lock))
/// The function returns a reference to the lock.
#define TOOM_RETURN_CAPABILITY(lock) TOOM_THREAD_ANNOTATION(lock_returned(lock))

/// Turns the analysis off for one function; say why next to each use.
#define TOOM_NO_THREAD_SAFETY_ANALYSIS TOOM_THREAD_ANNOTATION(no_thread_safety_analysis)
