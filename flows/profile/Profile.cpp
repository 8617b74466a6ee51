#include "Profile.h"

#include "core/Closest.h"
#include "core/JsonNumbers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <array>

namespace ecalab {

namespace {

using namespace Qt::Literals::StringLiterals;

const std::array kKnownFields = {u"schema"_s,      u"name"_s,       u"loginUrl"_s,   u"siteUrl"_s,
                                 u"clientId"_s,    u"clientSecret"_s, u"callbackUrl"_s, u"scopes"_s,
                                 u"pkce"_s,        u"clientAuth"_s, u"username"_s,   u"privateKeyFile"_s,
                                 u"audience"_s,    u"certificateFile"_s, u"assertionLifetimeSeconds"_s,
                                 u"deviceDialect"_s, u"deviceCodeLifetimeSeconds"_s,
                                 u"prompt"_s,      u"loginHint"_s,  u"display"_s,
                                 u"verificationMethod"_s, u"firstName"_s, u"lastName"_s, u"email"_s,
                                 u"customData"_s, u"recaptchaToken"_s, u"uvid"_s};

bool isKnownField(const QString &key)
{
    return std::find(kKnownFields.begin(), kKnownFields.end(), key) != kKnownFields.end();
}

QString typeError(const QString &field, const char *expected)
{
    return u"Field \"%1\" must be %2."_s.arg(field, QString::fromLatin1(expected));
}

Expected<QUrl, QString> readUrl(const QJsonValue &value, const QString &field)
{
    if (value.isUndefined() || value.isNull())
        return QUrl();
    if (!value.isString())
        return unexpected(typeError(field, "a URL string"));
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return QUrl();
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        return unexpected(u"Field \"%1\" is not an absolute URL: \"%2\". Use a form like https://acme.my.salesforce.com."_s
                              .arg(field, text));
    return url;
}

Expected<QString, QString> readString(const QJsonValue &value, const QString &field)
{
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return unexpected(typeError(field, "a string"));
    return value.toString().trimmed();
}

Expected<QStringList, QString> readScopes(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (value.isString()) // lenient: "api refresh_token" as written on the command line
        return value.toString().split(u' ', Qt::SkipEmptyParts);
    if (!value.isArray())
        return unexpected(typeError(u"scopes"_s, "an array of strings, e.g. [\"api\", \"refresh_token\"]"));
    QStringList scopes;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString() || item.toString().contains(u' '))
            return unexpected(typeError(u"scopes"_s, "an array of single scope names"));
        scopes.append(item.toString());
    }
    return scopes;
}

Expected<ClientAuthMethod, QString> readClientAuth(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull() || value.toString() == u"post")
        return ClientAuthMethod::Post;
    if (value.toString() == u"basic")
        return ClientAuthMethod::Basic;
    return unexpected(u"Field \"clientAuth\" must be \"post\" (secret in the body) or \"basic\" (HTTP Basic header)."_s);
}

Expected<DeviceDialect, QString> readDeviceDialect(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull() || value.toString() == u"auto")
        return DeviceDialect::Auto;
    if (value.toString() == u"salesforce")
        return DeviceDialect::Salesforce;
    if (value.toString() == u"rfc8628")
        return DeviceDialect::Rfc8628;
    return unexpected(u"Field \"deviceDialect\" must be \"auto\" (follow the server's discovery document), "
                      "\"salesforce\" or \"rfc8628\"."_s);
}

Expected<QString, QString> readVerificationMethod(const QJsonValue &value)
{
    auto method = readString(value, u"verificationMethod"_s);
    if (method && !method->isEmpty() && *method != u"email" && *method != u"sms")
        return unexpected(u"Field \"verificationMethod\" must be \"email\" or \"sms\" (where the one-time code is sent)."_s);
    return method;
}

Expected<QJsonObject, QString> readObject(const QJsonValue &value, const QString &field)
{
    if (value.isUndefined() || value.isNull())
        return QJsonObject();
    if (!value.isObject())
        return unexpected(typeError(field, "a JSON object, e.g. {\"mobilePhone\": \"+15555550100\"}"));
    return value.toObject();
}

// Seconds, 0 meaning "not set"; a device code lives minutes, so anything over a day is a typo.
Expected<int, QString> readLifetimeSeconds(const QJsonValue &value, const QString &field)
{
    if (value.isUndefined() || value.isNull())
        return 0;
    const auto seconds = value.isDouble() ? jsonWholeNumber(value.toDouble(), 0, 86'400) : std::nullopt;
    if (!seconds)
        return unexpected(typeError(field, "a whole number of seconds from 0 to 86400"));
    return int(*seconds);
}

// Reads all contract fields; the first problem found is reported with the field's name.
Expected<Profile, QString> readFields(const QJsonObject &o)
{
    Profile p;
    QString error;
    const auto take = [&error](auto result, auto &target) {
        if (!error.isEmpty())
            return;
        if (result)
            target = std::move(result.value());
        else
            error = result.error();
    };
    take(readString(o.value(u"name"), u"name"_s), p.name);
    take(readUrl(o.value(u"loginUrl"), u"loginUrl"_s), p.loginUrl);
    take(readUrl(o.value(u"siteUrl"), u"siteUrl"_s), p.siteUrl);
    take(readString(o.value(u"clientId"), u"clientId"_s), p.clientId);
    take(readString(o.value(u"clientSecret"), u"clientSecret"_s), p.clientSecret);
    take(readUrl(o.value(u"callbackUrl"), u"callbackUrl"_s), p.callbackUrl);
    take(readScopes(o.value(u"scopes")), p.scopes);
    take(readClientAuth(o.value(u"clientAuth")), p.clientAuth);
    take(readString(o.value(u"username"), u"username"_s), p.username);
    take(readString(o.value(u"privateKeyFile"), u"privateKeyFile"_s), p.privateKeyFile);
    take(readString(o.value(u"audience"), u"audience"_s), p.audience);
    take(readString(o.value(u"certificateFile"), u"certificateFile"_s), p.certificateFile);
    take(readLifetimeSeconds(o.value(u"assertionLifetimeSeconds"), u"assertionLifetimeSeconds"_s),
         p.assertionLifetimeSeconds);
    take(readString(o.value(u"prompt"), u"prompt"_s), p.prompt);
    take(readString(o.value(u"loginHint"), u"loginHint"_s), p.loginHint);
    take(readString(o.value(u"display"), u"display"_s), p.display);
    take(readDeviceDialect(o.value(u"deviceDialect")), p.deviceDialect);
    take(readLifetimeSeconds(o.value(u"deviceCodeLifetimeSeconds"), u"deviceCodeLifetimeSeconds"_s),
         p.deviceCodeLifetimeSeconds);
    take(readVerificationMethod(o.value(u"verificationMethod")), p.verificationMethod);
    take(readString(o.value(u"firstName"), u"firstName"_s), p.firstName);
    take(readString(o.value(u"lastName"), u"lastName"_s), p.lastName);
    take(readString(o.value(u"email"), u"email"_s), p.email);
    take(readObject(o.value(u"customData"), u"customData"_s), p.customData);
    take(readString(o.value(u"recaptchaToken"), u"recaptchaToken"_s), p.recaptchaToken);
    take(readString(o.value(u"uvid"), u"uvid"_s), p.uvid);
    const QJsonValue pkce = o.value(u"pkce");
    if (error.isEmpty() && !pkce.isUndefined() && !pkce.isNull() && !pkce.isBool())
        error = typeError(u"pkce"_s, "true or false");
    if (!error.isEmpty())
        return unexpected(error);
    p.pkce = pkce.toBool(true);
    return p;
}

} // namespace

QString clientAuthName(ClientAuthMethod method)
{
    return method == ClientAuthMethod::Basic ? u"basic"_s : u"post"_s;
}

QString deviceDialectName(DeviceDialect dialect)
{
    switch (dialect) {
    case DeviceDialect::Salesforce: return u"salesforce"_s;
    case DeviceDialect::Rfc8628: return u"rfc8628"_s;
    case DeviceDialect::Auto: break;
    }
    return u"auto"_s;
}

QString effectiveVerificationMethod(const Profile &profile)
{
    return profile.verificationMethod == u"sms" ? u"sms"_s : u"email"_s;
}

Expected<Profile, QString> Profile::fromJson(const QJsonObject &object)
{
    const QJsonValue schema = object.value(u"schema");
    if (!schema.isUndefined()) {
        if (!schema.isDouble() || schema.toDouble() != double(schema.toInt()) || schema.toInt() < 1)
            return unexpected(u"Field \"schema\" must be a positive whole number."_s);
        if (schema.toInt() > kSchema)
            return unexpected(u"This profile uses schema %1, written by a newer ECA Lab; this version reads schema %2. "
                              "Update ECA Lab to open it (the file was left unchanged)."_s
                                  .arg(schema.toInt())
                                  .arg(kSchema));
    }
    auto profile = readFields(object);
    if (!profile)
        return profile;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!isKnownField(it.key()))
            profile->unknownFields.insert(it.key(), it.value());
    }
    return profile;
}

Expected<Profile, QString> Profile::fromJsonBytes(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return unexpected(u"Not valid JSON at byte %1: %2."_s.arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return unexpected(u"A profile must be one JSON object ({...})."_s);
    return fromJson(doc.object());
}

QStringList Profile::unknownFieldWarnings() const
{
    QStringList warnings;
    for (auto it = unknownFields.begin(); it != unknownFields.end(); ++it)
        warnings.append(u"Unknown profile field \"%1\" is kept but not used by this version."_s.arg(it.key()));
    return warnings;
}

QJsonObject Profile::toJson(bool includeSecret) const
{
    QJsonObject o = unknownFields;
    const auto putString = [&o](const QString &key, const QString &value) {
        if (!value.isEmpty())
            o.insert(key, value);
    };
    o.insert(u"schema"_s, kSchema);
    putString(u"name"_s, name);
    putString(u"loginUrl"_s, loginUrl.toString());
    putString(u"siteUrl"_s, siteUrl.toString());
    putString(u"clientId"_s, clientId);
    if (includeSecret)
        putString(u"clientSecret"_s, clientSecret);
    putString(u"callbackUrl"_s, callbackUrl.toString());
    if (!scopes.isEmpty())
        o.insert(u"scopes"_s, QJsonArray::fromStringList(scopes));
    o.insert(u"pkce"_s, pkce);
    o.insert(u"clientAuth"_s, clientAuthName(clientAuth));
    putString(u"username"_s, username);
    putString(u"privateKeyFile"_s, privateKeyFile);
    putString(u"audience"_s, audience);
    putString(u"certificateFile"_s, certificateFile);
    if (assertionLifetimeSeconds > 0)
        o.insert(u"assertionLifetimeSeconds"_s, assertionLifetimeSeconds);
    putString(u"prompt"_s, prompt);
    putString(u"loginHint"_s, loginHint);
    putString(u"display"_s, display);
    if (deviceDialect != DeviceDialect::Auto)
        o.insert(u"deviceDialect"_s, deviceDialectName(deviceDialect));
    if (deviceCodeLifetimeSeconds > 0)
        o.insert(u"deviceCodeLifetimeSeconds"_s, deviceCodeLifetimeSeconds);
    putString(u"verificationMethod"_s, verificationMethod);
    putString(u"firstName"_s, firstName);
    putString(u"lastName"_s, lastName);
    putString(u"email"_s, email);
    if (!customData.isEmpty())
        o.insert(u"customData"_s, customData);
    putString(u"recaptchaToken"_s, recaptchaToken);
    putString(u"uvid"_s, uvid);
    return o;
}

QStringList Profile::fieldNames()
{
    return QStringList(kKnownFields.begin(), kKnownFields.end());
}

Expected<bool, QString> Profile::applyOverride(const QString &key, const QString &value, const QStringList &alsoKnown)
{
    if (!isKnownField(key)) {
        constexpr int kMaxTypos = 3;
        const QString closest = closestMatch(key, fieldNames().mid(1) + alsoKnown, kMaxTypos);
        return unexpected(closest.isEmpty() ? u"--set %1: \"%1\" is not a profile field."_s.arg(key)
                                            : u"--set %1: \"%1\" is not a profile field; did you mean %2?"_s.arg(key, closest));
    }
    // Wrapping in [] lets QJsonDocument parse scalars (true, 42, "x") as well as arrays/objects.
    QJsonParseError parseError;
    const QJsonDocument wrapped = QJsonDocument::fromJson(u"[%1]"_s.arg(value).toUtf8(), &parseError);
    QJsonValue parsed = value;
    if (parseError.error == QJsonParseError::NoError && wrapped.array().size() == 1)
        parsed = wrapped.array().at(0);
    if (key == u"scopes" && parsed.isString())
        parsed = QJsonArray::fromStringList(value.split(u' ', Qt::SkipEmptyParts));
    if (key == u"schema")
        return unexpected(u"\"schema\" cannot be overridden."_s);

    QJsonObject merged = toJson(true);
    merged.insert(key, parsed);
    auto updated = fromJson(merged);
    if (!updated)
        return unexpected(u"--set %1: %2"_s.arg(key, updated.error()));
    *this = std::move(updated.value());
    return true;
}

} // namespace ecalab
