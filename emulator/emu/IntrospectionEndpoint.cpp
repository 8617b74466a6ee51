#include "IntrospectionEndpoint.h"

#include "ClientAuth.h"
#include "TokenEndpoint.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

bool IntrospectionEndpoint::handles(const HttpRequest &request) const
{
    return request.path == u"/services/oauth2/introspect";
}

HttpReply IntrospectionEndpoint::handle(const HttpRequest &request)
{
    // RFC 7662 is POST only; a GET is refused as on the token endpoint (§1.3).
    if (request.method != "POST")
        return TokenEndpoint::errorReply(Format::Json, {u"invalid_request"_s, u"must use HTTP POST"_s});
    const Params params = TokenEndpoint::bodyParameters(request);
    OAuthError error;
    const App *caller = ClientAuth::authenticate(ClientAuth::extract(request, params), m_context.org,
                                                 /*secretRequired=*/true, &error);
    if (!caller) {
        error.status = kClientAuthFailureStatus;
        return TokenEndpoint::errorReply(Format::Json, error);
    }
    const QString value = params.value(u"token");
    // token_type_hint is only a hint (RFC 7662 §2.1): both kinds are looked up either way.
    std::optional<Fields> answer = accessTokenFields(value, *caller);
    if (!answer)
        answer = refreshTokenFields(value, *caller);
    return TokenEndpoint::reply(Format::Json, 200, answer.value_or(Fields{{u"active"_s, false}}));
}

bool IntrospectionEndpoint::mayIntrospect(const App &caller, const QString &clientId)
{
    return clientId == caller.consumerKey || caller.isIntrospectAllTokens;
}

std::optional<Fields> IntrospectionEndpoint::accessTokenFields(const QString &value, const App &caller) const
{
    const AccessToken *token = m_context.tokens.active(value, m_context.clock.nowMs(), m_context.org);
    if (!token || !mayIntrospect(caller, token->clientId))
        return std::nullopt;
    const User *user = m_context.org.userById(token->userId);
    const qint64 iat = token->issuedAtMs / 1000; // epoch seconds (§7.4)
    return Fields{{u"active"_s, true},
                  {u"scope"_s, token->scopes.join(u' ')},
                  {u"client_id"_s, token->clientId},
                  {u"username"_s, user ? user->username : QString()},
                  {u"sub"_s, token->identityUrl},
                  {u"token_type"_s, u"access_token"_s},
                  {u"exp"_s, token->expiresAtMs / 1000},
                  {u"iat"_s, iat},
                  {u"nbf"_s, iat}};
}

// The same fields for a refresh token (§7.4: token_type is the kind); `exp` only when the app's
// refresh-token policy ends it — one valid until revoked has none.
std::optional<Fields> IntrospectionEndpoint::refreshTokenFields(const QString &value, const App &caller) const
{
    const RefreshToken *token = m_context.tokens.usableRefresh(value, m_context.clock.nowMs(), m_context.org);
    if (!token || !mayIntrospect(caller, token->clientId))
        return std::nullopt;
    const User *user = m_context.org.userById(token->userId);
    const App *app = m_context.org.appByClientId(token->clientId);
    const std::optional<qint64> end = app ? TokenStore::expiresAtMs(*token, *app) : std::nullopt;
    const qint64 iat = token->issuedAtMs / 1000;
    Fields fields{{u"active"_s, true},
                  {u"scope"_s, token->scopes.join(u' ')},
                  {u"client_id"_s, token->clientId},
                  {u"username"_s, user ? user->username : QString()},
                  {u"sub"_s, token->identityUrl},
                  {u"token_type"_s, u"refresh_token"_s}};
    if (end)
        fields.insert(u"exp"_s, *end / 1000);
    fields.insert(u"iat"_s, iat);
    fields.insert(u"nbf"_s, iat);
    return fields;
}

} // namespace ecalab::emu
