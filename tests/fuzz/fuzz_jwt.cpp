// JWT decode (the token pane, `ecalab token decode`) and JWS verify (ID tokens, `token verify`):
// a pasted or received token is outside input in full, header and signature included.
// First byte odd ('S'): "header JSON \n claims JSON \n signature bytes", base64url-encoded here so
// the engine mutates the JSON itself; even ('T'): the rest is the token text as pasted.

#include "FuzzSupport.h"
#include "SignedToken.h"

#include "core/FormEncoding.h"
#include "oauth/Jwt.h"
#include "tokens/TokenDecoding.h"

using namespace ecalab;

namespace {

QString tokenFrom(const QByteArray &input, bool structured)
{
    if (!structured)
        return QString::fromUtf8(input);
    const auto [header, rest] = fuzz::splitAt(input, '\n');
    const auto [claims, signature] = fuzz::splitAt(rest, '\n');
    return QString::fromLatin1(base64UrlEncode(header) + '.' + base64UrlEncode(claims) + '.' +
                               base64UrlEncode(signature));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QString token = tokenFrom(fuzz::bytes(data + 1, size - 1), data[0] & 1);
    const fuzz::SignedToken &real = fuzz::signedToken();

    const auto jwt = Jwt::parse(token);
    if (jwt) {
        fuzz::require(token.toLatin1().startsWith(jwt->signingInput + '.'), "the signing input is the token's start");
        (void)findSigningKey(real.jwks, jwt->header.value(QStringLiteral("kid")).toString());
    }
    const DecodedToken decoded = decodeToken(token, real.expected.now);
    if (decoded.format == TokenFormat::Jwt) {
        const auto normalized = Jwt::parse(normalizedToken(token));
        fuzz::require(normalized && normalized->header == decoded.header && normalized->claims == decoded.claims,
                      "decoded as a JWT only when it parses as one, with the same header and claims");
    }
    (void)decoded.summary();
    (void)decoded.toJson();

    // Only a signature the key really made verifies.
    const TokenVerdict verdict = verifyJwt(token, real.jwks, real.expected);
    if (verdict.valid()) {
        const auto signedJwt = Jwt::parse(normalizedToken(token));
        fuzz::require(signedJwt && fuzz::madeByDemoKey(verdict.keyId.isEmpty() ? QStringLiteral("248") : verdict.keyId,
                                                       signedJwt->signingInput, signedJwt->signature),
                      "a valid verdict for a signature the demo key did not make");
    }
    return 0;
}
