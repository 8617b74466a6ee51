#pragma once

#include <QByteArray>

namespace ecalab {

// Randomness is injected so tests can pin state, nonce and PKCE verifiers.
class RandomSource
{
public:
    virtual ~RandomSource() = default;
    virtual QByteArray bytes(int count) = 0;
};

// OpenSSL's CSPRNG (RAND_bytes).
class SystemRandomSource final : public RandomSource
{
public:
    QByteArray bytes(int count) override;
};

} // namespace ecalab
