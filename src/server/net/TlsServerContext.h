#pragma once
// The server's TLS identity: a certificate (chain) and its private key, loaded once from PEM
// files at start-up, and the TLS settings every TLS connection shares (TLS 1.2 at least, no
// renegotiation, no session tickets). One per listener that speaks TLS: the Toom TLS port
// (tls.port), and any other protocol's TLS port on the same loops (an IRC tls_port) can share
// it. Connections are made from it with TlsChannel.
//
// Thread-safe once built: TlsChannels are made from it on any thread.

#include <Poco/Exception.h>

#include <string>

struct ssl_ctx_st;

namespace toom {

/// A TLS set-up problem (a certificate or key missing, unreadable, malformed, or not a pair);
/// its message names the file and the configuration key, for the operator.
POCO_DECLARE_EXCEPTION(, TlsSetupException, Poco::RuntimeException)

class TlsServerContext {
public:
    /// Loads the certificate chain (`certificateFile`, PEM, the server's certificate first)
    /// and its private key (`privateKeyFile`, PEM, unencrypted). Throws TlsSetupException if
    /// either cannot be read or parsed, or if the key does not match the certificate.
    TlsServerContext(const std::string& certificateFile, const std::string& privateKeyFile);
    ~TlsServerContext();

    TlsServerContext(const TlsServerContext&) = delete;
    TlsServerContext& operator=(const TlsServerContext&) = delete;

    /// OpenSSL's context, for TlsChannel.
    ssl_ctx_st* native() const { return _ctx; }

    /// The subject of the loaded certificate (for the start-up log line).
    const std::string& subject() const { return _subject; }

private:
    ssl_ctx_st* _ctx = nullptr;
    std::string _subject;
};

/// OpenSSL's queued error messages for this thread, joined (and the queue emptied); `fallback`
/// when there are none.
std::string takeOpenSslErrors(const std::string& fallback);

} // namespace toom
