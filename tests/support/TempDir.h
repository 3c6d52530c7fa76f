#pragma once
// A fresh temporary directory for one test, removed with everything in it when the test ends.
// Header-only and Poco Foundation only, so that suites which do not link the test support
// library (the services suite) can use it too.

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/UUIDGenerator.h>

#include <string>

namespace toom::test {

/// A uniquely named directory under the system temporary directory, created by the constructor
/// and removed recursively by the destructor. Declare it before anything that keeps files open
/// in it (a database, a log): members are destroyed in reverse order, so the directory goes last.
class TempDir {
public:
    /// Creates `<temp>/toom-test-<random UUID>/`.
    TempDir() {
        Poco::Path path(Poco::Path::temp());
        path.pushDirectory("toom-test-" +
                           Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
        _path = path.toString();
        Poco::File(_path).createDirectories();
    }

    /// Removes the directory and its contents; errors are swallowed (the OS cleans up later).
    ~TempDir() {
        try {
            Poco::File(_path).remove(true);
        } catch (...) {
            // Leave it for the OS to clean up.
        }
    }

    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// The directory, with a trailing separator.
    const std::string& path() const { return _path; }

    /// path() joined with `name` (which may contain sub-directories, e.g. "a/b/file.txt").
    std::string file(const std::string& name) const {
        return Poco::Path(Poco::Path(_path).makeDirectory(), name).toString();
    }

private:
    std::string _path;
};

} // namespace toom::test
