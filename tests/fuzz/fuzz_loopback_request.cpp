// The loopback receiver's request head (web server flow callback): what a browser, a probe or a
// DNS-rebound page sends to the callback port.

#include "FuzzSupport.h"

#include "callback/LoopbackReceiver.h"

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    // As onReadyRead does: the head ends at the blank line, and a longer head is never parsed.
    const qsizetype end = input.indexOf("\r\n\r\n");
    const QByteArray head = end < 0 ? input : input.left(end);
    if (head.size() > LoopbackReceiver::kMaxRequestBytes)
        return 0;
    const LoopbackEndpoint endpoint{u"localhost"_s, 1717, u"/OauthRedirect"_s};
    const CallbackRequest request = readCallbackRequest(head, endpoint);
    fuzz::require(request.refusal == 0 || request.refusal == 400 || request.refusal == 421, "refusal is 0, 400 or 421");
    if (request.refusal != 0)
        return 0;
    fuzz::require(!request.path.contains('?'), "the path stops at the query");
    fuzz::require(head.contains(request.method + ' ' + request.path), "method and path come from the request line");

    const QString expectedState = u"st4te-from-the-flow"_s;
    const CallbackResult result = LoopbackReceiver::classify(formDecode(request.query), expectedState);
    switch (result.kind) {
    case CallbackResult::Kind::Code:
        fuzz::require(result.receivedState == expectedState && !result.code.isEmpty(), "a code only with our state");
        break;
    case CallbackResult::Kind::Error:
        fuzz::require(result.receivedState == expectedState && !result.error.isEmpty(), "an error says which");
        break;
    case CallbackResult::Kind::BadState:
        fuzz::require(result.receivedState != expectedState, "a bad state is not ours");
        break;
    }
    return 0;
}
