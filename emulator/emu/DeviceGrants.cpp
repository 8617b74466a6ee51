#include "DeviceGrants.h"

#include "ClientAuth.h"
#include "Scopes.h"
#include "TokenEndpoint.h"
#include "TokenIssuer.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const OAuthError DeviceGrantRules::kFlowDisabled{u"invalid_grant"_s, u"device flow is not enabled for the app"_s};
const OAuthError DeviceGrantRules::kSlowDown{u"slow_down"_s, u"polling too quickly for the token endpoint"_s};
const OAuthError DeviceGrantRules::kExchangeFailed{u"invalid_grant"_s, u"token exchange failed"_s};
const OAuthError DeviceGrantRules::kPending{u"authorization_pending"_s, u"authorization pending"_s};
const OAuthError DeviceGrantRules::kSalesforceExpired{u"invalid_grant"_s, u"expired device code"_s};
const OAuthError DeviceGrantRules::kRfcExpired{u"expired_token"_s, u"the device code has expired"_s};
const OAuthError DeviceGrantRules::kDenied{u"access_denied"_s, u"end-user denied authorization"_s};

namespace {
const OAuthError kInvalidScope{u"invalid_scope"_s, u"requested scope is invalid, unknown, or malformed"_s};
const OAuthError kWrongDomain{u"invalid_grant"_s, u"request not supported on this domain"_s};
const OAuthError kMissingCode{u"invalid_request"_s, u"missing device code"_s};
const OAuthError kInactiveUser{u"inactive_user"_s, u"user is inactive"_s};
} // namespace

QString DeviceGrantRules::verificationUrl(HostKind host) const
{
    return m_context.baseUrl(host) + QString::fromUtf16(kVerificationPath);
}

QString DeviceGrantRules::whyUserCannotApprove(const DeviceAuthorization &item, const User *user) const
{
    if (!user)
        return u"no user has that username"_s;
    if (!user->active)
        return u"user is inactive"_s;
    const App *app = m_context.org.appByClientId(item.clientId);
    if (!app || !app->isEnabled || !app->isDeviceFlowEnabled)
        return u"device flow is not enabled for the app"_s;
    if (!app->permits(*user))
        return u"user is not admin approved to access this app"_s;
    return {};
}

const App *DeviceGrantRules::deviceApp(const TokenRequest &request, OAuthError *error) const
{
    if (request.http.host == HostKind::Site && !kAllowedOnSite) {
        *error = kWrongDomain;
        return nullptr;
    }
    // A device is a public client (§4): only client_id; a secret, if sent, must still be right.
    const App *app = ClientAuth::authenticate(ClientAuth::extract(request.http, request.params), m_context.org,
                                              /*secretRequired=*/false, error);
    if (app && !app->isDeviceFlowEnabled) {
        *error = kFlowDisabled;
        return nullptr;
    }
    return app;
}

GrantResult DeviceGrantRules::authorize(const TokenRequest &request, DeviceDialect dialect)
{
    OAuthError error;
    const App *app = deviceApp(request, &error);
    if (!app)
        return GrantResult::failure(error);
    QStringList scopes = Scopes::splitSpaced(request.params.value(u"scope"));
    const QStringList allowed = Scopes::allowedScopes(app->scopeTokens);
    for (const QString &scope : std::as_const(scopes)) {
        if (!allowed.contains(scope))
            return GrantResult::failure(kInvalidScope);
    }
    if (scopes.isEmpty())
        scopes = app->scopes(); // §1.3: an omitted scope grants the app's selected scopes
    scopes.removeDuplicates();

    const qint64 now = m_context.clock.nowMs();
    DeviceCodeStore &store = m_context.devices;
    const DeviceAuthorization &item = store.create(app->consumerKey, scopes, request.http.host, dialect, now);
    const QString verification = verificationUrl(request.http.host);
    if (dialect == DeviceDialect::Salesforce) // §4.1's field set and order: no expires_in, no _complete
        return GrantResult::success(Fields{{u"user_code"_s, item.userCode},
                                           {u"device_code"_s, item.deviceCode},
                                           {u"interval"_s, item.intervalSeconds},
                                           {u"verification_uri"_s, verification}});
    return GrantResult::success(
        Fields{{u"device_code"_s, item.deviceCode}, // RFC 8628 §3.2
               {u"user_code"_s, item.userCode},
               {u"verification_uri"_s, verification},
               {u"verification_uri_complete"_s, verification + u"?user_code="_s + item.userCode},
               {u"expires_in"_s, store.settings.lifetimeSeconds},
               {u"interval"_s, item.intervalSeconds}});
}

GrantResult DeviceGrantRules::poll(const TokenRequest &request, DeviceDialect dialect)
{
    OAuthError error;
    const App *app = deviceApp(request, &error);
    if (!app)
        return GrantResult::failure(error);
    const QString code = request.params.value(dialect == DeviceDialect::Salesforce ? u"code" : u"device_code");
    if (code.isEmpty())
        return GrantResult::failure(kMissingCode);
    DeviceAuthorization *item = m_context.devices.byDeviceCode(code);
    // An unknown code, or one another app started, is "token exchange failed" like a used one (§4.3).
    if (!item || item->clientId != app->consumerKey)
        return GrantResult::failure(kExchangeFailed);

    const qint64 now = m_context.clock.nowMs();
    ++item->polls;
    switch (item->state) {
    case DeviceAuthorization::State::Consumed:
        return GrantResult::failure(kExchangeFailed);
    case DeviceAuthorization::State::Denied:
        return GrantResult::failure(kDenied);
    case DeviceAuthorization::State::Approved:
    case DeviceAuthorization::State::Pending:
        break;
    }
    if (item->isExpired(now))
        return GrantResult::failure(dialect == DeviceDialect::Salesforce ? kSalesforceExpired : kRfcExpired);
    if (item->state == DeviceAuthorization::State::Approved)
        return issue(*item, *app);
    return pollPending(*item, now);
}

GrantResult DeviceGrantRules::pollPending(DeviceAuthorization &item, qint64 nowMs)
{
    // Every poll counts as the last one, so a client that keeps hurrying keeps hearing slow_down.
    const qint64 required = qint64(item.intervalSeconds) * 1000 - kEarlyPollToleranceMs;
    const bool tooSoon = item.lastPollMs >= 0 && nowMs - item.lastPollMs < required;
    item.lastPollMs = nowMs;
    if (tooSoon && m_context.devices.settings.enforceInterval) {
        item.intervalSeconds += kSlowDownStepSeconds;
        return GrantResult::failure(kSlowDown);
    }
    return GrantResult::failure(kPending);
}

GrantResult DeviceGrantRules::issue(DeviceAuthorization &item, const App &app)
{
    const User *user = m_context.org.userByUsername(item.username);
    if (!user || !user->active)
        return GrantResult::failure(kInactiveUser);
    item.state = DeviceAuthorization::State::Consumed; // single use: the next poll fails (§4.3)
    // §1.4: refresh_token when granted, id_token when openid is (the device flow asks no nonce).
    const TokenIssuer::UserGrant grant{app, *user, item.scopes, item.host, u"device"_s, {}, item.decidedAtMs};
    return GrantResult::success(TokenIssuer(m_context).userTokenResponse(grant));
}

bool DeviceCodeRequestGrant::accepts(const Params &params) const
{
    return params.value(u"response_type") == u"device_code";
}

GrantResult DeviceCodeRequestGrant::handle(const TokenRequest &request)
{
    return m_flow.authorize(request, DeviceDialect::Salesforce);
}

bool DevicePollGrant::accepts(const Params &params) const
{
    const QString grantType = params.value(u"grant_type");
    return grantType == u"device" ||
           (m_context.devices.settings.rfc8628 && grantType == DeviceGrantRules::kRfcGrantType);
}

GrantResult DevicePollGrant::handle(const TokenRequest &request)
{
    const bool rfc = request.params.value(u"grant_type") == DeviceGrantRules::kRfcGrantType;
    return m_flow.poll(request, rfc ? DeviceDialect::Rfc8628 : DeviceDialect::Salesforce);
}

bool DeviceAuthorizationEndpoint::handles(const HttpRequest &request) const
{
    return m_context.devices.settings.rfc8628 && request.path == DeviceGrantRules::kAuthorizationPath;
}

HttpReply DeviceAuthorizationEndpoint::handle(const HttpRequest &http)
{
    // RFC 8628 §3.1: a form POST; answered with the token endpoint's conventions (§1.3).
    if (http.method != "POST")
        return TokenEndpoint::errorReply(Format::Json, {u"invalid_request"_s, u"must use HTTP POST"_s});
    TokenRequest request{http, TokenEndpoint::bodyParameters(http), Format::Json};
    request.format = ResponseFormat::negotiate(request.params.value(u"format"), http.header("accept"));
    const GrantResult result = m_flow.authorize(request, DeviceDialect::Rfc8628);
    return result.ok ? TokenEndpoint::reply(request.format, 200, result.fields)
                     : TokenEndpoint::errorReply(request.format, result.error);
}

} // namespace ecalab::emu
