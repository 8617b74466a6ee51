#pragma once

#include "oauth/TokenSet.h"
#include "tokens/TokenDecoding.h"

#include <QJsonObject>

#include <QWidget>

class QScrollArea;
class QVBoxLayout;

namespace ecalab {
class Clock;
}

namespace ecalab::ui {

// The Decoded tab, jwt.io style (decodeToken): for the access token and the ID token, the verdict
// badge shared with the Token tab, and for a JWT its header and claims pretty-printed with a table
// of every header field and claim, their meanings and times local and relative; for an opaque
// token what it is (a Salesforce session token: its org) and that Introspect asks Salesforce.
class DecodedPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DecodedPanel(const Clock *clock, QWidget *parent = nullptr);

    void showTokens(const TokenSet &tokens, const QJsonObject &checks); // checks: Flow::checks()
    void showToken(const QString &field, const QString &token);         // a pasted one (the inspector)
    void clear(const QString &note = {});

private:
    QWidget *tokenSection(const QString &field, const QString &token, const QJsonObject &checks, QWidget *parent) const;

    const Clock *m_clock;
    QScrollArea *m_scroll;
};

} // namespace ecalab::ui
