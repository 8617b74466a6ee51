#pragma once

#include "core/TimeText.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace ecalab {

// The claims of a JWT bearer assertion (§5.1, RFC 7523 §3): who signs (the consumer key), for
// whom (the username), for which login host, until when. exp is epoch seconds, as RFC 7519 §2
// says (sfdx-core's milliseconds are accepted by Salesforce, but we send what the spec asks).
struct AssertionClaims
{
    QString issuer;
    QString subject;
    QString audience;
    QDateTime expiresAt;

    QJsonObject toJson() const;
};

// The header Salesforce documents: only alg (§5.1: typ optional, kid not needed).
QJsonObject assertionHeader();

// The assertion as shown before it is sent: decoded header and claims, why the aud was chosen,
// exp in local time and from now. Never the signed string: it is a credential until exp.
struct AssertionPreview
{
    QJsonObject header;
    AssertionClaims claims;
    QString audienceReason;

    QJsonObject toJson(const QDateTime &now) const; // checks.assertion in --json
    QString summary(const QDateTime &now) const;    // one line for the stage
};

} // namespace ecalab
