#include "TokenIssuer.h"

#include "Crypto.h"
#include "IdToken.h"
#include "JwtAccessToken.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// Opaque session part: Salesforce's look like "AQ4AQ…" / "AR8AQ…", letters, digits, '.' and '_'
// (§1.4: about 100–120 characters in all).
constexpr int kOpaqueLength = 96;
constexpr QStringView kOpaqueAlphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
// Refresh tokens look like the documentation's samples: "5Aep861" and 80 more characters (§1.6).
constexpr int kRefreshOpaqueLength = 80;
constexpr QStringView kRefreshAlphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
} // namespace

RefreshToken TokenIssuer::newRefreshToken(const UserGrant &grant) const
{
    RefreshToken token;
    do {
        token.value = u"5Aep861"_s + Crypto::randomString(kRefreshOpaqueLength, kRefreshAlphabet);
    } while (m_context.tokens.findRefresh(token.value));
    token.userId = grant.user.id15;
    token.clientId = grant.app.consumerKey;
    token.scopes = grant.scopes;
    token.issuedAtMs = token.approvedAtMs = token.lastUsedAtMs = m_context.clock.nowMs();
    token.authTimeMs = grant.authTimeMs;
    token.identityUrl = identityUrl(grant.host, grant.user);
    token.issuedOn = grant.host;
    return token;
}

Fields TokenIssuer::compose(const UserGrant &grant, const AccessToken &token, const QString &refreshToken) const
{
    const Fields common = responseFields(token, grant.app);
    Fields fields;
    for (const auto &[name, value] : common.items()) {
        fields.insert(name, value);
        if (name == u"access_token" && !refreshToken.isEmpty())
            fields.insert(u"refresh_token"_s, refreshToken);
        if (name == u"scope" && grant.scopes.contains(u"openid"_s)) {
            const IdToken::Inputs inputs{token, grant.user, grant.host, grant.nonce, grant.authTimeMs};
            fields.insert(u"id_token"_s, QString::fromLatin1(IdToken::sign(m_context, inputs)));
        }
    }
    return fields;
}

Fields TokenIssuer::userTokenResponse(const UserGrant &grant)
{
    const bool refresh = grant.scopes.contains(u"refresh_token"_s) || grant.scopes.contains(u"offline_access"_s);
    const QString family = refresh ? m_context.tokens.addApproval(newRefreshToken(grant)).value : QString();
    const AccessToken &token =
        issueAccessToken(grant.app, grant.user, grant.scopes, grant.host, grant.grantType, family);
    return compose(grant, token, family);
}

Fields TokenIssuer::refreshedTokenResponse(const UserGrant &grant, RefreshToken &used, bool rotate)
{
    used.lastUsedAtMs = m_context.clock.nowMs();
    const QString family = used.family;
    QString next;
    if (rotate) {
        RefreshToken replacement = newRefreshToken(grant);
        replacement.approvedAtMs = used.approvedAtMs;
        replacement.authTimeMs = used.authTimeMs;
        next = m_context.tokens.rotate(used, replacement).value;
    }
    const AccessToken &token =
        issueAccessToken(grant.app, grant.user, grant.scopes, grant.host, grant.grantType, family);
    return compose(grant, token, next);
}

// An opaque session ID (§1.4) or, for an app that asks for them, a JWT (JwtAccessToken).
const AccessToken &TokenIssuer::issueAccessToken(const App &app, const User &user, const QStringList &scopes,
                                                 HostKind host, const QString &grantType, const QString &family)
{
    const bool jwt = JwtAccessToken::appliesTo(app, grantType);
    AccessToken token;
    token.userId = user.id15;
    token.clientId = app.consumerKey;
    token.scopes = scopes;
    token.issuedAtMs = m_context.clock.nowMs();
    const qint64 lifetimeMs = jwt ? JwtAccessToken::lifetimeMs(m_context.org, app)
                                  : qint64(m_context.org.sessionTimeoutMinutes(app)) * 60'000;
    token.expiresAtMs = token.issuedAtMs + lifetimeMs;
    token.identityUrl = identityUrl(host, user);
    token.grantType = grantType;
    token.issuedOn = host;
    token.family = family;
    do {
        token.value = jwt ? JwtAccessToken::sign(m_context, token) : newOpaqueAccessToken();
    } while (m_context.tokens.find(token.value));
    return m_context.tokens.add(token);
}

QString TokenIssuer::newOpaqueAccessToken() const
{
    return m_context.org.org.id15 + u"!AQ"_s + Crypto::randomString(kOpaqueLength, kOpaqueAlphabet);
}

Fields TokenIssuer::responseFields(const AccessToken &token, const App &app) const
{
    const QString issuedAt = QString::number(token.issuedAtMs); // 13-digit ms string (§1.3)
    return Fields{{u"access_token"_s, token.value},
                  {u"signature"_s, signature(app.consumerSecret, token.identityUrl, issuedAt)},
                  {u"scope"_s, token.scopes.join(u' ')},
                  {u"instance_url"_s, m_context.instanceUrl()},
                  {u"id"_s, token.identityUrl},
                  {u"token_type"_s, u"Bearer"_s},
                  {u"issued_at"_s, issuedAt}};
}

QString TokenIssuer::identityUrl(HostKind host, const User &user) const
{
    return m_context.baseUrl(host) + u"/id/"_s + m_context.org.org.id18() + u'/' + user.id18();
}

QString TokenIssuer::signature(const QString &consumerSecret, const QString &id, const QString &issuedAt)
{
    return QString::fromLatin1(Crypto::hmacSha256(consumerSecret.toUtf8(), (id + issuedAt).toUtf8()).toBase64());
}

} // namespace ecalab::emu
