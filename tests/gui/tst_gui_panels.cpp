// The result panels on their own, with token shapes the demo run does not produce: a JWT access
// token and an ID token (Decoded tab, claims and header fields explained, in local time), several secrets revealed one
// at a time, Ctrl+C on a masked value, the stage row's states and ticking time, rich-text icons decoded
// once, and the wrapping label's remembered heights.
#include "DecodedPanel.h"
#include "Icons.h"
#include "SecretField.h"
#include "StageRow.h"
#include "TokenPanel.h"
#include "TokenText.h"
#include "WrappingLabel.h"

#include "core/Clock.h"
#include "core/FormEncoding.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextDocument>
#include <QTest>

using namespace ecalab;
using namespace ecalab::ui;
using namespace Qt::Literals::StringLiterals;

namespace {
const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'764'000'000, Qt::UTC);

QString jwt(const QJsonObject &header, const QJsonObject &payload)
{
    auto part = [](const QJsonObject &o) { return base64UrlEncode(QJsonDocument(o).toJson(QJsonDocument::Compact)); };
    return QString::fromLatin1(part(header) + '.' + part(payload) + '.' + base64UrlEncode("signature-bytes"));
}

TokenSet jwtTokens()
{
    TokenSet t;
    t.accessToken =
        jwt({{u"alg"_s, u"RS256"_s}, {u"kid"_s, u"CORE.1"_s}}, {{u"iss"_s, u"https://acme.my.salesforce.com"_s},
                                                                {u"sub"_s, u"005000000000001AAA"_s},
                                                                {u"exp"_s, kNow.toSecsSinceEpoch() + 7080},
                                                                {u"scp"_s, u"api"_s}});
    t.idToken = jwt({{u"alg"_s, u"RS256"_s}}, {{u"iat"_s, kNow.toSecsSinceEpoch() - 180}, {u"nonce"_s, u"n-1"_s}});
    t.refreshToken = u"5Aep861refresh"_s;
    t.instanceUrl = u"https://acme.my.salesforce.com"_s;
    t.id = u"https://login.salesforce.com/id/00D000000000001EAA/005000000000001AAA"_s;
    t.issuedAt = QString::number(kNow.toMSecsSinceEpoch() - 60'000);
    t.extra.insert(u"custom_field"_s, u"kept"_s);
    return t;
}
} // namespace

class TestGuiPanels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesJwtsLikeJwtIo()
    {
        ManualClock clock(kNow);
        DecodedPanel panel(&clock);
        panel.showTokens(jwtTokens(), QJsonObject{{u"id_token"_s, u"valid"_s}});
        QCOMPARE(panel.findChild<QLabel *>(u"decodedVerdict_access_token"_s)->property("verdict").toString(),
                 u"jwt"_s); // the access token is a JWT
        // The verdict reads as on the Token tab; the access token says it was decoded only.
        TokenPanel tokenTab(&clock);
        tokenTab.showTokens(jwtTokens(), QJsonObject{{u"id_token"_s, u"valid"_s}});
        QCOMPARE(panel.findChild<QLabel *>(u"decodedVerdict_id_token"_s)->text(),
                 tokenTab.findChild<QLabel *>(u"idTokenBadge"_s)->text());
        QVERIFY(panel.findChild<QLabel *>(u"decodedVerdict_id_token"_s)->text().contains(u"ID token valid"_s));
        QVERIFY(panel.findChild<QLabel *>(u"decodedVerdict_access_token"_s)->text().contains(u"not checked"_s));
        QCOMPARE(panel.findChild<QLabel *>(u"decodedVerdict_access_token"_s)->text(),
                 tokenTab.findChild<QLabel *>(u"accessTokenVerdict"_s)->text());
        // One scroll area for the tab: the JSON views and the claims table do not scroll themselves.
        QCOMPARE(panel.findChild<QPlainTextEdit *>(u"decodedPayload_access_token"_s)->verticalScrollBarPolicy(),
                 Qt::ScrollBarAlwaysOff);
        QCOMPARE(panel.findChild<QTableWidget *>(u"claims_access_token"_s)->verticalScrollBarPolicy(),
                 Qt::ScrollBarAlwaysOff);
        auto *header = panel.findChild<QPlainTextEdit *>(u"decodedHeader_access_token"_s);
        QVERIFY(header);
        QVERIFY(header->toPlainText().contains(u"\"kid\": \"CORE.1\""_s));
        auto *payload = panel.findChild<QPlainTextEdit *>(u"decodedPayload_access_token"_s);
        QVERIFY(payload->toPlainText().contains(u"\"iss\": \"https://acme.my.salesforce.com\""_s));
        auto *claims = panel.findChild<QTableWidget *>(u"claims_access_token"_s);
        QVERIFY(claims);
        QString exp;
        QString kid;
        for (int row = 0; row < claims->rowCount(); ++row) {
            if (claims->item(row, 0)->text() == u"exp")
                exp = claims->item(row, 1)->text() + u" | "_s + claims->item(row, 2)->text();
            if (claims->item(row, 0)->text() == u"kid") // header fields are explained too
                kid = claims->item(row, 0)->data(Qt::UserRole).toString() + u" | "_s + claims->item(row, 2)->text();
        }
        QVERIFY2(kid.startsWith(u"header | "_s) && kid.size() > 12, qPrintable(kid));
        QVERIFY2(exp.contains(localTimeText(kNow.addSecs(7080))), qPrintable(exp));
        QVERIFY2(exp.contains(u"in 1 h 58 min"_s), qPrintable(exp));
        QVERIFY(exp.contains(u"Expires"_s));
        auto *idClaims = panel.findChild<QTableWidget *>(u"claims_id_token"_s);
        QVERIFY(idClaims);
        QString iat;
        for (int row = 0; row < idClaims->rowCount(); ++row) {
            if (idClaims->item(row, 0)->text() == u"iat")
                iat = idClaims->item(row, 1)->text();
        }
        QVERIFY2(iat.contains(u"3 min ago"_s), qPrintable(iat));
        QVERIFY(panel.findChild<QGroupBox *>(u"decoded_id_token"_s));
        QVERIFY(!panel.findChild<QGroupBox *>(u"decoded_refresh_token"_s)); // only the access and ID tokens
    }

    void decodeRejectsNonJwts_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("salesforce session") << u"00D000000000001!AQ0AQHdemo"_s;
        QTest::newRow("two parts") << u"eyJhbGciOiJub25lIn0.eyJ9"_s;
        QTest::newRow("not json") << u"abc.def.ghi"_s;
        QTest::newRow("not base64url") << u"a$b.c*d.e"_s;
    }
    // Nothing that is not a JWT gets a JWT's section on the Decoded tab.
    void decodeRejectsNonJwts()
    {
        QFETCH(QString, token);
        ManualClock clock(kNow);
        DecodedPanel panel(&clock);
        panel.showToken(u"token"_s, token);
        QVERIFY(panel.findChild<QLabel *>(u"decodedVerdict_token"_s)->property("verdict").toString() != u"jwt");
        QVERIFY(!panel.findChild<QTableWidget *>(u"claims_token"_s));
    }

    void tokenPanelShowsEveryFieldAndRevealsOneAtATime()
    {
        ManualClock clock(kNow);
        TokenPanel panel(&clock);
        const TokenSet tokens = jwtTokens();
        panel.showTokens(tokens, QJsonObject{{u"signature"_s, u"invalid"_s}});
        for (const QString &field : tokens.toJson().keys())
            QVERIFY2(panel.findChild<QWidget *>(u"token_"_s + field), qPrintable(field));
        QCOMPARE(panel.findChild<QLabel *>(u"signatureBadge"_s)->property("verdict").toString(), u"invalid"_s);
        QCOMPARE(panel.findChild<QLabel *>(u"accessTokenVerdict"_s)->property("verdict").toString(), u"jwt"_s);
        QVERIFY(panel.findChild<QLabel *>(u"tokenHint_issued_at"_s)->text().contains(u"1 min ago"_s));
        QVERIFY(panel.findChild<QLabel *>(u"token_id"_s)->text().contains(u"<a href"_s));

        auto *access = panel.findChild<SecretField *>(u"token_access_token"_s);
        auto *refresh = panel.findChild<SecretField *>(u"token_refresh_token"_s);
        auto *id = panel.findChild<SecretField *>(u"token_id_token"_s);
        QVERIFY(access && refresh && id);
        for (SecretField *field : {access, refresh, id})
            QVERIFY(!field->displayedText().contains(field->value().left(6)));
        panel.findChild<QAbstractButton *>(u"token_refresh_tokenReveal"_s)->click();
        QCOMPARE(refresh->displayedText(), tokens.refreshToken);
        panel.findChild<QAbstractButton *>(u"token_id_tokenReveal"_s)->click();
        QCOMPARE(id->displayedText(), tokens.idToken);
        QVERIFY(!refresh->isRevealed());
        QVERIFY(!refresh->displayedText().contains(tokens.refreshToken));

        // Ctrl+C on a masked value copies the value the user asked for.
        panel.show();
        auto *edit = panel.findChild<QLineEdit *>(u"token_refresh_tokenValue"_s);
        QApplication::setActiveWindow(&panel);
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        edit->setFocus();
        QTest::keySequence(&panel, QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(), tokens.refreshToken);
    }

    void elapsedTimes_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("not yet") << qint64(-1) << QString();
        QTest::newRow("ms") << qint64(183) << u"183 ms"_s;
        QTest::newRow("seconds") << qint64(4200) << u"4.2 s"_s;
        QTest::newRow("minutes") << qint64(42'000 + 60'000) << u"1:42"_s;
    }
    void elapsedTimes()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(StageRow::elapsedText(ms), text);
    }

    void richTextIconsAreDecodedOncePerProcess()
    {
        const QString html = richTextIcon(u"info"_s, 16);
        const QUrl src(QRegularExpression(u"src=\"([^\"]+)\""_s).match(html).captured(1));
        QTextDocument first;
        QTextDocument second;
        const QVariant a = first.resource(QTextDocument::ImageResource, src);
        const QVariant b = second.resource(QTextDocument::ImageResource, src);
        QCOMPARE(a.metaType(), QMetaType::fromType<QPixmap>());
        QCOMPARE(qvariant_cast<QPixmap>(a).cacheKey(), qvariant_cast<QPixmap>(b).cacheKey()); // one decode for both
        QVERIFY(!first.resource(QTextDocument::ImageResource, QUrl(u"ecalab-icon:no-such-icon"_s)).isValid());

        // Drawn as Qt draws the icon file itself.
        auto render = [](const QString &text) {
            QLabel label(text);
            label.resize(label.sizeHint());
            QImage image(label.size(), QImage::Format_ARGB32);
            image.fill(Qt::white);
            label.render(&image);
            return image;
        };
        const QImage ours = render(html + u" ok"_s);
        const QImage qts =
            render(u"<img src=\":/icons/info.svg\" width=\"16\" height=\"16\" style=\"vertical-align:middle\"> ok"_s);
        QCOMPARE(ours, qts);
        QVERIFY(ours != render(richTextIcon(u"error"_s, 16) + u" ok"_s)); // another icon draws otherwise
    }

    // The remembered heights are QLabel's own, and stay so when what they depend on changes.
    void aWrappingLabelMeasuresAsQLabelDoes()
    {
        QLabel plain;
        plain.setWordWrap(true);
        WrappingLabel wrapping;
        auto same = [&](int width) { return wrapping.heightForWidth(width) == plain.heightForWidth(width); };
        auto both = [&](auto change) {
            change(plain);
            change(wrapping);
        };
        both([](QLabel &l) { l.setText(u"<b>Verified</b> — signature, issuer and audience of the ID token."_s); });
        QVERIFY(same(120));
        QVERIFY(same(400));
        const int narrow = wrapping.heightForWidth(120);
        QVERIFY(narrow > wrapping.heightForWidth(400)); // wrapped onto more lines: the test measures something
        QCOMPARE(wrapping.heightForWidth(120), narrow); // asked again: the same answer
        both([](QLabel &l) { l.setText(l.text() + u" And a second sentence that wraps onto more lines."_s); });
        QVERIFY(wrapping.heightForWidth(120) > narrow);
        QVERIFY(same(120));
        both([](QLabel &l) { l.setTextFormat(Qt::PlainText); }); // the tags are now text
        QVERIFY(same(120));
        both([](QLabel &l) {
            QFont font = l.font();
            font.setPointSize(font.pointSize() * 2);
            l.setFont(font);
        });
        QVERIFY(same(120));
        both([](QLabel &l) { l.setContentsMargins(30, 10, 30, 10); });
        QVERIFY(same(120));
    }
};

QTEST_MAIN(TestGuiPanels)
#include "tst_gui_panels.moc"
