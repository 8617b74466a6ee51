#include "RestApi.h"

#include "ClientAuth.h"
#include "ResponseFormat.h"
#include "SObjects.h"
#include "Soql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kDailyApiRequests = 15000;

QString versionPath(const QString &version)
{
    return u"/services/data/v"_s + version;
}
} // namespace

bool RestApi::isKnownVersion(QStringView version)
{
    if (!version.endsWith(u".0"))
        return false;
    bool ok = false;
    const int major = version.chopped(2).toInt(&ok);
    return ok && major >= kOldestVersion && major <= kLatestVersion;
}

QString RestApi::releaseLabel(int version)
{
    // v31 was Summer '14; three releases a year: Winter 'YY+1, Spring, Summer.
    const int step = version - 31;
    static const QStringList seasons{u"Summer"_s, u"Winter"_s, u"Spring"_s};
    const int year = 14 + (step + 2) / 3;
    return u"%1 '%2"_s.arg(seasons.at(step % 3)).arg(year, 2, 10, QChar(u'0'));
}

bool RestApi::handles(const HttpRequest &request) const
{
    return request.host != HostKind::Login &&
           (request.path == u"/services/data" || request.path.startsWith(u"/services/data/"));
}

HttpReply RestApi::notFound()
{
    // Salesforce writes this one errorCode first (as quoted from its servers).
    return HttpReply::withBody(404, kJsonContentType,
                               R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])");
}

HttpReply RestApi::apiError(int status, const QString &errorCode, const QString &message)
{
    // Byte for byte as Salesforce writes it: message first (§7.2).
    const QByteArray body =
        '[' + ResponseFormat::json(Fields{{u"message"_s, message}, {u"errorCode"_s, errorCode}}) + ']';
    return HttpReply::withBody(status, kJsonContentType, body);
}

const AccessToken *RestApi::session(const HttpRequest &request, HttpReply *refusal) const
{
    const QString value = ClientAuth::bearerToken(request, {});
    const AccessToken *token = m_context.tokens.active(value, m_context.clock.nowMs(), m_context.org);
    if (!token) {
        *refusal = apiError(401, u"INVALID_SESSION_ID"_s, u"Session expired or invalid"_s); // §7.2
        return nullptr;
    }
    if (!token->scopes.contains(u"api") && !token->scopes.contains(u"full")) { // §2, §10.2
        *refusal = apiError(401, u"INVALID_SESSION_ID"_s, u"This session is not valid for use with the REST API"_s);
        return nullptr;
    }
    return token;
}

HttpReply RestApi::handle(const HttpRequest &request)
{
    const QString rest = request.path.mid(QStringLiteral("/services/data").size());
    if (rest.isEmpty() || rest == u"/")
        return versions(); // public, as on Salesforce
    HttpReply refusal;
    const AccessToken *token = session(request, &refusal);
    if (!token)
        return refusal;
    ++m_context.apiRequests;
    const QStringList parts = rest.mid(1).split(u'/', Qt::SkipEmptyParts);
    const QString version = parts.value(0).mid(1);
    if (!parts.value(0).startsWith(u'v') || !isKnownVersion(version))
        return notFound();
    if (request.method != "GET" && request.method != "HEAD")
        return apiError(
            405, u"METHOD_NOT_ALLOWED"_s,
            u"HTTP Method '%1' not allowed. Allowed are GET,HEAD"_s.arg(QString::fromLatin1(request.method)));
    HttpReply reply = resource(request, version, parts.mid(1), *token);
    reply.setHeader("Sforce-Limit-Info", "api-usage=" + QByteArray::number(m_context.apiRequests) + '/' +
                                             QByteArray::number(kDailyApiRequests));
    return reply;
}

HttpReply RestApi::resource(const HttpRequest &request, const QString &version, const QStringList &path,
                            const AccessToken &token) const
{
    if (path.isEmpty())
        return resources(version, token);
    if (path == QStringList{u"limits"_s})
        return limits();
    if (path == QStringList{u"query"_s} || path == QStringList{u"queryAll"_s})
        return query(request.query.value(u"q"), version, request.query.value(u"columns") == u"true");
    if (path.size() == 3 && path.at(0) == u"sobjects")
        return record(version, path.at(1), path.at(2), request.query.value(u"fields"));
    return notFound();
}

HttpReply RestApi::query(const QString &soql, const QString &version, bool columnsOnly) const
{
    if (soql.trimmed().isEmpty())
        return apiError(400, u"MALFORMED_QUERY"_s, u"A query string has to be specified"_s);
    const Soql::Parsed parsed = Soql::parse(soql);
    const Soql::Result result = parsed.query ? Soql::run(soql, *parsed.query, SObjects(m_context), version,
                                                         columnsOnly ? Soql::Answer::Columns : Soql::Answer::Records)
                                             : Soql::Result{{}, parsed.error};
    if (!result.body)
        return apiError(400, result.error.errorCode, result.error.message);
    return HttpReply::withBody(200, kJsonContentType, *result.body);
}

// GET …/sobjects/<Type>/<Id>[?fields=A,B]: the record, `attributes` first.
HttpReply RestApi::record(const QString &version, const QString &typeName, const QString &id,
                          const QString &fieldList) const
{
    const std::optional<QString> type = SObjects::canonicalType(typeName);
    const std::optional<Fields> found = type ? SObjects(m_context).record(*type, id) : std::nullopt;
    if (!found)
        return notFound();
    QStringList selected = SObjects::fields(*type);
    if (!fieldList.isEmpty()) {
        selected.clear();
        for (const QString &name : fieldList.split(u',')) {
            const std::optional<QString> field = SObjects::canonicalField(*type, name.trimmed());
            if (!field)
                return apiError(400, u"INVALID_FIELD"_s,
                                u"No such column '%1' on sobject of type %2"_s.arg(name.trimmed(), *type));
            selected.append(*field);
        }
    }
    Fields out{{u"attributes"_s, SObjects::attributes(*type, found->value(u"Id").toString(), version)}};
    for (const QString &field : selected)
        out.insert(field, found->value(field));
    return HttpReply::withBody(200, kJsonContentType, ResponseFormat::json(out));
}

HttpReply RestApi::versions() const
{
    QJsonArray list;
    for (int v = kOldestVersion; v <= kLatestVersion; ++v) {
        const QString version = QString::number(v) + u".0"_s;
        list.append(
            QJsonObject{{u"label"_s, releaseLabel(v)}, {u"url"_s, versionPath(version)}, {u"version"_s, version}});
    }
    return HttpReply::json(200, QJsonDocument(list));
}

HttpReply RestApi::resources(const QString &version, const AccessToken &token) const
{
    QJsonObject directory;
    for (const QString &name :
         {u"tooling"_s,   u"metadata"_s,  u"eclair"_s,       u"folders"_s,   u"prechatForms"_s, u"chatter"_s,
          u"tabs"_s,      u"appMenu"_s,   u"quickActions"_s, u"queryAll"_s,  u"commerce"_s,     u"wave"_s,
          u"analytics"_s, u"search"_s,    u"identity"_s,     u"composite"_s, u"theme"_s,        u"nouns"_s,
          u"recent"_s,    u"licensing"_s, u"limits"_s,       u"process"_s,   u"connect"_s,      u"jobs"_s,
          u"ui-api"_s,    u"sobjects"_s,  u"actions"_s,      u"support"_s,   u"query"_s})
        directory.insert(name, versionPath(version) + u'/' + name);
    directory.insert(u"identity"_s, token.identityUrl);
    return HttpReply::json(200, QJsonDocument(directory));
}

HttpReply RestApi::limits() const
{
    auto limit = [](qint64 max, qint64 remaining) { return QJsonObject{{u"Max"_s, max}, {u"Remaining"_s, remaining}}; };
    return HttpReply::json(
        200, QJsonDocument(QJsonObject{
                 {u"ConcurrentAsyncGetReportInstances"_s, limit(200, 200)},
                 {u"DailyApiRequests"_s, limit(kDailyApiRequests, kDailyApiRequests - m_context.apiRequests)},
                 {u"DailyAsyncApexExecutions"_s, limit(250000, 250000)},
                 {u"DailyBulkApiBatches"_s, limit(15000, 15000)},
                 {u"DataStorageMB"_s, limit(5, 5)},
                 {u"FileStorageMB"_s, limit(20, 20)},
                 {u"HourlyODataCallout"_s, limit(20000, 20000)}}));
}

} // namespace ecalab::emu
