// RFC 7636 PKCE: the verifier's alphabet and length, S256 of the RFC's own example, and the
// verifier taken from the injected RandomSource.
#include "core/RandomSource.h"
#include "oauth/Pkce.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
class CountingRandom final : public RandomSource
{
public:
    QByteArray bytes(int count) override
    {
        QByteArray out;
        for (int i = 0; i < count; ++i)
            out.append(char(m_next++));
        return out;
    }

private:
    int m_next = 0;
};
} // namespace

class TestPkce : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7636AppendixBExample()
    {
        // RFC 7636 Appendix B.
        QCOMPARE(pkce::challengeS256(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
                 u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    }

    void verifierComesFromTheRandomSourceAndIsValid()
    {
        CountingRandom random;
        const pkce::Pair first = pkce::generate(random);
        const pkce::Pair second = pkce::generate(random);
        QCOMPARE(first.verifier.size(), 43);
        QVERIFY(pkce::isValidVerifier(first.verifier));
        QVERIFY(first.verifier != second.verifier);
        QCOMPARE(first.challenge, pkce::challengeS256(first.verifier));
        QVERIFY(!first.challenge.contains(u'='));
    }

    void verifierRules_data()
    {
        QTest::addColumn<QString>("verifier");
        QTest::addColumn<bool>("valid");
        QTest::newRow("42 chars") << QString(42, u'a') << false;
        QTest::newRow("43 chars") << QString(43, u'a') << true;
        QTest::newRow("128 chars") << QString(128, u'~') << true;
        QTest::newRow("129 chars") << QString(129, u'a') << false;
        QTest::newRow("unreserved") << u"AZaz09-._~"_s.repeated(5) << true;
        QTest::newRow("plus") << QString(42, u'a') + u'+' << false;
        QTest::newRow("slash") << QString(42, u'a') + u'/' << false;
    }
    void verifierRules()
    {
        QFETCH(QString, verifier);
        QFETCH(bool, valid);
        QCOMPARE(pkce::isValidVerifier(verifier), valid);
    }

    void randomTokenIs128BitsBase64Url()
    {
        CountingRandom random;
        const QString token = randomToken(random);
        QCOMPARE(token.size(), 22);
        QVERIFY(!token.contains(u'=') && !token.contains(u'+') && !token.contains(u'/'));
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
