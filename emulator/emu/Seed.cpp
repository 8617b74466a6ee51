#include "Seed.h"

#include "BuiltInApps.h"
#include "CallbackUrls.h"
#include "Crypto.h"
#include "SalesforceId.h"
#include "Scopes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QUrl>

#include <cmath>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
QString shown(const QJsonValue &value)
{
    if (value.isString())
        return u"\"%1\""_s.arg(value.toString());
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

// Reads typed fields of one JSON object; remembers the first error.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, const QString &where) : m_object(object), m_where(where) {}

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    bool has(const QString &key) const { return m_object.contains(key); }
    QJsonValue raw(const QString &key) const { return m_object.value(key); }

    void fail(const QString &key, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = u"%1%2%3: %4"_s.arg(m_where, m_where.isEmpty() ? QString() : u"."_s, key, what);
    }
    void string(const QString &key, QString &out, const QRegularExpression *pattern = nullptr,
                const QString &patternText = {})
    {
        if (!has(key))
            return;
        const QJsonValue v = raw(key);
        if (!v.isString())
            return fail(key, u"expected a string, got %1"_s.arg(shown(v)));
        if (pattern && !pattern->match(v.toString()).hasMatch())
            return fail(key, u"%1, got %2"_s.arg(patternText, shown(v)));
        out = v.toString();
    }
    void boolean(const QString &key, bool &out)
    {
        if (!has(key))
            return;
        if (!raw(key).isBool())
            return fail(key, u"expected true or false, got %1"_s.arg(shown(raw(key))));
        out = raw(key).toBool();
    }
    void integer(const QString &key, int &out, int min, int max, const QString &extra = {})
    {
        if (!has(key))
            return;
        const QJsonValue v = raw(key);
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::trunc(d) || d < min || d > max) // no cast before the range check: 1e300 is JSON
            return fail(key,
                        u"expected a whole number from %1 to %2%3, got %4"_s.arg(min).arg(max).arg(extra, shown(v)));
        out = int(d);
    }
    void oneOf(const QString &key, QString &out, const QStringList &allowed)
    {
        QString value = out;
        string(key, value);
        if (ok() && has(key) && !allowed.contains(value))
            return fail(key, u"expected one of %1, got %2"_s.arg(allowed.join(u", "_s), shown(raw(key))));
        out = value;
    }
    void stringList(const QString &key, QStringList &out)
    {
        if (!has(key))
            return;
        if (!raw(key).isArray())
            return fail(key, u"expected an array of strings, got %1"_s.arg(shown(raw(key))));
        QStringList list;
        for (const QJsonValue &v : raw(key).toArray()) {
            if (!v.isString())
                return fail(key, u"expected an array of strings, found %1"_s.arg(shown(v)));
            list << v.toString();
        }
        out = list;
    }
    void rejectUnknown(const QStringList &known)
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!known.contains(it.key()))
                fail(it.key(), u"unknown field (known: %1)"_s.arg(known.join(u", "_s)));
        }
    }

private:
    QJsonObject m_object;
    QString m_where;
    QString m_error;
};

bool finish(const FieldReader &reader, QString *error)
{
    if (!reader.ok() && error)
        *error = reader.error();
    return reader.ok();
}

const QStringList kOrgFields{u"name"_s,
                             u"id"_s,
                             u"myDomainName"_s,
                             u"sitePrefix"_s,
                             u"sessionTimeoutInMinutes"_s,
                             u"status"_s,
                             u"allowUsernamePasswordFlows"_s,
                             u"allowUserAgentFlows"_s,
                             u"allowCodeCredentialsFlows"_s,
                             u"salesforceCliApp"_s};
const QStringList kUserFields{
    u"username"_s, u"password"_s,      u"id"_s,       u"email"_s,  u"firstName"_s, u"lastName"_s,         u"active"_s,
    u"userType"_s, u"permittedApps"_s, u"timeZone"_s, u"locale"_s, u"language"_s,  u"isIntegrationUser"_s,
    u"approvedApps"_s, u"mobilePhone"_s};
const QStringList kAppFields{u"fullName"_s,
                             u"label"_s,
                             u"type"_s,
                             u"consumerKey"_s,
                             u"consumerSecret"_s,
                             u"callbackUrl"_s,
                             u"commaSeparatedOauthScopes"_s,
                             u"certificate"_s,
                             u"isEnabled"_s,
                             u"isInstalled"_s,
                             u"isClientCredentialsFlowEnabled"_s,
                             u"clientCredentialsFlowUser"_s,
                             u"isDeviceFlowEnabled"_s,
                             u"isCodeCredFlowEnabled"_s,
                             u"isCodeCredPostOnly"_s,
                             u"isPkceRequired"_s,
                             u"isConsumerSecretOptional"_s,
                             u"isSecretRequiredForRefreshToken"_s,
                             u"isRefreshTokenRotationEnabled"_s,
                             u"isIntrospectAllTokens"_s,
                             u"isTokenExchangeEnabled"_s,
                             u"permittedUsersPolicyType"_s,
                             u"refreshTokenPolicyType"_s,
                             u"refreshTokenValidityPeriod"_s,
                             u"refreshTokenValidityUnit"_s,
                             u"sessionTimeoutInMinutes"_s,
                             u"isNamedUserJwtEnabled"_s,
                             u"namedUserJwtTimeout"_s};
const QStringList kUserTypes{
    u"STANDARD"_s, u"POWER_PARTNER"_s, u"POWER_CUSTOMER_SUCCESS"_s, u"CUSTOMER_SUCCESS"_s, u"CSP_LITE_PORTAL"_s,
    u"CSN_ONLY"_s, u"GUEST"_s};

void readId(FieldReader &r, const QString &key, QString &out, const QString &prefix)
{
    QString id;
    r.string(key, id);
    if (!r.ok() || !r.has(key))
        return;
    QString why;
    if (!SalesforceId::isValid(id, prefix, &why))
        return r.fail(key, u"%1 %2"_s.arg(shown(r.raw(key)), why));
    out = SalesforceId::to15(id);
}

void readCallbackUrls(FieldReader &r, QStringList &out)
{
    const QString key = u"callbackUrl"_s;
    QStringList urls;
    if (!r.has(key))
        return;
    if (r.raw(key).isString())
        urls = r.raw(key).toString().split(u'\n', Qt::SkipEmptyParts);
    else
        r.stringList(key, urls);
    for (QString &url : urls) {
        url = url.trimmed();
        // {site}, {myDomain} and {login} stand for the emulator's hosts (CallbackPlaceholders).
        const QUrl parsed(CallbackPlaceholders::samples().expand(url), QUrl::StrictMode);
        if (!parsed.isValid() || parsed.scheme().isEmpty())
            return r.fail(key, u"\"%1\" is not an absolute URL"_s.arg(url));
    }
    if (r.ok())
        out = urls;
}

void readScopes(FieldReader &r, QStringList &out)
{
    const QString key = u"commaSeparatedOauthScopes"_s;
    QString text;
    r.string(key, text);
    if (!r.ok() || !r.has(key))
        return;
    QStringList tokens;
    for (const QString &token : Scopes::splitTokens(text)) {
        if (!Scopes::isKnownToken(token))
            return r.fail(key,
                          u"unknown scope token \"%1\" (known: %2)"_s.arg(token, Scopes::knownTokens().join(u", "_s)));
        tokens << Scopes::canonicalToken(token);
    }
    out = tokens;
}

void readCertificate(FieldReader &r, App &app)
{
    const QString key = u"certificate"_s;
    QString value;
    r.string(key, value);
    if (!r.ok() || !r.has(key))
        return;
    QByteArray pem = value.toUtf8();
    if (value.startsWith(u":/")) {
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly))
            return r.fail(key, u"no resource %1"_s.arg(value));
        pem = file.readAll();
    }
    QString why;
    // The JWT bearer flow verifies RS256 with the certificate's key (§5), so it must be RSA.
    if (!value.isEmpty() && !RsaKey::fromCertificatePem(pem, &why))
        return r.fail(key, why);
    app.certificate = value;
    app.certificatePem = value.isEmpty() ? QByteArray() : pem;
}

// JWT-based access tokens (eca-metadata.md §3.3, §3.4): the switch and the `Custom` timeout, whose
// allowed values are guestJwtTimeout's (1–30, and 60–720 from API 65); 0 = `UserSession`.
void readNamedUserJwt(FieldReader &r, App &app)
{
    static const QList<int> allowed{0, 1, 5, 10, 15, 30, 60, 90, 120, 240, 480, 720};
    r.boolean(u"isNamedUserJwtEnabled"_s, app.isNamedUserJwtEnabled);
    r.integer(u"namedUserJwtTimeout"_s, app.namedUserJwtTimeout, 0, 720, u" (0: the user session)"_s);
    if (r.ok() && !allowed.contains(app.namedUserJwtTimeout))
        r.fail(u"namedUserJwtTimeout"_s, u"expected 0 or one of 1, 5, 10, 15, 30, 60, 90, 120, 240, 480, 720 "
                                         u"minutes, got %1"_s.arg(app.namedUserJwtTimeout));
}
} // namespace

bool Seed::applyOrg(OrgSettings &org, const QJsonObject &changes, const QString &where, QString *error)
{
    static const QRegularExpression domain(u"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"_s);
    static const QRegularExpression prefix(u"^[A-Za-z0-9_-]+$"_s);
    FieldReader r(changes, where);
    r.rejectUnknown(kOrgFields);
    r.string(u"name"_s, org.name);
    readId(r, u"id"_s, org.id15, u"00D"_s);
    r.string(u"myDomainName"_s, org.myDomainName, &domain, u"expected lower-case letters, digits and hyphens"_s);
    r.string(u"sitePrefix"_s, org.sitePrefix, &prefix, u"expected letters, digits, '-' or '_' (no slashes)"_s);
    r.integer(u"sessionTimeoutInMinutes"_s, org.sessionTimeoutInMinutes, 15, 1440);
    r.oneOf(u"status"_s, org.status, {u"Active"_s, u"Locked"_s, u"Closed"_s, u"Suspended"_s});
    r.boolean(u"allowUsernamePasswordFlows"_s, org.allowUsernamePasswordFlows);
    r.boolean(u"allowUserAgentFlows"_s, org.allowUserAgentFlows);
    r.boolean(u"allowCodeCredentialsFlows"_s, org.allowCodeCredentialsFlows);
    r.boolean(u"salesforceCliApp"_s, org.salesforceCliApp);
    return finish(r, error);
}

bool Seed::applyUser(User &user, const QJsonObject &changes, const QString &where, QString *error)
{
    static const QRegularExpression username(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    static const QRegularExpression nonEmpty(u"\\S"_s);
    FieldReader r(changes, where);
    r.rejectUnknown(kUserFields);
    r.string(u"username"_s, user.username, &username, u"expected an e-mail-shaped username"_s);
    r.string(u"password"_s, user.password, &nonEmpty, u"expected a non-empty password"_s);
    readId(r, u"id"_s, user.id15, u"005"_s);
    r.string(u"email"_s, user.email, &username, u"expected an e-mail address"_s);
    r.string(u"firstName"_s, user.firstName);
    r.string(u"lastName"_s, user.lastName);
    r.boolean(u"active"_s, user.active);
    r.oneOf(u"userType"_s, user.userType, kUserTypes);
    r.stringList(u"permittedApps"_s, user.permittedApps);
    r.stringList(u"approvedApps"_s, user.approvedApps);
    r.string(u"timeZone"_s, user.timeZone);
    if (r.ok() && !QTimeZone::isTimeZoneIdAvailable(user.timeZone.toUtf8()))
        r.fail(u"timeZone"_s, u"unknown time zone \"%1\" (use an IANA name such as Europe/Paris)"_s.arg(user.timeZone));
    r.string(u"locale"_s, user.locale);
    r.string(u"language"_s, user.language);
    r.boolean(u"isIntegrationUser"_s, user.isIntegrationUser);
    r.string(u"mobilePhone"_s, user.mobilePhone);
    return finish(r, error);
}

bool Seed::applyApp(App &app, const QJsonObject &changes, const QString &where, QString *error)
{
    // API names: a letter first, then letters, digits and single underscores (eca-metadata.md §3.1).
    static const QRegularExpression apiName(u"^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$"_s);
    static const QRegularExpression key(u"^[A-Za-z0-9._]{8,256}$"_s);
    FieldReader r(changes, where);
    r.rejectUnknown(kAppFields);
    r.string(u"fullName"_s, app.fullName, &apiName, u"expected an API name (letters, digits, single underscores)"_s);
    r.string(u"label"_s, app.label);
    r.oneOf(u"type"_s, app.type, {QString::fromUtf16(App::kExternalClientApp), QString::fromUtf16(App::kConnectedApp)});
    r.string(u"consumerKey"_s, app.consumerKey, &key, u"expected 8 to 256 letters, digits, '.' or '_'"_s);
    r.string(u"consumerSecret"_s, app.consumerSecret, &key, u"expected 8 to 256 letters, digits, '.' or '_'"_s);
    readCallbackUrls(r, app.callbackUrls);
    readScopes(r, app.scopeTokens);
    readCertificate(r, app);
    static const QList<QPair<QString, bool App::*>> switches{
        {u"isEnabled"_s, &App::isEnabled},
        {u"isInstalled"_s, &App::isInstalled},
        {u"isClientCredentialsFlowEnabled"_s, &App::isClientCredentialsFlowEnabled},
        {u"isDeviceFlowEnabled"_s, &App::isDeviceFlowEnabled},
        {u"isCodeCredFlowEnabled"_s, &App::isCodeCredFlowEnabled},
        {u"isCodeCredPostOnly"_s, &App::isCodeCredPostOnly},
        {u"isPkceRequired"_s, &App::isPkceRequired},
        {u"isConsumerSecretOptional"_s, &App::isConsumerSecretOptional},
        {u"isSecretRequiredForRefreshToken"_s, &App::isSecretRequiredForRefreshToken},
        {u"isRefreshTokenRotationEnabled"_s, &App::isRefreshTokenRotationEnabled},
        {u"isIntrospectAllTokens"_s, &App::isIntrospectAllTokens},
        {u"isTokenExchangeEnabled"_s, &App::isTokenExchangeEnabled}};
    for (const auto &[name, field] : switches)
        r.boolean(name, app.*field);
    r.string(u"clientCredentialsFlowUser"_s, app.clientCredentialsFlowUser);
    r.oneOf(u"permittedUsersPolicyType"_s, app.permittedUsersPolicyType,
            {u"AllSelfAuthorized"_s, u"AdminApprovedPreAuthorized"_s});
    r.oneOf(u"refreshTokenPolicyType"_s, app.refreshTokenPolicyType,
            {u"Infinite"_s, u"SpecificInactivity"_s, u"SpecificLifetime"_s, u"Zero"_s});
    r.integer(u"refreshTokenValidityPeriod"_s, app.refreshTokenValidityPeriod, 0, 100000);
    r.oneOf(u"refreshTokenValidityUnit"_s, app.refreshTokenValidityUnit,
            {QString(), u"Hours"_s, u"Days"_s, u"Months"_s});
    r.integer(u"sessionTimeoutInMinutes"_s, app.sessionTimeoutInMinutes, 0, 1440, u" (0: the org's timeout)"_s);
    if (r.ok() && app.sessionTimeoutInMinutes > 0 && app.sessionTimeoutInMinutes < 15)
        r.fail(u"sessionTimeoutInMinutes"_s,
               u"expected 0 or 15 to 1440 minutes, got %1"_s.arg(app.sessionTimeoutInMinutes));
    readNamedUserJwt(r, app);
    return finish(r, error);
}

bool Seed::applySite(SiteSettings &site, const QJsonObject &changes, const QString &where, QString *error)
{
    return site.apply(changes, where, kUserTypes, error);
}

QStringList Seed::userTypes()
{
    return kUserTypes;
}

namespace {
bool readArray(const QJsonObject &seed, const QString &key, QJsonArray *out, QString *error)
{
    if (!seed.contains(key))
        return true;
    if (!seed.value(key).isArray()) {
        *error = u"%1: expected an array of objects, got %2"_s.arg(key, shown(seed.value(key)));
        return false;
    }
    *out = seed.value(key).toArray();
    for (qsizetype i = 0; i < out->size(); ++i) {
        if (!out->at(i).isObject()) {
            *error = u"%1[%2]: expected an object, got %3"_s.arg(key).arg(i).arg(shown(out->at(i)));
            return false;
        }
    }
    return true;
}

bool requireFields(const QJsonObject &object, const QString &where, const QStringList &required, QString *error)
{
    for (const QString &key : required) {
        if (!object.contains(key)) {
            *error = u"%1.%2: required field is missing"_s.arg(where, key);
            return false;
        }
    }
    return true;
}

bool readTopLevel(const QJsonObject &seed, QString *error)
{
    for (auto it = seed.begin(); it != seed.end(); ++it) {
        if (!QStringList{u"schema"_s, u"org"_s, u"site"_s, u"users"_s, u"apps"_s}.contains(it.key())) {
            *error = u"%1: unknown top-level field (known: schema, org, site, users, apps)"_s.arg(it.key());
            return false;
        }
    }
    if (seed.contains(u"schema"_s) && seed.value(u"schema"_s).toInt(-1) != Seed::kSchema) {
        *error = u"schema: this emulator reads schema %1 seeds, got %2"_s.arg(Seed::kSchema)
                     .arg(shown(seed.value(u"schema"_s)));
        return false;
    }
    if (!seed.value(u"org"_s).isObject()) {
        *error = u"org: required object is missing"_s;
        return false;
    }
    if (seed.contains(u"site"_s) && !seed.value(u"site"_s).isObject()) {
        *error = u"site: expected an object, got %1"_s.arg(shown(seed.value(u"site"_s)));
        return false;
    }
    return true;
}
} // namespace

bool Seed::read(const QJsonObject &seed, OrgModel *model, QString *error)
{
    QString message;
    QJsonArray users, apps;
    OrgModel result;
    const QJsonObject org = seed.value(u"org"_s).toObject();
    bool ok = readTopLevel(seed, &message) && requireFields(org, u"org"_s, {u"id"_s}, &message) &&
              applyOrg(result.org, org, u"org"_s, &message) &&
              applySite(result.site, seed.value(u"site"_s).toObject(), u"site"_s, &message) &&
              readArray(seed, u"users"_s, &users, &message) &&
              readArray(seed, u"apps"_s, &apps, &message);
    for (qsizetype i = 0; ok && i < users.size(); ++i) {
        const QString where = u"users[%1]"_s.arg(i);
        User user;
        ok = requireFields(users.at(i).toObject(), where, {u"username"_s, u"password"_s}, &message) &&
             applyUser(user, users.at(i).toObject(), where, &message);
        result.users.append(user);
    }
    for (qsizetype i = 0; ok && i < apps.size(); ++i) {
        const QString where = u"apps[%1]"_s.arg(i);
        App app;
        ok = requireFields(apps.at(i).toObject(), where, {u"fullName"_s}, &message) &&
             applyApp(app, apps.at(i).toObject(), where, &message);
        result.apps.append(app);
    }
    if (ok && result.org.salesforceCliApp && !result.appByClientId(BuiltInApps::kSalesforceCliClientId)) {
        App cli;
        ok = applyApp(cli, BuiltInApps::salesforceCli(), u"the built-in Salesforce CLI app"_s, &message);
        result.apps.append(cli);
    }
    if (ok) {
        fillDefaults(result);
        ok = validate(result, &message);
    }
    if (!ok) {
        if (error)
            *error = u"Invalid seed: "_s + message;
        return false;
    }
    *model = result;
    return true;
}

namespace {
QString duplicateIn(const QStringList &values)
{
    QSet<QString> seen;
    for (const QString &value : values) {
        if (!value.isEmpty() && seen.contains(value.toLower()))
            return value;
        seen.insert(value.toLower());
    }
    return {};
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}
} // namespace

bool Seed::validate(const OrgModel &model, QString *error)
{
    QStringList usernames, userIds, appNames, keys;
    for (const User &u : model.users) {
        usernames << u.username;
        userIds << u.id15;
    }
    for (const App &a : model.apps) {
        appNames << a.fullName;
        keys << a.consumerKey;
    }
    if (const QString d = duplicateIn(usernames); !d.isEmpty())
        return fail(error, u"users: the username %1 is used twice"_s.arg(d));
    if (const QString d = duplicateIn(userIds); !d.isEmpty())
        return fail(error, u"users: the id %1 is used twice"_s.arg(d));
    if (const QString d = duplicateIn(appNames); !d.isEmpty())
        return fail(error, u"apps: the fullName %1 is used twice"_s.arg(d));
    if (const QString d = duplicateIn(keys); !d.isEmpty())
        return fail(error, u"apps: the consumerKey %1 is used twice"_s.arg(d));
    for (qsizetype i = 0; i < model.users.size(); ++i) {
        for (const QString &name : model.users.at(i).permittedApps) {
            if (!appNames.contains(name))
                return fail(error, u"users[%1].permittedApps: no app has the fullName %2"_s.arg(i).arg(name));
        }
        for (const QString &name : model.users.at(i).approvedApps) {
            if (!appNames.contains(name))
                return fail(error, u"users[%1].approvedApps: no app has the fullName %2"_s.arg(i).arg(name));
        }
    }
    for (qsizetype i = 0; i < model.apps.size(); ++i) {
        const App &app = model.apps.at(i);
        if (!app.clientCredentialsFlowUser.isEmpty() && !model.userByUsername(app.clientCredentialsFlowUser))
            return fail(error, u"apps[%1].clientCredentialsFlowUser: no user has the username %2"_s.arg(i).arg(
                                   app.clientCredentialsFlowUser));
        const bool specific = app.refreshTokenPolicyType.startsWith(u"Specific");
        if (specific && (app.refreshTokenValidityPeriod <= 0 || app.refreshTokenValidityUnit.isEmpty()))
            return fail(error, u"apps[%1].refreshTokenPolicyType: %2 needs refreshTokenValidityPeriod > 0 and "
                               u"refreshTokenValidityUnit"_s.arg(i)
                                   .arg(app.refreshTokenPolicyType));
    }
    return true;
}

void Seed::fillDefaults(OrgModel &model)
{
    const QString pod = model.org.id15.mid(3, 2);
    int next = 1;
    for (User &user : model.users) {
        if (user.email.isEmpty())
            user.email = user.username;
        if (user.lastName.isEmpty())
            user.lastName = user.nickname();
        while (user.id15.isEmpty()) {
            const QString candidate = u"005"_s + pod + QString::number(next++).rightJustified(10, u'0');
            if (!model.userById(candidate))
                user.id15 = candidate;
        }
    }
    for (App &app : model.apps) {
        // Deterministic per org and app, shaped like real ones (3MVG9… keys, 64 hex secrets).
        const QByteArray seed = (model.org.id15 + u'/' + app.fullName).toUtf8();
        if (app.consumerKey.isEmpty())
            app.consumerKey = u"3MVG9"_s + QString::fromLatin1(
                                               Crypto::base64Url(Crypto::sha256(seed) + Crypto::sha256("key:" + seed)))
                                               .remove(u'-')
                                               .left(80);
        if (app.consumerSecret.isEmpty())
            app.consumerSecret = QString::fromLatin1(Crypto::sha256("secret:" + seed).toHex().toUpper());
        if (app.label.isEmpty())
            app.label = app.fullName;
    }
}

} // namespace ecalab::emu
