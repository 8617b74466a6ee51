#include "ClientAuth.h"

#include "Crypto.h"
#include "OrgModel.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
const OAuthError kInvalidClient{u"invalid_client"_s, u"invalid client credentials"_s};
const OAuthError kInvalidClientId{u"invalid_client_id"_s, u"client identifier invalid"_s};
} // namespace

ClientCredentials ClientAuth::extract(const HttpRequest &request, const Params &params)
{
    ClientCredentials credentials;
    const QByteArray authorization = request.header("authorization").trimmed();
    const bool basic = authorization.size() >= 5 && authorization.left(5).compare("basic", Qt::CaseInsensitive) == 0 &&
                       (authorization.size() == 5 || authorization.at(5) == ' ');
    if (basic) {
        credentials.viaBasic = true;
        // Used as decoded: Salesforce keys and secrets carry no characters that RFC 6749's
        // form-encoding of Basic credentials would change.
        const QByteArray encoded = authorization.mid(6).trimmed();
        const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (encoded.isEmpty() || colon <= 0) {
            credentials.malformedBasic = true;
            return credentials;
        }
        credentials.clientId = QString::fromUtf8(decoded.decoded.left(colon));
        credentials.clientSecret = QString::fromUtf8(decoded.decoded.mid(colon + 1));
        return credentials;
    }
    credentials.clientId = params.value(u"client_id");
    credentials.clientSecret = params.value(u"client_secret");
    return credentials;
}

const App *ClientAuth::authenticate(const ClientCredentials &credentials, const OrgModel &org, bool secretRequired,
                                    OAuthError *error)
{
    if (credentials.malformedBasic) {
        *error = kInvalidClient;
        return nullptr;
    }
    const App *app = org.appByClientId(credentials.clientId);
    // An app switched off in this org (its plugin policy) is not found either.
    if (!app || !app->isEnabled) {
        *error = kInvalidClientId;
        return nullptr;
    }
    const bool secretSent = !credentials.clientSecret.isEmpty();
    if ((secretRequired || secretSent) &&
        !Crypto::constantTimeEquals(credentials.clientSecret.toUtf8(), app->consumerSecret.toUtf8())) {
        *error = kInvalidClient;
        return nullptr;
    }
    return app;
}

const App *ClientAuth::authenticate(const ClientCredentials &credentials, const OrgModel &org,
                                    bool (*secretRequiredBy)(const App &), OAuthError *error)
{
    const App *named = org.appByClientId(credentials.clientId);
    return authenticate(credentials, org, !named || secretRequiredBy(*named), error);
}

QString ClientAuth::bearerToken(const HttpRequest &request, const Params &params)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    for (const QByteArray &scheme : {QByteArray("bearer "), QByteArray("oauth ")}) {
        if (authorization.left(scheme.size()).compare(scheme, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(authorization.mid(scheme.size()).trimmed());
    }
    return params.value(u"oauth_token");
}

} // namespace ecalab::emu
