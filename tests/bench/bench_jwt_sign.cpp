// Benchmark (not a test): how many JWT bearer assertions a second one thread signs, the way the
// JWT bearer flow signs them (JwtBearerFlow::signAndSend): the Salesforce header and claims built
// and serialised, signCompactRs256 (base64url, RS256 through OpenSSL's EVP_DigestSign) with an
// RSA 2048 key loaded from PKCS#8 PEM as the flow loads privateKeyFile. Compare with
// `openssl speed rsa2048` on the same machine (tests/bench/run.sh does).
//
//   bench_jwt_sign [--seconds N]     (10 by default)   prints "signatures/s <rate> …"
#include "crypto/KeyGeneration.h"
#include "grants/jwtbearer/JwtAssertion.h"
#include "oauth/Jwt.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <cstdio>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
// A fresh key pair, read back from its PEM as the flow reads a key file.
std::optional<crypto::PrivateKey> rsa2048Key()
{
    auto pair = crypto::generateKeyPair(2048, u"ECA Lab bench"_s, 1, QDateTime::currentDateTimeUtc());
    if (!pair)
        return std::nullopt;
    auto pem = pair->key.pkcs8Pem();
    if (!pem)
        return std::nullopt;
    auto key = crypto::PrivateKey::load(*pem);
    crypto::wipeSecret(*pem);
    return key ? std::optional(*key) : std::nullopt;
}

// One assertion as the flow builds it: issuer, subject, audience, exp = now + 180 s.
bool signOne(const crypto::PrivateKey &key)
{
    const AssertionClaims claims{u"3MVG9benchConsumerKey"_s, u"bench@ecalab.example"_s,
                                 u"https://login.salesforce.com"_s,
                                 QDateTime::currentDateTimeUtc().addSecs(180)};
    return signCompactRs256(assertionHeader(), claims.toJson(), key.pkey()).hasValue();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(u"--seconds"_s);
    const int seconds = at >= 0 ? args.value(at + 1).toInt() : 10;
    const auto key = rsa2048Key();
    if (!key || seconds <= 0) {
        std::fprintf(stderr, "bench_jwt_sign: %s\n", key ? "--seconds N, N > 0" : "no RSA 2048 key");
        return 2;
    }
    signOne(*key); // warm-up: provider lookups, first allocations
    QElapsedTimer clock;
    clock.start();
    qint64 count = 0;
    while (clock.elapsed() < seconds * 1000LL) {
        if (!signOne(*key)) {
            std::fprintf(stderr, "bench_jwt_sign: signing failed\n");
            return 1;
        }
        ++count;
    }
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    std::printf("signatures/s %.1f (%lld RS256 assertions in %.2f s, RSA 2048, one thread)\n", double(count) / elapsed,
                count, elapsed);
    return 0;
}
