#pragma once

#include "http/HttpClient.h"
#include "tokens/TokenTools.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

// How TokenTools reads what each endpoint answered (§7.3–§7.6, §10.1), kept apart from the
// sending so every reading is a pure function of one HTTP outcome. Server text is untrusted: it
// is masked with the HttpClient's known secrets and cut to a line before any summary shows it.
namespace ecalab::tokenanswers {

// Where an answer came from and when it was read.
struct AnswerContext
{
    const HttpClient &http;
    StageLabel stage;
    QString endpoint; // names it in explanations: "the introspection endpoint"
    QDateTime now;    // the injected clock's
};

// The REST probe's first step: the newest version's limits resource, and what the list said.
struct VersionChoice
{
    QUrl limitsUrl;
    QString latest; // "67.0"
    QJsonArray versions;
};

TokenActionResult readIntrospection(const HttpOutcome &outcome, const AnswerContext &context);
TokenActionResult readUserInfo(const HttpOutcome &outcome, const AnswerContext &context);
TokenActionResult readIdentity(const HttpOutcome &outcome, const AnswerContext &context);
TokenActionResult readRevocation(const HttpOutcome &outcome, const AnswerContext &context, TokenKind kind);
// GET /services/data/ answers a JSON array of {label, url, version}; the highest version wins.
Expected<VersionChoice, TokenActionResult> readVersions(const HttpOutcome &outcome, const AnswerContext &context,
                                                        const QUrl &instanceUrl);
TokenActionResult readLimits(const HttpOutcome &outcome, const AnswerContext &context, const VersionChoice &versions);

// Pure helpers, public for their tests.
// The body as strict JSON, or why it is not (empty, an HTML page, not JSON).
Expected<QJsonDocument, QString> readJsonBody(const HttpResponse &response);
// One line of server text fit for a summary: masked, control characters replaced, at most 120 characters.
QString shown(const HttpClient &http, const QString &text);
// Every string masked with the known secrets; values of credential fields replaced outright.
QJsonObject redactedFields(const HttpClient &http, const QJsonObject &fields);
QJsonValue redactedValue(const HttpClient &http, const QJsonValue &value);
// "18:03 (in 2 h)": local time of day, with the date when it is not today, and how far from now.
QString whenText(const QDateTime &when, const QDateTime &now);

} // namespace ecalab::tokenanswers
