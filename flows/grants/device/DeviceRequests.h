#pragma once

#include "profile/FieldProblem.h"

#include "core/Expected.h"
#include "http/HttpMessage.h"
#include "oauth/FlowError.h"
#include "profile/Profile.h"

#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include <optional>

// The device flow's requests and answers as plain values (§4, RFC 8628), kept apart from the
// waiting so both can be tested without a network.
namespace ecalab::device {

// The dialect actually spoken in a run; the profile may leave the choice to discovery (Auto).
enum class Protocol { Salesforce, Rfc8628 };
QString protocolTitle(Protocol protocol); // "Salesforce", "RFC 8628"

// §4.3: "give up after about 10 minutes" — Salesforce sends no expires_in and its device-code
// lifetime is unconfirmed (§13), so a run assumes this unless the profile says otherwise.
inline constexpr int kAssumedLifetimeSeconds = 600;
// RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default."
inline constexpr int kDefaultIntervalSeconds = 5;
// RFC 8628 §3.5: on slow_down "the interval MUST be increased by 5 seconds for this and all
// subsequent requests".
inline constexpr int kSlowDownStepSeconds = 5;
// A server asking for more than this between polls is not being honest about a device flow.
inline constexpr int kMaxIntervalSeconds = 300;
// Longer user codes or URLs cannot be typed from across the room; such an answer is refused.
inline constexpr int kMaxUserCodeLength = 64;
inline constexpr int kMaxUrlLength = 2048;
// RFC 8628 §3.4.
inline const QString kRfcGrantType = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
// §4.3: Salesforce's poll grant.
inline const QString kSalesforceGrantType = QStringLiteral("device");

// What the device flow needs, validated before anything is sent.
struct Config
{
    QUrl loginUrl;
    QUrl tokenEndpoint;
    QUrl discoveryUrl;
    QString clientId;
    QString clientSecret; // never sent (device clients are public, RFC 8628 §1); checks the signature
    QStringList scopes;
    DeviceDialect dialect = DeviceDialect::Auto;
    int lifetimeOverrideSeconds = 0; // profile deviceCodeLifetimeSeconds; 0 = not set

    static FieldProblems validate(const Profile &profile);
    static Expected<Config, FlowError> fromProfile(const Profile &profile, const QString &stage);
};

// Step 1 (§4.1 / RFC 8628 §3.1). `endpoint` is the token endpoint for Salesforce, the
// device_authorization_endpoint for RFC 8628.
HttpRequest buildDeviceRequest(const Config &config, Protocol protocol, const QUrl &endpoint);
// Step 3 (§4.3 / RFC 8628 §3.4), always to the token endpoint.
HttpRequest buildPollRequest(const Config &config, Protocol protocol, const QString &deviceCode);

// The RFC 8628 device endpoint advertised by a discovery document, or an empty URL (§7.9:
// Salesforce does not advertise one). A value that is not an http(s) URL counts as absent.
QUrl advertisedDeviceEndpoint(const QJsonObject &discovery);

// Step 1's answer (§4.1 / RFC 8628 §3.2).
struct Authorization
{
    QString deviceCode;
    QString userCode;
    QUrl verificationUrl;
    QUrl verificationUrlComplete;         // RFC 8628 only
    int intervalSeconds = kDefaultIntervalSeconds;
    std::optional<int> expiresInSeconds; // RFC 8628 only
    QStringList warnings;                 // shape problems worth showing that do not stop the flow
};
// `fields` as read by parseResponseFields (JSON, form or XML: numbers may arrive as strings).
Expected<Authorization, QString> parseAuthorization(const QJsonObject &fields);

// How long the run waits for approval: the profile's override, else the server's expires_in,
// else the assumed 10 minutes.
int lifetimeSeconds(const Config &config, const Authorization &authorization);

// What one poll answer means for the wait (§4.3, RFC 8628 §3.5).
enum class PollVerdict { Pending, SlowDown, Denied, Expired, Refused };
PollVerdict classifyPollError(const QString &error, const QString &description);

} // namespace ecalab::device
