#include "ExchangeText.h"

#include "core/FormEncoding.h"
#include "http/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString revealIn(const QString &name, const QString &value, const SecretValue *revealed)
{
    if (!revealed || name.compare(revealed->label, Qt::CaseInsensitive) != 0)
        return value;
    QString out = value;
    return out.replace(QString::fromLatin1(Redactor::kMask), QString::fromUtf8(revealed->value));
}

QString headerLines(const HttpHeaders &headers, const SecretValue *revealed)
{
    QString out;
    for (const auto &[name, value] : headers) {
        const QString headerName = QString::fromLatin1(name);
        out += headerName + u": "_s + revealIn(headerName, QString::fromUtf8(value), revealed) + u'\n';
    }
    return out;
}

QJsonValue revealJson(const QJsonValue &value, const SecretValue *revealed)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(revealJson(item, revealed));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isString())
            it.value() = revealIn(it.key(), it.value().toString(), revealed);
        else
            it.value() = revealJson(it.value(), revealed);
    }
    return object;
}

QString formLines(const QByteArray &body, const SecretValue *revealed)
{
    const FormFields fields = formDecode(body);
    qsizetype width = 0;
    for (const auto &field : fields)
        width = std::max(width, field.first.size());
    QString out;
    for (const auto &[name, value] : fields)
        out += name.leftJustified(width) + u" = "_s + revealIn(name, value, revealed) + u'\n';
    return out;
}

} // namespace

QString prettyBody(const QByteArray &body, const QByteArray &mediaType, const SecretValue *revealed)
{
    if (body.isEmpty())
        return {};
    if (mediaType.contains("json")) {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (document.isObject())
            return QString::fromUtf8(
                QJsonDocument(revealJson(document.object(), revealed).toObject()).toJson(QJsonDocument::Indented));
        if (document.isArray())
            return QString::fromUtf8(
                QJsonDocument(revealJson(document.array(), revealed).toArray()).toJson(QJsonDocument::Indented));
    }
    if (mediaType.contains("x-www-form-urlencoded"))
        return formLines(body, revealed);
    const QString text = QString::fromUtf8(body);
    const bool printable = std::all_of(text.begin(), text.end(), [](QChar c) { return c.isPrint() || c.isSpace(); });
    return printable ? text : QObject::tr("(%1 bytes of binary data)").arg(body.size());
}

QString requestText(const Exchange &e, const SecretValue *revealed)
{
    const QUrl &url = e.request.url;
    QString target = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        target += u'?' + url.query(QUrl::FullyEncoded);
    QString out = u"%1 %2\nHost: %3\n"_s.arg(QString::fromLatin1(e.request.method), target, url.authority());
    out += headerLines(e.request.headers, revealed);
    const QString body = prettyBody(e.request.body, e.request.header("Content-Type").toLower(), revealed);
    if (!body.isEmpty())
        out += u'\n' + body;
    return out;
}

QString responseText(const Exchange &e, const SecretValue *revealed)
{
    if (e.inFlight())
        return QObject::tr("Waiting for the answer…");
    if (!e.transportError.isEmpty())
        return QObject::tr("No HTTP answer: %1").arg(e.transportError);
    QString out = u"HTTP %1 · %2 ms\n"_s.arg(statusText(e.response.status)).arg(e.elapsedMs);
    out += headerLines(e.response.headers, revealed);
    const QString body = prettyBody(e.response.body, e.response.mediaType().toLower(), revealed);
    if (!body.isEmpty())
        out += u'\n' + body;
    return out;
}


} // namespace ecalab::ui
