#include "AdminApi.h"

#include "AdminReply.h"
#include "AdminGuard.h"
#include "DeviceAdmin.h"
#include "HeadlessAdmin.h"
#include "OrgEditor.h"
#include "OrgJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
using admin::answer;
using admin::failure;

HttpReply fromEdit(const OrgEditor::Result &result, const QJsonObject &onSuccess)
{
    if (result)
        return answer(200, onSuccess);
    return failure(result.status == OrgEditor::Result::Status::NotFound ? 404 : 400, result.error);
}

bool isChange(const QByteArray &method)
{
    return method == "PATCH" || method == "POST" || method == "PUT";
}

// A JSON value as the caller wrote it, for error messages.
QString asWritten(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}
} // namespace

bool AdminApi::handles(const HttpRequest &request) const
{
    const QString prefix = QString::fromUtf16(kPrefix);
    return request.host == HostKind::MyDomain && (request.path == prefix || request.path.startsWith(prefix + u'/'));
}

HttpReply AdminApi::handle(const HttpRequest &request)
{
    // Defence in depth: the listeners bind 127.0.0.1 only, but the admin API never answers others.
    if (!request.remoteAddress.isLoopback())
        return failure(403, u"the admin API answers loopback callers only"_s);
    if (const auto refusal = AdminGuard::check(request))
        return failure(refusal->status, refusal->message);
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (!doc.isObject())
            return failure(400, u"the body is not a JSON object (%1)"_s.arg(parseError.errorString()));
        body = doc.object();
    }
    const QStringList parts = request.path.mid(QStringView(kPrefix).size()).split(u'/', Qt::SkipEmptyParts);
    return route(request, parts, body);
}

HttpReply AdminApi::route(const HttpRequest &request, const QStringList &parts, const QJsonObject &body)
{
    const QByteArray &method = request.method;
    const QString head = parts.value(0);
    OrgEditor editor(m_context);
    if ((head.isEmpty() || head == u"state") && method == "GET")
        return answer(200, state());
    if (head == u"org" && parts.size() == 1 && method == "GET")
        return answer(200, OrgJson::org(m_context.org.org));
    if (head == u"org" && parts.size() == 1 && isChange(method)) {
        const auto result = editor.changeOrg(body);
        return fromEdit(result, OrgJson::org(m_context.org.org));
    }
    if (head == u"users")
        return users(method, parts, body);
    if (head == u"apps")
        return apps(method, parts, body);
    if (head == u"device")
        return DeviceAdmin(m_context).route(method, parts, body);
    if (HeadlessAdmin::routes(head))
        return HeadlessAdmin(m_context).route(request, parts, body);
    if (head == u"faults" && parts.size() == 1)
        return faults(method, body);
    if (head == u"clock" && parts.size() == 1)
        return method == "GET" ? answer(200, clock()) : moveClock(body);
    if (head == u"tokens" && parts.size() == 1 && method == "GET")
        return tokens(request);
    if ((head == u"approvals" || head == u"codes" || head == u"logins") && parts.size() == 1)
        return browserState(request, head);
    if (head == u"jwt" && parts.size() == 1 && method == "POST")
        return answer(200, QJsonObject{{u"jwt"_s, QString::fromLatin1(m_context.keys.signJwt(body))},
                                       {u"kid"_s, m_context.keys.currentKid()}});
    if (head == u"reset" && parts.size() == 1 && method == "POST") {
        editor.reset();
        return answer(200, state());
    }
    if (head == u"seed" && parts.size() == 1 && method == "GET")
        return answer(200, OrgJson::seed(m_context.org));
    if (head == u"seed" && parts.size() == 1 && isChange(method))
        return fromEdit(editor.loadSeed(body), QJsonObject{{u"loaded"_s, true}});
    return failure(404,
                   u"no admin route %1 %2 (see emulator/README.md)"_s.arg(QString::fromLatin1(method), request.path));
}

HttpReply AdminApi::users(const QByteArray &method, const QStringList &parts, const QJsonObject &body)
{
    OrgEditor editor(m_context);
    if (parts.size() == 1 && method == "GET")
        return answer(200, OrgJson::users(m_context.org));
    if (parts.size() == 1 && method == "POST") {
        const auto result = editor.createUser(body);
        const User *user = m_context.org.userByUsername(body.value(u"username"_s).toString());
        return fromEdit(result, result && user ? OrgJson::user(*user) : QJsonObject());
    }
    if (parts.size() != 2)
        return failure(404, u"expected /__emulator/users or /__emulator/users/<username>"_s);
    const QString username = parts.at(1);
    if (method == "DELETE")
        return fromEdit(editor.deleteUser(username), QJsonObject{{u"deleted"_s, username}});
    if (isChange(method)) {
        const auto result = editor.changeUser(username, body);
        const QString now = body.value(u"username"_s).toString(username);
        const User *user = m_context.org.userByUsername(now);
        return fromEdit(result, result && user ? OrgJson::user(*user) : QJsonObject());
    }
    const User *user = m_context.org.userByUsername(username);
    return user ? answer(200, OrgJson::user(*user)) : failure(404, u"no user has the username %1"_s.arg(username));
}

HttpReply AdminApi::apps(const QByteArray &method, const QStringList &parts, const QJsonObject &body)
{
    OrgEditor editor(m_context);
    if (parts.size() == 1 && method == "GET")
        return answer(200, OrgJson::apps(m_context.org));
    if (parts.size() == 1 && method == "POST") {
        const auto result = editor.createApp(body);
        const App *app = m_context.org.appByClientIdOrName(body.value(u"fullName"_s).toString());
        return fromEdit(result, result && app ? OrgJson::app(*app) : QJsonObject());
    }
    if (parts.size() != 2)
        return failure(404, u"expected /__emulator/apps or /__emulator/apps/<consumerKey or fullName>"_s);
    const QString key = parts.at(1);
    if (method == "DELETE")
        return fromEdit(editor.deleteApp(key), QJsonObject{{u"deleted"_s, key}});
    if (isChange(method)) {
        const App *before = m_context.org.appByClientIdOrName(key);
        const qsizetype index = before ? before - m_context.org.apps.constData() : -1;
        const auto result = editor.changeApp(key, body);
        return fromEdit(result, result ? OrgJson::app(m_context.org.apps.at(index)) : QJsonObject());
    }
    const App *app = m_context.org.appByClientIdOrName(key);
    return app ? answer(200, OrgJson::app(*app))
               : failure(404, u"no app has the consumer key or fullName %1"_s.arg(key));
}

HttpReply AdminApi::faults(const QByteArray &method, const QJsonObject &body)
{
    if (method == "GET")
        return answer(200, m_context.faults.toJson());
    if (method == "DELETE") {
        m_context.faults.clear();
        return answer(200, QJsonArray());
    }
    if (method != "POST")
        return failure(405, u"use GET, POST or DELETE on /__emulator/faults"_s);
    QString error;
    const auto fault = FaultList::parse(body, &error);
    if (!fault)
        return failure(400, error);
    return answer(200, m_context.faults.add(*fault).toJson());
}

HttpReply AdminApi::browserState(const HttpRequest &request, const QString &head)
{
    const qint64 now = m_context.clock.nowMs();
    const OrgModel &org = m_context.org;
    if (request.method == "GET") {
        if (head == u"approvals")
            return answer(200, m_context.approvals.toJson(org));
        return answer(200, head == u"codes" ? m_context.codes.toJson(now, org) : m_context.logins.toJson(now, org));
    }
    if (request.method != "DELETE" || head == u"codes")
        return failure(405, u"use GET (or DELETE for approvals and logins) on /__emulator/%1"_s.arg(head));
    // Optional ?username= (and ?app= for approvals, a consumer key or fullName) narrow what is forgotten.
    const QString username = request.query.value(u"username");
    const User *user = username.isEmpty() ? nullptr : org.userByUsername(username);
    if (!username.isEmpty() && !user)
        return failure(404, u"no user has the username %1"_s.arg(username));
    const QString appKey = request.query.value(u"app");
    const App *app = appKey.isEmpty() ? nullptr : org.appByClientIdOrName(appKey);
    if (!appKey.isEmpty() && !app)
        return failure(404, u"no app has the consumer key or fullName %1"_s.arg(appKey));
    int forgotten = 0;
    if (head == u"approvals") {
        forgotten = m_context.approvals.forget(user ? QStringView(user->id15) : QStringView(),
                                               app ? QStringView(app->consumerKey) : QStringView());
    } else if (user) {
        forgotten = m_context.logins.endForUser(user->id15);
    } else {
        forgotten = int(m_context.logins.toJson(now, org).size());
        m_context.logins.endAll();
    }
    return answer(200, QJsonObject{{u"forgotten"_s, forgotten}});
}

// One page, oldest first: ?offset=N&limit=M (100 by default, at most 1000) and
// ?type=access_token|refresh_token; X-Total-Count says how many there are, Link where the next
// page is.
HttpReply AdminApi::tokens(const HttpRequest &request) const
{
    TokenStore::Page page;
    bool offsetOk = true, limitOk = true;
    const QString offset = request.query.value(u"offset"), limit = request.query.value(u"limit");
    page.offset = offset.isEmpty() ? 0 : offset.toULongLong(&offsetOk);
    page.limit = limit.isEmpty() ? page.limit : limit.toULongLong(&limitOk);
    page.type = request.query.value(u"type");
    if (!offsetOk || !limitOk || page.limit > kMaxTokensPerPage)
        return failure(400, u"expected ?offset=N&limit=M with 0 <= M <= %1"_s.arg(kMaxTokensPerPage));
    if (!page.type.isEmpty() && page.type != u"access_token" && page.type != u"refresh_token")
        return failure(400, u"expected ?type=access_token or ?type=refresh_token"_s);
    const std::size_t total = m_context.tokens.countOf(page.type);
    HttpReply reply = answer(200, m_context.tokens.toJson(m_context.clock.nowMs(), m_context.org, page));
    reply.setHeader("X-Total-Count", QByteArray::number(qulonglong(total)));
    if (page.offset + page.limit < total) {
        const QString next = u"%1/tokens?offset=%2&limit=%3%4"_s.arg(QString::fromUtf16(kPrefix))
                                 .arg(page.offset + page.limit)
                                 .arg(page.limit)
                                 .arg(page.type.isEmpty() ? QString() : u"&type="_s + page.type);
        reply.setHeader("Link", '<' + next.toUtf8() + ">; rel=\"next\"");
    }
    return reply;
}

QJsonObject AdminApi::clock() const
{
    const qint64 now = m_context.clock.nowMs();
    return {{u"nowMs"_s, now},
            {u"now"_s, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODateWithMs)},
            {u"offsetSeconds"_s, double(m_context.clock.offsetMs()) / 1000.0}};
}

// {"advanceSeconds": N} moves the clock by N seconds, {"offsetSeconds": N} sets it N seconds from
// the real time; either way it ends within kMaxClockShiftSeconds of the real time.
HttpReply AdminApi::moveClock(const QJsonObject &body)
{
    const bool advance = body.contains(u"advanceSeconds"_s);
    const QString limit = u"%1 seconds (10 years)"_s.arg(kMaxClockShiftSeconds);
    if (advance == body.contains(u"offsetSeconds"_s))
        return failure(400, u"expected {\"advanceSeconds\": N} or {\"offsetSeconds\": N}, N a number of seconds "
                            "of at most %1 either way"_s.arg(limit));
    const QString name = advance ? u"advanceSeconds"_s : u"offsetSeconds"_s;
    const QJsonValue value = body.value(name);
    const double seconds = value.toDouble(); // 0 for a value that is not a number, refused below
    if (!value.isDouble() || !std::isfinite(seconds) || std::abs(seconds) > double(kMaxClockShiftSeconds))
        return failure(400, u"%1: expected a number of seconds from -%2 to %2 (10 years), got %3"_s.arg(
                                name, QString::number(kMaxClockShiftSeconds), asWritten(value)));
    const qint64 ms = qint64(seconds * 1000.0); // exact enough: |ms| < 2^53
    const qint64 offsetMs = advance ? m_context.clock.offsetMs() + ms : ms;
    if (std::abs(offsetMs) > kMaxClockShiftSeconds * 1000)
        return failure(400, u"advanceSeconds: the clock may run at most %1 ahead of or behind the real time; it is "
                            "%2 seconds off now"_s.arg(limit)
                                .arg(double(m_context.clock.offsetMs()) / 1000.0));
    m_context.clock.setOffset(offsetMs);
    return answer(200, clock());
}

QJsonObject AdminApi::state() const
{
    const HostUrls &urls = m_context.urls;
    return {{u"hosts"_s, QJsonObject{{u"login"_s, urls.login.toString()},
                                     {u"myDomain"_s, urls.myDomain.toString()},
                                     {u"site"_s, m_context.baseUrl(HostKind::Site)},
                                     {u"admin"_s, m_context.instanceUrl() + QString::fromUtf16(kPrefix)}}},
            {u"org"_s, OrgJson::org(m_context.org.org)},
            {u"site"_s, m_context.org.site.toJson()},
            {u"users"_s, OrgJson::users(m_context.org)},
            {u"apps"_s, OrgJson::apps(m_context.org)},
            {u"clock"_s, clock()},
            {u"tokens"_s, m_context.tokens.toJson(m_context.clock.nowMs(), m_context.org, TokenStore::Page{})},
            {u"tokenCounts"_s, QJsonObject{{u"access_token"_s, qint64(m_context.tokens.accessTokenCount())},
                                           {u"refresh_token"_s, qint64(m_context.tokens.refreshTokenCount())}}},
            {u"faults"_s, m_context.faults.toJson()}};
}

} // namespace ecalab::emu
