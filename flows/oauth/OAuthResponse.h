#pragma once

#include "core/Expected.h"
#include "http/HttpClient.h"
#include "oauth/FlowError.h"
#include "oauth/TokenSet.h"

#include <QJsonObject>

// The one reading of what an OAuth endpoint answered (§1.3, §10.1), shared by every flow: fields
// on 200, otherwise a FlowError of the right kind carrying the server's error and description.
namespace ecalab {

// Where an answer came from, for the FlowError it may become.
struct ResponseOrigin
{
    const HttpClient &http; // masks the body with every secret it knows; finds the request's URL
    StageLabel stage;       // the stage the answer belongs to (FlowError stage and stageId)
    QString endpoint = QStringLiteral("the token endpoint"); // names it in explanations
};

// Any OAuth endpoint answering JSON (or form/XML, §1.3) fields on 200 and an OAuth error
// (RFC 6749 §5.2) otherwise. A redirect, a page or a 4xx without an OAuth error is a Protocol
// error that says what came instead; a failed exchange is errorFromFailedOutcome().
Expected<QJsonObject, FlowError> interpretOAuthResponse(const HttpOutcome &outcome, const ResponseOrigin &origin);
// The same, read as a token response (§1.4): a TokenSet, or a Protocol error naming what is missing.
Expected<TokenSet, FlowError> interpretTokenResponse(const HttpOutcome &outcome, const ResponseOrigin &origin);
// No complete HTTP answer: Transport, Tls, Timeout, Protocol (too large) or Cancelled (aborted),
// with the request's URL (no query) beside the reason.
FlowError errorFromFailedOutcome(const HttpOutcome &outcome, const ResponseOrigin &origin);

} // namespace ecalab
