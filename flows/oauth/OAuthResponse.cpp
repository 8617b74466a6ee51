#include "OAuthResponse.h"

#include "oauth/Endpoints.h"
#include "oauth/ResponseBody.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
// An unusable answer that did arrive: the body is kept, masked, for the error view and --json.
FlowError protocolError(const HttpResponse &response, const ResponseOrigin &origin)
{
    FlowError e;
    e.kind = FlowError::Kind::Protocol;
    e.stage = origin.stage.title;
    e.stageId = origin.stage.id;
    e.httpStatus = response.status;
    e.rawBody = origin.http.redactedText(response.body);
    return e;
}

QString capitalized(const QString &text)
{
    return text.left(1).toUpper() + text.mid(1);
}

// Neither fields nor an OAuth error: say what came instead of an answer.
QString explainNonAnswer(const HttpResponse &response, const QString &endpoint)
{
    if (response.status >= 300 && response.status < 400)
        return u"%1 redirected (HTTP %2) to %3 instead of answering; Salesforce does this when the URL uses "
               "http:// or the wrong host."_s.arg(capitalized(endpoint))
                   .arg(response.status)
                   .arg(QString::fromUtf8(response.header("Location")));
    return u"HTTP %1 from %2 without an OAuth error in the body."_s.arg(response.status).arg(endpoint);
}
} // namespace

FlowError errorFromFailedOutcome(const HttpOutcome &outcome, const ResponseOrigin &origin)
{
    if (outcome.failure == HttpOutcome::Failure::Aborted) {
        FlowError cancelled = FlowError::cancelled(origin.stage.title);
        cancelled.stageId = origin.stage.id;
        return cancelled;
    }
    FlowError e;
    e.stage = origin.stage.title;
    e.stageId = origin.stage.id;
    switch (outcome.failure) {
    case HttpOutcome::Failure::Tls:
        e.kind = FlowError::Kind::Tls;
        break;
    case HttpOutcome::Failure::Timeout:
        e.kind = FlowError::Kind::Timeout;
        break;
    case HttpOutcome::Failure::TooLarge:
        e.kind = FlowError::Kind::Protocol;
        break;
    default:
        e.kind = FlowError::Kind::Transport;
        break;
    }
    const ExchangeLog *log = origin.http.log();
    const Exchange *exchange = log ? log->find(outcome.exchangeId) : nullptr;
    e.explanation = exchange ? u"%1 (%2)"_s.arg(outcome.errorString, exchange->request.url.toString(QUrl::RemoveQuery))
                             : outcome.errorString;
    // Only a loopback host can be the emulator; a real org's refusal is about the host or the network.
    if (e.kind == FlowError::Kind::Transport && exchange && isLoopbackHost(exchange->request.url.host()))
        e.fix = u"Nothing answers on %1. If it is the emulator, start it again (`ecalab emulator`, or the "
                "window's demo org); otherwise start the local server the Login URL points to."_s
                    .arg(exchange->request.url.authority());
    return e;
}

Expected<QJsonObject, FlowError> interpretOAuthResponse(const HttpOutcome &outcome, const ResponseOrigin &origin)
{
    if (!outcome.ok())
        return unexpected(errorFromFailedOutcome(outcome, origin));
    const HttpResponse &response = outcome.response;
    FlowError e = protocolError(response, origin);
    if (response.status == 200) {
        auto fields = parseResponseFields(response);
        if (fields)
            return std::move(fields.value());
        e.explanation = u"HTTP 200 from %1, but %2."_s.arg(origin.endpoint, fields.error());
        return unexpected(e);
    }
    // RFC 6749 §5.2 errors come with 400 (401 for invalid_client); §10.1: Salesforce uses 400.
    const OAuthErrorBody oauth = parseOAuthError(response);
    if (!oauth.isEmpty() && response.status >= 400) {
        e.kind = FlowError::Kind::ServerRejected;
        e.error = oauth.error;
        e.errorDescription = oauth.errorDescription;
        return unexpected(e);
    }
    e.explanation = explainNonAnswer(response, origin.endpoint);
    return unexpected(e);
}

Expected<TokenSet, FlowError> interpretTokenResponse(const HttpOutcome &outcome, const ResponseOrigin &origin)
{
    auto fields = interpretOAuthResponse(outcome, origin);
    if (!fields)
        return unexpected(fields.error());
    auto tokens = TokenSet::fromFields(*fields);
    if (tokens)
        return std::move(tokens.value());
    FlowError e = protocolError(outcome.response, origin);
    e.explanation = u"HTTP 200 from %1, but %2."_s.arg(origin.endpoint, tokens.error());
    return unexpected(e);
}

} // namespace ecalab
