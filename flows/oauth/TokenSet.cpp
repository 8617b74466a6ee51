#include "TokenSet.h"

#include "crypto/Hmac.h"

#include <QRegularExpression>
#include <QUrl>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
struct FieldBinding
{
    QString name;
    QString TokenSet::*member;
};

const QList<FieldBinding> &bindings()
{
    static const QList<FieldBinding> list{
        {u"access_token"_s, &TokenSet::accessToken},       {u"refresh_token"_s, &TokenSet::refreshToken},
        {u"instance_url"_s, &TokenSet::instanceUrl},       {u"id"_s, &TokenSet::id},
        {u"token_type"_s, &TokenSet::tokenType},           {u"issued_at"_s, &TokenSet::issuedAt},
        {u"signature"_s, &TokenSet::signature},            {u"scope"_s, &TokenSet::scope},
        {u"id_token"_s, &TokenSet::idToken},               {u"sfdc_community_url"_s, &TokenSet::sfdcCommunityUrl},
        {u"sfdc_community_id"_s, &TokenSet::sfdcCommunityId}, {u"api_instance_url"_s, &TokenSet::apiInstanceUrl}};
    return list;
}

QStringList identityPath(const QString &id)
{
    return QUrl(id).path().split(u'/', Qt::SkipEmptyParts);
}

void checkShape(TokenSet &t)
{
    static const QRegularExpression thirteenDigits(u"^\\d{13}$"_s);
    if (!t.tokenType.isEmpty() && t.tokenType.compare(u"Bearer", Qt::CaseInsensitive) != 0)
        t.warnings.append(u"token_type is \"%1\", not Bearer."_s.arg(t.tokenType));
    if (!t.issuedAt.isEmpty() && !thirteenDigits.match(t.issuedAt).hasMatch())
        t.warnings.append(u"issued_at \"%1\" is not epoch milliseconds as 13 digits (§1.3)."_s.arg(t.issuedAt));
    if (!t.id.isEmpty() && t.orgId().isEmpty())
        t.warnings.append(u"id \"%1\" does not end in /id/<org id>/<user id>."_s.arg(t.id));
    if (!t.instanceUrl.isEmpty() && !QUrl(t.instanceUrl, QUrl::StrictMode).isValid())
        t.warnings.append(u"instance_url \"%1\" is not a valid URL."_s.arg(t.instanceUrl));
}
} // namespace

QString signatureCheckName(SignatureCheck check)
{
    switch (check) {
    case SignatureCheck::Valid: return u"valid"_s;
    case SignatureCheck::Invalid: return u"invalid"_s;
    case SignatureCheck::Missing: return u"missing"_s;
    case SignatureCheck::NoSecret: return u"not-checked"_s;
    }
    return {};
}

const QStringList &TokenSet::knownFieldNames()
{
    static const QStringList names = [] {
        QStringList out;
        for (const FieldBinding &b : bindings())
            out.append(b.name);
        return out;
    }();
    return names;
}

Expected<TokenSet, QString> TokenSet::fromFields(const QJsonObject &fields)
{
    TokenSet tokens;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const auto binding = std::find_if(bindings().begin(), bindings().end(),
                                          [&](const FieldBinding &b) { return b.name == it.key(); });
        if (binding == bindings().end()) {
            tokens.extra.insert(it.key(), it.value());
            continue;
        }
        if (!it.value().isString())
            return unexpected(u"\"%1\" should be a string but is %2"_s.arg(
                it.key(), it.value().isDouble() ? u"a number"_s : u"another JSON type"_s));
        tokens.*(binding->member) = it.value().toString();
    }
    if (tokens.accessToken.isEmpty())
        return unexpected(u"the response has no access_token"_s);
    checkShape(tokens);
    return tokens;
}

QJsonObject TokenSet::toJson() const
{
    QJsonObject json = extra;
    for (const FieldBinding &b : bindings()) {
        if (!(this->*(b.member)).isEmpty())
            json.insert(b.name, this->*(b.member));
    }
    return json;
}

QString TokenSet::orgId() const
{
    const QStringList path = identityPath(id);
    return path.size() >= 3 && path.at(path.size() - 3) == u"id" ? path.at(path.size() - 2) : QString();
}

QString TokenSet::userId() const
{
    const QStringList path = identityPath(id);
    return path.size() >= 3 && path.at(path.size() - 3) == u"id" ? path.last() : QString();
}

std::optional<QDateTime> TokenSet::issuedAtTime() const
{
    bool ok = false;
    const qint64 ms = issuedAt.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString TokenSet::computeSignature(const QString &consumerSecret, const QString &id, const QString &issuedAt)
{
    return QString::fromLatin1(crypto::hmacSha256(consumerSecret.toUtf8(), (id + issuedAt).toUtf8()).toBase64());
}

SignatureCheck TokenSet::verifySignature(const QString &consumerSecret) const
{
    if (signature.isEmpty())
        return SignatureCheck::Missing;
    if (consumerSecret.isEmpty())
        return SignatureCheck::NoSecret;
    const QByteArray expected = computeSignature(consumerSecret, id, issuedAt).toLatin1();
    return crypto::constantTimeEquals(expected, signature.toLatin1()) ? SignatureCheck::Valid : SignatureCheck::Invalid;
}

} // namespace ecalab
