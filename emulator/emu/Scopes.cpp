#include "Scopes.h"

#include <QList>
#include <QPair>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// Metadata token → protocol scope (§9; eca-metadata.md §3.2 token table).
const QList<QPair<QString, QString>> &tokenTable()
{
    static const QList<QPair<QString, QString>> table{
        {u"Api"_s, u"api"_s},
        {u"RefreshToken"_s, u"refresh_token"_s},
        {u"OfflineAccess"_s, u"offline_access"_s},
        {u"Full"_s, u"full"_s},
        {u"Web"_s, u"web"_s},
        {u"OpenID"_s, u"openid"_s},
        {u"Basic"_s, u"id"_s},
        {u"Profile"_s, u"profile"_s},
        {u"Email"_s, u"email"_s},
        {u"Address"_s, u"address"_s},
        {u"Phone"_s, u"phone"_s},
        {u"Chatter"_s, u"chatter_api"_s},
        {u"CustomApplications"_s, u"visualforce"_s},
        {u"CustomPermissions"_s, u"custom_permissions"_s},
        {u"Wave"_s, u"wave_api"_s},
        {u"Eclair"_s, u"eclair_api"_s},
        {u"Pardot"_s, u"pardot_api"_s},
        {u"Lightning"_s, u"lightning"_s},
        {u"Content"_s, u"content"_s},
        {u"CDPIngest"_s, u"cdp_ingest_api"_s},
        {u"CDPProfile"_s, u"cdp_profile_api"_s},
        {u"CDPQuery"_s, u"cdp_query_api"_s},
        {u"CDPSegment"_s, u"cdp_segment_api"_s},
        {u"CDPIdentityResolution"_s, u"cdp_identityresolution_api"_s},
        {u"CDPCalculatedInsight"_s, u"cdp_calculated_insight_api"_s},
        {u"Interaction"_s, u"interaction_api"_s},
        {u"EinsteinGPT"_s, u"einstein_gpt_api"_s},
        {u"PwdlessLogin"_s, u"pwdless_login_api"_s},
        {u"ForgotPassword"_s, u"forgot_password"_s},
        {u"UserRegistration"_s, u"user_registration_api"_s},
        {u"SCRT"_s, u"scrt_api"_s},
        {u"MCP"_s, u"mcp_api"_s},
        {u"Chatbot"_s, u"chatbot_api"_s},
        {u"SFApiPlatform"_s, u"sfap_api"_s},
    };
    return table;
}
} // namespace

QStringList Scopes::knownTokens()
{
    QStringList tokens;
    for (const auto &entry : tokenTable())
        tokens << entry.first;
    return tokens;
}

bool Scopes::isKnownToken(QStringView token)
{
    return !canonicalToken(token).isEmpty();
}

QString Scopes::canonicalToken(QStringView token)
{
    for (const auto &entry : tokenTable()) {
        if (entry.first.compare(token, Qt::CaseInsensitive) == 0)
            return entry.first;
    }
    return {};
}

QStringList Scopes::splitTokens(const QString &commaSeparated)
{
    QStringList tokens;
    for (const QString &part : commaSeparated.split(u',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            tokens << part.trimmed();
    }
    return tokens;
}

QStringList Scopes::protocolScopes(const QStringList &tokens)
{
    QStringList scopes;
    for (const QString &token : tokens) {
        const QString canonical = canonicalToken(token);
        for (const auto &entry : tokenTable()) {
            if (entry.first == canonical && !scopes.contains(entry.second))
                scopes << entry.second;
        }
    }
    return scopes;
}

QStringList Scopes::allowedScopes(const QStringList &tokens)
{
    QStringList scopes = protocolScopes(tokens);
    auto imply = [&scopes](const QString &scope, const QStringList &implied) {
        if (!scopes.contains(scope))
            return;
        for (const QString &name : implied) {
            if (!scopes.contains(name))
                scopes << name;
        }
    };
    imply(u"refresh_token"_s, {u"offline_access"_s});
    imply(u"offline_access"_s, {u"refresh_token"_s});
    imply(u"id"_s, {u"profile"_s, u"email"_s, u"address"_s, u"phone"_s});
    imply(u"web"_s, {u"visualforce"_s});
    imply(u"api"_s, {u"chatter_api"_s});
    return scopes;
}

QStringList Scopes::splitSpaced(const QString &scope)
{
    return scope.split(u' ', Qt::SkipEmptyParts);
}

} // namespace ecalab::emu
