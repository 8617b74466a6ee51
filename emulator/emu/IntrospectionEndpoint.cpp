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
    const AccessToken *token = m_context.tokens.active(params.value(u"token"), m_context.clock.nowMs(), m_context.org);
    if (token && token->clientId != caller->consumerKey && !caller->isIntrospectAllTokens)
        token = nullptr;
    if (!token)
        return TokenEndpoint::reply(Format::Json, 200, Fields{{u"active"_s, false}});

    const User *user = m_context.org.userById(token->userId);
    const qint64 iat = token->issuedAtMs / 1000; // epoch seconds (§7.4)
    return TokenEndpoint::reply(Format::Json, 200,
                                Fields{{u"active"_s, true},
                                       {u"scope"_s, token->scopes.join(u' ')},
                                       {u"client_id"_s, token->clientId},
                                       {u"username"_s, user ? user->username : QString()},
                                       {u"sub"_s, token->identityUrl},
                                       {u"token_type"_s, u"access_token"_s},
                                       {u"exp"_s, token->expiresAtMs / 1000},
                                       {u"iat"_s, iat},
                                       {u"nbf"_s, iat}});
}

} // namespace ecalab::emu
