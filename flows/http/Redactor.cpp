#include "Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

const QByteArray Redactor::kMask = "[redacted]";

namespace {
// Field names whose values are credentials wherever they appear: request bodies, queries,
// token responses (§1.4, hybrid sids), revoke/introspect `token`, registration output (§7.11),
// the headless APIs' one-time codes, new passwords and reCAPTCHA tokens (§6.3–6.5), and an
// authorization code wherever it travels (a redirect's Location, the echo endpoint's JSON, §6.8).
const QStringList kSecretFields = {
    u"client_secret"_s,     u"password"_s,         u"new_password"_s,      u"assertion"_s,
    u"client_assertion"_s,  u"access_token"_s,     u"refresh_token"_s,     u"id_token"_s,
    u"token"_s,             u"oauth_token"_s,      u"sid"_s,               u"lightning_sid"_s,
    u"visualforce_sid"_s,   u"content_sid"_s,      u"parent_sid"_s,        u"csrf_token"_s,
    u"cookie-sid_Client"_s, u"beacon_child_consumer_secret"_s, u"registration_access_token"_s,
    u"passphrase"_s,        u"subject_token"_s,    u"actor_token"_s,       u"otp"_s,
    u"newpassword"_s,       u"recaptcha"_s,        u"code"_s};

const QByteArray kPlaceholder("\x01\x02\x03\x01"); // control bytes no spelled secret contains
const QList<QByteArray> kCredentialHeaders = {"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"};

bool isCredentialHeader(const QByteArray &name)
{
    return std::any_of(kCredentialHeaders.begin(), kCredentialHeaders.end(),
                       [&](const QByteArray &h) { return h.compare(name, Qt::CaseInsensitive) == 0; });
}

void collectJson(const QJsonValue &value, QList<SecretValue> &out)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectJson(item, out);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (Redactor::isSecretField(it.key()) && it.value().isString())
            out.append({it.key(), it.value().toString().toUtf8()});
        else
            collectJson(it.value(), out);
    }
}

void collectForm(const QByteArray &text, QList<SecretValue> &out)
{
    for (const auto &[name, value] : formDecode(text)) {
        if (Redactor::isSecretField(name))
            out.append({name, value.toUtf8()});
    }
}

void collectMultipart(const QByteArray &body, QList<SecretValue> &out)
{
    static const QRegularExpression part(u"name=\"([^\"]+)\"[^\\r]*\\r\\n(?:[^\\r]+\\r\\n)*\\r\\n([^\\r]*)\\r\\n"_s);
    auto it = part.globalMatch(QString::fromUtf8(body));
    while (it.hasNext()) {
        const auto match = it.next();
        if (Redactor::isSecretField(match.captured(1)))
            out.append({match.captured(1), match.captured(2).toUtf8()});
    }
}

void collectXml(const QByteArray &body, QList<SecretValue> &out)
{
    static const QRegularExpression element(u"<([A-Za-z_][\\w.-]*)>([^<]*)</\\1>"_s);
    auto it = element.globalMatch(QString::fromUtf8(body));
    while (it.hasNext()) {
        const auto match = it.next();
        if (Redactor::isSecretField(match.captured(1)))
            out.append({match.captured(1), match.captured(2).toUtf8()});
    }
}

// The ways a value can be spelled inside a message: raw, percent-encoded, form-encoded, JSON-escaped.
QList<QByteArray> spellingsOf(const QByteArray &value)
{
    QList<QByteArray> spellings{value, QUrl::toPercentEncoding(QString::fromUtf8(value))};
    QByteArray form = spellings.last();
    form.replace("%20", "+");
    spellings.append(form);
    const QByteArray json = QJsonDocument(QJsonArray{QString::fromUtf8(value)}).toJson(QJsonDocument::Compact);
    spellings.append(json.mid(2, json.size() - 4)); // strip [" and "]
    spellings.removeIf([](const QByteArray &s) { return s.isEmpty(); });
    std::sort(spellings.begin(), spellings.end());
    spellings.erase(std::unique(spellings.begin(), spellings.end()), spellings.end());
    return spellings;
}
} // namespace

bool Redactor::isSecretField(const QString &name)
{
    return kSecretFields.contains(name, Qt::CaseInsensitive);
}

QString Redactor::basicAuthUser(const HttpHeaders &headers)
{
    const QList<QByteArray> parts = headerValue(headers, "Authorization").split(' ');
    if (parts.size() != 2 || parts.at(0).compare("Basic", Qt::CaseInsensitive) != 0)
        return {};
    const QByteArray decoded = QByteArray::fromBase64(parts.at(1));
    const qsizetype colon = decoded.indexOf(':');
    return colon > 0 ? QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.left(colon))) : QString();
}

void Redactor::addKnownSecret(const SecretValue &secret)
{
    if (secret.value.isEmpty())
        return;
    const bool already = std::any_of(m_known.begin(), m_known.end(),
                                     [&](const SecretValue &s) { return s.value == secret.value; });
    if (!already)
        m_known.append(secret);
}

void Redactor::learnFromBody(const QByteArray &body, const QByteArray &mediaType)
{
    QList<SecretValue> found;
    if (mediaType.contains("json"))
        collectJson(QJsonDocument::fromJson(body).object(), found);
    else if (mediaType.contains("xml"))
        collectXml(body, found);
    else if (mediaType.contains("x-www-form-urlencoded") || mediaType.isEmpty())
        collectForm(body, found);
    else if (mediaType.contains("multipart"))
        collectMultipart(body, found);
    for (const SecretValue &secret : found)
        addKnownSecret(secret);
}

void Redactor::learnFromHeaders(const HttpHeaders &headers)
{
    for (const auto &[name, value] : headers) {
        if (name.compare("Authorization", Qt::CaseInsensitive) != 0)
            continue;
        const QList<QByteArray> parts = value.split(' ');
        if (parts.size() != 2)
            continue;
        addKnownSecret({QString::fromLatin1(name), parts.at(1)});
        if (parts.at(0).compare("Basic", Qt::CaseInsensitive) == 0) {
            const QByteArray decoded = QByteArray::fromBase64(parts.at(1));
            const qsizetype colon = decoded.indexOf(':');
            if (colon >= 0)
                addKnownSecret({u"client_secret"_s, QByteArray::fromPercentEncoding(decoded.mid(colon + 1))});
        }
    }
}

void Redactor::learnFromUrl(const QUrl &url)
{
    QList<SecretValue> found;
    collectForm(url.query(QUrl::FullyEncoded).toUtf8(), found);
    for (const SecretValue &secret : found)
        addKnownSecret(secret);
}

QByteArray Redactor::redactText(const QByteArray &text) const
{
    // Longest spellings first, through a placeholder, so one secret that contains another and the
    // mask itself are never rewritten twice.
    QList<QByteArray> spellings;
    for (const SecretValue &secret : m_known)
        spellings.append(spellingsOf(secret.value));
    std::sort(spellings.begin(), spellings.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    QByteArray out = text;
    for (const QByteArray &spelling : spellings)
        out.replace(spelling, kPlaceholder);
    out.replace(kPlaceholder, kMask);
    return out;
}

HttpHeaders Redactor::redactHeaders(const HttpHeaders &headers) const
{
    HttpHeaders out;
    for (const auto &[name, value] : headers) {
        if (!isCredentialHeader(name)) {
            out.append({name, redactText(value)});
            continue;
        }
        const qsizetype space = value.indexOf(' ');
        const bool hasScheme = name.compare("Authorization", Qt::CaseInsensitive) == 0 && space > 0;
        out.append({name, hasScheme ? value.left(space + 1) + kMask : kMask});
    }
    return out;
}

HttpRequest Redactor::redact(const HttpRequest &request)
{
    learnFromHeaders(request.headers);
    learnFromUrl(request.url);
    learnFromBody(request.body, request.header("Content-Type").toLower());
    HttpRequest out = request;
    out.headers = redactHeaders(request.headers);
    out.body = redactText(request.body);
    out.url = QUrl::fromEncoded(redactText(request.url.toEncoded()));
    return out;
}

HttpResponse Redactor::redact(const HttpResponse &response)
{
    learnFromBody(response.body, response.mediaType());
    if (const QByteArray location = response.header("Location"); !location.isEmpty())
        learnFromUrl(QUrl::fromEncoded(location)); // a code or token handed over in a redirect
    HttpResponse out = response;
    out.headers = redactHeaders(response.headers);
    out.body = redactText(response.body);
    return out;
}

} // namespace ecalab
