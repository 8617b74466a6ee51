#include "SignatureChecks.h"

#include "oauth/TokenSet.h"

#include <QJsonDocument>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kSecret = u"D1E2F3A4B5C6"_s;
const QString kId = u"https://acme.my.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001Sv6AAAS"_s;
const QString kIssuedAt = u"1732790000123"_s;

// Independent of TokenSet::computeSignature: the tests' own recipe of §1.5, for kId and kSecret.
QString signatureFor(const QString &issuedAt)
{
    return QString::fromLatin1(ecalab::test::expectedSignature(kSecret, kId, issuedAt));
}

QJsonObject clientCredentialsResponse()
{
    return QJsonObject{{u"access_token"_s, u"00Dxx0000001gPL!AQ4AQ.abc"_s},
                       {u"signature"_s, signatureFor(kIssuedAt)},
                       {u"scope"_s, u"api"_s},
                       {u"instance_url"_s, u"https://acme.my.salesforce.com"_s},
                       {u"id"_s, kId},
                       {u"token_type"_s, u"Bearer"_s},
                       {u"issued_at"_s, kIssuedAt},
                       {u"api_instance_url"_s, u"https://api.salesforce.com"_s}};
}
} // namespace

class TestTokenSet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEverySalesforceField()
    {
        const auto t = TokenSet::fromFields(clientCredentialsResponse());
        QVERIFY(t);
        QCOMPARE(t->accessToken, u"00Dxx0000001gPL!AQ4AQ.abc"_s);
        QCOMPARE(t->instanceUrl, u"https://acme.my.salesforce.com"_s);
        QCOMPARE(t->apiInstanceUrl, u"https://api.salesforce.com"_s);
        QCOMPARE(t->scopes(), QStringList{u"api"_s});
        QCOMPARE(t->orgId(), u"00Dxx0000001gPLEAY"_s);
        QCOMPARE(t->userId(), u"005xx000001Sv6AAAS"_s);
        QCOMPARE(t->issuedAtTime()->toMSecsSinceEpoch(), 1732790000123LL);
        QVERIFY(t->warnings.isEmpty());
        QVERIFY(t->extra.isEmpty());
        QCOMPARE(t->toJson(), clientCredentialsResponse());
    }

    void keepsUnknownFields()
    {
        QJsonObject fields = clientCredentialsResponse();
        fields.insert(u"sfdc_site_flag"_s, true);
        fields.insert(u"lightning_domain"_s, u"acme.lightning.force.com"_s);
        const auto t = TokenSet::fromFields(fields);
        QVERIFY(t);
        QCOMPARE(t->extra.size(), 2);
        QCOMPARE(t->toJson().value(u"sfdc_site_flag").toBool(), true);
    }

    void rejectsUnusableResponses_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no access_token") << QByteArray("{\"instance_url\":\"https://x\"}") << u"no access_token"_s;
        QTest::newRow("empty access_token") << QByteArray("{\"access_token\":\"\"}") << u"no access_token"_s;
        QTest::newRow("issued_at as number") << QByteArray("{\"access_token\":\"a\",\"issued_at\":1732790000123}")
                                             << u"issued_at"_s;
        QTest::newRow("access_token as object") << QByteArray("{\"access_token\":{\"v\":1}}") << u"access_token"_s;
    }
    void rejectsUnusableResponses()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const auto t = TokenSet::fromFields(QJsonDocument::fromJson(json).object());
        QVERIFY(!t);
        QVERIFY2(t.error().contains(mentions), qPrintable(t.error()));
    }

    void warnsAboutOddShapes_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("issued_at in seconds") << u"issued_at"_s << u"1732790000"_s;
        QTest::newRow("token_type MAC") << u"token_type"_s << u"MAC"_s;
        QTest::newRow("id without ids") << u"id"_s << u"https://login.salesforce.com/whoami"_s;
    }
    void warnsAboutOddShapes()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QJsonObject fields = clientCredentialsResponse();
        fields.insert(field, value);
        const auto t = TokenSet::fromFields(fields);
        QVERIFY(t);
        QCOMPARE(t->warnings.size(), 1);
        QVERIFY2(t->warnings.first().contains(field), qPrintable(t->warnings.first()));
    }

    void verifiesTheSignature_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<int>("expected");
        const QString good = signatureFor(kIssuedAt);
        QTest::newRow("valid") << kSecret << good << int(SignatureCheck::Valid);
        QTest::newRow("other secret") << u"wrong"_s << good << int(SignatureCheck::Invalid);
        QTest::newRow("tampered") << kSecret << signatureFor(u"1732790000124"_s)
                                  << int(SignatureCheck::Invalid);
        QTest::newRow("missing") << kSecret << QString() << int(SignatureCheck::Missing);
        QTest::newRow("no secret") << QString() << good << int(SignatureCheck::NoSecret);
        QTest::newRow("truncated") << kSecret << good.left(20) << int(SignatureCheck::Invalid);
    }
    void verifiesTheSignature()
    {
        QFETCH(QString, secret);
        QFETCH(QString, signature);
        QFETCH(int, expected);
        QJsonObject fields = clientCredentialsResponse();
        if (signature.isEmpty())
            fields.remove(u"signature"_s);
        else
            fields.insert(u"signature"_s, signature);
        const auto t = TokenSet::fromFields(fields);
        QVERIFY(t);
        QCOMPARE(int(t->verifySignature(secret)), expected);
    }

    void signatureIsFortyFourCharactersOfStandardBase64()
    {
        const QString sig = TokenSet::computeSignature(kSecret, kId, kIssuedAt);
        QCOMPARE(sig.size(), 44);
        QVERIFY(sig.endsWith(u'='));
        QCOMPARE(sig, signatureFor(kIssuedAt));
    }
};

QTEST_GUILESS_MAIN(TestTokenSet)
#include "tst_tokenset.moc"
