#pragma once

// Owning pointers for the OpenSSL 3 objects the client uses, each freed by its own function so no
// caller writes a free by hand on every early return.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

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

} // namespace ecalab::crypto
