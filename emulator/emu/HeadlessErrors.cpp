#include "HeadlessErrors.h"

#include <QJsonDocument>

namespace ecalab::emu::HeadlessErrors {

using namespace Qt::Literals::StringLiterals;

HttpReply reply(int status, const QJsonObject &body)
{
    HttpReply answer = HttpReply::json(status, QJsonDocument(body));
    answer.setHeader("Cache-Control", kNoStoreCacheControl);
    return answer;
}

HttpReply reply(const OAuthError &error)
{
    // QJsonObject writes its members sorted: "error" comes before "error_description", as on the token endpoint.
    return reply(error.status, QJsonObject{{u"error"_s, error.error}, {u"error_description"_s, error.description}});
}

} // namespace ecalab::emu::HeadlessErrors
