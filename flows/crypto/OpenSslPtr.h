#pragma once

// Owning pointers for the OpenSSL 3 objects the client uses, each freed by its own function so no
// caller writes a free by hand on every early return.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace ecalab::crypto {

template <auto FreeFunction> struct OpenSslFree
{
    template <typename T> void operator()(T *object) const noexcept { FreeFunction(object); }
};

template <typename T, auto FreeFunction> using OpenSslPtr = std::unique_ptr<T, OpenSslFree<FreeFunction>>;

using PkeyPtr = OpenSslPtr<EVP_PKEY, &EVP_PKEY_free>;
using PkeyCtxPtr = OpenSslPtr<EVP_PKEY_CTX, &EVP_PKEY_CTX_free>;
using MdCtxPtr = OpenSslPtr<EVP_MD_CTX, &EVP_MD_CTX_free>;
using ParamBuilderPtr = OpenSslPtr<OSSL_PARAM_BLD, &OSSL_PARAM_BLD_free>;
using ParamsPtr = OpenSslPtr<OSSL_PARAM, &OSSL_PARAM_free>;
using BignumPtr = OpenSslPtr<BIGNUM, &BN_free>;
// Private-key components (d, p, q, …) are wiped before their memory is returned.
using SecretBignumPtr = OpenSslPtr<BIGNUM, &BN_clear_free>;
using BioPtr = OpenSslPtr<BIO, &BIO_free_all>;
// OSSL_DECODER reads PEM, DER and PKCS#8 keys without the deprecated PEM_read_RSA* calls.
using DecoderCtxPtr = OpenSslPtr<OSSL_DECODER_CTX, &OSSL_DECODER_CTX_free>;
using EncoderCtxPtr = OpenSslPtr<OSSL_ENCODER_CTX, &OSSL_ENCODER_CTX_free>;
using X509Ptr = OpenSslPtr<X509, &X509_free>;
using X509ExtensionPtr = OpenSslPtr<X509_EXTENSION, &X509_EXTENSION_free>;
using Pkcs12Ptr = OpenSslPtr<PKCS12, &PKCS12_free>;
using Asn1IntegerPtr = OpenSslPtr<ASN1_INTEGER, &ASN1_INTEGER_free>;

// sk_X509_pop_free is a macro, so the stack's deleter is spelled out: the stack and its certificates.
inline void freeX509Stack(STACK_OF(X509) *stack) noexcept
{
    sk_X509_pop_free(stack, X509_free);
}
using X509StackPtr = OpenSslPtr<STACK_OF(X509), &freeX509Stack>;

// A key or certificate shared by the value classes of KeyMaterial (copied cheaply, freed once).
inline std::shared_ptr<EVP_PKEY> sharedPkey(PkeyPtr key)
{
    return std::shared_ptr<EVP_PKEY>(key.release(), &EVP_PKEY_free);
}
inline std::shared_ptr<X509> sharedX509(X509Ptr certificate)
{
    return std::shared_ptr<X509>(certificate.release(), &X509_free);
}

} // namespace ecalab::crypto
