#include "DeviceRequests.h"

#include "core/JsonNumbers.h"
#include "profile/ProfileChecks.h"

#include "oauth/ClientAuth.h"
#include "oauth/Endpoints.h"

namespace ecalab::device {

using namespace Qt::Literals::StringLiterals;

namespace {
// §4.3 leaves Salesforce's words for an expired or denied device code unconfirmed ("probably
// invalid_grant or expired_token / access_denied"). An invalid_grant whose description says one
// of these is read as that outcome; everything else stays an ordinary refusal.
const QStringList kExpiredWords{u"expired"_s};
const QStringList kDeniedWords{u"denied"_s, u"rejected"_s};

bool mentionsAny(const QString &text, const QStringList &words)
{
    return std::any_of(words.begin(), words.end(), [&](const QString &w) { return text.contains(w, Qt::CaseInsensitive); });
}

// JSON sends numbers; form and XML answers (format=urlencoded|xml, §1.3) send digits as text.
std::optional<int> readWholeNumber(const QJsonValue &value)
{
    if (value.isDouble()) {
        if (const auto n = jsonWholeNumber(value.toDouble(), 0, 1'000'000'000))
            return int(*n);
        return std::nullopt;
    }
    if (value.isString()) {
        bool ok = false;
        const int n = value.toString().trimmed().toInt(&ok);
        if (ok && n >= 0)
            return n;
    }
    return std::nullopt;
}

bool isWebUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && !url.host().isEmpty() && (scheme == u"https" || scheme == u"http");
}

Expected<QUrl, QString> readUrl(const QJsonObject &fields, const QString &name, bool required)
{
    const QJsonValue value = fields.value(name);
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty())) {
        if (required)
            return unexpected(u"there is no %1"_s.arg(name));
        return QUrl();
    }
    const QString text = value.toString();
    if (!value.isString() || text.size() > kMaxUrlLength)
        return unexpected(u"%1 is not a URL string of at most %2 characters"_s.arg(name).arg(kMaxUrlLength));
    const QUrl url(text, QUrl::StrictMode);
    // The URL is shown, encoded in a QR code and opened in a browser: only web URLs qualify.
    if (!isWebUrl(url))
        return unexpected(u"%1 \"%2\" is not an http(s) URL"_s.arg(name, text.left(200)));
    return url;
}

// RFC 8628 §6.1 codes may carry a dash or a space ("WDJB-MJHT"); control characters never.
bool isTypeable(const QString &code)
{
    return std::all_of(code.begin(), code.end(), [](QChar c) { return c.isPrint(); });
}
} // namespace

QString protocolTitle(Protocol protocol)
{
    return protocol == Protocol::Rfc8628 ? u"RFC 8628"_s : u"Salesforce"_s;
}

FieldProblems Config::validate(const Profile &profile)
{
    FieldProblems problems;
    checks::loginUrl(profile, checks::LoginHost::Any, problems);
    checks::clientId(profile, problems);
    checks::clientSecret(profile, checks::Secret::Optional, {}, problems);
    checks::scopes(profile, problems);
    return problems;
}

Expected<Config, FlowError> Config::fromProfile(const Profile &profile, const QString &stage)
{
    if (auto problem = checks::firstBlocking(validate(profile), stage))
        return unexpected(*problem);
    Config config;
    config.loginUrl = profile.loginUrl;
    config.tokenEndpoint = endpointUrl(profile.loginUrl, endpoints::kToken);
    config.discoveryUrl = endpointUrl(profile.loginUrl, endpoints::kDiscovery);
    config.clientId = profile.clientId;
    config.clientSecret = profile.clientSecret;
    config.scopes = profile.scopes;
    config.dialect = profile.deviceDialect;
    config.lifetimeOverrideSeconds = profile.deviceCodeLifetimeSeconds;
    return config;
}

// Device clients are public (RFC 8628 §1, §4.1): client_id only, the secret stays home.
HttpRequest buildDeviceRequest(const Config &config, Protocol protocol, const QUrl &endpoint)
{
    FormFields leading;
    if (protocol == Protocol::Salesforce)
        leading.append({u"response_type"_s, u"device_code"_s}); // §4.1: on the token endpoint
    FormFields trailing;
    if (!config.scopes.isEmpty())
        trailing.append({u"scope"_s, config.scopes.join(u' ')});
    return ClientAuth::none(config.clientId).formPost(endpoint, leading, trailing);
}

HttpRequest buildPollRequest(const Config &config, Protocol protocol, const QString &deviceCode)
{
    const ClientAuth client = ClientAuth::none(config.clientId);
    if (protocol == Protocol::Salesforce) // §4.4: `code`, not `device_code`
        return client.formPost(config.tokenEndpoint, {{u"grant_type"_s, kSalesforceGrantType}},
                               {{u"code"_s, deviceCode}});
    return client.formPost(config.tokenEndpoint, {{u"grant_type"_s, kRfcGrantType}, {u"device_code"_s, deviceCode}});
}

QUrl advertisedDeviceEndpoint(const QJsonObject &discovery)
{
    const QUrl url(discovery.value(u"device_authorization_endpoint").toString(), QUrl::StrictMode);
    return isWebUrl(url) ? url : QUrl();
}

Expected<Authorization, QString> parseAuthorization(const QJsonObject &fields)
{
    Authorization a;
    a.deviceCode = fields.value(u"device_code").toString();
    a.userCode = fields.value(u"user_code").toString().trimmed();
    if (a.deviceCode.isEmpty())
        return unexpected(u"there is no device_code"_s);
    if (a.userCode.isEmpty())
        return unexpected(u"there is no user_code"_s);
    if (a.userCode.size() > kMaxUserCodeLength || !isTypeable(a.userCode))
        return unexpected(u"the user_code is not a short printable code"_s);
    auto url = readUrl(fields, u"verification_uri"_s, true);
    if (!url)
        return unexpected(url.error());
    a.verificationUrl = url.value();
    auto complete = readUrl(fields, u"verification_uri_complete"_s, false);
    if (complete)
        a.verificationUrlComplete = complete.value();
    else
        a.warnings.append(complete.error() + u"; it is ignored"_s);

    const QJsonValue interval = fields.value(u"interval");
    if (!interval.isUndefined()) {
        const auto seconds = readWholeNumber(interval);
        if (!seconds || *seconds < 1 || *seconds > kMaxIntervalSeconds)
            a.warnings.append(u"interval %1 is not a sensible number of seconds; polling every %2 s (RFC 8628 §3.2)"_s
                                  .arg(interval.toVariant().toString().left(20))
                                  .arg(kDefaultIntervalSeconds));
        else
            a.intervalSeconds = *seconds;
    }
    const QJsonValue expiresIn = fields.value(u"expires_in");
    if (!expiresIn.isUndefined()) {
        const auto seconds = readWholeNumber(expiresIn);
        if (seconds && *seconds > 0)
            a.expiresInSeconds = *seconds;
        else
            a.warnings.append(u"expires_in %1 is not a positive number of seconds; it is ignored"_s.arg(
                expiresIn.toVariant().toString().left(20)));
    }
    return a;
}

int lifetimeSeconds(const Config &config, const Authorization &authorization)
{
    if (config.lifetimeOverrideSeconds > 0)
        return config.lifetimeOverrideSeconds;
    return authorization.expiresInSeconds.value_or(kAssumedLifetimeSeconds);
}

PollVerdict classifyPollError(const QString &error, const QString &description)
{
    if (error == u"authorization_pending")
        return PollVerdict::Pending;
    if (error == u"slow_down")
        return PollVerdict::SlowDown;
    if (error == u"access_denied" || error == u"access-denied") // §10.2: the docs spell it both ways
        return PollVerdict::Denied;
    if (error == u"expired_token")
        return PollVerdict::Expired;
    if (error == u"invalid_grant" && mentionsAny(description, kExpiredWords))
        return PollVerdict::Expired;
    if (error == u"invalid_grant" && mentionsAny(description, kDeniedWords))
        return PollVerdict::Denied;
    return PollVerdict::Refused;
}

} // namespace ecalab::device
