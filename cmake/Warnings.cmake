# The warning set of every target (src/, tests/, bench/, the fuzz targets). The tree is clean
# under it with g++ 12 and clang++ 14; CI builds with -DTOOM_WERROR=ON, so a new warning fails
# CI. Poco's and GoogleTest's headers are system headers and do not count.
#
# Each flag was measured with a full build before it went in. Tried and left out:
#   -Wuseless-cast       16 sites, mostly casts that are only useless on this platform
#                        (time_t, Poco::Int64 vs int64_t, std::size_t) and would be needed on
#                        another.
#   -Wlogical-op         3 sites, all `errno == EAGAIN || errno == EWOULDBLOCK`: the same value
#                        on Linux, not everywhere.
#   -Wnull-dereference   2 false positives inside libstdc++'s shared_ptr (inlined at -O2 into
#                        vector::assign); it depends on the optimiser, so it would come and go
#                        with the build type.
#   -Wnoexcept           52 sites, all std::function and std::construct_at asking whether a
#                        lambda or constructor is noexcept: noise.
#   -Wsign-conversion    9 sites in src/, mostly the deliberate `for (unsigned char c : text)`
#                        and termios flag masks; gcc leaves it out of -Wconversion, and so
#                        does clang here.
set(TOOM_WARNINGS
    -Wall
    -Wextra
    -Wpedantic
    -Wshadow                     # a local or parameter hiding a member or outer name
    -Wnon-virtual-dtor           # a class with virtual functions and a non-virtual destructor
    -Woverloaded-virtual         # a derived function hiding a base overload
    -Wsuggest-override           # every overrider says override
    -Wold-style-cast             # casts say which kind they are
    -Wcast-qual                  # no cast drops const
    -Wcast-align
    -Wconversion                 # implicit conversions that may change a value (narrowing,
                                 # integer to floating point)
    -Wzero-as-null-pointer-constant
    -Wextra-semi
    -Wformat=2                   # printf-style formats checked, including non-literal ones
    -Wimplicit-fallthrough
    -Wmissing-declarations       # a non-static free function with no declaration: make it
                                 # static or put it in an anonymous namespace
    -Wredundant-decls
    -Wdeprecated-copy-dtor
    -Wmismatched-tags            # class vs struct in a declaration and its definition
    -Wdouble-promotion
    -Wundef)
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    list(APPEND TOOM_WARNINGS -Wno-sign-conversion) # clang's -Wconversion has it, gcc's not
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # gcc only (clang does not know them and would warn about the flags themselves).
    list(APPEND TOOM_WARNINGS
         -Wduplicated-cond       # if (a) ... else if (a)
         -Wduplicated-branches)  # if (c) x; else x;
endif()

add_compile_options(${TOOM_WARNINGS})
if(TOOM_WERROR)
    add_compile_options(-Werror)
endif()
