#pragma once

#include "core/Expected.h"
#include "http/HttpMessage.h"

#include <QJsonObject>

namespace ecalab {

// Salesforce answers token requests as JSON, form-urlencoded or XML (the `format` parameter and
// Accept header, §1.3). This reads any of the three into one flat JSON object of fields.
Expected<QJsonObject, QString> parseResponseFields(const HttpResponse &response);

// {error, error_description, error_uri} of an OAuth error answer (RFC 6749 §5.2, §10.1), if present.
struct OAuthErrorBody
{
    QString error;
    QString errorDescription;
    QString errorUri;
    bool isEmpty() const { return error.isEmpty(); }
};
OAuthErrorBody parseOAuthError(const HttpResponse &response);

} // namespace ecalab
