#include "DecodedPanel.h"

#include "Style.h"
#include "TokenText.h"
#include "Verdicts.h"

#include "core/Clock.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QPlainTextEdit *jsonView(const QString &name, const QJsonObject &object, QWidget *parent)
{
    auto *view = new QPlainTextEdit(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)), parent);
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setFont(monospaceFont());
    view->setAccessibleName(name);
    // As tall as its text: the tab has one scroll area, and nothing scrolls inside it.
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const int lines = int(view->document()->blockCount());
    view->setFixedHeight(view->fontMetrics().lineSpacing() * (lines + 1) + 12);
    return view;
}

// A time claim in the person's local time and relative to now (the engine's text is in UTC, for
// the command line and scripts).
QString timeClaimText(const ClaimLine &line, const QJsonObject &claims, const QDateTime &now)
{
    static const QStringList timeClaims{u"exp"_s, u"iat"_s, u"nbf"_s, u"auth_time"_s, u"updated_at"_s};
    const QJsonValue value = claims.value(line.name);
    const auto when = epochSecondsTime(value);
    if (line.part != u"claims" || !timeClaims.contains(line.name) || !when)
        return line.value;
    return u"%1 — %2 (%3)"_s.arg(jsonValueText(value), localTimeText(*when), relativeTimeText(*when, now));
}

// Every header field and claim with its meaning; as tall as its rows (the tab scrolls, not it).
QTableWidget *claimsTable(const QString &field, const DecodedToken &decoded, const QDateTime &now, QWidget *parent)
{
    const QList<ClaimLine> &lines = decoded.lines;
    auto *table = new QTableWidget(int(lines.size()), 3, parent);
    table->setObjectName(u"claims_"_s + field);
    table->setAccessibleName(QObject::tr("Claims of %1").arg(field));
    table->setHorizontalHeaderLabels({QObject::tr("Claim"), QObject::tr("Value"), QObject::tr("Meaning")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int i = 0; i < lines.size(); ++i) {
        const ClaimLine &line = lines.at(i);
        auto *name = new QTableWidgetItem(line.name);
        name->setData(Qt::UserRole, line.part); // "header" or "claims"
        if (line.part == u"header")
            name->setToolTip(QObject::tr("JOSE header"));
        table->setItem(i, 0, name);
        table->setItem(i, 1, new QTableWidgetItem(timeClaimText(line, decoded.claims, now)));
        table->setItem(i, 2, new QTableWidgetItem(line.meaning));
    }
    table->resizeColumnToContents(0);
    table->resizeColumnToContents(2);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setWordWrap(true);
    table->resizeRowsToContents();
    int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int i = 0; i < table->rowCount(); ++i)
        height += table->rowHeight(i);
    table->setFixedHeight(height);
    return table;
}
} // namespace

DecodedPanel::DecodedPanel(const Clock *clock, QWidget *parent)
    : QWidget(parent), m_clock(clock), m_scroll(new QScrollArea(this))
{
    setObjectName(u"decodedPanel"_s);
    m_scroll->setObjectName(u"decodedScroll"_s);
    m_scroll->setAccessibleName(tr("Decoded tokens"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    clear();
}

void DecodedPanel::clear(const QString &note)
{
    auto *label = new QLabel(note.isEmpty() ? tr("Decoded tokens appear here after a run.") : note);
    label->setObjectName(u"decodedEmpty"_s);
    label->setAlignment(Qt::AlignCenter);
    makeMuted(label);
    m_scroll->setWidget(label);
}

void DecodedPanel::showTokens(const TokenSet &tokens, const QJsonObject &checks)
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(tokenSection(u"access_token"_s, tokens.accessToken, checks, content));
    if (!tokens.idToken.isEmpty())
        layout->addWidget(tokenSection(u"id_token"_s, tokens.idToken, checks, content));
    if (!tokens.orgId().isEmpty()) {
        auto *identity =
            new QLabel(tr("From the identity URL: org %1, user %2.").arg(tokens.orgId(), tokens.userId()), content);
        identity->setObjectName(u"decodedIdentity"_s);
        identity->setTextFormat(Qt::PlainText);
        identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
        makeMuted(identity);
        layout->addWidget(identity);
    }
    layout->addStretch(1);
    m_scroll->setWidget(content);
}

void DecodedPanel::showToken(const QString &field, const QString &token)
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(tokenSection(field, token, {}, content));
    layout->addStretch(1);
    m_scroll->setWidget(content);
}

QWidget *DecodedPanel::tokenSection(const QString &field, const QString &token, const QJsonObject &checks,
                                    QWidget *parent) const
{
    const DecodedToken decoded = decodeToken(token, m_clock->now());
    auto *box = new QGroupBox(parent);
    box->setObjectName(u"decoded_"_s + field);
    box->setTitle(u"%1 — %2"_s.arg(field, decoded.summary()));
    auto *layout = new QVBoxLayout(box);
    // The same verdict as the Token tab (Verdicts), worded once.
    QLabel *badge = tokenVerdictBadge(field, decoded, checks, box);
    badge->setObjectName(u"decodedVerdict_"_s + field);
    layout->addWidget(badge);
    if (decoded.format != TokenFormat::Jwt)
        return box;
    auto *json = new QSplitter(Qt::Horizontal, box);
    json->addWidget(jsonView(u"decodedHeader_"_s + field, decoded.header, json));
    json->addWidget(jsonView(u"decodedPayload_"_s + field, decoded.claims, json));
    json->setStretchFactor(1, 2);
    layout->addWidget(json);
    layout->addWidget(claimsTable(field, decoded, m_clock->now(), box));
    return box;
}

} // namespace ecalab::ui
