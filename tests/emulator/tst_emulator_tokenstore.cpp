// The token store (emu/TokenStore.h) against an org built here: ended sessions pruned as they
// become the oldest, the kMaxSessions bound, the approval limit (§7.1), rotation's memory, whole
// families revoked (§7.3), the refresh-token policies — and the admin listing of it over HTTP
// (GET /__emulator/tokens: pages, X-Total-Count, Link rel="next").
#include "DeviceSteps.h"

#include "Emulator.h"
#include "emu/OrgModel.h"
#include "emu/TokenStore.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kNow = 1'760'000'000'000; // epoch ms
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
const QString kAda = u"0055g00000AdaL1"_s;
const QString kGrace = u"0055g00000GrcH1"_s;
const QString kApp = u"3MVG9TokenStoreApp"_s;
const QString kOtherApp = u"3MVG9TokenStoreOther"_s;

OrgModel makeOrg()
{
    OrgModel model;
    model.org.id15 = u"00D5g00000EcaLb"_s;
    for (const QString &id : {kAda, kGrace}) {
        User user;
        user.id15 = id;
        user.username = id + u"@ecalab.example"_s;
        user.password = u"pw"_s;
        model.users.append(user);
    }
    for (const QString &key : {kApp, kOtherApp}) {
        App app;
        app.fullName = key == kApp ? u"Store_App"_s : u"Other_App"_s;
        app.consumerKey = key;
        app.consumerSecret = u"secret_"_s + key;
        model.apps.append(app);
    }
    return model;
}

AccessToken session(const QString &value, qint64 issuedAt = kNow, qint64 lifetime = 2 * kHour,
                    const QString &family = {})
{
    AccessToken token;
    token.value = u"00D5g00000EcaLb!AQ"_s + value;
    token.userId = kAda;
    token.clientId = kApp;
    token.scopes = {u"api"_s, u"refresh_token"_s};
    token.issuedAtMs = issuedAt;
    token.expiresAtMs = issuedAt + lifetime;
    token.grantType = u"device"_s;
    token.family = family;
    return token;
}

RefreshToken refreshToken(const QString &value, const QString &userId = kAda, const QString &clientId = kApp,
                          qint64 approvedAt = kNow)
{
    RefreshToken token;
    token.value = u"5Aep861"_s + value;
    token.userId = userId;
    token.clientId = clientId;
    token.scopes = {u"api"_s, u"refresh_token"_s};
    token.issuedAtMs = token.approvedAtMs = token.lastUsedAtMs = token.authTimeMs = approvedAt;
    token.family = token.value;
    return token;
}
} // namespace

class TestEmulatorTokenStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_org = makeOrg(); }

    void endedSessionsArePrunedOnceTheyAreTheOldest()
    {
        TokenStore store;
        const QString first = store.add(session(u"first"_s, kNow, kMinute)).value;
        const QString longLived = store.add(session(u"long"_s)).value;
        const QString shortLived = store.add(session(u"short"_s, kNow, kMinute)).value;
        const qint64 later = kNow + 2 * kMinute;
        QVERIFY(!store.active(first, later, m_org)); // expired: answers like an ended session
        QVERIFY(store.active(longLived, later, m_org));
        QVERIFY(!store.active(shortLived, later, m_org));

        const QString third = store.add(session(u"third"_s, later)).value;
        QVERIFY(!store.find(first)); // ended and the oldest: dropped
        QVERIFY(store.find(longLived));
        store.revoke(*store.find(longLived));
        const QString fourth = store.add(session(u"fourth"_s, later)).value;
        // The revoked one went, and the expired one behind it as soon as it was the oldest.
        QVERIFY(!store.find(longLived));
        QVERIFY(!store.find(shortLived));
        QCOMPARE(store.accessTokenCount(), std::size_t(2));
        QVERIFY(store.active(third, later, m_org) && store.active(fourth, later, m_org));
    }

    void theSessionBoundKeepsTheNewest()
    {
        TokenStore store;
        constexpr int kExtra = 10;
        const int total = int(TokenStore::kMaxSessions) + kExtra;
        QStringList values;
        values.reserve(total);
        for (int i = 0; i < total; ++i)
            values << store.add(session(QString::number(i), kNow + i)).value;
        const qint64 now = kNow + total;
        QCOMPARE(store.accessTokenCount(), TokenStore::kMaxSessions);
        for (int i = 0; i < kExtra; ++i)
            QVERIFY2(!store.active(values.at(i), now, m_org), qPrintable(values.at(i))); // ended early
        QVERIFY(!store.find(values.first()));
        QVERIFY(store.active(values.at(kExtra), now, m_org)); // the oldest kept one still lives
        QVERIFY(store.active(values.last(), now, m_org));
    }

    void theSixthApprovalRevokesTheOldest()
    {
        TokenStore store;
        // Other users' and other apps' approvals do not count (§7.1: per user per app).
        const QString grace = store.addApproval(refreshToken(u"grace"_s, kGrace)).value;
        const QString otherApp = store.addApproval(refreshToken(u"other"_s, kAda, kOtherApp)).value;
        QStringList approvals;
        QStringList sessions;
        for (int i = 0; i <= TokenStore::kMaxApprovalsPerUserAndApp; ++i) {
            approvals << store.addApproval(refreshToken(QString::number(i))).value;
            sessions << store.add(session(QString::number(i), kNow, 2 * kHour, approvals.last())).value;
        }
        QVERIFY(!store.findRefresh(approvals.first()));
        QVERIFY(!store.usableRefresh(approvals.first(), kNow, m_org));
        QVERIFY(!store.active(sessions.first(), kNow, m_org)); // the whole approval ended
        for (int i = 1; i < approvals.size(); ++i) {
            QVERIFY(store.usableRefresh(approvals.at(i), kNow, m_org));
            QVERIFY(store.active(sessions.at(i), kNow, m_org));
        }
        QVERIFY(store.usableRefresh(grace, kNow, m_org));
        QVERIFY(store.usableRefresh(otherApp, kNow, m_org));
        QCOMPARE(store.refreshTokenCount(), std::size_t(TokenStore::kMaxApprovalsPerUserAndApp + 2));
    }

    void rotationRemembersAtMostKRememberedRotations()
    {
        TokenStore store;
        constexpr int kRotations = TokenStore::kRememberedRotations + 5;
        QStringList chain{store.addApproval(refreshToken(u"0"_s)).value};
        for (int i = 1; i <= kRotations; ++i) {
            RefreshToken next = refreshToken(QString::number(i), kAda, kApp, kNow);
            next.issuedAtMs = next.lastUsedAtMs = kNow + i;
            next.family = chain.first();
            chain << store.rotate(*store.findRefresh(chain.last()), next).value;
        }
        QCOMPARE(store.refreshTokenCount(), std::size_t(TokenStore::kRememberedRotations + 1));
        const qsizetype forgotten = chain.size() - 1 - TokenStore::kRememberedRotations;
        for (qsizetype i = 0; i < chain.size(); ++i) {
            const RefreshToken *token = store.findRefresh(chain.at(i));
            if (i < forgotten) {
                QVERIFY2(!token, qPrintable(chain.at(i)));
                continue;
            }
            QVERIFY2(token, qPrintable(chain.at(i)));
            QCOMPARE(token->family, chain.first());
            const bool current = i == chain.size() - 1;
            QCOMPARE(token->rotated, !current); // a remembered rotated one is spotted as reuse (§7.1)
            QCOMPARE(store.usableRefresh(chain.at(i), kNow + kMinute, m_org) != nullptr, current);
        }
    }

    void revokeFamilyEndsItsTokensAndNoOthers()
    {
        TokenStore store;
        const QString family = store.addApproval(refreshToken(u"family"_s)).value;
        RefreshToken next = refreshToken(u"family2"_s);
        next.family = family;
        const QString rotated = store.rotate(*store.findRefresh(family), next).value;
        const QString other = store.addApproval(refreshToken(u"other"_s)).value;
        const QString withIt = store.add(session(u"with"_s, kNow, 2 * kHour, family)).value;
        const QString fromIt = store.add(session(u"from"_s, kNow, 2 * kHour, family)).value;
        const QString othersSession = store.add(session(u"others"_s, kNow, 2 * kHour, other)).value;
        const QString plain = store.add(session(u"plain"_s)).value; // no refresh token behind it

        store.revokeFamily(family);
        QVERIFY(!store.findRefresh(family));
        QVERIFY(!store.findRefresh(rotated)); // a revoked family is forgotten at once
        QVERIFY(!store.active(withIt, kNow, m_org));
        QVERIFY(!store.active(fromIt, kNow, m_org));
        QVERIFY(store.active(othersSession, kNow, m_org));
        QVERIFY(store.active(plain, kNow, m_org));
        QVERIFY(store.usableRefresh(other, kNow, m_org));
    }

    void refreshTokenPolicies_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<int>("period");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<qint64>("expiresAfter"); // from the approval; -1: never
        // The token was last used an hour after its approval.
        QTest::newRow("Infinite") << u"Infinite"_s << 0 << QString() << qint64(-1);
        QTest::newRow("Zero") << u"Zero"_s << 0 << QString() << qint64(0);
        QTest::newRow("SpecificLifetime 2 Hours") << u"SpecificLifetime"_s << 2 << u"Hours"_s << 2 * kHour;
        QTest::newRow("SpecificLifetime 3 Days") << u"SpecificLifetime"_s << 3 << u"Days"_s << 3 * kDay;
        QTest::newRow("SpecificLifetime 2 Months") << u"SpecificLifetime"_s << 2 << u"Months"_s << 60 * kDay;
        QTest::newRow("SpecificInactivity 2 Hours") << u"SpecificInactivity"_s << 2 << u"Hours"_s << 3 * kHour;
    }
    void refreshTokenPolicies()
    {
        QFETCH(QString, policy);
        QFETCH(int, period);
        QFETCH(QString, unit);
        QFETCH(qint64, expiresAfter);
        App &app = *m_org.appByClientIdOrName(kApp);
        app.refreshTokenPolicyType = policy;
        app.refreshTokenValidityPeriod = period;
        app.refreshTokenValidityUnit = unit;
        TokenStore store;
        RefreshToken token = refreshToken(u"policy"_s);
        token.lastUsedAtMs = kNow + kHour;
        const QString value = store.addApproval(token).value;
        const std::optional<qint64> expiresAt = TokenStore::expiresAtMs(*store.findRefresh(value), app);
        if (expiresAfter < 0) {
            QVERIFY(!expiresAt);
            QVERIFY(store.usableRefresh(value, kNow + 1000 * kDay, m_org));
            return;
        }
        QVERIFY(expiresAt);
        if (expiresAfter == 0) { // Zero: unusable at once
            QVERIFY(*expiresAt <= kNow);
            QVERIFY(!store.usableRefresh(value, kNow, m_org));
            return;
        }
        QCOMPARE(*expiresAt, kNow + expiresAfter);
        QVERIFY(store.usableRefresh(value, kNow + expiresAfter - 1, m_org));
        QVERIFY(!store.usableRefresh(value, kNow + expiresAfter + 1, m_org));
    }

    void anInactiveUsersTokensAreNotUsable()
    {
        TokenStore store;
        const QString refresh = store.addApproval(refreshToken(u"inactive"_s)).value;
        const QString access = store.add(session(u"inactive"_s, kNow, 2 * kHour, refresh)).value;
        QVERIFY(m_org.userById(kAda));
        for (User &user : m_org.users) {
            if (user.id15 == kAda)
                user.active = false;
        }
        QVERIFY(!store.active(access, kNow, m_org));
        QVERIFY(!store.usableRefresh(refresh, kNow, m_org));
        for (User &user : m_org.users)
            user.active = true;
        QVERIFY(store.usableRefresh(refresh, kNow, m_org)); // the approval survives a deactivation
    }

    void adminListingIsPaged()
    {
        Emulator emulator;
        QVERIFY(emulator.start());
        Http http;
        const QJsonObject profile = emulator.demoProfile();
        for (int i = 0; i < 3; ++i) {
            const Answer a = http.postForm(join(emulator.myDomainUrl(), u"/services/oauth2/token"_s),
                                           {{u"grant_type"_s, u"client_credentials"_s},
                                            {u"client_id"_s, profile[u"clientId"].toString()},
                                            {u"client_secret"_s, profile[u"clientSecret"].toString()}});
            QCOMPARE(a.status, 200);
        }
        const QJsonObject approval = approveOnDevice(http, emulator, profile[u"clientId"].toString());
        QVERIFY(approval.contains(u"refresh_token"));

        // Every page of two, following Link rel="next": access tokens then refresh tokens, oldest first.
        QJsonArray all;
        QUrl next = join(emulator.adminUrl(), u"/tokens?limit=2"_s);
        for (int pages = 0; !next.isEmpty(); ++pages) {
            QVERIFY(pages < 3);
            const Answer page = http.get(next);
            QCOMPARE(page.status, 200);
            QCOMPARE(page.header("X-Total-Count"), QByteArray("5"));
            QVERIFY(page.jsonArray().size() <= 2);
            for (const QJsonValue &token : page.jsonArray())
                all.append(token);
            next = nextLink(page, next);
        }
        QCOMPARE(all.size(), 5);
        QStringList types;
        for (const QJsonValue &token : all)
            types << token[u"type"].toString();
        QCOMPARE(types, (QStringList{4, u"access_token"_s} << u"refresh_token"_s));
        for (int i = 1; i < 4; ++i)
            QVERIFY(all[i][u"issuedAt"].toDouble() >= all[i - 1][u"issuedAt"].toDouble());
        QCOMPARE(all[3][u"token"].toString(), approval[u"access_token"].toString());
        QCOMPARE(all[3][u"refreshFamily"], all[4][u"family"]);
        QCOMPARE(all[4][u"token"].toString(), approval[u"refresh_token"].toString());
        QCOMPARE(all[4][u"expiresAt"], QJsonValue(QJsonValue::Null)); // Infinite: until revoked
        QCOMPARE(all[4][u"rotated"], QJsonValue(false));
        QCOMPARE(all[4][u"username"].toString(), u"ada@ecalab.example"_s);
        QCOMPARE(all[0][u"grantType"].toString(), u"client_credentials"_s);
        QCOMPARE(all[0][u"revoked"], QJsonValue(false));
    }

    void adminListingFiltersAndBounds()
    {
        Emulator emulator;
        QVERIFY(emulator.start());
        Http http;
        approveOnDevice(http, emulator, emulator.demoProfile()[u"clientId"].toString());
        EmulatorAdmin admin(emulator.adminUrl());
        const Answer refresh = admin.get(u"/tokens?type=refresh_token"_s);
        QCOMPARE(refresh.status, 200);
        QCOMPARE(refresh.header("X-Total-Count"), QByteArray("1"));
        QCOMPARE(refresh.jsonArray().size(), 1);
        QVERIFY(refresh.header("Link").isEmpty()); // the last page
        const QStringList keys = refresh.jsonArray()[0].toObject().keys();
        for (const QString &key : {u"type"_s, u"token"_s, u"username"_s, u"clientId"_s, u"scope"_s, u"issuedAt"_s,
                                   u"active"_s, u"lastUsedAt"_s, u"expiresAt"_s, u"family"_s, u"rotated"_s})
            QVERIFY2(keys.contains(key), qPrintable(key));
        const Answer access = admin.get(u"/tokens?type=access_token&offset=1"_s);
        QCOMPARE(access.header("X-Total-Count"), QByteArray("1"));
        QCOMPARE(access.jsonArray().size(), 0);

        QCOMPARE(admin.get(u"/tokens?limit=1000"_s).status, 200);
        const Answer tooMany = admin.get(u"/tokens?limit=1001"_s);
        QCOMPARE(tooMany.status, 400);
        QVERIFY(!tooMany.json()[u"error"].toString().isEmpty());

        const QJsonObject state = emulator.state();
        QCOMPARE(state[u"tokenCounts"][u"access_token"].toInt(), 1);
        QCOMPARE(state[u"tokenCounts"][u"refresh_token"].toInt(), 1);
        QCOMPARE(state[u"tokens"].toArray().size(), 2);
    }

private:
    // A device-flow approval for Ada (DeviceSteps): its token answer.
    static QJsonObject approveOnDevice(Http &http, Emulator &emulator, const QString &clientId)
    {
        DeviceSteps steps(http, clientId);
        const QJsonObject code = steps.requestCode(emulator.loginUrl(), u"api refresh_token"_s).json();
        EmulatorAdmin(emulator.adminUrl()).approveDevice(code[u"user_code"].toString(), u"ada@ecalab.example"_s);
        return steps.poll(emulator.loginUrl(), code[u"device_code"].toString()).json();
    }
    // The target of a `Link: <…>; rel="next"` header, resolved against the page's URL; empty when none.
    static QUrl nextLink(const Answer &page, const QUrl &pageUrl)
    {
        static const QRegularExpression link(u"<([^>]+)>\\s*;\\s*rel=\"next\""_s);
        const QRegularExpressionMatch match = link.match(QString::fromLatin1(page.header("Link")));
        return match.hasMatch() ? pageUrl.resolved(QUrl(match.captured(1))) : QUrl();
    }

    OrgModel m_org;
};

QTEST_GUILESS_MAIN(TestEmulatorTokenStore)
#include "tst_emulator_tokenstore.moc"
