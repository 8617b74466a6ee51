#pragma once

#include "core/Expected.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace ecalab {

enum class ClientAuthMethod { Post, Basic }; // client_secret_post | client_secret_basic (§1.3)
// Which device-flow dialect to speak (§4.4): Auto follows the server's discovery document.
enum class DeviceDialect { Auto, Salesforce, Rfc8628 };

// The profile file of ARCHITECTURE.md ("Profile file (contract)", schema 1): one org + app.
// Field names are the contract; anything else in the file is kept in unknownFields, never dropped.
struct Profile
{
    static constexpr int kSchema = 1;

    QString name;
    QUrl loginUrl;
    QUrl siteUrl;
    QString clientId;
    QString clientSecret; // in memory; a file may carry it, the app keeps it in the keychain
    QUrl callbackUrl;
    QStringList scopes;
    bool pkce = true;
    ClientAuthMethod clientAuth = ClientAuthMethod::Post;
    QString username;
    QString privateKeyFile;
    QString audience;           // JWT aud; derived from loginUrl when empty
    QString certificateFile;    // JWT bearer: the certificate uploaded to the app, to check the key against
    int assertionLifetimeSeconds = 0; // JWT bearer: exp − now; 0: the 3 minutes Salesforce asks for (§5.1)
    QString prompt;             // web server: authorize `prompt` (login, consent, select_account; §3.1)
    QString loginHint;          // web server: authorize `login_hint` (pre-fills the username)
    QString display;            // web server: authorize `display` (page, popup, touch)
    DeviceDialect deviceDialect = DeviceDialect::Auto;
    int deviceCodeLifetimeSeconds = 0; // 0: the server's expires_in, else the assumed 10 minutes (§4.3)
    // Headless flows (§6): where the one-time code goes, and the new user's data for registration
    // (its username is `username`; its password is asked, never kept here).
    QString verificationMethod;  // "email" (default) or "sms" (§6.3, §6.4)
    QString firstName;           // registration userdata
    QString lastName;
    QString email;               // registration userdata; defaults to username
    QJsonObject customData;      // registration customdata, e.g. {"mobilePhone": "+15555550100"}
    QString recaptchaToken;      // sent as "recaptcha" to the init APIs when the site requires it
    QString uvid;                // guest: the unique visitor ID (a UUID); empty: a new one per run (§6.6)
    QJsonObject unknownFields;  // kept verbatim and written back

    QStringList unknownFieldWarnings() const;
    QJsonObject toJson(bool includeSecret = false) const;
    static Expected<Profile, QString> fromJson(const QJsonObject &object);
    static Expected<Profile, QString> fromJsonBytes(const QByteArray &bytes);

    // `--set KEY=VALUE`: VALUE is read as JSON when it parses as JSON, else as a string;
    // `scopes` also takes a space-separated string (ARCHITECTURE.md, command line). Unlike a
    // file's, an unknown KEY is refused, naming the closest field (of these and `alsoKnown`, the
    // caller's own keys): a typo must not run against the profile's own value.
    Expected<bool, QString> applyOverride(const QString &key, const QString &value, const QStringList &alsoKnown = {});

    static QStringList fieldNames(); // the contract's fields, "schema" first
};

QString clientAuthName(ClientAuthMethod method);
QString deviceDialectName(DeviceDialect dialect); // "auto", "salesforce", "rfc8628"
// The profile's verificationMethod as sent: "email" unless it says "sms".
QString effectiveVerificationMethod(const Profile &profile);

} // namespace ecalab
