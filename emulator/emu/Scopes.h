#pragma once

#include <QStringList>

namespace ecalab::emu {

// ECA metadata scope tokens (`commaSeparatedOauthScopes`, eca-metadata.md §3.2) and the OAuth
// scope names they grant on the wire (§9).
class Scopes
{
public:
    static QStringList knownTokens();
    static bool isKnownToken(QStringView token);                   // case-insensitive
    static QString canonicalToken(QStringView token);              // "api" → "Api"
    static QStringList splitTokens(const QString &commaSeparated); // split on ',' and trim
    // The app's selected scopes as protocol names, e.g. Basic → id (what an omitted `scope` grants).
    static QStringList protocolScopes(const QStringList &tokens);
    // Those plus the names they imply: offline_access for RefreshToken, profile/email/address/phone
    // for Basic, visualforce for Web (§9) — what a request may ask for.
    static QStringList allowedScopes(const QStringList &tokens);
    static QStringList splitSpaced(const QString &scope); // a request's space-separated scope
};

} // namespace ecalab::emu
