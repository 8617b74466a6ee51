#pragma once

#include <QByteArray>
#include <QString>

namespace ecalab {

class RandomSource;

// RFC 7636 PKCE with S256 only: `plain` gives no protection against a stolen code (§4.2), and
// Salesforce assumes S256 when the method is omitted (reference §3.1).
namespace pkce {

// RFC 7636 §4.1: 43..128 characters of [A-Za-z0-9-._~]. 32 random bytes → 43 base64url chars,
// the length the RFC's own example uses.
inline constexpr int kVerifierBytes = 32;
inline constexpr int kMinVerifierLength = 43;
inline constexpr int kMaxVerifierLength = 128;

struct Pair
{
    QString verifier;
    QString challenge;
};

QString makeVerifier(RandomSource &random);
QString challengeS256(const QString &verifier); // BASE64URL(SHA256(ASCII(verifier))), no padding
bool isValidVerifier(const QString &verifier);
Pair generate(RandomSource &random);

} // namespace pkce

// State and nonce: 128 bits from the CSPRNG (RFC 6749 §10.10 asks for guessing odds ≤ 2^-128).
QString randomToken(RandomSource &random, int bytes = 16);

} // namespace ecalab
