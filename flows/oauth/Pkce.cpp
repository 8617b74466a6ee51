#include "Pkce.h"

#include "core/FormEncoding.h"
#include "core/RandomSource.h"
#include "crypto/Digest.h"

namespace ecalab {

namespace pkce {

QString makeVerifier(RandomSource &random)
{
    return QString::fromLatin1(base64UrlEncode(random.bytes(kVerifierBytes)));
}

QString challengeS256(const QString &verifier)
{
    return QString::fromLatin1(base64UrlEncode(crypto::sha256(verifier.toLatin1())));
}

bool isValidVerifier(const QString &verifier)
{
    if (verifier.size() < kMinVerifierLength || verifier.size() > kMaxVerifierLength)
        return false;
    for (const QChar c : verifier) {
        const bool unreserved = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')
                                || c == u'-' || c == u'.' || c == u'_' || c == u'~';
        if (!unreserved)
            return false;
    }
    return true;
}

Pair generate(RandomSource &random)
{
    Pair pair;
    pair.verifier = makeVerifier(random);
    pair.challenge = challengeS256(pair.verifier);
    return pair;
}

} // namespace pkce

QString randomToken(RandomSource &random, int bytes)
{
    return QString::fromLatin1(base64UrlEncode(random.bytes(bytes)));
}

} // namespace ecalab
