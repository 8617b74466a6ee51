#pragma once

#include "oauth/TokenSet.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QGridLayout;
class QLabel;
class QScrollArea;

namespace ecalab {
class Clock;
}

namespace ecalab::ui {

class RevealGroup;

// The Token tab: every field of the token response, secrets masked with reveal (one at a time)
// and copy, times in local time, links for URLs, verdicts for the signature and the token kind, and
// over them the token pane's buttons and state.
class TokenPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TokenPanel(const Clock *clock, QWidget *parent = nullptr);

    void showTokens(const TokenSet &tokens, const QJsonObject &checks);
    void clear(const QString &note = {});

    // The token pane's buttons (TokenActionsPanel), above the fields; they outlive each showTokens.
    void setActions(QWidget *actions);

private:
    QWidget *valueWidget(const QString &field, const QString &value, const TokenSet &tokens);
    QString hintFor(const QString &field, const TokenSet &tokens) const;
    void addBadges(QWidget *content, QLayout *layout, const TokenSet &tokens, const QJsonObject &checks);

    const Clock *m_clock;
    void setContent(QWidget *content);

    QScrollArea *m_scroll;
    QWidget *m_body;             // the actions over the content, in the scroll area
    QPointer<QWidget> m_content; // the fields, or a note when there are none
    RevealGroup *m_reveals;
};

} // namespace ecalab::ui
