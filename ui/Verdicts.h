#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

class QLabel;
class QWidget;

namespace ecalab {
struct DecodedToken;
struct TokenStatus;
struct TokenVerdict;
} // namespace ecalab

namespace ecalab::ui {

// One wording per verdict, so the Token and Decoded tabs never contradict each other.
// `check` is a key of Flow::checks(): "id_token" or "signature"; `verdict` its value.
QLabel *verdictBadge(const QString &check, const QString &verdict, QWidget *parent);

// What a token of the response is and what is known of it — the one badge the Token and Decoded
// tabs both show for `field` ("access_token", "id_token"): the run's ID token check when there is
// one, else its format (JWT, opaque Salesforce session token of org 00D…, opaque, malformed).
// Property "verdict": the check's value or tokenFormatName().
QLabel *tokenVerdictBadge(const QString &field, const DecodedToken &decoded, const QJsonObject &checks,
                          QWidget *parent);

// The result of Verify (TokenVerification): what passed, or why not. Property "verdict": checkValue().
QLabel *verificationBadge(const TokenVerdict &verdict, QWidget *parent);

// The token's state badge: "active · checked 18:03 (2 min ago)", "expired", "unknown — not
// checked yet". An Active state whose expiry has passed reads as expired. Property "state": the label.
void showTokenState(QLabel *badge, const TokenStatus &status, const QDateTime &now);

} // namespace ecalab::ui
