#pragma once

#include "http/HttpMessage.h"
#include "http/Redactor.h"

#include <QDateTime>
#include <QJsonObject>

namespace ecalab {

// The stage an exchange belongs to, as the flow's stage table names it (Flow::StageSpec): `id` is
// stable for scripts and tests, `title` is display text.
struct StageLabel
{
    QString id;
    QString title;
};

// One recorded request/response. Everything here is already redacted except `secrets`, which keeps
// the masked values in memory so the window can reveal one on request; it is never serialized.
struct Exchange
{
    int id = 0;
    QString stage;   // the stage's title, as shown
    QString stageId; // the stage's stable id ("token-request"); `exchanges[].stageId` in --json
    HttpRequest request;
    HttpResponse response;
    QDateTime startedAt;
    qint64 elapsedMs = -1;  // -1 while in flight
    QString transportError; // set when no complete HTTP answer arrived
    QList<SecretValue> secrets;
    // The user half of an HTTP Basic Authorization header: the consumer key, which is not a secret
    // (RFC 6749 §2.3.1), so "Copy as curl" can spell `-u 'KEY:'"$ECALAB_CLIENT_SECRET"` (§2).
    QString basicAuthUser;

    bool inFlight() const { return elapsedMs < 0; }
    QJsonObject toJson() const;   // the `exchanges[]` shape of the --json contract
    QString toCurl() const;       // secrets as shell variables: curlCommand() in CurlCommand.h
};

QJsonObject headersToJson(const HttpHeaders &headers);

} // namespace ecalab
