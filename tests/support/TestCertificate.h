#pragma once
// Throwaway TLS identities for tests, made with OpenSSL's API (no openssl binary needed): a
// self-signed certificate for localhost and 127.0.0.1 with its key, written as PEM files.

#include <string>

namespace toom::test {

struct TestCertificate {
    std::string certificateFile; ///< PEM; self-signed, so it is its own CA (for --tls-ca).
    std::string privateKeyFile;  ///< PEM, unencrypted, mode 0600.
};

/// Makes a fresh EC P-256 key and a self-signed certificate (CN and subjectAltName localhost,
/// IP 127.0.0.1, valid from an hour ago for a day) in `dir`, as `<stem>-cert.pem` and
/// `<stem>-key.pem`. Throws std::runtime_error if OpenSSL fails.
TestCertificate makeTestCertificate(const std::string& dir, const std::string& stem = "server");

} // namespace toom::test
