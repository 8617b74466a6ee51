// What a pasted token is, before anything is trusted: a JWT decoded to its header and claims (times
// in local and relative form, known claims explained), a Salesforce session token read to its org
// ID, another opaque string, or no token at all — with the reason.
#include "core/FormEncoding.h"
#include "core/JsonNumbers.h"
#include "tokens/TokenDecoding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kNow = 1'764'000'000; // 2025-11-24 16:00:00 UTC (the test runs with TZ=UTC)
const QDateTime kNowTime = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);

QByteArray part(const QJsonObject &object)
{
    return base64UrlEncode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString jwt(const QJsonObject &header, const QJsonObject &claims)
{
    return QString::fromLatin1(part(header) + '.' + part(claims) + '.' + base64UrlEncode("not checked here"));
}

const QJsonObject kHeader{{u"alg"_s, u"RS256"_s}, {u"typ"_s, u"JWT"_s}, {u"kid"_s, u"248"_s}};

QJsonObject idTokenClaims()
{
    return {{u"iss"_s, u"https://acme.my.salesforce.com"_s},
            {u"sub"_s, u"https://acme.my.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS"_s},
            {u"aud"_s, u"3MVG9client"_s},
            {u"exp"_s, kNow + 180},
            {u"iat"_s, kNow - 7200},
            {u"nbf"_s, kNow - 7200},
            {u"auth_time"_s, kNow - 3 * 86400},
            {u"updated_at"_s, u"2026-01-15T10:00:00Z"_s},
            {u"nonce"_s, u"n-0S6"_s},
            {u"at_hash"_s, u"77QmUPtjPfzWtF2AnpK9RQ"_s},
            {u"c_hash"_s, u"LDktKdoQak3Pk0cnXxCltA"_s},
            {u"jti"_s, u"id-1"_s},
            {u"scp"_s, QJsonArray{u"api"_s, u"web"_s}},
            {u"scope"_s, u"api web"_s},
            {u"client_id"_s, u"3MVG9client"_s},
            {u"preferred_username"_s, u"ada@example.com"_s},
            {u"custom_attributes"_s, QJsonObject{{u"team"_s, u"blue"_s}}},
            {u"custom_permissions"_s, QJsonObject{{u"Can_Fly"_s, true}}},
            {u"sfdc_community_url"_s, u"https://acme.my.site.com/customers"_s},
            {u"sfdc_tenant"_s, u"x"_s},
            {u"x_vendor"_s, 1.5}};
}

ClaimLine line(const DecodedToken &decoded, const QString &part, const QString &name)
{
    for (const ClaimLine &l : decoded.lines) {
        if (l.part == part && l.name == name)
            return l;
    }
    return {};
}
} // namespace

class TestTokenDecoding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aJwtIsDecodedLineByLine()
    {
        const DecodedToken decoded = decodeToken(jwt(kHeader, idTokenClaims()), kNowTime);
        QCOMPARE(decoded.format, TokenFormat::Jwt);
        QCOMPARE(tokenFormatName(decoded.format), u"jwt"_s);
        QVERIFY(decoded.problem.isEmpty());
        QCOMPARE(decoded.header, kHeader);
        QCOMPARE(decoded.claims, idTokenClaims());
        QCOMPARE(decoded.orgId, u"00Dxx0000001gPLEAY"_s);

        QStringList names;
        for (const ClaimLine &l : decoded.lines)
            names.append(l.part + u':' + l.name);
        // Every field once, header first; known names in reading order, then the rest alphabetically.
        QCOMPARE(names, (QStringList{u"header:alg"_s,
                                     u"header:kid"_s,
                                     u"header:typ"_s,
                                     u"claims:iss"_s,
                                     u"claims:sub"_s,
                                     u"claims:aud"_s,
                                     u"claims:exp"_s,
                                     u"claims:iat"_s,
                                     u"claims:nbf"_s,
                                     u"claims:nonce"_s,
                                     u"claims:at_hash"_s,
                                     u"claims:c_hash"_s,
                                     u"claims:auth_time"_s,
                                     u"claims:jti"_s,
                                     u"claims:scp"_s,
                                     u"claims:scope"_s,
                                     u"claims:client_id"_s,
                                     u"claims:preferred_username"_s,
                                     u"claims:updated_at"_s,
                                     u"claims:custom_attributes"_s,
                                     u"claims:custom_permissions"_s,
                                     u"claims:sfdc_community_url"_s,
                                     u"claims:sfdc_tenant"_s,
                                     u"claims:x_vendor"_s}));
    }

    void timesAreLocalAndRelative_data()
    {
        QTest::addColumn<QString>("claim");
        QTest::addColumn<QString>("value");
        QTest::newRow("exp") << u"exp"_s << u"1764000180 (2025-11-24 16:03:00 UTC, in 3 min)"_s;
        QTest::newRow("iat") << u"iat"_s << u"1763992800 (2025-11-24 14:00:00 UTC, 2 h ago)"_s;
        QTest::newRow("nbf") << u"nbf"_s << u"1763992800 (2025-11-24 14:00:00 UTC, 2 h ago)"_s;
        QTest::newRow("auth_time") << u"auth_time"_s << u"1763740800 (2025-11-21 16:00:00 UTC, 3 days ago)"_s;
        QTest::newRow("updated_at (Salesforce's ISO form)")
            << u"updated_at"_s << u"2026-01-15T10:00:00Z (2026-01-15 10:00:00 UTC, in 51 days)"_s;
    }
    void timesAreLocalAndRelative()
    {
        QFETCH(QString, claim);
        QFETCH(QString, value);
        QCOMPARE(line(decodeToken(jwt(kHeader, idTokenClaims()), kNowTime), u"claims"_s, claim).value, value);
    }

    void otherValuesAreShownAsTheyAre()
    {
        const DecodedToken decoded = decodeToken(jwt(kHeader, idTokenClaims()), kNowTime);
        QCOMPARE(line(decoded, u"claims"_s, u"scp"_s).value, u"[\"api\",\"web\"]"_s);
        QCOMPARE(line(decoded, u"claims"_s, u"custom_attributes"_s).value, u"{\"team\":\"blue\"}"_s);
        QCOMPARE(line(decoded, u"claims"_s, u"x_vendor"_s).value, u"1.5"_s);
        QCOMPARE(line(decoded, u"header"_s, u"kid"_s).value, u"248"_s);
    }

    void knownClaimsAreExplained_data()
    {
        QTest::addColumn<QString>("part");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("meaning");
        QTest::newRow("alg")
            << u"header"_s << u"alg"_s
            << u"Signature algorithm. Salesforce signs with RS256 (RSA with SHA-256) only; a verifier must "
               u"refuse every other value, none and HS256 above all"_s;
        QTest::newRow("kid")
            << u"header"_s << u"kid"_s
            << u"Which of the org's published keys (/id/keys) signed it; keys rotate, so an old token may "
               u"name a key that is gone"_s;
        QTest::newRow("sub as identity URL")
            << u"claims"_s << u"sub"_s
            << u"Subject: the user, as Salesforce's identity URL: org 00Dxx0000001gPLEAY, user 005xx000001SwiUAAS"_s;
        QTest::newRow("aud")
            << u"claims"_s << u"aud"_s
            << u"Audience: who the token is for, the consumer key (client id) of the app; another app must "
               u"refuse it"_s;
        QTest::newRow("exp") << u"claims"_s << u"exp"_s << u"Expires: after this time the token must be refused"_s;
        QTest::newRow("at_hash") << u"claims"_s << u"at_hash"_s
                                 << u"Access-token hash: the left half of SHA-256 of the access token issued with it, "
                                    u"base64url; ties this ID token to that access token"_s;
        QTest::newRow("auth_time")
            << u"claims"_s << u"auth_time"_s
            << u"When the user last actually logged in (entered credentials), not when this token "
               u"was made"_s;
        QTest::newRow("custom_attributes")
            << u"claims"_s << u"custom_attributes"_s
            << u"Salesforce: the app's custom attributes, set on the app's policies, evaluated for this user (§7.7)"_s;
        QTest::newRow("sfdc_community_url") << u"claims"_s << u"sfdc_community_url"_s
                                            << u"Salesforce: the Experience Cloud site the user logged in through"_s;
        QTest::newRow("another sfdc_ claim") << u"claims"_s << u"sfdc_tenant"_s << u"Salesforce-specific (sfdc_…)"_s;
        QTest::newRow("unknown claim") << u"claims"_s << u"x_vendor"_s << QString();
    }
    void knownClaimsAreExplained()
    {
        QFETCH(QString, part);
        QFETCH(QString, name);
        QFETCH(QString, meaning);
        QCOMPARE(line(decodeToken(jwt(kHeader, idTokenClaims()), kNowTime), part, name).meaning, meaning);
    }

    void dangerousAlgorithmsAreExplained()
    {
        QJsonObject none = kHeader;
        none.insert(u"alg"_s, u"none"_s);
        QCOMPARE(line(decodeToken(jwt(none, idTokenClaims()), kNowTime), u"header"_s, u"alg"_s).meaning,
                 u"none: the token is unsigned, so nothing vouches for its claims; a verifier must refuse it"_s);
        QJsonObject hs = kHeader;
        hs.insert(u"alg"_s, u"HS256"_s);
        QVERIFY(line(decodeToken(jwt(hs, idTokenClaims()), kNowTime), u"header"_s, u"alg"_s)
                    .meaning.contains(u"key-confusion"_s));
    }

    void summaryAndJson()
    {
        const DecodedToken decoded = decodeToken(jwt(kHeader, idTokenClaims()), kNowTime);
        QCOMPARE(decoded.summary(),
                 u"JWT (RS256, kid 248) for ada@example.com, expires 2025-11-24 16:03:00 UTC (in 3 min)"_s);
        const QJsonObject json = decoded.toJson();
        QCOMPARE(json.value(u"format"), u"jwt"_s);
        QCOMPARE(json.value(u"header").toObject(), kHeader);
        QCOMPARE(json.value(u"claims").toObject(), idTokenClaims());
        QCOMPARE(json.value(u"orgId"), u"00Dxx0000001gPLEAY"_s);
        QCOMPARE(json.keys(), (QStringList{u"claims"_s, u"format"_s, u"header"_s, u"orgId"_s, u"problem"_s}));

        QJsonObject expired = idTokenClaims();
        expired.insert(u"exp"_s, kNow - 120);
        QCOMPARE(decodeToken(jwt(kHeader, expired), kNowTime).summary(),
                 u"JWT (RS256, kid 248) for ada@example.com, expired 2025-11-24 15:58:00 UTC (2 min ago)"_s);
    }

    void expiresAtReadsOnlyANumericExp()
    {
        QCOMPARE(decodeToken(jwt(kHeader, idTokenClaims()), kNowTime).expiresAt(), kNowTime.addSecs(180));
        QJsonObject claims = idTokenClaims();
        claims.insert(u"exp"_s, u"soon"_s);
        QCOMPARE(decodeToken(jwt(kHeader, claims), kNowTime).expiresAt(), std::nullopt);
        // A hostile exp no qint64 holds is clamped, not cast: a time far ahead, never an undefined cast.
        claims.insert(u"exp"_s, 1e300);
        const auto farAhead = decodeToken(jwt(kHeader, claims), kNowTime).expiresAt();
        QVERIFY(farAhead.has_value());
        QCOMPARE(*farAhead, QDateTime::fromSecsSinceEpoch(kMaxEpochSeconds, Qt::UTC));
        QCOMPARE(decodeToken(u"00Dxx0000001gPLEAY!AQ0AQabc"_s, kNowTime).expiresAt(), std::nullopt);
    }

    void salesforceSessionTokens_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("orgId");
        QTest::newRow("15-character org ID") << u"00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog"_s << u"00Dxx0000001gPL"_s;
        QTest::newRow("18-character org ID")
            << u"00Dxx0000001gPLEAY!AQ4AQFake.Access_Token"_s << u"00Dxx0000001gPLEAY"_s;
        QTest::newRow("with dots in the opaque part") << u"00D5g000004abcd!AQ0AQ.BxR.x9"_s << u"00D5g000004abcd"_s;
        QTest::newRow("pasted as a header")
            << u"Authorization: Bearer 00D000000000001!AQ4AQ\n"_s << u"00D000000000001"_s;
        QTest::newRow("Bearer prefix") << u"  Bearer 00D000000000001!AQ4AQ"_s << u"00D000000000001"_s;
    }
    void salesforceSessionTokens()
    {
        QFETCH(QString, token);
        QFETCH(QString, orgId);
        const DecodedToken decoded = decodeToken(token, kNowTime);
        QCOMPARE(decoded.format, TokenFormat::SalesforceSession);
        QCOMPARE(decoded.orgId, orgId);
        QVERIFY(decoded.lines.isEmpty());
        QCOMPARE(decoded.summary(), u"Salesforce session token of org %1: opaque, it cannot be decoded; introspection "
                                    u"tells whether it is active"_s.arg(orgId));
        QCOMPARE(decoded.toJson().value(u"format"), u"salesforce-session"_s);
        QCOMPARE(decoded.toJson().value(u"orgId"), orgId);
    }

    void otherOpaqueStrings()
    {
        const DecodedToken decoded = decodeToken(u"5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrtw"_s, kNowTime);
        QCOMPARE(decoded.format, TokenFormat::Opaque);
        QCOMPARE(tokenFormatName(decoded.format), u"opaque"_s);
        QCOMPARE(decoded.summary(),
                 u"Opaque token: not a JWT, it cannot be decoded; only the server that issued it can "
                 u"say what it is (introspection)"_s);
        // An org ID must be 15 or 18 characters: 00D + 10 is not a session token.
        QCOMPARE(decodeToken(u"00D0000000001!AQ4AQ"_s, kNowTime).format, TokenFormat::Opaque);
        // A refresh token may hold dots; it is no JWT for want of a JSON header.
        QCOMPARE(decodeToken(u"5Aep861TSESvWeug_xvFHRBTTbf.ruwV6lO.abc"_s, kNowTime).format, TokenFormat::Opaque);
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("problem");
        const QByteArray head = part(kHeader);
        QTest::newRow("empty") << u" \n\t "_s << u"it is empty"_s;
        QTest::newRow("two parts") << QString::fromLatin1(head + ".e30")
                                   << u"it has 2 dot-separated parts; a JWT (compact JWS) has three"_s;
        QTest::newRow("four parts") << QString::fromLatin1(head + ".e30.c2ln.eA")
                                    << u"it has 4 dot-separated parts; a JWT (compact JWS) has three"_s;
        QTest::newRow("five parts (JWE)") << QString::fromLatin1(head + ".a.b.c.d")
                                          << u"it has five dot-separated parts: an encrypted JWT (JWE), which only its "
                                             u"recipient can read; a signed JWT "
                                             u"(compact JWS) has three"_s;
        QTest::newRow("header not base64url")
            << u"eyJ%.e30.c2ln"_s
            << u"the header is not base64url: character '%' at position 4 is not in the "
               u"base64url alphabet"_s;
        QTest::newRow("standard base64") << QString::fromLatin1(head + ".e3+9.c2ln")
                                         << u"the payload is not base64url: '+' at position 3 is standard base64, not "
                                            u"base64url"_s;
        QTest::newRow("impossible length")
            << QString::fromLatin1(head + ".e30ab.c2ln")
            << u"the payload is not base64url: 5 characters cannot be base64url (a length "
               u"of 4n+1)"_s;
        QTest::newRow("empty payload") << QString::fromLatin1(head + "..c2ln") << u"the payload is empty"_s;
        QTest::newRow("payload not JSON") << QString::fromLatin1(head + '.' + base64UrlEncode("not json") + ".c2ln")
                                          << u"the payload is base64url but not JSON (illegal value at byte 1)"_s;
        QTest::newRow("payload JSON but no object")
            << QString::fromLatin1(head + '.' + base64UrlEncode("[\"s\"]") + ".c2ln")
            << u"the payload is JSON but not an object"_s;
        QTest::newRow("signature not base64url")
            << QString::fromLatin1(head + ".e30.c2l=n")
            << u"the signature is not base64url: character '=' at position 4 is not in the base64url alphabet"_s;
        QTest::newRow("whitespace inside")
            << QString::fromLatin1(head + ".e30\n.c2ln")
            << u"it contains whitespace (position %1); a token is one unbroken string"_s.arg(head.size() + 5);
        QTest::newRow("not ASCII") << u"00D000000000001!AQ\u00e9"_s
                                   << u"character U+00e9 at position 19 cannot be in a token (printable ASCII only)"_s;
        QTest::newRow("oversized") << QString(kMaxTokenLength + 1, u'a')
                                   << u"it is 65537 characters long; no token is longer than 65536, so this paste is "
                                      u"something else"_s;
    }
    void malformed()
    {
        QFETCH(QString, token);
        QFETCH(QString, problem);
        const DecodedToken decoded = decodeToken(token, kNowTime);
        QCOMPARE(decoded.format, TokenFormat::Malformed);
        QCOMPARE(decoded.problem, problem);
        QCOMPARE(decoded.summary(), u"Not a token: "_s + problem);
        QCOMPARE(decoded.toJson().value(u"problem"), problem);
        QCOMPARE(decoded.toJson().value(u"format"), u"malformed"_s);
    }

    void maxLengthIsAccepted()
    {
        const QString longest = QString(kMaxTokenLength, u'a');
        QCOMPARE(decodeToken(longest, kNowTime).format, TokenFormat::Opaque);
    }

    void normalizedTokenTable_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<QString>("token");
        QTest::newRow("plain") << u"abc"_s << u"abc"_s;
        QTest::newRow("whitespace") << u"\n  abc \t\r\n"_s << u"abc"_s;
        QTest::newRow("Bearer") << u"Bearer abc"_s << u"abc"_s;
        QTest::newRow("bearer, any case") << u"bearer   abc"_s << u"abc"_s;
        QTest::newRow("header line") << u"Authorization: Bearer abc"_s << u"abc"_s;
        QTest::newRow("Bearer-like token kept") << u"Bearerabc"_s << u"Bearerabc"_s;
    }
    void normalizedTokenTable()
    {
        QFETCH(QString, pasted);
        QFETCH(QString, token);
        QCOMPARE(normalizedToken(pasted), token);
    }

    void relativeTimes_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QString>("text");
        QTest::newRow("now") << qint64(0) << u"now"_s;
        QTest::newRow("seconds ahead") << qint64(45) << u"in 45 s"_s;
        QTest::newRow("minutes ahead") << qint64(180) << u"in 3 min"_s;
        QTest::newRow("minutes ago") << qint64(-150) << u"2 min ago"_s;
        QTest::newRow("hours ago") << qint64(-7200) << u"2 h ago"_s;
        QTest::newRow("a day and more in hours") << qint64(30 * 3600) << u"in 30 h"_s;
        QTest::newRow("days ago") << qint64(-3 * 86400) << u"3 days ago"_s;
        QTest::newRow("years ahead") << qint64(3 * 365 * 86400) << u"in 3 years"_s;
    }
    void relativeTimes()
    {
        QFETCH(qint64, offset);
        QFETCH(QString, text);
        QCOMPARE(relativeTime(kNowTime.addSecs(offset), kNowTime), text);
    }
};

int main(int argc, char **argv)
{
    qputenv("TZ", "UTC"); // local times, spelled out
    QCoreApplication app(argc, argv);
    TestTokenDecoding test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tokendecoding.moc"
