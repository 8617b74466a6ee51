#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace ecalab {

// What is known about whether a token still works, and since when (§7.2–§7.4). Salesforce sends
// no expires_in: introspection is how expiry is learned.
struct TokenStatus
{
    enum class State { Unknown, Active, Inactive, Revoked, Expired };

    State state = State::Unknown;
    QDateTime checkedAt;                 // when this was learned (the injected clock)
    std::optional<QDateTime> expiresAt;  // from introspection's exp or a JWT's exp
    QString source;                      // "introspection", "revocation", "REST probe", "exp claim"

    QString label() const;               // "active", "inactive", "revoked", "expired", "unknown"
};

} // namespace ecalab
