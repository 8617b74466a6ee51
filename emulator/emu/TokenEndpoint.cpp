#include "TokenEndpoint.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const OAuthError TokenEndpoint::kMissingGrantError{u"unsupported_grant_type"_s, u"grant type not supported"_s};

namespace {
const OAuthError kUnsupportedGrant{u"unsupported_grant_type"_s, u"grant type not supported"_s};
const OAuthError kMustUsePost{u"invalid_request"_s, u"must use HTTP POST"_s};
const OAuthError kInactiveOrg{u"inactive_org"_s, u"organization is locked, closed, or suspended"_s};
} // namespace

bool TokenEndpoint::handles(const HttpRequest &request) const
{
    return request.path == u"/services/oauth2/token";
}

Params TokenEndpoint::bodyParameters(const HttpRequest &request)
{
    const QByteArray type = request.mediaType();
    if (type == "application/x-www-form-urlencoded")
        return FormData::parseUrlEncoded(request.body);
    if (type == "multipart/form-data")
        return FormData::parseMultipart(request.body, request.header("content-type")).value_or(Params());
    return {}; // JSON and anything else: not parameters (§1.3)
}

HttpReply TokenEndpoint::reply(Format format, int status, const Fields &fields)
{
    HttpReply reply = HttpReply::withBody(status, ResponseFormat::contentType(format),
                                          ResponseFormat::render(fields, format, u"OAuth"_s));
    reply.setHeader("Cache-Control", kNoStoreCacheControl);
    return reply;
}

HttpReply TokenEndpoint::errorReply(Format format, const OAuthError &error)
{
    return reply(format, error.status, Fields{{u"error"_s, error.error}, {u"error_description"_s, error.description}});
}

HttpReply TokenEndpoint::handle(const HttpRequest &http)
{
    if (http.method != "POST") {
        const Format format = ResponseFormat::negotiate(http.query.value(u"format"), http.header("accept"));
        return errorReply(format, kMustUsePost);
    }
    TokenRequest request{http, bodyParameters(http), Format::Json};
    if (kReadsQueryParameters)
        request.params.addMissingFrom(http.query);
    request.format = ResponseFormat::negotiate(request.params.value(u"format"), http.header("accept"));

    if (!request.params.contains(u"grant_type") && !request.params.contains(u"response_type"))
        return errorReply(request.format, kMissingGrantError);
    for (const auto &grant : m_grants) {
        if (!grant->accepts(request.params))
            continue;
        if (m_context.org.org.status != u"Active")
            return errorReply(request.format, kInactiveOrg);
        const GrantResult result = grant->handle(request);
        return result.ok ? reply(request.format, 200, result.fields) : errorReply(request.format, result.error);
    }
    return errorReply(request.format, kUnsupportedGrant);
}

} // namespace ecalab::emu
