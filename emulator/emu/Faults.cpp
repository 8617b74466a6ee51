#include "Faults.h"

#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// Qt's network stack (and others) silently re-send a request up to twice when the server closes
// the connection before any answer, so one dropped connection is invisible to such clients: a
// closeConnection fault therefore lasts for three requests unless `count` says otherwise.
constexpr int kCloseConnectionDefaultCount = 3;
constexpr int kMaxDelayMs = 600'000;
constexpr qint64 kDefaultHugeBodyBytes = 8 << 20;
constexpr qint64 kMaxHugeBodyBytes = 512 << 20;

const QList<QPair<QString, Fault::Kind>> &kindNames()
{
    static const QList<QPair<QString, Fault::Kind>> names{{u"status"_s, Fault::Kind::Status},
                                                          {u"malformedJson"_s, Fault::Kind::MalformedJson},
                                                          {u"delay"_s, Fault::Kind::Delay},
                                                          {u"hugeBody"_s, Fault::Kind::HugeBody},
                                                          {u"closeConnection"_s, Fault::Kind::CloseConnection}};
    return names;
}

QString kindName(Fault::Kind kind)
{
    for (const auto &[name, k] : kindNames()) {
        if (k == kind)
            return name;
    }
    return {};
}

bool parseKind(const QJsonObject &json, Fault &fault, QString *error)
{
    const QString name = json.value(u"kind"_s).toString();
    for (const auto &[n, k] : kindNames()) {
        if (n == name) {
            fault.kind = k;
            return true;
        }
    }
    *error = u"kind: expected one of status, malformedJson, delay, hugeBody, closeConnection; got \"%1\""_s.arg(name);
    return false;
}

bool parseNumbers(const QJsonObject &json, Fault &fault, QString *error)
{
    const int defaultCount = fault.kind == Fault::Kind::CloseConnection ? kCloseConnectionDefaultCount : 1;
    fault.remaining = json.value(u"count"_s).toInt(defaultCount);
    fault.delayMs = json.value(u"delayMs"_s).toInt(fault.kind == Fault::Kind::Delay ? 1000 : 0);
    fault.status = json.value(u"status"_s).toInt(fault.kind == Fault::Kind::Status ? 500 : 200);
    fault.bytes = qint64(json.value(u"bytes"_s).toDouble(double(kDefaultHugeBodyBytes)));
    if (fault.remaining == 0 || fault.remaining < -1)
        *error = u"count: expected a positive number, or -1 for every request until cleared"_s;
    else if (fault.delayMs < 0 || fault.delayMs > kMaxDelayMs)
        *error = u"delayMs: expected 0 to %1"_s.arg(kMaxDelayMs);
    else if (fault.status < 100 || fault.status > 599)
        *error = u"status: expected an HTTP status from 100 to 599"_s;
    else if (fault.bytes < 1 || fault.bytes > kMaxHugeBodyBytes)
        *error = u"bytes: expected 1 to %1"_s.arg(kMaxHugeBodyBytes);
    return error->isEmpty();
}

bool parseBodyAndHeaders(const QJsonObject &json, Fault &fault, QString *error)
{
    fault.body = json.value(u"body"_s).toString().toUtf8();
    fault.contentType = json.value(u"contentType"_s).toString(QString::fromLatin1(kJsonContentType)).toUtf8();
    const QJsonObject headers = json.value(u"headers"_s).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (!it.value().isString()) {
            *error = u"headers.%1: expected a string"_s.arg(it.key());
            return false;
        }
        fault.headers.append({it.key().toUtf8(), it.value().toString().toUtf8()});
    }
    return true;
}
} // namespace

std::optional<Fault> FaultList::parse(const QJsonObject &json, QString *error)
{
    Fault fault;
    QString message;
    fault.path = json.value(u"path"_s).toString();
    fault.method = json.value(u"method"_s).toString().toUpper().toLatin1();
    fault.host = json.value(u"host"_s).toString();
    if (!fault.path.startsWith(u'/'))
        message = u"path: required, e.g. \"/services/oauth2/token\""_s;
    else if (!fault.host.isEmpty() && !QStringList{u"login"_s, u"myDomain"_s, u"site"_s}.contains(fault.host))
        message = u"host: expected login, myDomain or site"_s;
    if (message.isEmpty() && parseKind(json, fault, &message) && parseNumbers(json, fault, &message) &&
        parseBodyAndHeaders(json, fault, &message))
        return fault;
    if (error)
        *error = message;
    return std::nullopt;
}

bool Fault::matches(const HttpRequest &request) const
{
    return (path == request.path || path == request.fullPath) && (method.isEmpty() || method == request.method) &&
           (host.isEmpty() || host == hostKindName(request.host));
}

HttpReply Fault::reply() const
{
    switch (kind) {
    case Kind::Status: {
        HttpReply reply = HttpReply::withBody(status, contentType, body);
        for (const auto &h : headers)
            reply.setHeader(h.first, h.second);
        return reply;
    }
    case Kind::MalformedJson: // a JSON body cut off mid-string
        return HttpReply::withBody(status, contentType, R"({"access_token":"00D000000000000!AQ0AQ)");
    case Kind::HugeBody: {
        const QByteArray open = R"({"padding":")", close = R"("})";
        const qint64 fill = qMax<qint64>(0, bytes - open.size() - close.size());
        return HttpReply::withBody(status, contentType, open + QByteArray(fill, 'x') + close);
    }
    case Kind::CloseConnection: {
        HttpReply reply;
        reply.dropConnection = true;
        return reply;
    }
    case Kind::Delay:
        break;
    }
    return {};
}

QJsonObject Fault::toJson() const
{
    return {{u"id"_s, id},         {u"kind"_s, kindName(kind)},
            {u"path"_s, path},     {u"method"_s, QString::fromLatin1(method)},
            {u"host"_s, host},     {u"count"_s, remaining},
            {u"status"_s, status}, {u"delayMs"_s, delayMs},
            {u"bytes"_s, bytes},   {u"contentType"_s, QString::fromUtf8(contentType)}};
}

const Fault &FaultList::add(Fault fault)
{
    fault.id = m_nextId++;
    m_faults.append(fault);
    return m_faults.last();
}

std::optional<Fault> FaultList::take(const HttpRequest &request)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault &fault = m_faults[i];
        if (!fault.matches(request))
            continue;
        const Fault taken = fault;
        if (fault.remaining > 0 && --fault.remaining == 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

QJsonArray FaultList::toJson() const
{
    QJsonArray array;
    for (const Fault &fault : m_faults)
        array.append(fault.toJson());
    return array;
}

} // namespace ecalab::emu
