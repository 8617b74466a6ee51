#include "TokenAnswers.h"

#include "core/FormEncoding.h"
#include "core/JsonNumbers.h"
#include "core/TimeText.h"
#include "oauth/Endpoints.h"
#include "oauth/OAuthResponse.h"
#include "oauth/ResponseBody.h"

#include <QJsonArray>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QVersionNumber>

namespace ecalab::tokenanswers {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype kMaxShownChars = 120;
constexpr qsizetype kMaxRawBodyBytes = 64 * 1024; // what an error keeps of a body for the views

ResponseOrigin originOf(const AnswerContext &context)
{
    return {context.http, context.stage, context.endpoint};
}

TokenActionResult failure(TokenAction action, FlowError error, std::optional<TokenStatus> status = std::nullopt)
{
    TokenActionResult result;
    result.action = action;
    result.error = std::move(error);
    result.status = std::move(status);
    return result;
}

TokenStatus statusNow(TokenStatus::State state, const AnswerContext &context, const QString &source)
{
    TokenStatus status;
    status.state = state;
    status.checkedAt = context.now;
    status.source = source;
    return status;
}

// An answer that arrived but cannot be used; the body is kept, masked and bounded.
FlowError protocolError(const HttpResponse &response, const AnswerContext &context, const QString &explanation)
{
    FlowError e;
    e.kind = FlowError::Kind::Protocol;
    e.stage = context.stage.title;
    e.stageId = context.stage.id;
    e.httpStatus = response.status;
    e.rawBody = context.http.redactedText(response.body.left(kMaxRawBodyBytes));
    e.explanation = explanation;
    return e;
}

FlowError rejectedError(const HttpResponse &response, const AnswerContext &context, const QString &error,
                        const QString &description)
{
    FlowError e = protocolError(response, context, {});
    e.kind = FlowError::Kind::ServerRejected;
    e.error = error;
    e.errorDescription = description;
    return e;
}

bool looksLikeHtml(const QByteArray &body, const QByteArray &mediaType)
{
    const QByteArray start = body.trimmed().left(64).toLower();
    return mediaType.contains("html") || start.startsWith("<!doctype") || start.startsWith("<html");
}

QString redirectText(const HttpResponse &response, const AnswerContext &context)
{
    return u"%1 redirected (HTTP %2) to %3 instead of answering: a wrong host or an http:// URL."_s.arg(
        context.endpoint, QString::number(response.status), QString::fromUtf8(response.header("Location")));
}

// The errors Salesforce's bearer-token resources send (§10.1): REST's JSON array
// [{"message","errorCode"}], an OAuth error object, or the identity URL's plain-text code.
std::optional<FlowError> bearerRefusal(const HttpResponse &response, const AnswerContext &context)
{
    static const QRegularExpression plainCode(u"^[A-Za-z][A-Za-z0-9_]{0,63}$"_s);
    const QByteArray body = response.body.trimmed();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (doc.isArray() && doc.array().at(0).isObject()) {
        const QJsonObject first = doc.array().at(0).toObject();
        if (first.value(u"errorCode").isString())
            return rejectedError(response, context, first.value(u"errorCode").toString(),
                                 first.value(u"message").toString());
    }
    if (doc.isObject() && doc.object().value(u"error").isString())
        return rejectedError(response, context, doc.object().value(u"error").toString(),
                             doc.object().value(u"error_description").toString());
    const QString text = QString::fromUtf8(body);
    if (parseError.error != QJsonParseError::NoError && plainCode.match(text).hasMatch())
        return rejectedError(response, context, text, {});
    return std::nullopt;
}

// Not 200: a refusal of the token (401/403 say it no longer works), else what came instead.
TokenActionResult refusal(TokenAction action, const HttpResponse &response, const AnswerContext &context,
                          const QString &source)
{
    if (response.status >= 300 && response.status < 400)
        return failure(action, protocolError(response, context, redirectText(response, context)));
    if (auto rejected = bearerRefusal(response, context)) {
        const bool tokenRefused = response.status == 401 || response.status == 403;
        return failure(action, *rejected,
                       tokenRefused ? std::optional(statusNow(TokenStatus::State::Inactive, context, source))
                                    : std::nullopt);
    }
    return failure(action, protocolError(response, context,
                                         u"HTTP %1 from %2 without an error Salesforce sends."_s.arg(response.status)
                                             .arg(context.endpoint)));
}

Expected<QJsonObject, FlowError> jsonObjectAnswer(const HttpResponse &response, const AnswerContext &context)
{
    auto doc = readJsonBody(response);
    if (!doc)
        return unexpected(protocolError(response, context, u"HTTP 200 from %1, but %2."_s.arg(context.endpoint, doc.error())));
    if (!doc->isObject())
        return unexpected(protocolError(response, context, u"HTTP 200 from %1, but the body is JSON and not an object."_s
                                                               .arg(context.endpoint)));
    return doc->object();
}

QString joined(const QStringList &parts)
{
    QStringList kept = parts;
    kept.removeIf([](const QString &part) { return part.trimmed().isEmpty(); });
    return kept.join(u" · "_s);
}

QString field(const HttpClient &http, const QJsonObject &fields, const QString &name, const QString &prefix = {})
{
    const QJsonValue value = fields.value(name);
    if (!value.isString() || value.toString().isEmpty())
        return {};
    return prefix + shown(http, value.toString());
}

// RFC 7662 §2.2 has booleans; Salesforce's form and XML formats (§1.3) spell them as text.
std::optional<bool> booleanOf(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString() && (value.toString() == u"true" || value.toString() == u"false"))
        return value.toString() == u"true";
    return std::nullopt;
}

std::optional<qint64> secondsOf(const QJsonValue &value)
{
    if (value.isDouble())
        return jsonEpochSeconds(value.toDouble());
    bool ok = false;
    const qint64 parsed = value.toString().toLongLong(&ok);
    return ok ? std::optional(parsed) : std::nullopt;
}

QString introspectionSummary(const QJsonObject &fields, const AnswerContext &context, const TokenStatus &status)
{
    const QString expiry = status.expiresAt ? u"expires "_s + whenText(*status.expiresAt, context.now)
                                            : u"no exp (valid until revoked)"_s;
    return joined({u"active"_s, expiry, field(context.http, fields, u"scope"_s, u"scope "_s),
                   field(context.http, fields, u"username"_s), field(context.http, fields, u"token_type"_s),
                   field(context.http, fields, u"client_id"_s, u"client "_s)});
}
} // namespace

Expected<QJsonDocument, QString> readJsonBody(const HttpResponse &response)
{
    const QByteArray body = response.body.trimmed();
    if (body.isEmpty())
        return unexpected(u"the body is empty"_s);
    if (looksLikeHtml(body, response.mediaType()))
        return unexpected(u"the body is an HTML page, not an API answer: usually a proxy, a login page or a wrong URL"_s);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return unexpected(u"the body is not valid JSON (%1 at byte %2)"_s.arg(error.errorString()).arg(error.offset));
    return doc;
}

QString shown(const HttpClient &http, const QString &text)
{
    QString line = QString::fromUtf8(http.redactedText(text.toUtf8()));
    for (QChar &c : line) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = u' ';
    }
    if (line.size() > kMaxShownChars)
        line = line.left(kMaxShownChars - 1) + u'…';
    return line;
}

QJsonValue redactedValue(const HttpClient &http, const QJsonValue &value)
{
    if (value.isString())
        return QString::fromUtf8(http.redactedText(value.toString().toUtf8()));
    if (value.isObject())
        return redactedFields(http, value.toObject());
    if (value.isArray()) {
        QJsonArray items;
        for (const QJsonValue &item : value.toArray())
            items.append(redactedValue(http, item));
        return items;
    }
    return value;
}

QJsonObject redactedFields(const HttpClient &http, const QJsonObject &fields)
{
    QJsonObject out;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const bool credential = Redactor::isSecretField(it.key()) && !it.value().isNull();
        out.insert(it.key(), credential ? QJsonValue(QString::fromUtf8(Redactor::kMask)) : redactedValue(http, it.value()));
    }
    return out;
}

QString whenText(const QDateTime &when, const QDateTime &now)
{
    const QDateTime local = when.toLocalTime();
    const QString format = local.date() == now.toLocalTime().date() ? u"HH:mm"_s : u"yyyy-MM-dd HH:mm"_s;
    return u"%1 (%2)"_s.arg(local.toString(format), relativeTime(when, now));
}

// §7.4: {"active":false} for revoked, expired and other apps' tokens; else the fields, exp in seconds.
TokenActionResult readIntrospection(const HttpOutcome &outcome, const AnswerContext &context)
{
    auto answer = interpretOAuthResponse(outcome, originOf(context));
    if (!answer)
        return failure(TokenAction::Introspect, answer.error());
    const std::optional<bool> active = booleanOf(answer->value(u"active"));
    if (!active)
        return failure(TokenAction::Introspect,
                       protocolError(outcome.response, context,
                                     u"HTTP 200 from %1, but the answer has no true or false `active` field (RFC 7662 §2.2)."_s
                                         .arg(context.endpoint)));
    TokenActionResult result;
    result.action = TokenAction::Introspect;
    result.fields = redactedFields(context.http, *answer);
    if (!*active) {
        result.status = statusNow(TokenStatus::State::Inactive, context, u"introspection"_s);
        result.summary = u"inactive: revoked, expired or not this app's"_s;
        return result;
    }
    TokenStatus status = statusNow(TokenStatus::State::Active, context, u"introspection"_s);
    if (const auto exp = secondsOf(answer->value(u"exp")))
        status.expiresAt = QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC);
    result.summary = introspectionSummary(*answer, context, status);
    result.status = status;
    return result;
}

// §7.5: the OIDC UserInfo claims, with Salesforce's organization_id, user_type and urls.
TokenActionResult readUserInfo(const HttpOutcome &outcome, const AnswerContext &context)
{
    if (!outcome.ok())
        return failure(TokenAction::UserInfo, errorFromFailedOutcome(outcome, originOf(context)));
    if (outcome.response.status != 200)
        return refusal(TokenAction::UserInfo, outcome.response, context, u"userinfo"_s);
    auto fields = jsonObjectAnswer(outcome.response, context);
    if (!fields)
        return failure(TokenAction::UserInfo, fields.error());
    TokenActionResult result;
    result.action = TokenAction::UserInfo;
    result.fields = redactedFields(context.http, *fields);
    const HttpClient &http = context.http;
    result.summary = joined({field(http, *fields, u"preferred_username"_s), field(http, *fields, u"name"_s),
                             field(http, *fields, u"organization_id"_s, u"org "_s),
                             field(http, *fields, u"user_id"_s, u"user "_s), field(http, *fields, u"user_type"_s)});
    result.status = statusNow(TokenStatus::State::Active, context, u"userinfo"_s);
    return result;
}

// §7.6: the identity URL; a token it does not take gets 403 `Bad_OAuth_Token` in plain text.
TokenActionResult readIdentity(const HttpOutcome &outcome, const AnswerContext &context)
{
    if (!outcome.ok())
        return failure(TokenAction::Identity, errorFromFailedOutcome(outcome, originOf(context)));
    if (outcome.response.status != 200)
        return refusal(TokenAction::Identity, outcome.response, context, u"identity"_s);
    auto fields = jsonObjectAnswer(outcome.response, context);
    if (!fields)
        return failure(TokenAction::Identity, fields.error());
    TokenActionResult result;
    result.action = TokenAction::Identity;
    result.fields = redactedFields(context.http, *fields);
    const HttpClient &http = context.http;
    const std::optional<bool> userActive = booleanOf(fields->value(u"active"));
    result.summary = joined({field(http, *fields, u"username"_s), field(http, *fields, u"display_name"_s),
                             field(http, *fields, u"organization_id"_s, u"org "_s), field(http, *fields, u"user_type"_s),
                             userActive ? (*userActive ? u"active user"_s : u"inactive user"_s) : QString()});
    result.status = statusNow(TokenStatus::State::Active, context, u"identity"_s);
    return result;
}

// §7.3: 200 with an empty body; errors are form-encoded (error=…&error_description=…), whatever
// the Content-Type says, so they are read as a form first and as JSON only when they are JSON.
TokenActionResult readRevocation(const HttpOutcome &outcome, const AnswerContext &context, TokenKind kind)
{
    if (!outcome.ok())
        return failure(TokenAction::Revoke, errorFromFailedOutcome(outcome, originOf(context)));
    const HttpResponse &response = outcome.response;
    const QByteArray body = response.body.trimmed();
    if (response.status == 200) {
        if (!body.isEmpty() && body != "{}") // `{}`: the JSONP variant's success
            return failure(TokenAction::Revoke,
                           protocolError(response, context,
                                         looksLikeHtml(body, response.mediaType())
                                             ? u"HTTP 200 from %1, but the body is an HTML page: a proxy or a wrong URL, "
                                               "so the token may still work."_s.arg(context.endpoint)
                                             : u"HTTP 200 from %1 with a body; a revocation answers an empty one."_s.arg(
                                                   context.endpoint)));
        TokenActionResult result;
        result.action = TokenAction::Revoke;
        result.status = statusNow(TokenStatus::State::Revoked, context, u"revocation"_s);
        result.summary = kind == TokenKind::RefreshToken
                             ? u"revoked: the refresh token and every access token issued from it"_s
                             : u"revoked: this access token's session has ended"_s;
        return result;
    }
    if (response.status >= 300 && response.status < 400)
        return failure(TokenAction::Revoke,
                       protocolError(response, context,
                                     redirectText(response, context) +
                                         u" Salesforce answers a revocation on test.salesforce.com this way: revoke on "
                                         "the host named there or on the org's My Domain."_s));
    const bool isJson = body.startsWith('{') || body.startsWith('[');
    OAuthErrorBody oauth;
    if (!isJson && !looksLikeHtml(body, response.mediaType())) {
        const FormFields form = formDecode(body);
        oauth.error = formValue(form, u"error"_s);
        oauth.errorDescription = formValue(form, u"error_description"_s);
    } else if (isJson) {
        oauth = parseOAuthError(response);
    }
    if (oauth.isEmpty())
        return failure(TokenAction::Revoke,
                       protocolError(response, context,
                                     u"HTTP %1 from %2 without an error=…&error_description=… body (§7.3)."_s
                                         .arg(response.status)
                                         .arg(context.endpoint)));
    // Both documented codes mean the server knows no live token by this value (§7.3).
    const bool notLive = oauth.error == u"invalid_token" || oauth.error == u"unsupported_token_type";
    return failure(TokenAction::Revoke, rejectedError(response, context, oauth.error, oauth.errorDescription),
                   notLive ? std::optional(statusNow(TokenStatus::State::Inactive, context, u"revocation"_s))
                           : std::nullopt);
}

Expected<VersionChoice, TokenActionResult> readVersions(const HttpOutcome &outcome, const AnswerContext &context,
                                                        const QUrl &instanceUrl)
{
    if (!outcome.ok())
        return unexpected(failure(TokenAction::RestProbe, errorFromFailedOutcome(outcome, originOf(context))));
    if (outcome.response.status != 200)
        return unexpected(refusal(TokenAction::RestProbe, outcome.response, context, u"REST probe"_s));
    auto doc = readJsonBody(outcome.response);
    if (!doc || !doc->isArray())
        return unexpected(failure(
            TokenAction::RestProbe,
            protocolError(outcome.response, context,
                          u"HTTP 200 from %1, but %2."_s.arg(context.endpoint,
                                                            doc ? u"the body is not the JSON array of API versions"_s
                                                                : doc.error()))));
    static const QRegularExpression versionShape(u"^\\d{1,3}\\.\\d$"_s);
    VersionChoice choice;
    QVersionNumber best;
    for (const QJsonValue &item : doc->array()) {
        const QString version = item.toObject().value(u"version").toString();
        if (!versionShape.match(version).hasMatch())
            continue; // only NN.N becomes part of a URL
        if (QVersionNumber::fromString(version) > best) {
            best = QVersionNumber::fromString(version);
            choice.latest = version;
        }
    }
    if (choice.latest.isEmpty())
        return unexpected(failure(TokenAction::RestProbe,
                                  protocolError(outcome.response, context,
                                                u"HTTP 200 from %1, but no entry has a version like \"62.0\"."_s.arg(
                                                    context.endpoint))));
    choice.versions = redactedValue(context.http, doc->array()).toArray();
    choice.limitsUrl = endpointUrl(instanceUrl, u"/services/data/v%1/limits"_s.arg(choice.latest));
    return choice;
}

// `…/limits`: DailyApiRequests {Max, Remaining} is the daily API request allowance.
TokenActionResult readLimits(const HttpOutcome &outcome, const AnswerContext &context, const VersionChoice &versions)
{
    if (!outcome.ok())
        return failure(TokenAction::RestProbe, errorFromFailedOutcome(outcome, originOf(context)));
    if (outcome.response.status != 200)
        return refusal(TokenAction::RestProbe, outcome.response, context, u"REST probe"_s);
    auto limits = jsonObjectAnswer(outcome.response, context);
    if (!limits)
        return failure(TokenAction::RestProbe, limits.error());
    TokenActionResult result;
    result.action = TokenAction::RestProbe;
    result.fields = {{u"versions"_s, versions.versions},
                     {u"latest"_s, versions.latest},
                     {u"limits"_s, redactedFields(context.http, *limits)}};
    const QJsonObject daily = limits->value(u"DailyApiRequests").toObject();
    const QString allowance = daily.value(u"Max").isDouble() && daily.value(u"Remaining").isDouble()
                                  ? u"DailyApiRequests %1 of %2 remaining"_s.arg(jsonInteger(daily.value(u"Remaining").toDouble()))
                                        .arg(jsonInteger(daily.value(u"Max").toDouble()))
                                  : u"no DailyApiRequests in the limits answer"_s;
    result.summary = joined({u"API v%1"_s.arg(versions.latest), allowance});
    result.status = statusNow(TokenStatus::State::Active, context, u"REST probe"_s);
    return result;
}

} // namespace ecalab::tokenanswers
