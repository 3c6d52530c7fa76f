#include "server/net/TlsServerContext.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace toom {

POCO_IMPLEMENT_EXCEPTION(TlsSetupException, Poco::RuntimeException, "TLS set-up error")

std::string takeOpenSslErrors(const std::string& fallback) {
    std::string text;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.empty())
            text += "; ";
        text += buffer;
    }
    return text.empty() ? fallback : text;
}

namespace {
/// Opens `path` for reading, or says why not: "cannot read" is the commonest mistake (a path
/// relative to the wrong directory, a key only root may read) and deserves errno's words, not
/// OpenSSL's "system library" code.
void checkReadable(const std::string& path, const char* what, const char* key) {
    if (path.empty())
        throw TlsSetupException(std::string("no ") + what + " file given (" + key + ")");
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
    if (!file)
        throw TlsSetupException(std::string("cannot read the ") + what + " file " + path + " (" +
                                key + "): " + std::strerror(errno));
}

std::string subjectOf(const X509* certificate) {
    if (!certificate)
        return {};
    char buffer[512];
    X509_NAME_oneline(X509_get_subject_name(certificate), buffer, sizeof buffer);
    return buffer;
}
} // namespace

TlsServerContext::TlsServerContext(const std::string& certificateFile,
                                   const std::string& privateKeyFile) {
    checkReadable(certificateFile, "certificate", "tls.certificate_file");
    checkReadable(privateKeyFile, "private key", "tls.private_key_file");
    ERR_clear_error();
    _ctx = SSL_CTX_new(TLS_server_method());
    if (!_ctx)
        throw TlsSetupException(takeOpenSslErrors("cannot make a TLS context"));
    try {
        SSL_CTX_set_min_proto_version(_ctx, TLS1_2_VERSION);
        // No renegotiation (a client could make the server redo the expensive part at will),
        // and no session resumption: tickets would be one more write after every handshake
        // for clients that, in a chat, connect once and stay.
        SSL_CTX_set_options(_ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET);
        SSL_CTX_set_num_tickets(_ctx, 0);
        SSL_CTX_set_session_cache_mode(_ctx, SSL_SESS_CACHE_OFF);
        // Non-blocking writes: a partial write counts (ClientConnection::flush goes on from
        // there), and an idle connection gives its read and write buffers back.
        SSL_CTX_set_mode(_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                                   SSL_MODE_RELEASE_BUFFERS);
        if (SSL_CTX_use_certificate_chain_file(_ctx, certificateFile.c_str()) != 1)
            throw TlsSetupException("the certificate file " + certificateFile +
                                    " (tls.certificate_file) holds no usable PEM certificate: " +
                                    takeOpenSslErrors("unknown error"));
        if (SSL_CTX_use_PrivateKey_file(_ctx, privateKeyFile.c_str(), SSL_FILETYPE_PEM) != 1) {
            const unsigned long code = ERR_peek_last_error();
            if (ERR_GET_REASON(code) == X509_R_KEY_VALUES_MISMATCH ||
                ERR_GET_REASON(code) == X509_R_KEY_TYPE_MISMATCH)
                throw TlsSetupException("the private key " + privateKeyFile +
                                        " (tls.private_key_file) does not match the certificate " +
                                        certificateFile + " (tls.certificate_file)");
            throw TlsSetupException("the private key file " + privateKeyFile +
                                    " (tls.private_key_file) holds no usable PEM private key "
                                    "(an encrypted key is not supported): " +
                                    takeOpenSslErrors("unknown error"));
        }
        if (SSL_CTX_check_private_key(_ctx) != 1)
            throw TlsSetupException("the private key " + privateKeyFile +
                                    " (tls.private_key_file) does not match the certificate " +
                                    certificateFile + " (tls.certificate_file)");
        _subject = subjectOf(SSL_CTX_get0_certificate(_ctx));
    } catch (...) {
        ERR_clear_error();
        SSL_CTX_free(_ctx);
        throw;
    }
}

TlsServerContext::~TlsServerContext() {
    SSL_CTX_free(_ctx);
}

} // namespace toom
