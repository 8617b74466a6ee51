#include "CurlCommand.h"

#include "http/Exchange.h"
#include "http/Redactor.h"

#include <QRegularExpression>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {

// Read at first use: Redactor::kMask lives in another translation unit, initialised in no set order.
const QString &maskText()
{
    static const QString mask = QString::fromLatin1(Redactor::kMask);
    return mask;
}

struct KnownVariable
{
    QString field;
    SecretVariable variable;
};

const QList<KnownVariable> &knownVariables()
{
    static const QList<KnownVariable> known = {
        {u"client_secret"_s, {u"ECALAB_CLIENT_SECRET"_s, u"the consumer secret"_s}},
        {u"code"_s, {u"ECALAB_CODE"_s, u"the authorization code"_s}},
        {u"code_verifier"_s, {u"ECALAB_CODE_VERIFIER"_s, u"the PKCE code verifier"_s}},
        {u"refresh_token"_s, {u"ECALAB_REFRESH_TOKEN"_s, u"the refresh token"_s}},
        {u"access_token"_s, {u"ECALAB_ACCESS_TOKEN"_s, u"the access token"_s}},
        {u"token"_s, {u"ECALAB_TOKEN"_s, u"the token"_s}},
        {u"password"_s, {u"ECALAB_PASSWORD"_s, u"the user's password"_s}},
        {u"assertion"_s, {u"ECALAB_ASSERTION"_s, u"the signed JWT assertion"_s}},
        {u"client_assertion"_s, {u"ECALAB_CLIENT_ASSERTION"_s, u"the signed client assertion"_s}},
        {u"id_token"_s, {u"ECALAB_ID_TOKEN"_s, u"the ID token"_s}},
        {u"basic"_s, {u"ECALAB_BASIC_CREDENTIALS"_s, u"the base64 client_id:client_secret"_s}},
        {u"cookie"_s, {u"ECALAB_COOKIE"_s, u"the cookie"_s}},
    };
    return known;
}

// The field name written just before a mask: `name=` in a form or query, `"name":` in JSON,
// `<name>` in XML. Empty when none can be read.
QString fieldBefore(const QString &prefix)
{
    static const QRegularExpression key(u"([A-Za-z_][A-Za-z0-9_.-]*)(?:=|\"\\s*:\\s*\"|>)$"_s);
    const QRegularExpressionMatch match = key.match(prefix);
    return match.hasMatch() ? match.captured(1) : QString();
}

// Collects the variables a command uses, in first-use order, for its comment line.
class CurlBuilder
{
public:
    // text as one shell word: quoted literal pieces joined by "$VAR" where each mask was.
    // fixedField names every mask; without it each is named by the text just before it.
    QString word(const QString &text, const QString &fixedField = {})
    {
        const QStringList pieces = text.split(maskText());
        QString out = pieces.first().isEmpty() && pieces.size() > 1 ? QString() : shellQuote(pieces.first());
        QString before = pieces.first();
        for (qsizetype i = 1; i < pieces.size(); ++i) {
            const QString field = fixedField.isEmpty() ? fieldBefore(before) : fixedField;
            out += u"\"$"_s + use(field.isEmpty() ? u"secret"_s : field) + u'"';
            if (!pieces.at(i).isEmpty())
                out += shellQuote(pieces.at(i));
            before += maskText() + pieces.at(i);
        }
        return out;
    }

    QString comment() const
    {
        if (m_used.isEmpty())
            return {};
        QStringList names;
        for (const SecretVariable &variable : m_used)
            names << variable.name + u" ("_s + variable.description + u')';
        return u"# set "_s + names.join(u", "_s) + u" before running\n"_s;
    }

private:
    QString use(const QString &field)
    {
        const SecretVariable variable = secretVariableFor(field);
        if (!m_used.contains(variable))
            m_used.append(variable);
        return variable.name;
    }

    QList<SecretVariable> m_used;
};

void addHeaders(CurlBuilder &builder, QStringList &parts, const Exchange &exchange)
{
    for (const auto &[rawName, rawValue] : exchange.request.headers) {
        const QString name = QString::fromLatin1(rawName);
        const QString value = QString::fromUtf8(rawValue);
        if (name.compare(u"Content-Length"_s, Qt::CaseInsensitive) == 0)
            continue; // curl counts the body it sends; a secret's length may differ from the mask's
        const bool authorization = name.compare(u"Authorization"_s, Qt::CaseInsensitive) == 0;
        if (authorization && value.startsWith(u"Basic "_s, Qt::CaseInsensitive) && !exchange.basicAuthUser.isEmpty()) {
            parts << u"-u"_s << builder.word(exchange.basicAuthUser + u':' + maskText(), u"client_secret"_s);
            continue;
        }
        QString field = name;
        if (authorization)
            field = value.startsWith(u"Bearer "_s, Qt::CaseInsensitive) ? u"access_token"_s : u"basic"_s;
        parts << u"-H"_s << builder.word(name + u": "_s + value, field);
    }
}

bool isFormBody(const Exchange &exchange)
{
    const QByteArray type = exchange.request.header("Content-Type").toLower();
    return type.contains("x-www-form-urlencoded");
}

// A form body piece by piece: plain pairs stay byte-for-byte in --data-raw; a pair with a mask
// goes through --data-urlencode, so curl form-encodes the secret the variable holds.
void addFormBody(CurlBuilder &builder, QStringList &parts, const QString &body)
{
    QStringList plain;
    const auto flushPlain = [&] {
        if (!plain.isEmpty())
            parts << u"--data-raw"_s << shellQuote(plain.join(u'&'));
        plain.clear();
    };
    for (const QString &pair : body.split(u'&')) {
        const qsizetype equals = pair.indexOf(u'=');
        const QString name = equals < 0 ? QString() : pair.left(equals);
        // Decoded first: the mask may have been form-encoded along with the rest of the body.
        const QString value = QUrl::fromPercentEncoding(pair.mid(equals + 1).replace(u'+', u' ').toUtf8());
        if (!value.contains(maskText())) {
            plain << pair;
            continue;
        }
        flushPlain();
        parts << u"--data-urlencode"_s << builder.word(name + u'=' + value, name);
    }
    flushPlain();
}

} // namespace

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

SecretVariable secretVariableFor(const QString &field)
{
    for (const KnownVariable &known : knownVariables()) {
        if (known.field.compare(field, Qt::CaseInsensitive) == 0)
            return known.variable;
    }
    QString name = field.toUpper();
    static const QRegularExpression notAllowed(u"[^A-Z0-9_]"_s);
    name.replace(notAllowed, u"_"_s);
    return {u"ECALAB_"_s + name, u"the "_s + field};
}

QString curlCommand(const Exchange &exchange)
{
    CurlBuilder builder;
    QStringList parts{u"curl"_s};
    if (const QString method = QString::fromLatin1(exchange.request.method); method != u"GET"_s) {
        static const QRegularExpression token(u"^[A-Z]+$"_s);
        parts << u"-X"_s << (token.match(method).hasMatch() ? method : shellQuote(method));
    }
    addHeaders(builder, parts, exchange);
    const QString body = QString::fromUtf8(exchange.request.body);
    if (!body.isEmpty() && isFormBody(exchange))
        addFormBody(builder, parts, body);
    else if (!body.isEmpty())
        parts << u"--data-raw"_s << builder.word(body);
    QString url = exchange.request.url.toString(QUrl::FullyEncoded);
    url.replace(QString::fromLatin1(QUrl::toPercentEncoding(maskText())), maskText());
    if (url.contains(u'[') || url.contains(u'{'))
        parts << u"--globoff"_s; // curl would read [ ] { } in a URL as a range or a set
    parts << builder.word(url);
    return builder.comment() + parts.join(u' ');
}

} // namespace ecalab
