#pragma once
// What the fuzz targets share: a check that aborts (so libFuzzer saves the input) with a message.

#include <cstdio>
#include <cstdlib>

#define TOOM_FUZZ_CHECK(condition)                                                                 \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);     \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
