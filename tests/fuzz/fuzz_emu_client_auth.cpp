// The emulator's client authentication (§1.3): `Authorization: Basic …`, a Bearer/OAuth token, or
// client_id/client_secret in the body. The first line is the Authorization value, the rest the body.

#include "FuzzSupport.h"

#include "emu/ClientAuth.h"
#include "emu/DemoOrg.h"
#include "emu/OrgModel.h"
#include "emu/Seed.h"

using namespace ecalab;
using namespace ecalab::emu;

namespace {

const OrgModel &demoOrg()
{
    static const OrgModel org = [] {
        OrgModel model;
        QString error;
        if (!Seed::read(DemoOrg::builtInSeed(), &model, &error))
            fuzz::broken("the built-in demo seed does not load");
        return model;
    }();
    return org;
}

HttpRequest tokenRequest(const QByteArray &authorization, const QByteArray &body)
{
    HttpRequest request;
    request.method = "POST";
    request.fullPath = request.path = QStringLiteral("/services/oauth2/token");
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", authorization}};
    request.body = body;
    return request;
}

// Well-formed Basic credentials, encoded again, are read back as the same id and secret.
void checkBasicRoundTrip(const ClientCredentials &credentials)
{
    const QByteArray again = "Basic " + (credentials.clientId + u':' + credentials.clientSecret).toUtf8().toBase64();
    const ClientCredentials reread = ClientAuth::extract(tokenRequest(again, {}), Params());
    fuzz::require(reread.viaBasic && !reread.malformedBasic && reread.clientId == credentials.clientId &&
                      reread.clientSecret == credentials.clientSecret,
                  "Basic credentials survive encoding");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [authorization, body] = fuzz::splitAt(fuzz::bytes(data, size), '\n');
    const HttpRequest request = tokenRequest(authorization, body);
    const Params params = FormData::parseUrlEncoded(body);
    const ClientCredentials credentials = ClientAuth::extract(request, params);
    fuzz::require(!credentials.malformedBasic || credentials.viaBasic, "only a Basic header is malformed Basic");
    if (credentials.viaBasic && !credentials.malformedBasic && !credentials.clientId.contains(u'\uFFFD') &&
        !credentials.clientSecret.contains(u'\uFFFD'))
        checkBasicRoundTrip(credentials);
    OAuthError error;
    const App *app = ClientAuth::authenticate(credentials, demoOrg(), true, &error);
    fuzz::require(app || !error.error.isEmpty(), "a refused client gets an OAuth error");
    if (app)
        fuzz::require(app->consumerKey == credentials.clientId, "the app found is the one named");
    (void)ClientAuth::bearerToken(request, params);
    return 0;
}
