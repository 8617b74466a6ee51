#include "CodeExchange.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

HttpRequest buildCodeExchangeRequest(const CodeExchange &exchange)
{
    const FormFields grant{{u"grant_type"_s, u"authorization_code"_s},
                           {u"code"_s, exchange.code},
                           {u"redirect_uri"_s, exchange.redirectUri}};
    FormFields proof;
    if (!exchange.codeVerifier.isEmpty())
        proof.append({u"code_verifier"_s, exchange.codeVerifier});
    return exchange.client.formPost(exchange.tokenEndpoint, grant, proof);
}

} // namespace ecalab
