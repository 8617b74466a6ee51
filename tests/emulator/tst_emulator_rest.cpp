// The REST API over real HTTP, as the Salesforce CLI and client libraries use it after a login
// (§11, §7.2, §10.1): normalised paths, NOT_FOUND answers, the User and Organization records,
// the SOQL subset and its refusals, columns=true; the CLI's own app in every org, and seeds.
#include "DeviceSteps.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kRunAs = u"integration@ecalab.example"_s;
const QString kAda15 = u"0055g00000AdaL1"_s;
const QString kOrg15 = u"00D5g00000EcaLb"_s;
const QString kOrg18 = u"00D5g00000EcaLbEAJ"_s;
const QString kV62 = u"/services/data/v62.0"_s;
const QByteArray kNotFound = "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]";
const QByteArray kNotForRest =
    "[{\"message\":\"This session is not valid for use with the REST API\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

// A Salesforce id's 18-character form, computed here: 3 suffix characters from the case of 3 × 5.
QString id18(const QString &id15)
{
    QString suffix;
    for (int chunk = 0; chunk < 3; ++chunk) {
        int bits = 0;
        for (int i = 0; i < 5; ++i) {
            if (id15.at(chunk * 5 + i).isUpper())
                bits |= 1 << i;
        }
        suffix += u"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"_s.at(bits);
    }
    return id15 + suffix;
}
const QString kAda18 = id18(kAda15);
const QString kRunAs18 = id18(u"0055g00000IntU1"_s);

// The member names of the object that starts at `from`, in document order (QJsonObject sorts them).
QStringList keysInOrder(const QByteArray &json, qsizetype from = 0)
{
    QStringList keys;
    int depth = 0;
    for (qsizetype i = json.indexOf('{', from); i >= 0 && i < json.size(); ++i) {
        const char c = json.at(i);
        if (c == '"') {
            qsizetype end = i + 1;
            while (end < json.size() && json.at(end) != '"')
                end += json.at(end) == '\\' ? 2 : 1;
            if (depth == 1 && end + 1 < json.size() && json.at(end + 1) == ':')
                keys << QString::fromUtf8(json.mid(i + 1, end - i - 1));
            i = end;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            break;
        }
    }
    return keys;
}

// Status line and body of a raw HTTP/1.1 answer (the emulator sends a Content-Length).
QPair<int, QByteArray> parseRaw(const QByteArray &raw)
{
    const qsizetype split = raw.indexOf("\r\n\r\n");
    return {raw.mid(9, 3).toInt(), split < 0 ? QByteArray() : raw.mid(split + 4)};
}
} // namespace

class TestEmulatorRest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_clientId = m_emulator->demoProfile()[u"clientId"].toString();
        m_secret = m_emulator->demoProfile()[u"clientSecret"].toString();
        m_token = issue(m_clientId, m_secret);
        QVERIFY(!m_token.isEmpty());
    }
    void cleanup() { m_emulator.reset(); }

    void doubleSlashesReadAsOne_data()
    {
        QTest::addColumn<QString>("doubled");
        QTest::addColumn<QString>("single");
        QTest::newRow("version list") << u"//services/data"_s << u"/services/data"_s;
        QTest::newRow("resource directory") << u"//services/data//v62.0/"_s << u"/services/data/v62.0/"_s;
        QTest::newRow("a record") << u"/services//data/v62.0/sobjects//User/"_s + kAda15
                                  << u"/services/data/v62.0/sobjects/User/"_s + kAda15;
        QTest::newRow("a query") << u"//services/data/v62.0//query?q=SELECT+Id+FROM+Organization"_s
                                 << u"/services/data/v62.0/query?q=SELECT+Id+FROM+Organization"_s;
    }
    void doubleSlashesReadAsOne()
    {
        QFETCH(QString, doubled);
        QFETCH(QString, single);
        const QUrl base = m_emulator->myDomainUrl();
        // QNetworkAccessManager would normalise the path: send it as a client with a trailing '/' does.
        const auto [status, body] =
            parseRaw(rawExchange(quint16(base.port()), "GET " + doubled.toLatin1() + " HTTP/1.1\r\nHost: " +
                                                           base.authority().toLatin1() + "\r\nAuthorization: Bearer " +
                                                           m_token.toLatin1() + "\r\nConnection: close\r\n\r\n"));
        const Answer expected = m_http.get(QUrl(base.toString() + single), bearer());
        QCOMPARE(expected.status, 200);
        QCOMPARE(status, expected.status);
        QCOMPARE(body, expected.body);
    }

    void unknownDataPathsAreNotFound_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("unknown resource") << kV62 + u"/nothing"_s;
        QTest::newRow("unknown version") << u"/services/data/v99.0/"_s;
        QTest::newRow("not a version") << u"/services/data/latest"_s;
        QTest::newRow("unknown sObject type") << kV62 + u"/sobjects/Account/0015g00000Abcde"_s;
        QTest::newRow("unknown user id") << kV62 + u"/sobjects/User/0055g00000Nobod"_s;
        QTest::newRow("another org's id") << kV62 + u"/sobjects/Organization/00D5g00000Other"_s;
        QTest::newRow("a user id as Organization") << kV62 + u"/sobjects/Organization/"_s + kAda15;
        QTest::newRow("not an id") << kV62 + u"/sobjects/User/ada"_s;
    }
    void unknownDataPathsAreNotFound()
    {
        QFETCH(QString, path);
        const Answer a = m_http.get(join(m_emulator->myDomainUrl(), path), bearer());
        QCOMPARE(a.status, 404);
        QVERIFY(a.header("Content-Type").startsWith("application/json"));
        QCOMPARE(a.body, kNotFound);
    }

    void otherUnknownPathsAreTheHtmlPage_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("/nothing") << u"/nothing"_s;
        QTest::newRow("/services/datax") << u"/services/datax"_s;
        QTest::newRow("/services/other/v62.0") << u"/services/other/v62.0"_s;
    }
    void otherUnknownPathsAreTheHtmlPage()
    {
        QFETCH(QString, path);
        const Answer a = m_http.get(join(m_emulator->myDomainUrl(), path), bearer());
        QCOMPARE(a.status, 404);
        QVERIFY(a.header("Content-Type").startsWith("text/html"));
        QVERIFY(a.body.contains("URL No Longer Exists"));
    }

    void userRecords_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("userType");
        QTest::newRow("15-char id") << kAda15 << u"ada@ecalab.example"_s << u"Ada Lovelace"_s << u"Standard"_s;
        QTest::newRow("18-char id") << kAda18 << u"ada@ecalab.example"_s << u"Ada Lovelace"_s << u"Standard"_s;
        QTest::newRow("18-char id, lower-case suffix") << kAda18.left(15) + kAda18.right(3).toLower()
                                                       << u"ada@ecalab.example"_s << u"Ada Lovelace"_s << u"Standard"_s;
        QTest::newRow("site user") << u"0055g00000GrcH1"_s << u"grace@ecalab.example"_s << u"Grace Hopper"_s
                                   << u"CspLitePortal"_s;
    }
    void userRecords()
    {
        QFETCH(QString, id);
        QFETCH(QString, username);
        QFETCH(QString, name);
        QFETCH(QString, userType);
        const Answer a = m_http.get(join(m_emulator->myDomainUrl(), kV62 + u"/sobjects/User/"_s + id), bearer());
        QCOMPARE(a.status, 200);
        // README "Records and SOQL": attributes first, then these fields.
        QCOMPARE(keysInOrder(a.body),
                 (QStringList{u"attributes"_s, u"Id"_s, u"Username"_s, u"LastName"_s, u"FirstName"_s, u"Name"_s,
                              u"Email"_s, u"Alias"_s, u"CommunityNickname"_s, u"IsActive"_s, u"UserType"_s,
                              u"TimeZoneSidKey"_s, u"LocaleSidKey"_s, u"LanguageLocaleKey"_s, u"EmailEncodingKey"_s}));
        const QJsonObject o = a.json();
        const QString id18 = ::id18(id.left(15));
        QCOMPARE(keysInOrder(a.body, a.body.indexOf("\"attributes\":")), (QStringList{u"type"_s, u"url"_s}));
        QCOMPARE(o[u"attributes"][u"type"].toString(), u"User"_s);
        QCOMPARE(o[u"attributes"][u"url"].toString(), kV62 + u"/sobjects/User/"_s + id18);
        QCOMPARE(o[u"Id"].toString(), id18);
        QCOMPARE(o[u"Username"].toString(), username);
        QCOMPARE(o[u"Email"].toString(), username);
        QCOMPARE(o[u"Name"].toString(), name);
        QCOMPARE(o[u"FirstName"].toString() + u' ' + o[u"LastName"].toString(), name);
        QCOMPARE(o[u"IsActive"], QJsonValue(true));
        QCOMPARE(o[u"UserType"].toString(), userType);
        QCOMPARE(o[u"TimeZoneSidKey"].toString(), u"America/Los_Angeles"_s);
        QCOMPARE(o[u"LanguageLocaleKey"].toString(), u"en_US"_s);
        QVERIFY(!o[u"Alias"].toString().isEmpty());
        const Answer onSite = m_http.get(join(m_emulator->siteUrl(), kV62 + u"/sobjects/User/"_s + id), bearer());
        QCOMPARE(onSite.body, a.body);
    }

    void organizationRecord_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("15-char id") << kOrg15;
        QTest::newRow("18-char id") << kOrg18;
    }
    void organizationRecord()
    {
        QFETCH(QString, id);
        const Answer a =
            m_http.get(join(m_emulator->myDomainUrl(), kV62 + u"/sobjects/Organization/"_s + id), bearer());
        QCOMPARE(a.status, 200);
        QCOMPARE(keysInOrder(a.body),
                 (QStringList{u"attributes"_s, u"Id"_s, u"Name"_s, u"InstanceName"_s, u"IsSandbox"_s,
                              u"OrganizationType"_s, u"TrialExpirationDate"_s, u"NamespacePrefix"_s,
                              u"LanguageLocaleKey"_s, u"DefaultLocaleSidKey"_s, u"TimeZoneSidKey"_s}));
        const QJsonObject o = a.json();
        QCOMPARE(o[u"attributes"].toObject(), (QJsonObject{{u"type"_s, u"Organization"_s},
                                                           {u"url"_s, kV62 + u"/sobjects/Organization/"_s + kOrg18}}));
        QCOMPARE(o[u"Id"].toString(), kOrg18);
        QCOMPARE(o[u"Name"].toString(), u"ECA Lab Demo Org"_s);
        QCOMPARE(o[u"InstanceName"].toString(), u"EMU1"_s);
        QCOMPARE(o[u"IsSandbox"], QJsonValue(false));
        QCOMPARE(o[u"OrganizationType"].toString(), u"Developer Edition"_s);
        QCOMPARE(o[u"TrialExpirationDate"], QJsonValue(QJsonValue::Null));
        QCOMPARE(o[u"NamespacePrefix"], QJsonValue(QJsonValue::Null));
    }

    void fieldsNarrowARecord()
    {
        const QUrl url = join(m_emulator->myDomainUrl(), kV62 + u"/sobjects/User/"_s + kAda15);
        const Answer a = m_http.get(QUrl(url.toString() + u"?fields=Username,Email"_s), bearer());
        QCOMPARE(a.status, 200);
        const QStringList keys = keysInOrder(a.body);
        QCOMPARE(keys.first(), u"attributes"_s);
        QVERIFY(keys.contains(u"Username"_s) && keys.contains(u"Email"_s));
        QVERIFY2(!keys.contains(u"LastName"_s) && !keys.contains(u"TimeZoneSidKey"_s), qPrintable(keys.join(u',')));
        QCOMPARE(a.json()[u"Username"].toString(), u"ada@ecalab.example"_s);

        const Answer unknown = m_http.get(QUrl(url.toString() + u"?fields=Username,Foo"_s), bearer());
        QCOMPARE(unknown.status, 400);
        QCOMPARE(unknown.jsonArray().first()[u"errorCode"].toString(), u"INVALID_FIELD"_s);
    }

    void dataNeedsALiveSessionWithTheApiScope_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("token"); // none | revoked | identity-only
        QTest::addColumn<QByteArray>("body");
        const QString record = kV62 + u"/sobjects/User/"_s + kAda15;
        const QString query = kV62 + u"/query?q=SELECT+Id+FROM+User"_s;
        QTest::newRow("record, no token") << record << u"none"_s << kSessionExpired;
        QTest::newRow("query, no token") << query << u"none"_s << kSessionExpired;
        QTest::newRow("record, revoked token") << record << u"revoked"_s << kSessionExpired;
        QTest::newRow("query, revoked token") << query << u"revoked"_s << kSessionExpired;
        QTest::newRow("record, no api scope") << record << u"identity-only"_s << kNotForRest; // §10.2
        QTest::newRow("query, no api scope") << query << u"identity-only"_s << kNotForRest;
    }
    void dataNeedsALiveSessionWithTheApiScope()
    {
        QFETCH(QString, path);
        QFETCH(QString, token);
        QFETCH(QByteArray, body);
        Headers headers;
        if (token == u"revoked") {
            const QString value = issue(m_clientId, m_secret);
            QCOMPARE(m_http.postForm(join(m_emulator->loginUrl(), u"/services/oauth2/revoke"_s), {{u"token"_s, value}})
                         .status,
                     200);
            headers.append({"Authorization", Http::bearer(value)});
        } else if (token == u"identity-only") {
            const Answer app = m_admin.call("POST", u"/apps"_s,
                                     {{u"fullName"_s, u"Identity_Only"_s},
                                      {u"commaSeparatedOauthScopes"_s, u"OpenID, Basic"_s},
                                      {u"isClientCredentialsFlowEnabled"_s, true},
                                      {u"clientCredentialsFlowUser"_s, kRunAs}});
            QCOMPARE(app.status, 200);
            const QString value =
                issue(app.json()[u"consumerKey"].toString(), app.json()[u"consumerSecret"].toString());
            QVERIFY(!value.isEmpty());
            headers.append({"Authorization", Http::bearer(value)});
        }
        const Answer a = m_http.get(QUrl(m_emulator->myDomainUrl().toString() + path), headers);
        QCOMPARE(a.status, 401); // §7.2, §10.1
        QCOMPARE(a.body, body);
    }

    void queries_data()
    {
        QTest::addColumn<QString>("soql");
        QTest::addColumn<QString>("field");      // read from every record
        QTest::addColumn<QStringList>("values"); // in record order
        QTest::newRow("Organization") << u"SELECT Id, Name FROM Organization"_s << u"Id"_s << QStringList{kOrg18};
        QTest::newRow("by Username, any case")
            << u"SELECT Id FROM User WHERE Username = 'ADA@ecalab.Example'"_s << u"Id"_s << QStringList{kAda18};
        QTest::newRow("by 15-char Id") << u"SELECT Username FROM User WHERE Id = '0055g00000AdaL1'"_s << u"Username"_s
                                       << QStringList{u"ada@ecalab.example"_s};
        QTest::newRow("by 18-char Id") << u"SELECT Username FROM User WHERE Id = '"_s + kRunAs18 + u"'"_s
                                       << u"Username"_s << QStringList{kRunAs};
        QTest::newRow("LIMIT") << u"SELECT Id FROM User LIMIT 2"_s << u"Id"_s << QStringList{kAda18, kRunAs18};
        QTest::newRow("!=") << u"SELECT Username FROM User WHERE Username != 'ada@ecalab.example'"_s << u"Username"_s
                            << QStringList{kRunAs, u"grace@ecalab.example"_s};
        QTest::newRow("boolean, keywords in lower case")
            << u"select username from user where isactive = true and usertype = 'standard'"_s << u"Username"_s
            << QStringList{u"ada@ecalab.example"_s, kRunAs};
        QTest::newRow("FALSE matches nobody")
            << u"SELECT Id FROM User WHERE IsActive = FALSE"_s << u"Id"_s << QStringList{};
        QTest::newRow("boolean field") << u"SELECT IsSandbox FROM Organization WHERE IsSandbox = false"_s
                                       << u"IsSandbox"_s << QStringList{u"false"_s};
        QTest::newRow("NULL") << u"SELECT Name FROM Organization WHERE NamespacePrefix = NULL"_s << u"Name"_s
                              << QStringList{u"ECA Lab Demo Org"_s};
    }
    void queries()
    {
        QFETCH(QString, soql);
        QFETCH(QString, field);
        QFETCH(QStringList, values);
        for (const QString &resource : {u"/query"_s, u"/queryAll"_s}) {
            const Answer a = query(soql, resource);
            QCOMPARE(a.status, 200);
            QCOMPARE(keysInOrder(a.body), (QStringList{u"totalSize"_s, u"done"_s, u"records"_s}));
            const QJsonObject o = a.json();
            QCOMPARE(o[u"totalSize"].toInt(-1), values.size());
            QCOMPARE(o[u"done"], QJsonValue(true));
            QStringList seen;
            for (const QJsonValue &record : o[u"records"].toArray())
                seen << record[field].toVariant().toString();
            QCOMPARE(seen, values);
        }
    }

    void queryRecordsHoldAttributesAndTheSelectedFields()
    {
        const Answer a = query(u"SELECT email, Id FROM user WHERE Username = 'ada@ecalab.example'"_s);
        QCOMPARE(a.status, 200);
        // The canonical names, in the order selected, after attributes.
        QCOMPARE(keysInOrder(a.body, a.body.indexOf("\"records\":")),
                 (QStringList{u"attributes"_s, u"Email"_s, u"Id"_s}));
        const QJsonObject record = a.json()[u"records"][0].toObject();
        QCOMPARE(record[u"attributes"].toObject(),
                 (QJsonObject{{u"type"_s, u"User"_s}, {u"url"_s, kV62 + u"/sobjects/User/"_s + kAda18}}));
        QCOMPARE(record[u"Email"].toString(), u"ada@ecalab.example"_s);
    }

    void queryRefusals_data()
    {
        QTest::addColumn<QString>("soql");
        QTest::addColumn<QString>("errorCode");
        QTest::addColumn<int>("column");  // row 1; 0: not checked; -1: no caret shape, the message is `why`
        QTest::addColumn<QString>("why"); // the message's last line starts so; empty: not checked
        QTest::newRow("a Dev Hub's object") << u"SELECT Id FROM ScratchOrgInfo"_s << u"INVALID_TYPE"_s << 16
                                            << u"sObject type 'ScratchOrgInfo' is not supported."_s;
        QTest::newRow("unknown field") << u"SELECT Foo FROM User"_s << u"INVALID_FIELD"_s << 8
                                       << u"No such column 'Foo' on entity 'User'."_s;
        QTest::newRow("unknown field in WHERE") << u"SELECT Id FROM User WHERE Foo = 'x'"_s << u"INVALID_FIELD"_s << 27
                                                << u"No such column 'Foo' on entity 'User'."_s;
        QTest::newRow("missing object") << u"SELECT Id FROM"_s << u"MALFORMED_QUERY"_s << 0
                                        << u"unexpected token: <EOF>"_s;
        QTest::newRow("ORDER BY") << u"SELECT Id FROM User ORDER BY Id"_s << u"MALFORMED_QUERY"_s << 21
                                  << u"unexpected token: ORDER"_s;
        QTest::newRow("OR") << u"SELECT Id FROM User WHERE Username = 'a' OR Username = 'b'"_s << u"MALFORMED_QUERY"_s
                            << 42 << u"unexpected token: OR"_s;
        QTest::newRow("a relationship") << u"SELECT Profile.Name FROM User"_s << u"MALFORMED_QUERY"_s << 15
                                        << u"unexpected token: ."_s;
        QTest::newRow("unterminated string")
            << u"SELECT Id FROM User WHERE Username = 'ada"_s << u"MALFORMED_QUERY"_s << 0 << QString();
        // README lists it with the caret-shaped messages, but ambiguously: the emulator sends the bare sentence.
        QTest::newRow("duplicate field") << u"SELECT Id, Username, Id FROM User"_s << u"MALFORMED_QUERY"_s << -1
                                         << u"duplicate field selected: Id"_s;
    }
    void queryRefusals()
    {
        QFETCH(QString, soql);
        QFETCH(QString, errorCode);
        QFETCH(int, column);
        QFETCH(QString, why);
        const Answer a = query(soql);
        QCOMPARE(a.status, 400);
        QCOMPARE(keysInOrder(a.body, 1), (QStringList{u"message"_s, u"errorCode"_s}));
        const QJsonObject error = a.jsonArray().first().toObject();
        QCOMPARE(error[u"errorCode"].toString(), errorCode);
        if (column < 0) {
            QCOMPARE(error[u"message"].toString(), why);
            return;
        }
        // Salesforce's shape: the row, a caret under the column, "ERROR at Row:R:Column:C", why.
        const QStringList lines = error[u"message"].toString().split(u'\n');
        const qsizetype at = lines.indexOf(QRegularExpression(u"^ERROR at Row:1:Column:\\d+$"_s));
        QVERIFY2(at >= 2 && at + 1 < lines.size(), qPrintable(error[u"message"].toString()));
        const int reported = lines[at].section(u':', -1).toInt();
        if (column > 0)
            QCOMPARE(reported, column);
        QCOMPARE(lines[at - 2], soql);
        QCOMPARE(lines[at - 1], QString(reported - 1, u' ') + u'^');
        if (!why.isEmpty())
            QVERIFY2(lines.mid(at + 1).join(u'\n').startsWith(why), qPrintable(lines.mid(at + 1).join(u'\n')));
    }

    void aQueryStringHasToBeSpecified()
    {
        const Answer a = m_http.get(join(m_emulator->myDomainUrl(), kV62 + u"/query"_s), bearer());
        QCOMPARE(a.status, 400);
        QCOMPARE(a.jsonArray().first().toObject(), (QJsonObject{{u"message"_s, u"A query string has to be specified"_s},
                                                                {u"errorCode"_s, u"MALFORMED_QUERY"_s}}));
    }

    void columnsAnswerTheColumnsMetadata_data()
    {
        QTest::addColumn<QString>("soql");
        QTest::addColumn<QString>("entity");
        QTest::addColumn<bool>("idSelected");
        QTest::addColumn<QString>("keyPrefix");
        QTest::addColumn<QStringList>("columns");
        QTest::newRow("User") << u"SELECT id, username FROM User"_s << u"User"_s << true << u"005"_s
                              << QStringList{u"Id"_s, u"Username"_s};
        QTest::newRow("Organization, no Id")
            << u"SELECT Name FROM Organization"_s << u"Organization"_s << false << u"00D"_s << QStringList{u"Name"_s};
    }
    void columnsAnswerTheColumnsMetadata()
    {
        QFETCH(QString, soql);
        QFETCH(QString, entity);
        QFETCH(bool, idSelected);
        QFETCH(QString, keyPrefix);
        QFETCH(QStringList, columns);
        const Answer a = query(soql, u"/query"_s, true);
        QCOMPARE(a.status, 200);
        const QJsonObject o = a.json();
        QVERIFY2(!o.contains(u"records"), a.body.constData());
        QCOMPARE(o[u"entityName"].toString(), entity);
        QCOMPARE(o[u"idSelected"], QJsonValue(idSelected));
        QCOMPARE(o[u"keyPrefix"].toString(), keyPrefix);
        QStringList names;
        for (const QJsonValue &column : o[u"columnMetadata"].toArray())
            names << column[u"columnName"].toString();
        QCOMPARE(names, columns);
    }

    void theSalesforceClisAppIsInTheDemoOrg()
    {
        const Answer a = m_admin.get(u"/apps/PlatformCLI"_s);
        QCOMPARE(a.status, 200);
        const QJsonObject app = a.json();
        QCOMPARE(app[u"fullName"].toString(), u"Salesforce_CLI"_s);
        QCOMPARE(app[u"type"].toString(), u"ConnectedApp"_s);
        QCOMPARE(app[u"consumerKey"].toString(), u"PlatformCLI"_s);
        QCOMPARE(callbacks(app), QStringList{u"http://localhost:1717/OauthRedirect"_s});
        QStringList scopes;
        for (const QJsonValue &scope : app[u"scopes"].toArray())
            scopes << scope.toString();
        scopes.sort();
        QCOMPARE(scopes, (QStringList{u"api"_s, u"refresh_token"_s, u"web"_s}));
        QCOMPARE(app[u"isConsumerSecretOptional"], QJsonValue(true));
        QCOMPARE(app[u"isPkceRequired"], QJsonValue(false));
        // §0: the CLI's device login fails with the flow off.
        const Answer device = DeviceSteps(m_http, u"PlatformCLI"_s).requestCode(m_emulator->loginUrl());
        QCOMPARE(oauthError(device), qMakePair(u"invalid_grant"_s, u"device flow is not enabled for the app"_s));
    }

    void aSeedCanLeaveTheCliAppOut()
    {
        QJsonObject seed = exportedSeed(*m_emulator);
        QJsonObject org = seed[u"org"].toObject();
        org[u"salesforceCliApp"] = false;
        seed[u"org"] = org;
        seed[u"apps"] = appsWithout(seed, u"PlatformCLI"_s);
        Emulator other;
        QString error;
        QVERIFY2(other.loadSeed(seed, &error), qPrintable(error));
        QVERIFY(other.start());
        QCOMPARE(EmulatorAdmin(other.adminUrl()).get(u"/apps/PlatformCLI"_s).status, 404);
        QCOMPARE(other.state()[u"apps"].toArray().size(), 1);
        const Answer device = DeviceSteps(m_http, u"PlatformCLI"_s).requestCode(other.loginUrl());
        QCOMPARE(oauthError(device).first, u"invalid_client_id"_s);
    }

    void aSeedsOwnPlatformCliIsNotDuplicated()
    {
        QJsonObject seed = exportedSeed(*m_emulator);
        QJsonArray apps = appsWithout(seed, u"PlatformCLI"_s);
        apps.append(QJsonObject{{u"fullName"_s, u"My_Cli"_s},
                                {u"consumerKey"_s, u"PlatformCLI"_s},
                                {u"callbackUrl"_s, u"http://localhost:1717/OauthRedirect"_s},
                                {u"commaSeparatedOauthScopes"_s, u"Api"_s}});
        seed[u"apps"] = apps;
        Emulator other;
        QString error;
        QVERIFY2(other.loadSeed(seed, &error), qPrintable(error));
        QStringList cliApps;
        for (const QJsonValue &app : other.state()[u"apps"].toArray()) {
            if (app[u"consumerKey"].toString() == u"PlatformCLI")
                cliApps << app[u"fullName"].toString();
        }
        QCOMPARE(cliApps, QStringList{u"My_Cli"_s});
    }

    void anExportedSeedLoadsAgainUnchanged()
    {
        QCOMPARE(
            m_admin.changeOrg({{u"name"_s, u"Changed Org"_s}, {u"allowUsernamePasswordFlows"_s, true}}).status,
            200);
        const QJsonObject user{{u"username"_s, u"new@ecalab.example"_s}, {u"password"_s, u"pw-1"_s}};
        QCOMPARE(m_admin.call("POST", u"/users"_s, user).status, 200);
        QCOMPARE(m_admin.call("POST", u"/apps"_s,
                       {{u"fullName"_s, u"Legacy_App"_s},
                        {u"type"_s, u"ConnectedApp"_s},
                        {u"refreshTokenPolicyType"_s, u"SpecificInactivity"_s},
                        {u"refreshTokenValidityPeriod"_s, 3},
                        {u"refreshTokenValidityUnit"_s, u"Days"_s}})
                     .status,
                 200);
        const QJsonObject exported = exportedSeed(*m_emulator);
        QVERIFY(QJsonDocument(exported).toJson().contains("new@ecalab.example"));
        Emulator other;
        QString error;
        QVERIFY2(other.loadSeed(exported, &error), qPrintable(error));
        QVERIFY(other.start());
        QCOMPARE(exportedSeed(other), exported);
    }

private:
    QString issue(const QString &clientId, const QString &secret)
    {
        return m_http
            .postForm(
                join(m_emulator->myDomainUrl(), u"/services/oauth2/token"_s),
                {{u"grant_type"_s, u"client_credentials"_s}, {u"client_id"_s, clientId}, {u"client_secret"_s, secret}})
            .json()[u"access_token"]
            .toString();
    }
    Headers bearer() const { return {{"Authorization", Http::bearer(m_token)}}; }
    Answer query(const QString &soql, const QString &resource = u"/query"_s, bool columns = false)
    {
        const QString q = QString::fromLatin1(QUrl::toPercentEncoding(soql));
        return m_http.get(join(m_emulator->myDomainUrl(),
                               kV62 + resource + u"?q="_s + q + (columns ? u"&columns=true"_s : QString())),
                          bearer());
    }
    QJsonObject exportedSeed(const Emulator &emulator)
    {
        const Answer a = EmulatorAdmin(emulator.adminUrl()).get(u"/seed"_s);
        return a.status == 200 ? a.json() : QJsonObject();
    }
    static QJsonArray appsWithout(const QJsonObject &seed, const QString &consumerKey)
    {
        QJsonArray apps;
        for (const QJsonValue &app : seed[u"apps"].toArray()) {
            if (app[u"consumerKey"].toString() != consumerKey)
                apps.append(app);
        }
        return apps;
    }
    // `callbackUrl` as a list, whether written as an array or newline-separated (README, seed table).
    static QStringList callbacks(const QJsonObject &app)
    {
        const QJsonValue value = app[u"callbackUrl"];
        if (!value.isArray())
            return value.toString().split(u'\n', Qt::SkipEmptyParts);
        QStringList urls;
        for (const QJsonValue &url : value.toArray())
            urls << url.toString();
        return urls;
    }

    std::optional<Emulator> m_emulator;
    Http m_http;
    EmulatorAdmin m_admin;
    QString m_clientId;
    QString m_secret;
    QString m_token;
};

QTEST_GUILESS_MAIN(TestEmulatorRest)
#include "tst_emulator_rest.moc"
