// The discovery document and the JWKS, as fetched from the login host (§7.8): both are outside
// input, and the JWKS decides whose signature is believed.

#include "FuzzSupport.h"
#include "SignedToken.h"

#include "core/FormEncoding.h"
#include "http/HttpClient.h"
#include "oauth/Jwt.h"

#include <QJsonArray>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {

// A JWK's modulus as an unsigned integer, without the leading zero bytes an encoder may add.
QByteArray modulus(const QJsonObject &jwk)
{
    QByteArray n = base64UrlDecode(jwk.value(u"n").toString().toLatin1());
    while (n.startsWith('\0'))
        n.remove(0, 1);
    return n;
}

bool publishes(const QJsonObject &jwks, const QByteArray &n)
{
    for (const QJsonValue &key : jwks.value(u"keys").toArray()) {
        if (modulus(key.toObject()) == n)
            return true;
    }
    return false;
}

QByteArray realModulus(const fuzz::SignedToken &real)
{
    const auto key = findSigningKey(real.jwks, u"248"_s);
    fuzz::require(key.hasValue(), "the demo JWKS has kid 248");
    return modulus(*key);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    HttpOutcome outcome;
    outcome.response.status = 200;
    outcome.response.headers = {{"Content-Type", "application/json;charset=UTF-8"}};
    outcome.response.body = fuzz::bytes(data, size);
    const auto document = readJsonAnswer(outcome, u"JWKS"_s);
    if (!document)
        return 0;

    const auto keys = readDiscovery(*document, {});
    if (keys)
        fuzz::require(keys->jwksUri.isValid() && !keys->issuer.isEmpty(), "discovery gives a jwks_uri and an issuer");

    // The same document as a JWKS: the real token may verify only when its real key is published.
    const fuzz::SignedToken &real = fuzz::signedToken();
    static const QByteArray n = realModulus(real);
    (void)findSigningKey(*document, {});
    const TokenVerdict verdict = verifyJwt(real.token, *document, real.expected);
    if (verdict.valid())
        fuzz::require(publishes(*document, n), "a signature verified with a key the JWKS does not hold");
    return 0;
}
