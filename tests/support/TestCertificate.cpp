#include "support/TestCertificate.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdexcept>
#include <sys/stat.h>

namespace toom::test {

namespace {
template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Extension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void need(bool ok, const char* what) {
    if (!ok)
        throw std::runtime_error(std::string("test certificate: ") + what + " failed");
}

void addExtension(X509* certificate, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, certificate, certificate, nullptr, nullptr, 0);
    Extension extension(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    need(extension != nullptr, "an extension");
    need(X509_add_ext(certificate, extension.get(), -1) == 1, "adding an extension");
}

void writePem(const std::string& path, const std::function<int(std::FILE*)>& write) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"),
                                                         &std::fclose);
    need(file != nullptr, "opening a PEM file");
    ::chmod(path.c_str(), 0600);
    need(write(file.get()) == 1, "writing a PEM file");
}
} // namespace

TestCertificate makeTestCertificate(const std::string& dir, const std::string& stem) {
    Key key(EVP_EC_gen("P-256"));
    need(key != nullptr, "making a key");
    Certificate certificate(X509_new());
    need(certificate != nullptr, "making a certificate");
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 86400);
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    addExtension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE");
    addExtension(certificate.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    need(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0, "signing");

    TestCertificate made;
    made.certificateFile = dir + "/" + stem + "-cert.pem";
    made.privateKeyFile = dir + "/" + stem + "-key.pem";
    writePem(made.certificateFile,
             [&](std::FILE* file) { return PEM_write_X509(file, certificate.get()); });
    writePem(made.privateKeyFile, [&](std::FILE* file) {
        return PEM_write_PrivateKey(file, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    return made;
}

} // namespace toom::test
