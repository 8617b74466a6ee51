#pragma once

#include <QJsonObject>
#include <QString>

namespace ecalab {

// Errors are values (ARCHITECTURE.md): what kind of failure, where, what the server said, and —
// from the ErrorCatalog — what it means and how to fix it.
struct FlowError
{
    enum class Kind { Configuration, Transport, Tls, Timeout, Protocol, ServerRejected, Cancelled, Expired };

    Kind kind = Kind::Protocol;
    QString stage;   // the stage's title, as shown
    QString stageId; // the stage's stable id ("token-request"); Flow::fail fills it from the title
    int httpStatus = 0;
    QString error;            // OAuth `error` (or a REST errorCode / page code)
    QString errorDescription; // OAuth `error_description`, verbatim
    QByteArray rawBody;       // redacted response body
    QString explanation;      // what it means here
    QString fix;              // what to do about it
    QString check;            // a check on the result that failed ("signature", "id_token"), else empty

    static FlowError configuration(const QString &stage, const QString &explanation, const QString &fix);
    static FlowError cancelled(const QString &stage);

    QString summary() const; // one line: "invalid_grant: request not supported on this domain"
    QJsonObject toJson() const; // the `error` object of the --json contract
    int exitCode() const;       // ARCHITECTURE.md exit codes
};

QString kindName(FlowError::Kind kind);

} // namespace ecalab
