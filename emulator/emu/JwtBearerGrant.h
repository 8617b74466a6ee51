#pragma once

#include "Context.h"
#include "Grant.h"

#include <QJsonObject>

#include <optional>

namespace ecalab::emu {

// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (§5, §12.6) on every host: an RS256
// assertion signed with the key of the certificate uploaded to the app (having one enables the
// flow, eca-metadata.md §3.3), for a user the app's policy lets in — pre-authorized, or one who
// approved the app earlier. Checked in this order: assertion shape and `alg`, `iss`, certificate,
// signature, `aud`, `exp`, user (`prn` wins over `sub`), policy. No refresh token.
class JwtBearerGrant : public Grant
{
public:
    static constexpr char16_t kGrantType[] = u"urn:ietf:params:oauth:grant-type:jwt-bearer";

    explicit JwtBearerGrant(EmulatorContext &context) : m_context(context) {}
    bool accepts(const Params &params) const override;
    GrantResult handle(const TokenRequest &request) override;

    // §5.3, verbatim.
    static const OAuthError kNotApproved;     // invalid_grant / user hasn't approved this consumer
    static const OAuthError kExpired;         // invalid_grant / expired authorization code
    static const OAuthError kBadAudience;     // invalid_grant / Audience validation failed
    static const OAuthError kUnknownClientId; // invalid_client_id / client identifier invalid
    // §5.3, §13: "invalid assertion (unconfirmed wording)" — for a malformed JWT, an `alg` other
    // than RS256 (none included), a signature the certificate does not verify, a missing `exp`.
    static const OAuthError kInvalidAssertion;
    // §5, §13 say nothing of an app without a certificate. Salesforce then has no key to verify
    // with, so this is answered as a signature it cannot verify (RFC 7523 §3.1: invalid_grant).
    static const OAuthError kFlowDisabledError;
    // §5.3 lists no error for a `sub` that names no user. The emulator answers as for a user who
    // never approved the app (no approval can exist for a user who does not exist).
    static const OAuthError kUnknownUserError;
    // §5.3 lists no error for an inactive user: §10.2's token-endpoint `inactive_user`.
    static const OAuthError kInactiveUserError;
    // §5.1, §13: whether a My Domain URL works as `aud` is unconfirmed. Accepted: sfdx-core's
    // first try for a My Domain login URL is aud = that URL (§11, "in probabilistic order").
    static constexpr bool kAcceptsMyDomainAudience = true;
    // §5.2, §13: whether `id_token` comes back with `openid` is unconfirmed; the sample has
    // `openid` in `scope` and no id_token, so none is issued.
    static constexpr bool kIssuesIdToken = false;
    // §5.2: a site login "likely" adds sfdc_community_url and sfdc_community_id (unconfirmed).
    static constexpr bool kAddsSiteFields = true;

    static QStringList grantedScopes(const App &app); // the app's, never refresh_token/offline_access

private:
    struct Assertion
    {
        QJsonObject header;
        QJsonObject claims;
        QByteArray signingInput; // base64url(header) "." base64url(claims)
        QByteArray signature;
    };
    static std::optional<Assertion> parse(const QString &text);
    static bool signedBy(const Assertion &assertion, const App &app);
    static QString subject(const QJsonObject &claims); // `prn` when present, else `sub`
    QStringList acceptedAudiences() const;
    bool audienceAccepted(const QJsonValue &aud) const;
    std::optional<OAuthError> expiryRefusal(const QJsonValue &exp) const;
    std::optional<OAuthError> userRefusal(const App &app, const User *user) const;
    bool approvedEarlier(const App &app, const User &user) const;
    Fields response(const App &app, const User &user, HostKind host);

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
