// What a site's headless /authorize answers (§6.2): a 302 whose Location carries the code, or a
// JSON body. The first byte picks which; the rest is the Location value or the body.

#include "FuzzSupport.h"

#include "grants/headless/HeadlessConfig.h"
#include "grants/headless/HeadlessRequests.h"

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const bool redirect = data[0] & 1;
    const QByteArray rest = fuzz::bytes(data + 1, size - 1);
    HttpResponse response;
    if (redirect) {
        response.status = 302;
        response.headers = {{"Location", rest}};
    } else {
        response.status = 200;
        response.headers = {{"Content-Type", "application/json;charset=UTF-8"}};
        response.body = rest;
    }
    const auto answer = headless::readAuthorizeAnswer(response);
    if (!answer)
        return 0;
    if (redirect) {
        fuzz::require(answer->location.isValid() && answer->location.hasQuery(), "a redirect answer has a query");
        fuzz::require(answer->fields == headless::queryFields(answer->location), "its fields are its query's");
        HeadlessConfig config;
        config.echoEndpoint = QUrl(u"https://acme.my.site.com/services/oauth2/echo"_s);
        (void)headless::isEchoEndpoint(config, answer->location);
    } else {
        fuzz::require(answer->fields.value(u"code"_s).isString(), "a JSON answer has a code");
    }
    (void)answer->code();
    (void)answer->state();
    (void)answer->error();
    return 0;
}
