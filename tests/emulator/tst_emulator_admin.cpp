// The admin API (/__emulator/): reading the org, changing settings (and seeing the change take
// effect on the wire), the clock and its bound, every fault kind, reset, seeds, the loopback-only
// rule, and what keeps web pages out (JSON writes, a loopback Host, no foreign Origin).
#include "EmulatorHttp.h"

#include "Emulator.h"
#include "emu/AdminApi.h"
#include "emu/Context.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kRunAs = u"integration@ecalab.example"_s;
constexpr qint64 kClockBound = AdminApi::kMaxClockShiftSeconds;

// A hand-written exchange, so a test controls every header (QNetworkAccessManager writes Host).
struct RawAnswer
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

RawAnswer rawRequest(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArrayList &headers,
                     const QByteArray &body = {})
{
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\n";
    for (const QByteArray &line : headers)
        request += line + "\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    const QByteArray answer = rawExchange(port, request);
    const qsizetype split = answer.indexOf("\r\n\r\n");
    const int status = answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0;
    return {status, split < 0 ? QByteArray() : answer.mid(split + 4)};
}

// Fills in "{port}" (My Domain's, where the admin API listens) and "{login}" (another of ours).
QByteArray withPorts(QByteArray text, const Emulator &emulator)
{
    return text.replace("{port}", QByteArray::number(emulator.myDomainUrl().port()))
        .replace("{login}", QByteArray::number(emulator.loginUrl().port()));
}
} // namespace

class TestEmulatorAdmin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_clientId = m_emulator->demoProfile()[u"clientId"].toString();
        m_secret = m_emulator->demoProfile()[u"clientSecret"].toString();
    }
    void cleanup() { m_emulator.reset(); }

    void stateReadsTheWholeOrg()
    {
        QCOMPARE(token().status, 200);
        for (const QString &path : {u""_s, u"/state"_s}) {
            const Answer a = m_admin.get(path);
            QCOMPARE(a.status, 200);
            QCOMPARE(a.header("Cache-Control"), QByteArray("no-store"));
            const QJsonObject state = a.json();
            QCOMPARE(state.keys(), (QStringList{u"apps"_s, u"clock"_s, u"faults"_s, u"hosts"_s, u"org"_s, u"site"_s,
                                                u"tokenCounts"_s, u"tokens"_s, u"users"_s}));
            QCOMPARE(state[u"apps"][0][u"clientId"].toString(), m_clientId);
            QCOMPARE(state[u"apps"][0][u"clientCredentialsFlowUser"].toString(), kRunAs);
            QCOMPARE(state[u"org"][u"id18"].toString(), u"00D5g00000EcaLbEAJ"_s);
            QCOMPARE(state[u"hosts"][u"admin"].toString(), m_emulator->adminUrl().toString());
            QCOMPARE(state[u"tokens"].toArray().size(), 1);
            QCOMPARE(state[u"tokens"][0][u"active"].toBool(), true);
            QCOMPARE(state[u"tokens"][0][u"username"].toString(), kRunAs);
            QCOMPARE(state[u"tokenCounts"][u"access_token"].toInt(), 1);
            QCOMPARE(state[u"tokenCounts"][u"refresh_token"].toInt(), 0);
        }
        QCOMPARE(m_emulator->state()[u"users"], m_admin.get(u"/users"_s).jsonArray());
    }

    void appSettingsTakeEffect_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<bool>("byName");
        QTest::newRow("PATCH by consumer key") << QByteArray("PATCH") << false;
        QTest::newRow("POST by consumer key") << QByteArray("POST") << false;
        QTest::newRow("PATCH by fullName") << QByteArray("PATCH") << true;
    }
    void appSettingsTakeEffect()
    {
        QFETCH(QByteArray, method);
        QFETCH(bool, byName);
        const QString path = u"/apps/"_s + (byName ? u"ECA_Lab_Demo"_s : m_clientId);
        const Answer off = m_admin.call(method, path, {{u"isClientCredentialsFlowEnabled"_s, false}});
        QCOMPARE(off.status, 200);
        QCOMPARE(off.json()[u"isClientCredentialsFlowEnabled"].toBool(true), false);
        QCOMPARE(token().json()[u"error_description"].toString(),
                 u"client credentials flow is not enabled for the app"_s);
        QCOMPARE(m_admin.call(method, path, {{u"isClientCredentialsFlowEnabled"_s, true}}).status, 200);
        QCOMPARE(token().status, 200);
        QCOMPARE(m_admin.get(path).json()[u"isClientCredentialsFlowEnabled"].toBool(), true);
    }

    void userAndOrgSettingsTakeEffect()
    {
        const Answer off = m_admin.changeUser(kRunAs, {{u"active"_s, false}});
        QCOMPARE(off.status, 200);
        QCOMPARE(off.json()[u"active"].toBool(true), false);
        QCOMPARE(token().json()[u"error"].toString(), u"inactive_user"_s);
        QCOMPARE(m_admin.changeUser(kRunAs, {{u"active"_s, true}}).status, 200);

        QCOMPARE(
            m_admin.changeOrg({{u"sessionTimeoutInMinutes"_s, 30}}).json()[u"sessionTimeoutInMinutes"].toInt(),
            30);
        const QString access = token().json()[u"access_token"].toString();
        const QJsonObject o =
            m_http
                .postForm(join(m_emulator->myDomainUrl(), u"/services/oauth2/introspect"_s),
                          {{u"token"_s, access}, {u"client_id"_s, m_clientId}, {u"client_secret"_s, m_secret}})
                .json();
        QCOMPARE(o[u"exp"].toInteger() - o[u"iat"].toInteger(), 1800);
    }

    void badChangesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong type") << QByteArray("PATCH") << u"/apps/ECA_Lab_Demo"_s
                                    << QByteArray("{\"isPkceRequired\":\"yes\"}") << 400
                                    << u"app.isPkceRequired: expected true or false, got \"yes\""_s;
        QTest::newRow("read-only") << QByteArray("PATCH") << u"/apps/ECA_Lab_Demo"_s
                                   << QByteArray("{\"clientId\":\"x\"}") << 400 << u"read-only"_s;
        QTest::newRow("unknown app") << QByteArray("PATCH") << u"/apps/Nope"_s << QByteArray("{}") << 404
                                     << u"no app has the consumer key or fullName Nope"_s;
        QTest::newRow("unknown user") << QByteArray("PATCH") << u"/users/nobody@x.example"_s << QByteArray("{}") << 404
                                      << u"no user has the username nobody@x.example"_s;
        QTest::newRow("Run As to nobody") << QByteArray("PATCH") << u"/apps/ECA_Lab_Demo"_s
                                          << QByteArray("{\"clientCredentialsFlowUser\":\"ghost@x.example\"}") << 400
                                          << u"no user has the username ghost@x.example"_s;
        QTest::newRow("delete the Run As user") << QByteArray("DELETE") << u"/users/integration@ecalab.example"_s
                                                << QByteArray() << 400 << u"clientCredentialsFlowUser"_s;
        QTest::newRow("duplicate username")
            << QByteArray("PATCH") << u"/users/grace@ecalab.example"_s
            << QByteArray("{\"username\":\"ada@ecalab.example\"}") << 400 << u"used twice"_s;
        QTest::newRow("not JSON") << QByteArray("PATCH") << u"/org"_s << QByteArray("status=Locked") << 400
                                  << u"not a JSON object"_s;
        QTest::newRow("bad org value") << QByteArray("PATCH") << u"/org"_s << QByteArray("{\"status\":\"Gone\"}") << 400
                                       << u"org.status: expected one of Active, Locked, Closed, Suspended"_s;
        QTest::newRow("unknown route") << QByteArray("GET") << u"/nothing"_s << QByteArray() << 404
                                       << u"no admin route"_s;
        QTest::newRow("bad clock") << QByteArray("POST") << u"/clock"_s << QByteArray("{\"advance\":1}") << 400
                                   << u"advanceSeconds"_s;
    }
    void badChangesAreRefused()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const QJsonObject before = m_emulator->state();
        const Answer a =
            m_http.send(method, join(m_emulator->adminUrl(), path), body, {{"Content-Type", "application/json"}});
        QCOMPARE(a.status, status);
        QVERIFY2(a.json()[u"error"].toString().contains(message), a.body.constData());
        QCOMPARE(m_emulator->state()[u"apps"], before[u"apps"]); // nothing changed
        QCOMPARE(m_emulator->state()[u"users"], before[u"users"]);
        QString error;
        QVERIFY(!m_emulator->changeApp(u"ECA_Lab_Demo"_s, {{u"isPkceRequired"_s, u"yes"_s}}, &error));
        QVERIFY2(error.contains(u"isPkceRequired"), qPrintable(error));
    }

    void appsAndUsersCanBeCreatedAndDeleted()
    {
        const Answer created =
            m_admin.call("POST", u"/apps"_s,
                         {{u"fullName"_s, u"Order_Sync"_s}, {u"commaSeparatedOauthScopes"_s, u"Api"_s}});
        QCOMPARE(created.status, 200);
        const QString key = created.json()[u"consumerKey"].toString();
        QVERIFY(key.startsWith(u"3MVG9"));
        QCOMPARE(m_admin.get(u"/apps/"_s + key).json()[u"fullName"].toString(), u"Order_Sync"_s);
        QCOMPARE(m_admin.call("DELETE", u"/apps/Order_Sync"_s).status, 200);
        QCOMPARE(m_admin.get(u"/apps/"_s + key).status, 404);

        const Answer user =
            m_admin.call("POST", u"/users"_s,
                         {{u"username"_s, u"new@ecalab.example"_s}, {u"password"_s, u"pw-12345"_s}});
        QCOMPARE(user.status, 200);
        QVERIFY(user.json()[u"id18"].toString().startsWith(u"005"));
        QCOMPARE(m_admin.call("DELETE", u"/users/new@ecalab.example"_s).status, 200);
        QCOMPARE(m_admin.get(u"/users/new@ecalab.example"_s).status, 404);
    }

    void theClockMoves()
    {
        const qint64 before = m_admin.get(u"/clock"_s).json()[u"nowMs"].toInteger();
        const Answer moved = m_admin.advanceClock(3600);
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json()[u"offsetSeconds"].toDouble(), 3600.0);
        QVERIFY(moved.json()[u"nowMs"].toInteger() - before >= 3'600'000);
        const QString access = token().json()[u"access_token"].toString();
        QVERIFY(m_emulator->state()[u"tokens"][0][u"issuedAt"].toInteger() - before >=
                3'600'000); // issued on emulator time
        m_emulator->advanceClock(7200);
        QCOMPARE(m_emulator->state()[u"tokens"][0][u"active"].toBool(true), false);
        QCOMPARE(m_admin.call("POST", u"/clock"_s, {{u"offsetSeconds"_s, 0}}).json()[u"offsetSeconds"].toDouble(), 0.0);
        QCOMPARE(m_emulator->state()[u"tokens"][0][u"active"].toBool(), true);
        QVERIFY(!access.isEmpty());
    }

    void statusFault()
    {
        QCOMPARE(fault({{u"kind"_s, u"status"_s},
                        {u"status"_s, 503},
                        {u"body"_s, u"<html>Maintenance</html>"_s},
                        {u"contentType"_s, u"text/html"_s},
                        {u"headers"_s, QJsonObject{{u"Retry-After"_s, u"120"_s}}}}),
                 200);
        const Answer a = token();
        QCOMPARE(a.status, 503);
        QCOMPARE(a.body, QByteArray("<html>Maintenance</html>"));
        QCOMPARE(a.header("Content-Type"), QByteArray("text/html"));
        QCOMPARE(a.header("Retry-After"), QByteArray("120"));
        QCOMPARE(token().status, 200); // used up
    }

    void malformedJsonFault()
    {
        QCOMPARE(fault({{u"kind"_s, u"malformedJson"_s}}), 200);
        const Answer a = token();
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        QJsonParseError error;
        QJsonDocument::fromJson(a.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
    }

    void hugeBodyFault()
    {
        QCOMPARE(fault({{u"kind"_s, u"hugeBody"_s}, {u"bytes"_s, 3 << 20}}), 200);
        const Answer a = token();
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body.size(), 3 << 20);
        QCOMPARE(a.header("Content-Length"), QByteArray::number(3 << 20));
    }

    void delayFault()
    {
        QCOMPARE(fault({{u"kind"_s, u"delay"_s}, {u"delayMs"_s, 300}}), 200);
        const Answer slow = token();
        QCOMPARE(slow.status, 200); // the real answer, late
        QVERIFY2(slow.elapsedMs >= 290, qPrintable(QString::number(slow.elapsedMs)));
        QVERIFY(!slow.json()[u"access_token"].toString().isEmpty());
        // A client that gives up first: the late answer must go nowhere, harmlessly.
        QCOMPARE(fault({{u"kind"_s, u"delay"_s}, {u"delayMs"_s, 200}}), 200);
        QCOMPARE(m_http.send("POST", tokenUrl(), tokenBody(), formHeader(), 50).error,
                 QNetworkReply::OperationCanceledError);
        QCOMPARE(fault({{u"kind"_s, u"delay"_s}, {u"delayMs"_s, 400}}), 200); // outlives the first timer
        QCOMPARE(token().status, 200);
    }

    void closeConnectionFault()
    {
        QCOMPARE(fault({{u"kind"_s, u"closeConnection"_s}}), 200);
        const Answer a = token();
        QCOMPARE(a.status, 0);
        QCOMPARE(a.error, QNetworkReply::RemoteHostClosedError); // even after Qt's silent re-sends
        // Qt re-sent the request at least once: why the default count is 3, not 1.
        const QJsonArray left = m_admin.get(u"/faults"_s).jsonArray();
        QVERIFY(left.isEmpty() || left.first()[u"count"].toInt() <= 1);
        QCOMPARE(m_admin.call("DELETE", u"/faults"_s).status, 200);
        QCOMPARE(token().status, 200);
    }

    void faultCountsAndFilters()
    {
        QCOMPARE(fault({{u"kind"_s, u"status"_s}, {u"status"_s, 500}, {u"count"_s, 2}}), 200);
        QCOMPARE(token().status, 500);
        QCOMPARE(token().status, 500);
        QCOMPARE(token().status, 200);

        QCOMPARE(fault({{u"kind"_s, u"status"_s}, {u"status"_s, 502}, {u"method"_s, u"get"_s}}), 200);
        QCOMPARE(token().status, 200); // a POST does not match
        QCOMPARE(fault({{u"kind"_s, u"status"_s}, {u"status"_s, 502}, {u"host"_s, u"site"_s}, {u"count"_s, -1}}), 200);
        QCOMPARE(token().status, 200); // My Domain does not match
        const QUrl siteToken = join(m_emulator->siteUrl(), u"/services/oauth2/token"_s);
        QCOMPARE(m_http.send("POST", siteToken, tokenBody(), formHeader()).status, 502);
        QCOMPARE(m_http.send("POST", siteToken, tokenBody(), formHeader()).status, 502); // until cleared
        QCOMPARE(m_admin.get(u"/faults"_s).jsonArray().size(), 2);
        QCOMPARE(m_admin.call("DELETE", u"/faults"_s).status, 200);
        QCOMPARE(m_http.send("POST", siteToken, tokenBody(), formHeader()).json()[u"error"].toString(),
                 u"invalid_grant"_s);

        QCOMPARE(fault({{u"kind"_s, u"status"_s}, {u"status"_s, 500}, {u"path"_s, u"/__emulator/state"_s}}), 200);
        QCOMPARE(m_admin.get(u"/state"_s).status, 200); // faults never touch the admin API
    }

    void badFaultsAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown kind") << QJsonObject{{u"kind"_s, u"explode"_s}, {u"path"_s, u"/x"_s}}
                                      << u"kind: expected one of"_s;
        QTest::newRow("no path") << QJsonObject{{u"kind"_s, u"status"_s}} << u"path: required"_s;
        QTest::newRow("bad host") << QJsonObject{{u"kind"_s, u"status"_s}, {u"path"_s, u"/x"_s}, {u"host"_s, u"moon"_s}}
                                  << u"host: expected login, myDomain or site"_s;
        QTest::newRow("bad status") << QJsonObject{{u"kind"_s, u"status"_s}, {u"path"_s, u"/x"_s}, {u"status"_s, 42}}
                                    << u"status: expected an HTTP status"_s;
        QTest::newRow("bad count") << QJsonObject{{u"kind"_s, u"status"_s}, {u"path"_s, u"/x"_s}, {u"count"_s, 0}}
                                   << u"count: expected a positive number"_s;
        QTest::newRow("bad delay") << QJsonObject{{u"kind"_s, u"delay"_s}, {u"path"_s, u"/x"_s}, {u"delayMs"_s, -5}}
                                   << u"delayMs: expected 0 to"_s;
    }
    void badFaultsAreRefused()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, message);
        const Answer a = m_admin.injectFault(body);
        QCOMPARE(a.status, 400);
        QVERIFY2(a.json()[u"error"].toString().contains(message), a.body.constData());
        QCOMPARE(m_admin.get(u"/faults"_s).jsonArray().size(), 0);
    }

    void resetGoesBackToTheSeed()
    {
        QCOMPARE(token().status, 200);
        QCOMPARE(m_admin.changeApp(u"ECA_Lab_Demo"_s, {{u"isClientCredentialsFlowEnabled"_s, false}}).status, 200);
        QCOMPARE(m_admin.advanceClock(99).status, 200);
        QCOMPARE(fault({{u"kind"_s, u"status"_s}, {u"count"_s, -1}}), 200);
        const QJsonObject state = m_admin.reset().json();
        QCOMPARE(state[u"apps"][0][u"isClientCredentialsFlowEnabled"].toBool(), true);
        QCOMPARE(state[u"tokens"].toArray().size(), 0);
        QCOMPARE(state[u"faults"].toArray().size(), 0);
        QCOMPARE(state[u"clock"][u"offsetSeconds"].toDouble(), 0.0);
        QCOMPARE(token().status, 200);
    }

    void seedsThroughTheAdminApi()
    {
        const QJsonObject current = m_admin.get(u"/seed"_s).json();
        Emulator copy;
        QString error;
        QVERIFY2(copy.loadSeed(current, &error), qPrintable(error)); // the exported seed reads back
        QCOMPARE(copy.state()[u"apps"], m_emulator->state()[u"apps"]);
        QCOMPARE(copy.state()[u"users"], m_emulator->state()[u"users"]);

        QJsonObject other = current;
        QJsonObject org = other[u"org"].toObject();
        org[u"id"] = u"00Dxx0000001gPL"_s;
        other[u"org"] = org;
        QCOMPARE(m_admin.call("POST", u"/seed"_s, other).status, 200);
        QCOMPARE(m_emulator->state()[u"org"][u"id18"].toString(), u"00Dxx0000001gPLEAY"_s);
        org[u"id"] = u"bad"_s;
        other[u"org"] = org;
        const Answer refused = m_admin.call("POST", u"/seed"_s, other);
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.json()[u"error"].toString().startsWith(u"Invalid seed: org.id:"), refused.body.constData());
        QCOMPARE(m_admin.reset().json()[u"org"][u"id18"].toString(),
                 u"00Dxx0000001gPLEAY"_s); // the last seed
    }

    void writesMustBeJson_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType"); // empty: no Content-Type header
        QTest::addColumn<int>("status");
        const QByteArray appOff = R"({"isClientCredentialsFlowEnabled":false})", locked = R"({"status":"Locked"})";
        const QByteArray app = "/__emulator/apps/ECA_Lab_Demo", org = "/__emulator/org";
        const QByteArray grace = "/__emulator/users/grace@ecalab.example";
        QTest::newRow("text/plain POST") << QByteArray("POST") << app << appOff << QByteArray("text/plain") << 415;
        QTest::newRow("text/plain; charset")
            << QByteArray("PATCH") << org << locked << QByteArray("text/plain;charset=UTF-8") << 415;
        QTest::newRow("form POST") << QByteArray("POST") << app << appOff
                                   << QByteArray("application/x-www-form-urlencoded") << 415;
        QTest::newRow("multipart") << QByteArray("PATCH") << org << locked
                                   << QByteArray("multipart/form-data; boundary=x") << 415;
        QTest::newRow("no Content-Type") << QByteArray("PATCH") << org << locked << QByteArray() << 415;
        QTest::newRow("JSON look-alike") << QByteArray("PATCH") << org << locked
                                         << QByteArray("application/json-patch+json") << 415;
        QTest::newRow("DELETE untyped") << QByteArray("DELETE") << grace << QByteArray() << QByteArray() << 415;
        QTest::newRow("JSON POST") << QByteArray("POST") << app << appOff << QByteArray("application/json") << 200;
        QTest::newRow("JSON; charset") << QByteArray("PATCH") << org << locked
                                       << QByteArray("application/json; charset=utf-8") << 200;
        QTest::newRow("JSON in capitals")
            << QByteArray("PATCH") << org << locked << QByteArray("Application/JSON") << 200;
        QTest::newRow("DELETE as JSON") << QByteArray("DELETE") << grace << QByteArray()
                                        << QByteArray("application/json") << 200;
    }
    void writesMustBeJson()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        const QJsonObject before = orgState();
        QByteArrayList headers{withPorts("Host: 127.0.0.1:{port}", *m_emulator)};
        if (!contentType.isEmpty())
            headers.append("Content-Type: " + contentType);
        const RawAnswer a = rawRequest(adminPort(), method, path, headers, body);
        QCOMPARE(a.status, status);
        if (status == 200) {
            QVERIFY(orgState() != before); // the control: the same write as JSON takes effect
            return;
        }
        QVERIFY2(a.json()[u"error"].toString().contains(u"Content-Type: application/json"), a.body.constData());
        QCOMPARE(orgState(), before);
    }

    void aForeignHostIsMisdirected_data()
    {
        QTest::addColumn<QByteArrayList>("hostLines");
        QTest::addColumn<int>("status");
        const auto row = [](const char *name, QByteArrayList lines, int status) {
            QTest::newRow(name) << lines << status;
        };
        row("rebound name", {"Host: evil.example:{port}"}, 421);
        row("rebound name, no port", {"Host: evil.example"}, 421);
        row("no Host", {}, 421);
        row("no port", {"Host: 127.0.0.1"}, 421);
        row("another of our ports", {"Host: 127.0.0.1:{login}"}, 421);
        row("loopback as a prefix", {"Host: 127.0.0.1.evil.example:{port}"}, 421);
        row("port with a tail", {"Host: localhost:{port}.evil.example"}, 421);
        row("another loopback address", {"Host: 127.0.0.2:{port}"}, 421);
        row("two Hosts", {"Host: 127.0.0.1:{port}", "Host: evil.example:{port}"}, 421);
        row("127.0.0.1", {"Host: 127.0.0.1:{port}"}, 200);
        row("localhost", {"Host: localhost:{port}"}, 200);
        row("LocalHost", {"Host: LocalHost:{port}"}, 200);
        // The listeners bind 127.0.0.1 only, so this arrives over IPv4; the spelling still passes.
        row("[::1]", {"Host: [::1]:{port}"}, 200);
    }
    void aForeignHostIsMisdirected()
    {
        QFETCH(QByteArrayList, hostLines);
        QFETCH(int, status);
        for (QByteArray &line : hostLines)
            line = withPorts(line, *m_emulator);
        const RawAnswer read = rawRequest(adminPort(), "GET", "/__emulator/state", hostLines);
        QCOMPARE(read.status, status);
        QCOMPARE(read.body.contains(m_secret.toUtf8()), status == 200); // no secrets for a rebound page
        const RawAnswer write =
            rawRequest(adminPort(), "POST", "/__emulator/clock",
                       hostLines + QByteArrayList{"Content-Type: application/json"}, R"({"advanceSeconds": 60})");
        QCOMPARE(write.status, status);
        QCOMPARE(m_emulator->state()[u"clock"][u"offsetSeconds"].toDouble(), status == 200 ? 60.0 : 0.0);
        if (status == 200)
            return;
        QVERIFY2(read.json()[u"error"].toString().contains(u"Host must be"), read.body.constData());
        // Only the admin API minds the Host: the emulated Salesforce endpoints answer as before.
        const RawAnswer token =
            rawRequest(adminPort(), "POST", "/services/oauth2/token",
                       hostLines + QByteArrayList{"Content-Type: application/x-www-form-urlencoded"}, tokenBody());
        QCOMPARE(token.status, 200);
        QVERIFY(!token.json()[u"access_token"].toString().isEmpty());
    }

    void aForeignOriginIsRefused_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<int>("status");
        QTest::newRow("another site") << QByteArray("http://evil.example") << 403;
        QTest::newRow("opaque origin") << QByteArray("null") << 403;
        QTest::newRow("another of our ports") << QByteArray("http://127.0.0.1:{login}") << 403;
        QTest::newRow("https") << QByteArray("https://127.0.0.1:{port}") << 403;
        QTest::newRow("port with a tail") << QByteArray("http://localhost:{port}.evil.example") << 403;
        QTest::newRow("own, 127.0.0.1") << QByteArray("http://127.0.0.1:{port}") << 200;
        QTest::newRow("own, localhost") << QByteArray("http://localhost:{port}") << 200;
        QTest::newRow("own, [::1]") << QByteArray("http://[::1]:{port}") << 200;
    }
    void aForeignOriginIsRefused()
    {
        QFETCH(QByteArray, origin);
        QFETCH(int, status);
        const QByteArrayList headers{withPorts("Host: 127.0.0.1:{port}", *m_emulator),
                                     "Origin: " + withPorts(origin, *m_emulator)};
        const RawAnswer read = rawRequest(adminPort(), "GET", "/__emulator/state", headers);
        QCOMPARE(read.status, status);
        const RawAnswer write = rawRequest(adminPort(), "POST", "/__emulator/apps/ECA_Lab_Demo",
                                           headers + QByteArrayList{"Content-Type: application/json"},
                                           R"({"isClientCredentialsFlowEnabled":false})");
        QCOMPARE(write.status, status);
        QCOMPARE(m_emulator->state()[u"apps"][0][u"isClientCredentialsFlowEnabled"].toBool(), status != 200);
        if (status != 200)
            QVERIFY2(write.json()[u"error"].toString().contains(u"Origin must be"), write.body.constData());
    }

    void theClockStaysWithinItsBound_data()
    {
        QTest::addColumn<double>("startSeconds"); // the offset set first (within the bound)
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("advance 1e308") << 0.0 << QByteArray(R"({"advanceSeconds": 1e308})");
        QTest::newRow("advance -1e308") << 0.0 << QByteArray(R"({"advanceSeconds": -1e308})");
        QTest::newRow("advance just over") << 0.0 << QByteArray(R"({"advanceSeconds": 315360000.5})");
        QTest::newRow("advance \"abc\"") << 0.0 << QByteArray(R"({"advanceSeconds": "abc"})");
        QTest::newRow("advance \"NaN\"") << 0.0 << QByteArray(R"({"advanceSeconds": "NaN"})");
        QTest::newRow("advance null") << 0.0 << QByteArray(R"({"advanceSeconds": null})");
        QTest::newRow("advance true") << 0.0 << QByteArray(R"({"advanceSeconds": true})");
        QTest::newRow("offset 1e308") << 0.0 << QByteArray(R"({"offsetSeconds": 1e308})");
        QTest::newRow("offset -1e308") << 0.0 << QByteArray(R"({"offsetSeconds": -1e308})");
        QTest::newRow("offset \"Infinity\"") << 0.0 << QByteArray(R"({"offsetSeconds": "Infinity"})");
        QTest::newRow("both") << 0.0 << QByteArray(R"({"advanceSeconds": 1, "offsetSeconds": 1})");
        QTest::newRow("past the bound in steps") << double(kClockBound) << QByteArray(R"({"advanceSeconds": 1})");
        QTest::newRow("before it in steps") << -double(kClockBound) << QByteArray(R"({"advanceSeconds": -1})");
    }
    void theClockStaysWithinItsBound()
    {
        QFETCH(double, startSeconds);
        QFETCH(QByteArray, body);
        const QJsonObject atTheBound{{u"offsetSeconds"_s, startSeconds}};
        QCOMPARE(m_admin.call("POST", u"/clock"_s, atTheBound).status, 200); // the bound itself
        const Answer refused = m_http.send("POST", join(m_emulator->adminUrl(), u"/clock"_s), body,
                                           {{"Content-Type", "application/json"}});
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.json()[u"error"].toString().contains(QString::number(kClockBound)), refused.body.constData());
        QCOMPARE(m_admin.get(u"/clock"_s).json()[u"offsetSeconds"].toDouble(), startSeconds); // unchanged
        const double back = startSeconds > 0 ? -60.0 : 60.0; // an ordinary move still works
        const Answer moved = m_admin.advanceClock(back);
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json()[u"offsetSeconds"].toDouble(), startSeconds + back);
        QVERIFY(moved.json()[u"nowMs"].toInteger() > 0);
    }

    void onlyLoopbackCallersAreAnswered_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("status");
        QTest::newRow("IPv4 loopback") << u"127.0.0.1"_s << 200;
        QTest::newRow("IPv6 loopback") << u"::1"_s << 200;
        QTest::newRow("LAN address") << u"192.168.1.20"_s << 403;
        QTest::newRow("public address") << u"203.0.113.7"_s << 403;
    }
    void onlyLoopbackCallersAreAnswered()
    {
        // The listeners bind 127.0.0.1, so no other caller can connect; the rule is checked directly.
        QFETCH(QString, address);
        QFETCH(int, status);
        EmulatorContext context;
        AdminApi api(context);
        HttpRequest request;
        request.host = HostKind::MyDomain;
        request.method = "GET";
        request.path = request.fullPath = u"/__emulator/state"_s;
        request.remoteAddress = QHostAddress(address);
        request.localPort = 8081;
        request.headers = {{"Host", "127.0.0.1:8081"}}; // what AdminGuard asks of every caller
        QVERIFY(api.handles(request));
        const HttpReply reply = api.handle(request);
        QCOMPARE(reply.status, status);
        if (status == 403)
            QVERIFY(reply.body.contains("loopback"));
    }

private:
    quint16 adminPort() const { return quint16(m_emulator->myDomainUrl().port()); }
    // What a refused request must leave as it was.
    QJsonObject orgState() const
    {
        const QJsonObject state = m_emulator->state();
        return {{u"org"_s, state[u"org"]},
                {u"users"_s, state[u"users"]},
                {u"apps"_s, state[u"apps"]},
                {u"faults"_s, state[u"faults"]}};
    }
    int fault(QJsonObject body)
    {
        if (!body.contains(u"path"_s))
            body.insert(u"path"_s, u"/services/oauth2/token"_s);
        return m_admin.injectFault(body).status;
    }
    QUrl tokenUrl() const { return join(m_emulator->myDomainUrl(), u"/services/oauth2/token"_s); }
    QByteArray tokenBody() const
    {
        return Http::encode(
            {{u"grant_type"_s, u"client_credentials"_s}, {u"client_id"_s, m_clientId}, {u"client_secret"_s, m_secret}});
    }
    static Headers formHeader() { return {{"Content-Type", "application/x-www-form-urlencoded"}}; }
    Answer token() { return m_http.send("POST", tokenUrl(), tokenBody(), formHeader()); }

    std::optional<Emulator> m_emulator;
    Http m_http;
    EmulatorAdmin m_admin;
    QString m_clientId;
    QString m_secret;
};

QTEST_GUILESS_MAIN(TestEmulatorAdmin)
#include "tst_emulator_admin.moc"
