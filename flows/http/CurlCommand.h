#pragma once

#include <QString>

namespace ecalab {

struct Exchange;

// Bash single quoting: every character stays literal ($, `, \, !, newlines included); a single
// quote is spelled '\'' (POSIX.1-2017 XCU §2.2.2). The empty string is ''.
QString shellQuote(const QString &text);

// The environment variable a copied command reads for a masked field, and how its comment
// describes it: client_secret -> ECALAB_CLIENT_SECRET (the variable the CLI reads), code ->
// ECALAB_CODE, Authorization (Bearer) -> ECALAB_ACCESS_TOKEN, ... Unknown names become
// ECALAB_<NAME>, upper-cased, with anything but A-Z 0-9 as _.
struct SecretVariable
{
    QString name;
    QString description;
    bool operator==(const SecretVariable &) const = default;
};
SecretVariable secretVariableFor(const QString &field);

// The recorded request as a bash command that runs as pasted: every masked value ("[redacted]")
// becomes a "$VARIABLE" reference and a first "# set ..." line names the variables; Basic client
// auth becomes -u 'CLIENT_ID:'"$ECALAB_CLIENT_SECRET". Everything else is single-quoted, so text
// from a server or a user cannot leave its quotes. No secret value is ever read: the command is
// built from the redacted copy alone.
QString curlCommand(const Exchange &exchange);

} // namespace ecalab
