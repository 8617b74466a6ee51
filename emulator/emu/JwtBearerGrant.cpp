#include "JwtBearerGrant.h"

#include "AuthorizeEndpoint.h"
#include "Crypto.h"
#include "IdToken.h"
#include "SalesforceId.h"
#include "TokenIssuer.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const OAuthError JwtBearerGrant::kNotApproved{u"invalid_grant"_s, u"user hasn't approved this consumer"_s};
const OAuthError JwtBearerGrant::kExpired{u"invalid_grant"_s, u"expired authorization code"_s};
const OAuthError JwtBearerGrant::kBadAudience{u"invalid_grant"_s, u"Audience validation failed"_s};
const OAuthError JwtBearerGrant::kUnknownClientId{u"invalid_client_id"_s, u"client identifier invalid"_s};
const OAuthError JwtBearerGrant::kInvalidAssertion{u"invalid_grant"_s, u"invalid assertion"_s};
const OAuthError JwtBearerGrant::kFlowDisabledError = JwtBearerGrant::kInvalidAssertion;
const OAuthError JwtBearerGrant::kUnknownUserError = JwtBearerGrant::kNotApproved;
const OAuthError JwtBearerGrant::kInactiveUserError{u"inactive_user"_s, u"user is inactive"_s};

namespace {
// §5.1: the audiences Salesforce names for the generic hosts.
constexpr char16_t kProductionAudience[] = u"https://login.salesforce.com";
constexpr char16_t kSandboxAudience[] = u"https://test.salesforce.com";
constexpr char16_t kRs256[] = u"RS256";

std::optional<QJsonObject> jsonObjectOf(const QByteArray &base64Url)
{
    const std::optional<QByteArray> bytes = Crypto::fromBase64Url(base64Url);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

QString withoutTrailingSlash(QString url)
{
    if (url.endsWith(u'/'))
        url.chop(1);
    return url;
}
} // namespace

bool JwtBearerGrant::accepts(const Params &params) const
{
    return params.value(u"grant_type") == QStringView(kGrantType);
}

QStringList JwtBearerGrant::grantedScopes(const App &app)
{
    QStringList scopes = app.scopes();
    scopes.removeAll(u"refresh_token"_s); // §1.4: never a refresh token in this flow
    scopes.removeAll(u"offline_access"_s);
    return scopes;
}

std::optional<JwtBearerGrant::Assertion> JwtBearerGrant::parse(const QString &text)
{
    const QList<QByteArray> parts = text.toLatin1().split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const std::optional<QJsonObject> header = jsonObjectOf(parts.at(0));
    const std::optional<QJsonObject> claims = jsonObjectOf(parts.at(1));
    const std::optional<QByteArray> signature = Crypto::fromBase64Url(parts.at(2));
    if (!header || !claims || !signature)
        return std::nullopt;
    return Assertion{*header, *claims, parts.at(0) + '.' + parts.at(1), *signature};
}

bool JwtBearerGrant::signedBy(const Assertion &assertion, const App &app)
{
    const std::optional<RsaKey> key = RsaKey::fromCertificatePem(app.certificatePem);
    return key && !assertion.signature.isEmpty() && key->verifySha256(assertion.signingInput, assertion.signature);
}

QString JwtBearerGrant::subject(const QJsonObject &claims)
{
    // §5.1: the legacy `prn` is accepted too, and wins when both are present.
    return claims.contains(u"prn"_s) ? claims.value(u"prn"_s).toString() : claims.value(u"sub"_s).toString();
}

QStringList JwtBearerGrant::acceptedAudiences() const
{
    QStringList audiences{QString::fromUtf16(kProductionAudience), QString::fromUtf16(kSandboxAudience),
                          // The emulator's login host plays login.salesforce.com (README, "Hosts").
                          m_context.baseUrl(HostKind::Login), m_context.baseUrl(HostKind::Site)};
    if (kAcceptsMyDomainAudience)
        audiences << m_context.baseUrl(HostKind::MyDomain);
    audiences.removeAll(QString());
    return audiences;
}

bool JwtBearerGrant::audienceAccepted(const QJsonValue &aud) const
{
    // RFC 7519 §4.1.3: one string or an array of them; each with or without a trailing slash.
    const QJsonArray values = aud.isArray() ? aud.toArray() : QJsonArray{aud};
    const QStringList accepted = acceptedAudiences();
    for (const QJsonValue &value : values) {
        if (value.isString() && accepted.contains(withoutTrailingSlash(value.toString())))
            return true;
    }
    return false;
}

std::optional<OAuthError> JwtBearerGrant::expiryRefusal(const QJsonValue &exp) const
{
    if (!exp.isDouble())
        return kInvalidAssertion;
    // §5.1: epoch seconds, only "not in the past" is enforced — sfdx-core's milliseconds
    // (Date.now() + 300) read as a date far in the future and pass.
    if (exp.toDouble() * 1000.0 <= double(m_context.clock.nowMs()))
        return kExpired;
    return std::nullopt;
}

bool JwtBearerGrant::approvedEarlier(const App &app, const User &user) const
{
    return user.approvedApps.contains(app.fullName) || m_context.approvals.hasApproved(user.id15, app.consumerKey);
}

std::optional<OAuthError> JwtBearerGrant::userRefusal(const App &app, const User *user) const
{
    if (!user)
        return kUnknownUserError;
    if (!user->active)
        return kInactiveUserError;
    if (!app.permits(*user)) // §5.3 [obs]: admin-approved app, user not assigned
        return kNotAdminApprovedError;
    if (!app.preAuthorizes(*user) && !approvedEarlier(app, *user)) // §5 "prior approval"
        return kNotApproved;
    return std::nullopt;
}

Fields JwtBearerGrant::response(const App &app, const User &user, HostKind host)
{
    TokenIssuer issuer(m_context);
    const AccessToken &token = issuer.issueAccessToken(app, user, grantedScopes(app), host, QString::fromUtf16(kGrantType));
    const Fields common = issuer.responseFields(token, app);
    // §5.2's sample, in its order; no refresh_token, issued_at or signature (§12.6).
    Fields fields;
    for (const QString &name : {u"access_token"_s, u"scope"_s, u"instance_url"_s, u"id"_s, u"token_type"_s}) {
        fields.insert(name, common.value(name));
        if (kIssuesIdToken && name == u"scope" && token.scopes.contains(u"openid"_s)) {
            const IdToken::Inputs inputs{token, user, host, QString(), token.issuedAtMs};
            fields.insert(u"id_token"_s, QString::fromLatin1(IdToken::sign(m_context, inputs)));
        }
    }
    if (kAddsSiteFields && host == HostKind::Site) {
        fields.insert(u"sfdc_community_url"_s, m_context.baseUrl(HostKind::Site));
        fields.insert(u"sfdc_community_id"_s, SalesforceId::to18(AuthorizeEndpoint::kSiteNetworkId15));
    }
    return fields;
}

GrantResult JwtBearerGrant::handle(const TokenRequest &request)
{
    const std::optional<Assertion> assertion = parse(request.params.value(u"assertion"));
    if (!assertion || assertion->header.value(u"alg"_s).toString() != QStringView(kRs256))
        return GrantResult::failure(kInvalidAssertion);
    const QJsonObject &claims = assertion->claims;
    const App *app = m_context.org.appByClientId(claims.value(u"iss"_s).toString());
    if (!app || !app->isEnabled) // switched off in this org: not found, as ClientAuth does
        return GrantResult::failure(kUnknownClientId);
    if (app->certificatePem.isEmpty())
        return GrantResult::failure(kFlowDisabledError);
    if (!signedBy(*assertion, *app))
        return GrantResult::failure(kInvalidAssertion);
    if (!audienceAccepted(claims.value(u"aud"_s)))
        return GrantResult::failure(kBadAudience);
    if (const std::optional<OAuthError> refusal = expiryRefusal(claims.value(u"exp"_s)))
        return GrantResult::failure(*refusal);
    const User *user = m_context.org.userByUsername(subject(claims));
    if (const std::optional<OAuthError> refusal = userRefusal(*app, user))
        return GrantResult::failure(*refusal);
    return GrantResult::success(response(*app, *user, request.http.host));
}

} // namespace ecalab::emu
