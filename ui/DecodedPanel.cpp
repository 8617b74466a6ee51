#include "DecodedPanel.h"

#include "Style.h"
#include "Verdicts.h"
#include "TokenPanel.h"
#include "TokenText.h"

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

void DecodedPanel::clear()
{
    auto *label = new QLabel(tr("Decoded tokens appear here after a run."));
    label->setObjectName(u"decodedEmpty"_s);
    label->setAlignment(Qt::AlignCenter);
    makeMuted(label);
    m_scroll->setWidget(label);
}

void DecodedPanel::showTokens(const TokenSet &tokens, const QJsonObject &checks)
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    const QJsonObject json = tokens.toJson();
    bool accessIsJwt = false;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!it.value().isString())
            continue;
        if (const auto jwt = decodeJwt(it.value().toString())) {
            layout->addWidget(jwtSection(it.key(), *jwt, checks, content));
            accessIsJwt = accessIsJwt || it.key() == u"access_token";
        }
    }
    if (!accessIsJwt)
        layout->insertWidget(0, opaqueSection(tokens, content));
    layout->addStretch(1);
    m_scroll->setWidget(content);
}

QWidget *DecodedPanel::opaqueSection(const TokenSet &tokens, QWidget *parent) const
{
    auto *label = new QLabel(parent);
    label->setObjectName(u"opaqueNote"_s);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const bool session = TokenPanel::accessTokenKind(tokens) == u"salesforce-session";
    QString html = session ? tr("<b>The access token is an opaque Salesforce session token</b>, not a JWT: there is "
                                "no header or payload to decode. Its prefix <tt>%1</tt> is the org id (15 characters).")
                                 .arg(tokens.accessToken.section(u'!', 0, 0).toHtmlEscaped())
                           : tr("<b>The access token is opaque</b>, not a JWT: there is nothing to decode.");
    if (!tokens.orgId().isEmpty())
        html += tr("<br>From the identity URL: org <tt>%1</tt>, user <tt>%2</tt>.")
                    .arg(tokens.orgId().toHtmlEscaped(), tokens.userId().toHtmlEscaped());
    html += tr("<br>To ask Salesforce what it knows about it, use the token introspection endpoint.");
    makeBadge(label, Tone::Neutral, u"info"_s, html);
    return label;
}

QWidget *DecodedPanel::jwtSection(const QString &field, const DecodedJwt &jwt, const QJsonObject &checks,
                                  QWidget *parent) const
{
    auto *box = new QGroupBox(tr("%1 — JWT, %2, signature %3 bytes")
                                  .arg(field, jwt.header.value(u"alg").toString())
                                  .arg(jwt.signatureBytes),
                              parent);
    box->setObjectName(u"jwt_"_s + field);
    auto *layout = new QVBoxLayout(box);
    // The same verdict as the Token tab; only the ID token is checked against the org's keys.
    if (field == u"id_token" && checks.contains(field)) {
        QLabel *badge = verdictBadge(field, checks.value(field).toString(), box);
        badge->setObjectName(u"decodedVerdict_"_s + field);
        layout->addWidget(badge);
    } else {
        auto *note = new QLabel(tr("Signature not checked: ECA Lab checks ID tokens against the org's keys; "
                                   "this one is decoded only."),
                                box);
        note->setObjectName(u"decodedVerdict_"_s + field);
        note->setWordWrap(true);
        makeMuted(note);
        layout->addWidget(note);
    }
    auto *json = new QSplitter(Qt::Horizontal, box);
    json->addWidget(jsonView(u"decodedHeader_"_s + field, jwt.header, json));
    json->addWidget(jsonView(u"decodedPayload_"_s + field, jwt.payload, json));
    json->setStretchFactor(1, 2);

    const QList<ClaimRow> rows = claimRows(jwt.payload, m_clock->now());
    auto *table = new QTableWidget(int(rows.size()), 3, box);
    table->setObjectName(u"claims_"_s + field);
    table->setAccessibleName(tr("Claims of %1").arg(field));
    table->setHorizontalHeaderLabels({tr("Claim"), tr("Value"), tr("Meaning")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows.at(i).name));
        table->setItem(i, 1, new QTableWidgetItem(rows.at(i).value));
        table->setItem(i, 2, new QTableWidgetItem(rows.at(i).meaning));
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

    layout->addWidget(json);
    layout->addWidget(table);
    return box;
}

} // namespace ecalab::ui
