// Token responses and OAuth error bodies (§1.3, §10.1): Salesforce answers JSON, form-urlencoded
// or XML, and a proxy may answer anything. The first byte picks the Content-Type and status.

#include "FuzzSupport.h"

#include "core/FormEncoding.h"
#include "oauth/ErrorCatalog.h"
#include "oauth/ResponseBody.h"
#include "oauth/TokenSet.h"

#include <array>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {

const std::array<QByteArray, 8> kContentTypes = {
    "application/json;charset=UTF-8", "application/x-www-form-urlencoded", "application/xml;charset=UTF-8",
    "text/xml", "text/html;charset=UTF-8", "text/plain", "", "application/JSON"};

// A form answer re-encoded and read again gives the same fields (formEncode/formDecode agree).
void checkFormRoundTrip(const QJsonObject &fields)
{
    FormFields pairs;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        pairs.append({it.key(), it.value().toString()});
    HttpResponse again;
    again.status = 200;
    again.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    again.body = formEncode(pairs);
    const auto reread = parseResponseFields(again);
    fuzz::require(pairs.isEmpty() ? !reread : reread && *reread == fields, "form fields survive formEncode");
}

void readAsTokens(const QJsonObject &fields)
{
    const auto tokens = TokenSet::fromFields(fields);
    if (!tokens)
        return;
    fuzz::require(!tokens->accessToken.isEmpty(), "a token set has an access token");
    (void)tokens->verifySignature(u"fuzz-consumer-secret"_s);
    (void)tokens->orgId();
    (void)tokens->userId();
    (void)tokens->issuedAtTime();
    (void)tokens->toJson();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    HttpResponse response;
    response.status = (data[0] & 0x80) ? 400 : 200;
    const QByteArray type = kContentTypes[data[0] % kContentTypes.size()];
    if (!type.isEmpty())
        response.headers.append({"Content-Type", type});
    response.body = fuzz::bytes(data + 1, size - 1);

    const auto fields = parseResponseFields(response);
    const OAuthErrorBody error = parseOAuthError(response);
    fuzz::require(fields.hasValue() || error.isEmpty(), "no error fields without fields");
    if (!error.isEmpty())
        (void)ErrorCatalog::explain(error.error, error.errorDescription, u"web-server"_s);
    if (!fields)
        return 0;
    if (response.mediaType() == "application/x-www-form-urlencoded" && !response.body.trimmed().startsWith('<'))
        checkFormRoundTrip(*fields);
    readAsTokens(*fields);
    return 0;
}
