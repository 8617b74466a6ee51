#include "TokenPanel.h"

#include "SecretField.h"
#include "Style.h"
#include "TokenText.h"
#include "Verdicts.h"

#include "core/Clock.h"
#include "http/Redactor.h"
#include "tokens/TokenDecoding.h"
#include "WrappingLabel.h"

#include <QGridLayout>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
bool isUrlField(const QString &field)
{
    return field == u"instance_url" || field == u"id" || field == u"sfdc_community_url" || field == u"api_instance_url";
}

QStringList orderedFields(const QJsonObject &json)
{
    QStringList fields;
    for (const QString &name : TokenSet::knownFieldNames()) {
        if (json.contains(name))
            fields.append(name);
    }
    for (const QString &name : json.keys()) {
        if (!fields.contains(name))
            fields.append(name);
    }
    return fields;
}

} // namespace

TokenPanel::TokenPanel(const Clock *clock, QWidget *parent)
    : QWidget(parent), m_clock(clock), m_scroll(new QScrollArea(this)), m_body(new QWidget),
      m_reveals(new RevealGroup(this))
{
    setObjectName(u"tokenPanel"_s);
    m_scroll->setObjectName(u"tokenScroll"_s);
    m_scroll->setAccessibleName(tr("Token"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    // One scroll area for the buttons and the fields: in a short window nothing overlaps.
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    m_scroll->setWidget(m_body);
    clear();
}

void TokenPanel::clear(const QString &note)
{
    auto *label = new QLabel(note.isEmpty() ? tr("No token yet. Run a flow to get one.") : note);
    label->setObjectName(u"tokenEmpty"_s);
    label->setAlignment(Qt::AlignCenter);
    makeMuted(label);
    setContent(label);
}

void TokenPanel::setActions(QWidget *actions)
{
    static_cast<QVBoxLayout *>(m_body->layout())->insertWidget(0, actions, 0);
}

void TokenPanel::setContent(QWidget *content)
{
    delete m_content;
    m_content = content;
    m_body->layout()->addWidget(content);
    static_cast<QVBoxLayout *>(m_body->layout())->setStretchFactor(content, 1);
}

void TokenPanel::addBadges(QWidget *content, QLayout *layout, const TokenSet &tokens, const QJsonObject &checks)
{
    for (const QString &check : {u"id_token"_s, u"signature"_s}) {
        if (!checks.contains(check))
            continue;
        QLabel *badge = verdictBadge(check, checks.value(check).toString(), content);
        badge->setObjectName(check == u"id_token" ? u"idTokenBadge"_s : u"signatureBadge"_s);
        layout->addWidget(badge);
    }
    // The same badge as the Decoded tab's (Verdicts): what the access token is.
    QLabel *kind =
        tokenVerdictBadge(u"access_token"_s, decodeToken(tokens.accessToken, m_clock->now()), checks, content);
    kind->setObjectName(u"accessTokenVerdict"_s);
    layout->addWidget(kind);
    for (const QString &warning : tokens.warnings) {
        auto *label = new WrappingLabel(content);
        label->setObjectName(u"tokenWarning"_s);
        makeBadge(label, Tone::Warning, u"warning"_s, warning.toHtmlEscaped());
        layout->addWidget(label);
    }
}

void TokenPanel::showTokens(const TokenSet &tokens, const QJsonObject &checks)
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setSpacing(6);
    addBadges(content, layout, tokens, checks);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 1);
    const QJsonObject json = tokens.toJson();
    const QFont mono = monospaceFont();
    int row = 0;
    for (const QString &field : orderedFields(json)) {
        auto *name = new QLabel(field, content);
        name->setFont(mono);
        name->setToolTip(claimMeaning(field));
        QWidget *value = valueWidget(field, jsonValueText(json.value(field)), tokens);
        value->setParent(content);
        auto *hint = new QLabel(hintFor(field, tokens), content);
        hint->setObjectName(u"tokenHint_"_s + field);
        makeMuted(hint);
        hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(name, row, 0, Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(value, row, 1);
        grid->addWidget(hint, row, 2);
        ++row;
    }
    layout->addLayout(grid);
    layout->addStretch(1);
    setContent(content);
}

QWidget *TokenPanel::valueWidget(const QString &field, const QString &value, const TokenSet &)
{
    const QString objectName = u"token_"_s + field;
    if (Redactor::isSecretField(field)) {
        auto *secret = new SecretField(objectName, field);
        secret->setValue(value);
        m_reveals->add(secret);
        return secret;
    }
    if (isUrlField(field) && QUrl(value).scheme().startsWith(u"http")) {
        auto *link = new QLabel(u"<a href=\"%1\">%2</a>"_s.arg(value.toHtmlEscaped(), value.toHtmlEscaped()));
        link->setObjectName(objectName);
        link->setTextFormat(Qt::RichText);
        link->setOpenExternalLinks(true);
        link->setTextInteractionFlags(Qt::TextBrowserInteraction);
        link->setAccessibleName(field);
        return link;
    }
    auto *edit = new QLineEdit(value);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setFrame(false);
    QPalette flat = edit->palette();
    flat.setColor(QPalette::Base, flat.color(QPalette::Window));
    edit->setPalette(flat); // reads as selectable text, not as an input
    edit->setAccessibleName(field);
    edit->setCursorPosition(0);
    return edit;
}

QString TokenPanel::hintFor(const QString &field, const TokenSet &tokens) const
{
    if (field == u"issued_at") {
        const auto when = tokens.issuedAtTime();
        return when ? u"%1 (%2)"_s.arg(localTimeText(*when), relativeTimeText(*when, m_clock->now())) : QString();
    }
    if (field == u"id" && !tokens.orgId().isEmpty())
        return tr("org %1 · user %2").arg(tokens.orgId(), tokens.userId());
    if (field == u"scope")
        return countText(tokens.scopes().size(), tr("scope"), tr("scopes"));
    if (field == u"signature")
        return tr("HMAC-SHA256(consumer secret, id + issued_at)");
    if (field == u"access_token")
        return countText(tokens.accessToken.size(), tr("character"), tr("characters"));
    if (field == u"instance_url")
        return tr("REST API base for this org");
    return {};
}

} // namespace ecalab::ui
