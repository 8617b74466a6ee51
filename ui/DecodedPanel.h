#pragma once

#include "oauth/TokenSet.h"

#include <QJsonObject>

#include <QWidget>

class QScrollArea;
class QVBoxLayout;

namespace ecalab {
class Clock;
}

namespace ecalab::ui {

struct DecodedJwt;

// The Decoded tab, jwt.io style: for every JWT-shaped token its header and payload pretty-printed
// and a claims table with meanings and local times; for an opaque token, what it is instead.
class DecodedPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DecodedPanel(const Clock *clock, QWidget *parent = nullptr);

    void showTokens(const TokenSet &tokens, const QJsonObject &checks); // checks: Flow::checks()
    void clear();

private:
    QWidget *jwtSection(const QString &field, const DecodedJwt &jwt, const QJsonObject &checks,
                        QWidget *parent) const;
    QWidget *opaqueSection(const TokenSet &tokens, QWidget *parent) const;

    const Clock *m_clock;
    QScrollArea *m_scroll;
};

} // namespace ecalab::ui
