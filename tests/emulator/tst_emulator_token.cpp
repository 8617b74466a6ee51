// The token endpoint's common behaviour (§1.3, §12.2–3) and the client credentials grant (§2),
// driven over real HTTP: every success shape and every refusal, body and Basic client auth.
#include "EmulatorHttp.h"

#include "Emulator.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr char kCacheControl[] = "no-cache,must-revalidate,max-age=0,no-store,private";
const QStringList kClientCredentialsFields{u"access_token"_s, u"signature"_s,  u"scope"_s,     u"instance_url"_s,
                                           u"id"_s,           u"token_type"_s, u"issued_at"_s, u"api_instance_url"_s};

// Parses a token-endpoint body in any of the three formats into ordered name/value pairs.
QList<QPair<QString, QString>> fieldsOf(const QByteArray &body, const QByteArray &contentType)
{
    QList<QPair<QString, QString>> fields;
    if (contentType.startsWith("application/json")) {
        // Keys in document order (QJsonObject would sort them).
        static const QRegularExpression key(u"\"([a-z_]+)\":"_s);
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        for (auto it = key.globalMatch(QString::fromUtf8(body)); it.hasNext();) {
            const QString name = it.next().captured(1);
            fields.append({name, object.value(name).toString()});
        }
    } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
        for (const auto &item : QUrlQuery(QString::fromUtf8(body)).queryItems(QUrl::FullyDecoded))
            fields.append(item);
    } else if (contentType.startsWith("application/xml")) {
        QXmlStreamReader xml(body);
        xml.readNextStartElement(); // <OAuth>
        if (xml.name() != u"OAuth")
            return {};
        while (xml.readNextStartElement())
            fields.append({xml.name().toString(), xml.readElementText()});
    }
    return fields;
}

QString valueOf(const QList<QPair<QString, QString>> &fields, const QString &name)
{
    for (const auto &f : fields) {
        if (f.first == name)
            return f.second;
    }
    return {};
}

QStringList namesOf(const QList<QPair<QString, QString>> &fields)
{
    QStringList names;
    for (const auto &f : fields)
        names << f.first;
    return names;
}

QByteArray multipart(const QList<QPair<QString, QString>> &params, const QByteArray &boundary)
{
    QByteArray body;
    for (const auto &p : params)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.first.toUtf8() + "\"\r\n\r\n" +
                p.second.toUtf8() + "\r\n";
    return body + "--" + boundary + "--\r\n";
}
} // namespace

class TestEmulatorToken : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        const QJsonObject profile = m_emulator->demoProfile();
        m_clientId = profile[u"clientId"].toString();
        m_secret = profile[u"clientSecret"].toString();
    }
    void cleanup() { m_emulator.reset(); }

    void clientCredentialsSucceeds_data()
    {
        QTest::addColumn<QString>("auth");     // body | basic
        QTest::addColumn<QString>("encoding"); // form | multipart | query
        QTest::addColumn<QString>("format");   // the format parameter ("" = none)
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<QByteArray>("contentType");
        const QByteArray json = "application/json;charset=UTF-8",
                         form = "application/x-www-form-urlencoded;charset=UTF-8",
                         xml = "application/xml;charset=UTF-8";
        QTest::newRow("body, default JSON") << u"body"_s << u"form"_s << QString() << QByteArray() << json;
        QTest::newRow("Basic, default JSON") << u"basic"_s << u"form"_s << QString() << QByteArray() << json;
        QTest::newRow("body, format=json")
            << u"body"_s << u"form"_s << u"json"_s << QByteArray("application/xml") << json;
        QTest::newRow("body, format=urlencoded") << u"body"_s << u"form"_s << u"urlencoded"_s << QByteArray() << form;
        QTest::newRow("Basic, format=urlencoded") << u"basic"_s << u"form"_s << u"urlencoded"_s << QByteArray() << form;
        QTest::newRow("body, format=xml") << u"body"_s << u"form"_s << u"xml"_s << QByteArray() << xml;
        QTest::newRow("Basic, Accept xml")
            << u"basic"_s << u"form"_s << QString() << QByteArray("application/xml") << xml;
        QTest::newRow("body, Accept urlencoded")
            << u"body"_s << u"form"_s << QString() << QByteArray("application/x-www-form-urlencoded") << form;
        QTest::newRow("body, Accept json")
            << u"body"_s << u"form"_s << QString() << QByteArray("application/json") << json;
        QTest::newRow("multipart body") << u"body"_s << u"multipart"_s << QString() << QByteArray() << json;
        QTest::newRow("multipart, Basic, xml") << u"basic"_s << u"multipart"_s << u"xml"_s << QByteArray() << xml;
        QTest::newRow("parameters in the query") << u"body"_s << u"query"_s << QString() << QByteArray() << json;
    }
    void clientCredentialsSucceeds()
    {
        QFETCH(QString, auth);
        QFETCH(QString, encoding);
        QFETCH(QString, format);
        QFETCH(QByteArray, accept);
        QFETCH(QByteArray, contentType);
        QList<QPair<QString, QString>> params{{u"grant_type"_s, u"client_credentials"_s}};
        Headers headers;
        if (auth == u"basic")
            headers.emplaceBack("Authorization", Http::basic(m_clientId, m_secret));
        else
            params << qMakePair(u"client_id"_s, m_clientId) << qMakePair(u"client_secret"_s, m_secret);
        if (!format.isEmpty())
            params << qMakePair(u"format"_s, format);
        if (!accept.isEmpty())
            headers.emplaceBack("Accept", accept);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const Answer a = post(params, headers, encoding);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Content-Type"), contentType);
        QCOMPARE(a.header("Cache-Control"), QByteArray(kCacheControl));

        const auto fields = fieldsOf(a.body, contentType);
        QCOMPARE(namesOf(fields), kClientCredentialsFields); // Salesforce's order; no expires_in, no refresh_token
        const QString org15 = u"00D5g00000EcaLb"_s;
        const QString token = valueOf(fields, u"access_token"_s);
        QVERIFY2(QRegularExpression(u"^00D5g00000EcaLb![A-Za-z0-9._]{80,}$"_s).match(token).hasMatch(),
                 qPrintable(token));
        QCOMPARE(valueOf(fields, u"instance_url"_s), m_emulator->myDomainUrl().toString());
        const QString runAsId = userId18(u"integration@ecalab.example"_s);
        QCOMPARE(valueOf(fields, u"id"_s),
                 m_emulator->myDomainUrl().toString() + u"/id/00D5g00000EcaLbEAJ/"_s + runAsId);
        QCOMPARE(valueOf(fields, u"token_type"_s), u"Bearer"_s);
        QCOMPARE(valueOf(fields, u"scope"_s), u"api openid id"_s); // never refresh_token, web, full (§2)
        QCOMPARE(valueOf(fields, u"api_instance_url"_s), u"https://api.salesforce.com"_s);
        const QString issuedAt = valueOf(fields, u"issued_at"_s);
        QVERIFY2(QRegularExpression(u"^\\d{13}$"_s).match(issuedAt).hasMatch(), qPrintable(issuedAt));
        QVERIFY(issuedAt.toLongLong() >= before - 1000 && issuedAt.toLongLong() <= QDateTime::currentMSecsSinceEpoch());
        // §1.5, recomputed here: base64(HMAC-SHA256(consumer secret, id + issued_at)), 44 characters.
        const QByteArray expected = expectedSignature(m_secret, valueOf(fields, u"id"_s), issuedAt);
        QCOMPARE(valueOf(fields, u"signature"_s).toLatin1(), expected);
        QCOMPARE(expected.size(), 44);
    }

    void everySuccessIsANewSession()
    {
        const Answer first = postBody({{u"grant_type"_s, u"client_credentials"_s}}, true);
        const Answer second = postBody({{u"grant_type"_s, u"client_credentials"_s}}, true);
        QVERIFY(!first.json()[u"access_token"].toString().isEmpty());
        QVERIFY(first.json()[u"access_token"] != second.json()[u"access_token"]);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<bool>("basic");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        auto both = [](const char *name, const QString &setup, const QString &error, const QString &description) {
            QTest::newRow(qPrintable(QString::fromLatin1(name) + u" (body)"_s))
                << setup << false << error << description;
            QTest::newRow(qPrintable(QString::fromLatin1(name) + u" (Basic)"_s))
                << setup << true << error << description;
        };
        both("generic login host", u"login-host"_s, u"invalid_grant"_s, u"request not supported on this domain"_s);
        both("site host", u"site-host"_s, u"invalid_grant"_s, u"request not supported on this domain"_s);
        both("no Run As user", u"no-run-as"_s, u"invalid_grant"_s, u"no client credentials user enabled"_s);
        both("wrong secret", u"wrong-secret"_s, u"invalid_client"_s, u"invalid client credentials"_s);
        both("unknown client_id", u"unknown-client"_s, u"invalid_client_id"_s, u"client identifier invalid"_s);
        both("flow disabled", u"flow-disabled"_s, u"invalid_grant"_s,
             u"client credentials flow is not enabled for the app"_s);
        both("inactive Run As user", u"inactive-user"_s, u"inactive_user"_s, u"user is inactive"_s);
        both("app switched off", u"app-disabled"_s, u"invalid_client_id"_s, u"client identifier invalid"_s);
        both("locked org", u"org-locked"_s, u"inactive_org"_s, u"organization is locked, closed, or suspended"_s);
        QTest::newRow("missing secret (body)")
            << u"no-secret"_s << false << u"invalid_client"_s << u"invalid client credentials"_s;
        QTest::newRow("missing client_id (body)")
            << u"no-client-id"_s << false << u"invalid_client_id"_s << u"client identifier invalid"_s;
    }
    void refusals()
    {
        QFETCH(QString, setup);
        QFETCH(bool, basic);
        QFETCH(QString, error);
        QFETCH(QString, description);
        QUrl base = m_emulator->myDomainUrl();
        QString id = m_clientId, secret = m_secret;
        if (setup == u"login-host")
            base = m_emulator->loginUrl();
        else if (setup == u"site-host")
            base = m_emulator->siteUrl();
        else if (setup == u"no-run-as")
            QVERIFY(m_emulator->changeApp(m_clientId, {{u"clientCredentialsFlowUser"_s, QString()}}));
        else if (setup == u"wrong-secret")
            secret = u"not-the-secret"_s;
        else if (setup == u"no-secret")
            secret.clear();
        else if (setup == u"unknown-client")
            id = u"3MVG9unknownConsumerKey"_s;
        else if (setup == u"no-client-id")
            id.clear();
        else if (setup == u"flow-disabled")
            QVERIFY(m_emulator->changeApp(m_clientId, {{u"isClientCredentialsFlowEnabled"_s, false}}));
        else if (setup == u"inactive-user")
            QVERIFY(m_emulator->changeUser(u"integration@ecalab.example"_s, {{u"active"_s, false}}));
        else if (setup == u"app-disabled")
            QVERIFY(m_emulator->changeApp(m_clientId, {{u"isEnabled"_s, false}}));
        else if (setup == u"org-locked")
            QCOMPARE(m_admin.changeOrg({{u"status"_s, u"Locked"_s}}).status,
                     200);
        QList<QPair<QString, QString>> params{{u"grant_type"_s, u"client_credentials"_s}};
        Headers headers;
        if (basic)
            headers.emplaceBack("Authorization", Http::basic(id, secret));
        else
            params << qMakePair(u"client_id"_s, id) << qMakePair(u"client_secret"_s, secret);
        const Answer a = m_http.postForm(join(base, u"/services/oauth2/token"_s), params, headers);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        QCOMPARE(a.header("Cache-Control"), QByteArray(kCacheControl));
        QCOMPARE(a.json(), (QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}}));
    }

    void malformedBasicIsInvalidClient_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("scheme only") << QByteArray("Basic");
        QTest::newRow("not base64") << QByteArray("Basic !!!not-base64!!!");
        QTest::newRow("no colon") << ("Basic " + QByteArray("justanid").toBase64());
        QTest::newRow("empty id") << ("Basic " + QByteArray(":secret").toBase64());
    }
    void malformedBasicIsInvalidClient()
    {
        QFETCH(QByteArray, authorization);
        const Answer a = m_http.postForm(tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s}},
                                         {{"Authorization", authorization}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json(), (QJsonObject{{u"error"_s, u"invalid_client"_s},
                                        {u"error_description"_s, u"invalid client credentials"_s}}));
    }

    void errorsFollowTheFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("format=urlencoded")
            << u"urlencoded"_s << QByteArray() << QByteArray("application/x-www-form-urlencoded;charset=UTF-8")
            << QByteArray("error=invalid_client&error_description=invalid%20client%20credentials");
        QTest::newRow("Accept xml")
            << QString() << QByteArray("application/xml") << QByteArray("application/xml;charset=UTF-8")
            << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><OAuth><error>invalid_client</error>"
                          "<error_description>invalid client credentials</error_description></OAuth>");
        QTest::newRow("format=json")
            << u"json"_s << QByteArray("application/xml") << QByteArray("application/json;charset=UTF-8")
            << QByteArray("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
    }
    void errorsFollowTheFormat()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, accept);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QList<QPair<QString, QString>> params{
            {u"grant_type"_s, u"client_credentials"_s}, {u"client_id"_s, m_clientId}, {u"client_secret"_s, u"wrong"_s}};
        if (!format.isEmpty())
            params << qMakePair(u"format"_s, format);
        const Answer a =
            m_http.postForm(tokenUrl(), params, accept.isEmpty() ? Headers() : Headers{{"Accept", accept}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.header("Content-Type"), contentType);
        QCOMPARE(a.body, body);
    }

    void getIsRefused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("JSON") << QString() << QByteArray("application/json;charset=UTF-8");
        QTest::newRow("format=xml") << u"?format=xml"_s << QByteArray("application/xml;charset=UTF-8");
        QTest::newRow("with grant params") << u"?grant_type=client_credentials&format=urlencoded"_s
                                           << QByteArray("application/x-www-form-urlencoded;charset=UTF-8");
    }
    void getIsRefused()
    {
        QFETCH(QString, query);
        QFETCH(QByteArray, contentType);
        const Answer a = m_http.get(QUrl(tokenUrl().toString() + query));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.header("Content-Type"), contentType);
        const QByteArray body = QByteArray::fromPercentEncoding(a.body);
        QVERIFY2(body.contains("invalid_request") && body.contains("must use HTTP POST"), body.constData());
    }

    void oddMethodsOverARawSocket()
    {
        const QByteArray answer = rawExchange(quint16(m_emulator->myDomainUrl().port()),
                                              "PUT /services/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Content-Length: 0\r\nConnection: close\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer.constData());
        QVERIFY(answer.contains("\r\nContent-Type: application/json;charset=UTF-8\r\n"));
        QVERIFY(answer.contains("\r\nCache-Control: no-cache,must-revalidate,max-age=0,no-store,private\r\n"));
        QVERIFY(answer.endsWith("{\"error\":\"invalid_request\",\"error_description\":\"must use HTTP POST\"}"));
    }

    void grantTypeProblems_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("missing grant_type")
            << QByteArray("application/x-www-form-urlencoded") << QByteArray("client_id=x&client_secret=y");
        QTest::newRow("unknown grant_type")
            << QByteArray("application/x-www-form-urlencoded") << QByteArray("grant_type=client_credential");
        QTest::newRow("JSON body") << QByteArray("application/json")
                                   << QByteArray("{\"grant_type\":\"client_credentials\"}");
        QTest::newRow("text body") << QByteArray("text/plain") << QByteArray("grant_type=client_credentials");
        QTest::newRow("empty body") << QByteArray("application/x-www-form-urlencoded") << QByteArray();
    }
    void grantTypeProblems()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        const Answer a = m_http.send("POST", tokenUrl(), body, {{"Content-Type", contentType}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json(), (QJsonObject{{u"error"_s, u"unsupported_grant_type"_s},
                                        {u"error_description"_s, u"grant type not supported"_s}}));
    }

    void extraParametersAreIgnored()
    {
        const Answer a = postBody({{u"grant_type"_s, u"client_credentials"_s},
                                   {u"code_verifier"_s, QString(171, u'a')},
                                   {u"scope"_s, u"full refresh_token web"_s},
                                   {u"revoke_reason"_s, u"x"_s}},
                                  true);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json()[u"scope"].toString(), u"api openid id"_s); // the requested scope is not honoured (§2)
    }

    void grantedScopesFollowTheApp()
    {
        QVERIFY(m_emulator->changeApp(m_clientId,
                                      {{u"commaSeparatedOauthScopes"_s, u"Api, Full, OfflineAccess, Chatter"_s}}));
        QCOMPARE(postBody({{u"grant_type"_s, u"client_credentials"_s}}, true).json()[u"scope"].toString(),
                 u"api chatter_api"_s);
    }

private:
    Answer post(const QList<QPair<QString, QString>> &params, Headers headers, const QString &encoding)
    {
        if (encoding == u"multipart") {
            headers.emplaceBack("Content-Type", "multipart/form-data; boundary=----ecalabBoundary7MA4YWxk");
            return m_http.send("POST", tokenUrl(), multipart(params, "----ecalabBoundary7MA4YWxk"), headers);
        }
        if (encoding == u"query") {
            QUrlQuery query;
            for (const auto &p : params)
                query.addQueryItem(p.first, QString::fromLatin1(QUrl::toPercentEncoding(p.second)));
            QUrl url = tokenUrl();
            url.setQuery(query);
            return m_http.send("POST", url, {}, headers);
        }
        return m_http.postForm(tokenUrl(), params, headers);
    }
    Answer postBody(QList<QPair<QString, QString>> params, bool withClient)
    {
        if (withClient)
            params << qMakePair(u"client_id"_s, m_clientId) << qMakePair(u"client_secret"_s, m_secret);
        return m_http.postForm(tokenUrl(), params);
    }
    QUrl tokenUrl() const { return join(m_emulator->myDomainUrl(), u"/services/oauth2/token"_s); }
    QString userId18(const QString &username) const
    {
        for (const QJsonValue &u : m_emulator->state()[u"users"].toArray()) {
            if (u[u"username"].toString() == username)
                return u[u"id18"].toString();
        }
        return {};
    }

    std::optional<Emulator> m_emulator;
    Http m_http;
    EmulatorAdmin m_admin;
    QString m_clientId;
    QString m_secret;
};

QTEST_GUILESS_MAIN(TestEmulatorToken)
#include "tst_emulator_token.moc"
