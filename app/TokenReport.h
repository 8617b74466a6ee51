#pragma once

#include "oauth/FlowError.h"
#include "tokens/TokenDecoding.h"
#include "tokens/TokenStatus.h"
#include "tokens/TokenTools.h"
#include "tokens/TokenVerification.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace ecalab::app {

// What one `ecalab token …` ends with: its product (the --json "decoded", "verdict" or "result"),
// the token's state when something said it, the error, and the human report for stdout.
struct TokenOutcome
{
    QJsonObject products; // "decoded", "verdict", "result": whichever the action made
    std::optional<TokenStatus> status;
    std::optional<FlowError> error;
    QString report; // human text for stdout, never the token itself
};

// The token as the human report names it — its format and length, never its characters beyond a
// Salesforce session token's fixed shape: "Salesforce session token 00D…!… (112 characters)".
QString maskedToken(const QString &token, const DecodedToken &decoded);

QString decodedReport(const QString &token, const DecodedToken &decoded);
QString verdictReport(const TokenVerdict &verdict);
QString toolReport(const TokenActionResult &result, const QDateTime &now);

QJsonObject verdictJson(const TokenVerdict &verdict);
QJsonObject resultJson(const TokenActionResult &result);
QJsonValue statusJson(const std::optional<TokenStatus> &status);
// What a JWT's exp says about it, checked at `now`: expired, or unknown until it expires (a
// token can be revoked before its exp). Nothing for tokens without exp.
std::optional<TokenStatus> statusFromExp(const DecodedToken &decoded, const QDateTime &now);

QString tokenHelpText(); // `ecalab token --help`

} // namespace ecalab::app
