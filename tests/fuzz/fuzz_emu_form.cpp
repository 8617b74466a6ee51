// The emulator's request bodies: application/x-www-form-urlencoded and multipart/form-data, as
// any client on loopback may send them. The first line is the Content-Type, the rest the body.

#include "FuzzSupport.h"

#include "emu/FormData.h"

#include <algorithm>
#include <cctype>

using namespace ecalab;
using namespace ecalab::emu;

namespace {

// Form fields encoded and parsed again are the same fields, in the same order.
void checkUrlEncodedRoundTrip(const Params &params)
{
    const Params again = FormData::parseUrlEncoded(FormData::encode(params.items()));
    fuzz::require(again.items() == params.items(), "encode(parseUrlEncoded(x)) parses back to the same fields");
}

// The named parts written as a multipart body with the same boundary parse back the same.
void checkMultipartRoundTrip(const Params &params, const QByteArray &contentType)
{
    // Only a Content-Type whose one boundary= runs to its end in plain characters (RFC 2046 §5.1.1
    // bchars, no space) names the same boundary for this check as for the parser.
    const QByteArray lower = contentType.toLower();
    const QByteArray boundary = contentType.mid(lower.indexOf("boundary=") + 9);
    const bool plainBoundary = lower.count("boundary=") == 1 && !boundary.isEmpty() &&
                               std::all_of(boundary.begin(), boundary.end(), [](char c) {
                                   return std::isalnum(static_cast<unsigned char>(c)) ||
                                          QByteArrayView("'()+_,-./:=?").contains(c);
                               });
    if (!plainBoundary)
        return; // a quoted or unusual boundary: rebuilding its Content-Type is not what is checked here
    QByteArray body;
    for (const auto &[name, value] : params.items())
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name.toUtf8() + "\"\r\n\r\n" +
                value.toUtf8() + "\r\n";
    body += "--" + boundary + "--\r\n";
    const auto again = FormData::parseMultipart(body, contentType);
    fuzz::require(again && again->items() == params.items(), "rebuilt multipart parses back to the same parts");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [contentType, body] = fuzz::splitAt(fuzz::bytes(data, size), '\n');
    const Params form = FormData::parseUrlEncoded(body);
    checkUrlEncodedRoundTrip(form);
    const auto multipart = FormData::parseMultipart(body, contentType);
    if (multipart)
        checkMultipartRoundTrip(*multipart, contentType);
    Params merged = form;
    merged.addMissingFrom(multipart.value_or(Params()));
    for (const auto &[name, value] : form.items())
        fuzz::require(merged.contains(name) && merged.value(name) == form.value(name), "the form's own values win");
    return 0;
}
